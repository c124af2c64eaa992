// Staff on devices through the real hub: the people of a place arrive with their PIN hashes
// (so the device unlocks offline), completed training reaches every place the person works
// at, and revoking a person locks them out of the device at its next sync.
import { afterEach, describe, expect, it } from 'vitest';
import { getStaffSession } from '../../src/client/db/database.ts';
import { unlock } from '../../src/client/db/staff-session.ts';
import { completeTraining } from '../../src/client/db/writes.ts';
import { openDevice } from '../helpers/client.ts';
import { startHub, type TestHub } from '../helpers/hub.ts';

describe('staff on devices', () => {
  let hub: TestHub;
  afterEach(() => hub.close());

  it('unlocks offline, syncs training to all the person’s places, and honours revocation', async () => {
    hub = await startHub();
    let offline = false;
    const central = await openDevice(hub.url, await hub.enrol('central-library'), {
      fetch: (input, init) =>
        offline ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init),
    });
    const eastbury = await openDevice(hub.url, await hub.enrol('eastbury-library'));
    await central.engine.syncOnce();
    expect((await central.db.staff.toArray()).map((s) => s.id).sort()).toEqual([
      'alex-morgan',
      'ruth-hale',
      'tom-evans',
    ]);
    // No PIN, only its hash, ever reaches a device.
    expect(JSON.stringify(await central.db.staff.toArray())).not.toContain('357913');

    offline = true;
    expect(await unlock(central.db, 'tom-evans', '357913')).toEqual({ ok: true });
    const done = await completeTraining(central.db, {
      moduleId: 'blue-badge-training',
      score: 100,
    });
    await expect(central.engine.syncOnce()).rejects.toThrow();
    offline = false;
    await central.engine.syncOnce();
    expect(
      await hub.storage.staff.listTrainingCompletions({ staffIds: ['tom-evans'] }),
    ).toMatchObject([
      {
        id: done.id,
        moduleId: 'blue-badge-training',
        score: 100,
        accessPointId: 'central-library',
      },
    ]);
    await eastbury.engine.syncOnce();
    expect(await eastbury.db.trainingCompletions.get(done.id)).toMatchObject({
      staffId: 'tom-evans',
    });

    await hub.storage.staff.revokeStaff('tom-evans', new Date().toISOString());
    await central.engine.syncOnce();
    expect(await central.db.staff.get('tom-evans')).toBeUndefined();
    expect(await getStaffSession(central.db)).toBeUndefined();
    expect(await unlock(central.db, 'tom-evans', '357913')).toEqual({
      ok: false,
      reason: 'unknown',
    });
  });

  it('refuses training recorded for someone else, or with nobody signed in', async () => {
    hub = await startHub();
    const device = await openDevice(hub.url, await hub.enrol('central-library'), {
      signedIn: 'tom-evans',
    });
    await completeTraining(device.db, { moduleId: 'blue-badge-training', score: 90 });
    // Tampered: the op names Tom but the record names Alex.
    const [entry] = await device.db.outbox.toArray();
    await device.db.outbox.update(entry!.seq!, {
      op: { ...entry!.op, payload: { ...(entry!.op.payload as object), staffId: 'alex-morgan' } },
    });
    await device.engine.syncOnce();
    expect(await device.db.attention.toArray()).toMatchObject([
      { code: 'forbidden', reason: expect.stringContaining('their own training') },
    ]);
  });
});
