// Cases through the real hub: routed from the pack (by area where it says so), due times fixed
// on arrival, shared with the capturing door and the owning partner, never with a kiosk.
import type { CaseLookup } from '../../src/shared/api/staff.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../src/server/features/staff/demo-staff.ts';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import { newId } from '../../src/shared/ids.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';
import { newReference } from '../../src/shared/reference.ts';
import { PROTOCOL_VERSION, type Op } from '../../src/shared/sync/protocol.ts';
import { startHubOn, type TestHub } from '../helpers/hub.ts';

const now = () => new Date().toISOString();

function openOp(deviceId: string, overrides: Record<string, unknown> = {}): Op {
  return {
    id: newId(),
    deviceId,
    kind: 'case.open',
    clientTime: now(),
    payload: {
      id: newId(),
      reference: newReference(),
      type: 'complaint',
      serviceId: 'missed-bin-collection',
      channel: 'face-to-face',
      details: 'Missed three weeks running; resident is 84.',
      contact: { name: 'Ada Jones', phone: '07700 900123', consent: true },
      author: 'Sam (volunteer)',
      openedAt: now(),
      ...overrides,
    },
  };
}

function eventOp(
  deviceId: string,
  caseId: string,
  kind: string,
  extra: Record<string, unknown> = {},
  staffId: string | null = 'alun-davies', // back-office, Northam, at the civic centre
): Op {
  return {
    id: newId(),
    deviceId,
    ...(staffId ? { staffId } : {}),
    kind: 'case.event',
    clientTime: now(),
    payload: {
      id: newId(),
      caseId,
      kind,
      author: 'Alun',
      basedOn: null,
      createdAt: now(),
      ...extra,
    },
  };
}

