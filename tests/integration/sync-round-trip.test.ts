// Devices and a real hub over HTTP, with the faults the spine must survive: a repeated batch,
// a 500 after commit, a response lost on the way back, and an op the hub refuses.
import { afterEach, describe, expect, it } from 'vitest';
import { SyncError } from '../../src/client/sync/sync-engine.ts';
import { newId } from '../../src/shared/ids.ts';
import { openDevice } from '../helpers/client.ts';
import { staffAt, startHub, type TestHub } from '../helpers/hub.ts';

describe('sync round trips', () => {
  let hub: TestHub;
  afterEach(() => hub.close());

  it('pushes notes once, clears the outbox, and shares them with the access point', async () => {
    hub = await startHub();
    const counter = await openDevice(hub.url, await hub.enrol('central-library'));
    const colleague = await openDevice(hub.url, await hub.enrol('central-library'));
    const elsewhere = await openDevice(hub.url, await hub.enrol('civic-centre'));
    for (let i = 0; i < 3; i++) await counter.write(`note ${i}`);
    expect(await counter.db.outbox.count()).toBe(3);

    const outcome = await counter.engine.syncOnce();
    expect(outcome).toMatchObject({ requests: 1, sent: 3, rejected: 0 });
    expect(await counter.db.outbox.count()).toBe(0);
    expect(await counter.db.contactNotes.count()).toBe(3);
    expect(await hub.storage.contacts.listContactNotes()).toHaveLength(3);

    await colleague.engine.syncOnce();
    expect(await colleague.db.contactNotes.count()).toBe(3);
    await elsewhere.engine.syncOnce();
    expect(await elsewhere.db.contactNotes.count()).toBe(0);

    // Caught up: a no-op sync is one round trip.
    expect((await colleague.engine.syncOnce()).requests).toBe(1);
  });

  it('survives a 500 sent after the hub committed', async () => {
    let failNext = true;
    hub = await startHub({
      configure(app) {
        app.addHook('onSend', async (request, reply, payload) => {
          if (request.url === '/api/sync' && failNext) {
            failNext = false;
            reply.code(500);
            return JSON.stringify({ type: 'error', code: 'internal', message: 'boom' });
          }
          return payload;
        });
      },
    });
    const device = await openDevice(hub.url, await hub.enrol());
    await device.write('one');
    await device.write('two');
    await expect(device.engine.syncOnce()).rejects.toMatchObject({ key: 'server-error' });
    expect(await hub.storage.contacts.listContactNotes()).toHaveLength(2); // committed…
    expect(await device.db.outbox.count()).toBe(2); // …but not acknowledged, so kept.

    await device.engine.syncOnce();
    expect(await device.db.outbox.count()).toBe(0);
    expect(await hub.storage.contacts.listContactNotes()).toHaveLength(2);
    expect(await hub.storage.core.countAppliedOps()).toBe(2);
  });

  it('survives a response that never arrives', async () => {
    hub = await startHub();
    let drop = true;
    const lossy: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (drop) {
        drop = false;
        throw new TypeError('network connection lost');
      }
      return response;
    };
    const device = await openDevice(hub.url, await hub.enrol(), { fetch: lossy });
    await device.write();
    const error = await device.engine.syncOnce().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).retryable).toBe(true);
    const settings = await device.db.settings.get('sync');
    expect(settings).toMatchObject({ lastError: 'unreachable' });

    await device.engine.syncOnce();
    expect(await device.db.outbox.count()).toBe(0);
    expect(await hub.storage.contacts.listContactNotes()).toHaveLength(1);
    expect(await device.db.settings.get('sync')).toMatchObject({ lastError: null });
  });

  it('moves refused ops to "needs attention" and keeps the queue moving', async () => {
    hub = await startHub();
    const device = await openDevice(hub.url, await hub.enrol(), { pushBatch: 10 });
    await device.write('before');
    const { deviceId } = (await device.db.settings.get('device')) as { deviceId: string };
    // Written by a hypothetical newer app: the hub does not know the kind, so rejects it.
    const futureId = newId();
    await device.db.outbox.add({
      opId: futureId,
      recordId: newId(),
      op: {
        id: futureId,
        deviceId,
        kind: 'survey.answer',
        clientTime: new Date().toISOString(),
        payload: {},
      },
    });
    // Structurally broken, so the hub refuses the whole batch until it is isolated.
    const brokenId = newId();
    await device.db.outbox.add({
      opId: brokenId,
      recordId: newId(),
      op: { id: 'broken', deviceId, kind: 'contactNote.create', clientTime: 'soon', payload: {} },
    });
    await device.write('after');

    const outcome = await device.engine.syncOnce();
    expect(outcome.rejected).toBe(2);
    expect(await device.db.outbox.count()).toBe(0);
    const attention = await device.db.attention.toArray();
    expect(attention.map((a) => a.code).sort()).toEqual(['refused-batch', 'unknown-kind']);
    expect(attention.find((a) => a.opId === brokenId)?.reason).toMatch(/UUIDv7/);
    expect((await hub.storage.contacts.listContactNotes()).map((n) => n.note).sort()).toEqual([
      'after',
      'before',
    ]);
  });

  it('stops retrying when the device is revoked, and says so', async () => {
    hub = await startHub();
    const enrolled = await hub.enrol();
    const device = await openDevice(hub.url, enrolled);
    await device.write();
    await hub.storage.core.revokeDevice(enrolled.deviceId, new Date().toISOString());
    const error = await device.engine.syncOnce().catch((e: unknown) => e);
    expect(error).toMatchObject({ key: 'unauthorised', retryable: false });
    expect(await device.db.outbox.count()).toBe(1);
    expect(await hub.storage.core.countAppliedOps()).toBe(0);
  });

  it('pages through a long pull and keeps the cursor in step', async () => {
    hub = await startHub();
    const writer = await openDevice(hub.url, await hub.enrol(), { pushBatch: 200 });
    for (let i = 0; i < 1200; i++) await writer.write(`bulk ${i}`);
    const pushed = await writer.engine.syncOnce();
    expect(pushed).toMatchObject({ sent: 1200, requests: 6 });
    const reader = await openDevice(hub.url, await hub.enrol());
    const pulled = await reader.engine.syncOnce();
    // Every note, plus the staff who work at the device's place.
    expect(pulled.received).toBe(1200 + staffAt('central-library'));
    expect(pulled.requests).toBe(3);
    expect(await reader.db.contactNotes.count()).toBe(1200);
  });
});

describe('batches that fit the body limit', () => {
  it('splits a backlog of long notes in any script into requests the hub accepts', async () => {
    const hub = await startHub();
    try {
      const device = await openDevice(hub.url, await hub.enrol());
      const long = '请在星期二之前收集绿色垃圾桶。'.repeat(130).slice(0, 2000);
      for (let i = 0; i < 700; i++) await device.write(long);
      const outcome = await device.engine.syncOnce();
      expect(outcome.sent).toBe(700);
      expect(outcome.requests).toBeGreaterThan(1);
      expect(await hub.storage.core.countAppliedOps()).toBe(700);
    } finally {
      await hub.close();
    }
  });
});
