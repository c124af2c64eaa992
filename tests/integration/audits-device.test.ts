// An auditor's tablet and the hub (fake-indexeddb + the real server): the pack's standards
// reach the device, the checklist is built there from them, a draft stays on the device, and a
// submitted audit is queued with its record, synced once and scored by the hub.
import { afterEach, describe, expect, it } from 'vitest';
import { saveAuditDraft, submitAudit } from '../../src/client/db/writes.ts';
import { buildChecklist } from '../../src/shared/audit-checklist.ts';
import { newId } from '../../src/shared/ids.ts';
import type { PackContent, Standard } from '../../src/shared/pack/schema.ts';
import { openDevice } from '../helpers/client.ts';
import { startHub, type TestHub } from '../helpers/hub.ts';
import { smallPack } from '../helpers/pack-fixture.ts';

const now = () => new Date().toISOString();
const en = (text: string) => ({ en: text });

const STANDARDS: Standard[] = [
  {
    id: 'welcome',
    title: en('A warm welcome'),
    appliesTo: { accessPointKinds: ['library'], serviceIds: [] },
    checks: [{ id: 'greeted', prompt: en('Greeted within 5 minutes'), weight: 2 }],
  },
  {
    id: 'promises',
    title: en('Our promises are told'),
    appliesTo: { accessPointKinds: [], serviceIds: [] },
    checks: [],
    commitments: { prompt: en('The promise, in its own words:') },
  },
];

describe('audits on a device', () => {
  let hub: TestHub;
  afterEach(() => hub.close());

  it('builds the checklist offline from synced standards and submits the audit once', async () => {
    hub = await startHub();
    const pack: PackContent = { ...smallPack(), standards: STANDARDS };
    await hub.storage.core.publishPack(pack, { now: now() });
    const device = await openDevice(hub.url, await hub.enrol('central-library', 'tablet'), {
      signedIn: 'ruth-hale',
    });
    await device.engine.syncOnce();
    expect((await device.db.standards.toArray()).map((s) => s.id).sort()).toEqual([
      'promises',
      'welcome',
    ]);

    // Everything below reads the device's own tables: it works with no connection.
    const place = await device.db.accessPoints.get('central-library');
    const checklist = buildChecklist(
      {
        standards: await device.db.standards.toArray(),
        commitments: await device.db.commitments.toArray(),
      },
      place!,
    );
    expect(checklist.map((i) => i.id)).toEqual(['promises:pothole-standard', 'welcome/greeted']);
    expect(checklist[0]?.promise).toEqual(en('Made safe within 5 working days.'));

    const id = newId();
    await saveAuditDraft(device.db, {
      id,
      accessPointId: 'central-library',
      items: [{ checkId: 'welcome/greeted', result: 'met', note: 'Greeted at the door.' }],
    });
    expect(await device.db.outbox.count()).toBe(0);
    expect(await device.db.audits.get(id)).toMatchObject({ status: 'draft', staffId: 'ruth-hale' });

    await submitAudit(device.db, {
      id,
      accessPointId: 'central-library',
      items: [
        { checkId: 'welcome/greeted', result: 'met', note: 'Greeted at the door.' },
        { checkId: 'promises:pothole-standard', result: 'not-met', note: 'Not mentioned.' },
      ],
      score: 100, // whatever the device believes, the hub scores it
    });
    expect(await device.db.outbox.count()).toBe(1);
    await expect(
      saveAuditDraft(device.db, { id, accessPointId: 'central-library', items: [] }),
    ).rejects.toThrow(/submitted/);

    await device.engine.syncOnce();
    await device.engine.syncOnce();
    expect(await device.db.outbox.count()).toBe(0);
    expect(await device.db.attention.count()).toBe(0);
    // Greeted (weight 2) met, the promise (weight 1) not told: 2 of 3.
    expect(await hub.storage.audits.findAudit(id)).toMatchObject({
      accessPointId: 'central-library',
      auditorId: 'ruth-hale',
      score: 66.7,
    });
    expect(await hub.storage.audits.auditScores({})).toMatchObject({ overall: { audits: 1 } });

    // A standard withdrawn from the pack leaves the device at its next sync.
    await hub.storage.core.publishPack({ ...pack, standards: [STANDARDS[0]!] }, { now: now() });
    await device.engine.syncOnce();
    expect((await device.db.standards.toArray()).map((s) => s.id)).toEqual(['welcome']);
  });
});