describe.each(['sqlite', 'postgres'] as const)('cases on %s', (dialect) => {
  let hub: TestHub;
  afterEach(() => hub.close());

  async function ready() {
    hub = await startHubOn(dialect);
    const checked = validatePack(buildDemoPack());
    if (!checked.ok) throw new Error('invalid demo pack');
    await hub.storage.core.publishPack(checked.pack, { now: now() });
  }

  const sync = (token: string, push: Op[], cursor: string | null = null) =>
    hub.app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { authorization: `Bearer ${token}` },
      payload: { type: 'sync', protocolVersion: PROTOCOL_VERSION, push, cursor },
    });

  it('routes by service and postcode area, with due times from the commitment', async () => {
    await ready();
    const tablet = await hub.enrol('mobile-library-2');
    const north = openOp(tablet.deviceId, { location: { postcode: 'NM3 4CD' } });
    const east = openOp(tablet.deviceId, { location: { postcode: 'EB1 5EF' } });
    const res = await sync(tablet.token, [north, east]);
    expect(res.json().results.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'applied',
    ]);
    const cases = await hub.storage.cases.listCases();
    const byRef = (op: Op) =>
      cases.find((c) => c.reference === (op.payload as { reference: string }).reference);
    expect(byRef(north)).toMatchObject({
      ownerPartnerId: 'northam-district-council',
      ownerTeamId: 'waste-collection',
    });
    expect(byRef(east)).toMatchObject({ ownerPartnerId: 'eastbury-borough-council' });
    // Every step of an Eastbury case is Eastbury's, though Northam delivers the service elsewhere.
    for (const due of byRef(east)?.dues ?? []) {
      expect(due.owner.startsWith('eastbury-borough-council/'), due.stepId).toBe(true);
    }
    const dues = byRef(north)?.dues ?? [];
    expect(dues[0]).toMatchObject({ stepId: 'promise', level: 1 });
    expect(dues.length).toBeGreaterThan(1);
    for (const due of dues) expect(Date.parse(due.due)).toBeGreaterThan(Date.now());
  });

  it('reaches the owning partner’s doors and the capturing door, but never a kiosk', async () => {
    await ready();
    const tablet = await hub.enrol('mobile-library-2');
    const council = await hub.enrol('civic-centre'); // run by Northam District Council
    const clinic = await hub.enrol('riverside-health-centre');
    const kioskDevice = await hub.enrol('civic-centre', 'kiosk');
    const opened = openOp(tablet.deviceId, { location: { postcode: 'NM3 4CD' } });
    await sync(tablet.token, [opened]);
    const entities = async (token: string) =>
      ((await sync(token, [])).json().changes as { entity: string }[]).map((c) => c.entity);
    expect(await entities(council.token)).toEqual(expect.arrayContaining(['case', 'caseEvent']));
    expect(await entities(clinic.token)).not.toContain('case');
    expect(await entities(kioskDevice.token)).not.toContain('case');
    expect(JSON.stringify((await sync(kioskDevice.token, [])).json())).not.toContain('Ada Jones');
  });

  it('lets the owner act on a case, refuses strangers, and keeps the audit trail in order', async () => {
    await ready();
    const tablet = await hub.enrol('mobile-library-2');
    const council = await hub.enrol('civic-centre');
    const clinic = await hub.enrol('riverside-health-centre');
    const opened = openOp(tablet.deviceId, { location: { postcode: 'NM3 4CD' } });
    const caseId = (opened.payload as { id: string }).id;
    await sync(tablet.token, [opened]);
    const ack = await sync(council.token, [eventOp(council.deviceId, caseId, 'acknowledged')]);
    expect(ack.json().results[0].status).toBe('applied');
    const stranger = await sync(clinic.token, [
      eventOp(clinic.deviceId, caseId, 'note', { note: 'hello' }, null),
    ]);
    expect(stranger.json().results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    const noReason = await sync(council.token, [eventOp(council.deviceId, caseId, 'escalated')]);
    expect(noReason.json().results[0]).toMatchObject({
      status: 'rejected',
      code: 'invalid-payload',
    });
    const found = await hub.storage.cases.findCaseByReference(
      (opened.payload as { reference: string }).reference,
    );
    expect(found?.events.map((e) => e.kind)).toEqual(['opened', 'routed', 'acknowledged']);
  });

  it('lets only a signed-in person whose role allows it work or escalate a case', async () => {
    await ready();
    const tablet = await hub.enrol('mobile-library-2');
    const council = await hub.enrol('civic-centre');
    const opened = openOp(tablet.deviceId, { location: { postcode: 'NM3 4CD' } });
    const caseId = (opened.payload as { id: string }).id;
    await sync(tablet.token, [opened]);
    const reason = { reason: 'Elderly resident, no bins for three weeks' };
    const refusals = async (token: string, ops: Op[]) =>
      (await sync(token, ops))
        .json()
        .results.map((r: { status: string; reason?: string }) =>
          r.status === 'rejected' ? r.reason : r.status,
        );
    expect(
      await refusals(council.token, [
        // Nobody signed in: the owning team's work needs a person.
        eventOp(council.deviceId, caseId, 'acknowledged', {}, null),
        // Sam volunteers on the mobile libraries, not at the civic centre.
        eventOp(council.deviceId, caseId, 'escalated', reason, 'sam-lee'),
        eventOp(council.deviceId, caseId, 'escalated', reason, 'no-such-person'),
      ]),
    ).toEqual([
      expect.stringContaining('signed-in member of staff'),
      expect.stringContaining('does not work at this place'),
      expect.stringContaining('no member of staff'),
    ]);
    // A volunteer may capture and add notes on their own tablet, not jump the queue.
    expect(
      await refusals(tablet.token, [
        eventOp(tablet.deviceId, caseId, 'escalated', reason, 'sam-lee'),
        eventOp(tablet.deviceId, caseId, 'note', { note: 'Called back' }, 'sam-lee'),
      ]),
    ).toEqual([expect.stringContaining('volunteer may not'), 'applied']);
    // The manager may, once signed in on this device through the hub (a privileged person's
    // ops need that); and once revoked, the back-office officer may no longer.
    const signedIn = await hub.app.inject({
      method: 'POST',
      url: '/api/staff/sessions',
      headers: { authorization: `Bearer ${council.token}` },
      payload: { staffId: 'priya-shah', pin: DEMO_STAFF.find((p) => p.id === 'priya-shah')?.pin },
    });
    expect(signedIn.statusCode, signedIn.body).toBe(201);
    expect(
      await refusals(council.token, [
        eventOp(council.deviceId, caseId, 'escalated', reason, 'priya-shah'),
      ]),
    ).toEqual(['applied']);
    expect(await hub.storage.staff.revokeStaff('alun-davies', now())).toBe(true);
    expect(
      await refusals(council.token, [eventOp(council.deviceId, caseId, 'acknowledged')]),
    ).toEqual([expect.stringContaining('withdrawn')]);
  });

  it('refuses a case for a service the pack does not have, or a reused reference', async () => {
    await ready();
    const tablet = await hub.enrol('mobile-library-2');
    const first = openOp(tablet.deviceId);
    const again = openOp(tablet.deviceId, {
      reference: (first.payload as { reference: string }).reference,
    });
    const ghost = openOp(tablet.deviceId, { serviceId: 'dragon-removal' });
    const results = (await sync(tablet.token, [first, again, ghost])).json().results;
    expect(results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual([
      'applied',
      'conflict',
      'invalid-payload',
    ]);
    expect(await hub.storage.cases.listCases()).toHaveLength(1);
  });

  it('records each commitment as kept or missed when it is settled', async () => {
    await ready();
    const tablet = await hub.enrol('mobile-library-2');
    const council = await hub.enrol('civic-centre');
    const opened = openOp(tablet.deviceId, { location: { postcode: 'NM3 4CD' } });
    const caseId = (opened.payload as { id: string }).id;
    await sync(tablet.token, [opened]);
    const [record] = await hub.storage.cases.listCases();
    const step = record?.dues.find((d) => d.stepId !== 'promise');
    if (!step) throw new Error('the demo commitment has no steps');
    await sync(council.token, [
      eventOp(council.deviceId, caseId, 'step-completed', { stepId: step.stepId }),
    ]);
    await sync(council.token, [eventOp(council.deviceId, caseId, 'resolved')]);
    const db = hub.storage.db;
    const results = await db
      .selectFrom('commitment_results')
      .selectAll()
      .where('case_id', '=', caseId)
      .execute();
    expect(results.map((r) => r.step_id).sort()).toEqual(record!.dues.map((d) => d.stepId).sort());
    expect(results.every((r) => Number(r.kept) === 1)).toBe(true);
  });

  it('keeps a step confirmed not done at resolution as not kept, and refuses priority once resolved', async () => {
    await ready();
    const tablet = await hub.enrol('mobile-library-2');
    const council = await hub.enrol('civic-centre');
    const opened = openOp(tablet.deviceId, { location: { postcode: 'NM3 4CD' } });
    const caseId = (opened.payload as { id: string }).id;
    await sync(tablet.token, [opened]);
    const [record] = await hub.storage.cases.listCases();
    const steps = record!.dues.filter((d) => d.stepId !== 'promise');
    if (steps.length === 0) throw new Error('the demo commitment has no steps');
    const [skipped, ...done] = steps;
    const resolving = [
      ...done.map((d) => eventOp(council.deviceId, caseId, 'step-completed', { stepId: d.stepId })),
      eventOp(council.deviceId, caseId, 'step-not-done', { stepId: skipped!.stepId }),
      eventOp(council.deviceId, caseId, 'resolved'),
    ];
    const applied = (await sync(council.token, resolving)).json().results;
    expect(applied.map((r: { status: string }) => r.status)).toEqual(
      resolving.map(() => 'applied'),
    );
    const results = await hub.storage.db
      .selectFrom('commitment_results')
      .selectAll()
      .where('case_id', '=', caseId)
      .execute();
    const kept = Object.fromEntries(results.map((r) => [r.step_id, Number(r.kept)]));
    expect(kept[skipped!.stepId]).toBe(0);
    for (const d of done) expect(kept[d.stepId]).toBe(1);
    expect(kept.promise).toBe(1);

    // The events reach devices as they were sent; the state says which step was not done.
    const history = await hub.storage.cases.findCaseByReference(record!.reference);
    const kinds = history!.events.map((e) => e.kind);
    expect(kinds).toContain('step-not-done');
    // The counter's look-up (and the team overview, from the same summary) reads that step as
    // not done, never as done because the case was resolved.
    const lookup = await hub.app.inject({
      method: 'GET',
      url: `/api/staff/case-lookup/${record!.reference}`,
      headers: await hub.staffHeaders('tom-evans'),
    });
    const summary = (lookup.json() as CaseLookup & { found: true }).summary;
    const standing = Object.fromEntries(summary.dues.map((d) => [d.stepId, d.status]));
    expect(standing[skipped!.stepId]).toBe('not-done');
    for (const d of done) expect(standing[d.stepId]).toBe('done');

    // Priority for a resolved case: refused when the device had seen the resolution...
    const newest = Math.max(...history!.events.map((e) => e.seq));
    const late = eventOp(council.deviceId, caseId, 'escalated', {
      reason: 'Asked again',
      basedOn: newest,
    });
    const refused = (await sync(council.token, [late])).json().results[0];
    expect(refused.status).toBe('rejected');
    expect(refused.reason).toMatch(/resolved/);
    // ...kept (a clash for a person) when it was made offline before the device knew.
    const offline = eventOp(council.deviceId, caseId, 'escalated', {
      reason: 'Vulnerable tenant',
      basedOn: history!.events.find((e) => e.kind === 'routed')!.seq,
    });
    expect((await sync(council.token, [offline])).json().results[0].status).toBe('applied');
  });
});
