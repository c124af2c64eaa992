// The insight dashboards against small known data, every figure checked exactly: volumes,
// first-contact resolution, cost to serve, channel shift per person, satisfaction, follow-ups,
// commitments (kept, missed, at risk and breached now), audits and the appreciative view; the
// rollups equal to the raw rows after inserts, a merge and a delete; who may see what; CSV.
// Run on SQLite and PostgreSQL (insight.sqlite.test.ts, insight.pg.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { DEMO_STAFF } from '../../src/server/features/staff/demo-staff.ts';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import {
  ROLLUPS,
  deltaTable,
  rawRollupSql,
  storedRollupSql,
  vacuumDeltas,
  type RollupSpec,
} from '../../src/server/features/insight/insight-rollups.ts';
import type { Storage } from '../../src/server/storage.ts';
import type { Dashboard } from '../../src/shared/insight.ts';
import { newId } from '../../src/shared/ids.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';
import { newReference } from '../../src/shared/reference.ts';
import { PROTOCOL_VERSION, type Op } from '../../src/shared/sync/protocol.ts';
import { startHub, type TestHub } from '../helpers/hub.ts';

const CIVIC = 'civic-centre'; // Northam District Council
const LIBRARY = 'central-library'; // Northshire County Council
const EASTBURY = 'eastbury-town-hall'; // Eastbury Borough Council
const RANGE = 'from=2026-01-01&to=2026-06-30';

type ContactSeed = [string, string, string, number, string, string, string | null];
// place, service, channel, tier, outcome, day, customer
const CONTACTS: ContactSeed[] = [
  [CIVIC, 'missed-bin-collection', 'face-to-face', 1, 'resolved', '2026-01-10', 'cust-aaaa0001'],
  [CIVIC, 'missed-bin-collection', 'face-to-face', 1, 'captured', '2026-02-10', 'cust-aaaa0001'],
  [CIVIC, 'missed-bin-collection', 'web', 1, 'self-serve', '2026-05-10', 'cust-aaaa0001'],
  [CIVIC, 'council-tax', 'phone', 1, 'resolved', '2026-06-10', 'cust-aaaa0001'],
  [CIVIC, 'blue-badge', 'face-to-face', 2, 'referred', '2026-02-15', 'cust-bbbb0002'],
  [CIVIC, 'blue-badge', 'face-to-face', 2, 'booked', '2026-04-15', 'cust-bbbb0002'],
  [CIVIC, 'blue-badge', 'web', 2, 'self-serve', '2026-05-15', 'cust-bbbb0002'],
  [LIBRARY, 'library-card', 'face-to-face', 0, 'resolved', '2026-03-01', 'cust-cccc0003'],
  [LIBRARY, 'library-card', 'face-to-face', 1, 'resolved', '2026-06-01', 'cust-cccc0003'],
  [EASTBURY, 'missed-bin-collection', 'face-to-face', 1, 'captured', '2026-01-20', 'cust-dddd0004'],
  [EASTBURY, 'missed-bin-collection', 'web', 0, 'self-serve', '2026-01-21', 'cust-eeee0005'],
  [EASTBURY, 'missed-bin-collection', 'web', 0, 'self-serve', '2026-06-21', 'cust-eeee0005'],
  [LIBRARY, 'library-card', 'kiosk', 0, 'self-serve', '2026-03-05', null],
  [CIVIC, 'missed-bin-collection', 'face-to-face', 1, 'resolved', '2025-12-31', null], // outside
];

// place, partner, rating, reason, day
const FEEDBACK: [string, string, number, string | null, string][] = [
  [CIVIC, 'northam-district-council', 4, 'friendly-staff', '2026-01-10'],
  [CIVIC, 'northam-district-council', 4, 'friendly-staff', '2026-02-10'],
  [CIVIC, 'northam-district-council', 4, null, '2026-03-10'],
  [CIVIC, 'northam-district-council', 3, null, '2026-04-10'],
  [CIVIC, 'northam-district-council', 3, null, '2026-05-10'],
  [LIBRARY, 'northshire-county-council', 4, null, '2026-01-11'],
  [LIBRARY, 'northshire-county-council', 2, 'long-wait', '2026-02-11'],
  [LIBRARY, 'northshire-county-council', 1, 'long-wait', '2026-03-11'],
  [LIBRARY, 'northshire-county-council', 3, null, '2026-04-11'],
  [LIBRARY, 'northshire-county-council', 3, '=HYPERLINK("x","y")', '2026-05-11'],
  [EASTBURY, 'eastbury-borough-council', 4, null, '2026-06-12'],
];

export function describeInsight(
  name: string,
  makeStorage: () => Promise<{ storage?: Storage; drop?: () => Promise<void> }>,
): void {
  describe(`insight dashboards: ${name}`, () => {
    let hub: TestHub;
    let drop: (() => Promise<void>) | undefined;
    let db: Storage['db'];
    let dialect: 'sqlite' | 'postgres';
    const devices = new Map<string, { token: string; deviceId: string }>();
    const sessions = new Map<string, string>();

    const get = (staffId: string, place: string, url: string) =>
      hub.app.inject({
        method: 'GET',
        url,
        headers: {
          authorization: `Bearer ${devices.get(place)?.token}`,
          'x-staff-session': sessions.get(staffId) ?? '',
        },
      });
    const dashboard = async (staffId: string, place: string, query = RANGE) => {
      const res = await get(staffId, place, `/api/staff/insight?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Dashboard>();
    };

    beforeAll(async () => {
      const made = await makeStorage();
      drop = made.drop;
      hub = await startHub(made.storage ? { storage: made.storage } : {});
      db = hub.storage.db;
      dialect = hub.storage.dialect;
      const checked = validatePack(buildDemoPack());
      if (!checked.ok) throw new Error('invalid demo pack');
      await hub.storage.core.publishPack(checked.pack, { now: new Date().toISOString() });
      for (const place of [CIVIC, LIBRARY, EASTBURY, 'mobile-library-2']) {
        devices.set(place, await hub.enrol(place, 'counter'));
      }
      const people: [string, string][] = [
        ['alex-morgan', CIVIC],
        ['priya-shah', CIVIC],
        ['alun-davies', CIVIC],
        ['tom-evans', LIBRARY],
        ['grace-obi', EASTBURY],
        ['sam-lee', 'mobile-library-2'],
      ];
      for (const [staffId, place] of people) {
        const res = await hub.app.inject({
          method: 'POST',
          url: '/api/staff/sessions',
          headers: { authorization: `Bearer ${devices.get(place)?.token}` },
          payload: { staffId, pin: DEMO_STAFF.find((s) => s.id === staffId)?.pin },
        });
        expect(res.statusCode, staffId).toBe(201);
        sessions.set(staffId, res.json<{ token: string }>().token);
      }

      await db
        .insertInto('contacts')
        .values(
          CONTACTS.map(([place, service, channel, tier, outcome, day, customer], i) => ({
            id: `contact-${i}`,
            access_point_id: place,
            device_id: devices.get(place)?.deviceId ?? 'device',
            op_id: `op-contact-${i}`,
            mode: 'counter',
            service_id: service,
            channel,
            tier,
            outcome,
            path: '[]',
            created_at: `${day}T10:00:00.000Z`,
            received_at: `${day}T10:05:00.000Z`,
            customer_id: customer,
          })),
        )
        .execute();
      await db
        .insertInto('feedback')
        .values(
          FEEDBACK.map(([place, partner, rating, reason, day], i) => ({
            id: `feedback-${i}`,
            contact_id: null,
            access_point_id: place,
            partner_id: partner,
            device_id: 'device',
            op_id: `op-feedback-${i}`,
            mode: 'counter',
            service_id: place === LIBRARY ? 'library-card' : 'missed-bin-collection',
            channel: 'face-to-face',
            rating,
            reason,
            comment: null,
            created_at: `${day}T11:00:00.000Z`,
            received_at: `${day}T11:00:00.000Z`,
          })),
        )
        .execute();
      const followup = (
        i: number,
        place: string,
        partner: string,
        sent: boolean,
        courteous: number | null,
        solved: number | null,
      ) => ({
        id: `followup-${i}`,
        contact_id: null,
        access_point_id: place,
        partner_id: partner,
        service_id: null,
        channel: 'face-to-face',
        address_kind: 'email',
        address: null,
        language: 'en',
        token_hash: `hash-${i}`,
        consented_at: '2026-03-01T10:00:00.000Z',
        created_at: '2026-03-01T10:00:00.000Z',
        sent_at: sent ? '2026-03-02T10:00:00.000Z' : null,
        answered_at: courteous === null ? null : '2026-03-03T10:00:00.000Z',
        courteous,
        solved,
        comment: null,
      });
      await db
        .insertInto('followups')
        .values([
          followup(1, CIVIC, 'northam-district-council', true, 1, 1),
          followup(2, CIVIC, 'northam-district-council', true, 1, 0),
          followup(3, CIVIC, 'northam-district-council', true, null, null),
          followup(4, LIBRARY, 'northshire-county-council', false, null, null),
        ])
        .execute();
      const audit = (id: string, place: string, partner: string, day: string, score: number) => ({
        id,
        access_point_id: place,
        partner_id: partner,
        auditor_id: 'ruth-hale',
        device_id: 'device',
        op_id: `op-${id}`,
        visited_at: `${day}T09:00:00.000Z`,
        received_at: `${day}T09:00:00.000Z`,
        score,
      });
      await db
        .insertInto('audits')
        .values([
          audit('audit-1', CIVIC, 'northam-district-council', '2026-01-05', 80),
          audit('audit-2', CIVIC, 'northam-district-council', '2026-02-05', 90),
          audit('audit-3', LIBRARY, 'northshire-county-council', '2026-03-05', 60),
        ])
        .execute();
      await db
        .insertInto('audit_items')
        .values([
          {
            audit_id: 'audit-1',
            check_id: 'c1',
            standard_id: 'greeting',
            service_id: null,
            result: 'met',
            note: null,
          },
          {
            audit_id: 'audit-1',
            check_id: 'c2',
            standard_id: 'privacy',
            service_id: null,
            result: 'partly',
            note: null,
          },
          {
            audit_id: 'audit-1',
            check_id: 'c3',
            standard_id: 'privacy',
            service_id: null,
            result: 'not-applicable',
            note: null,
          },
          {
            audit_id: 'audit-3',
            check_id: 'c1',
            standard_id: 'greeting',
            service_id: null,
            result: 'not-met',
            note: null,
          },
        ])
        .execute();
    });
    afterAll(async () => {
      await hub?.close();
      await drop?.();
    });

    it('counts volumes, first-contact resolution and cost to serve exactly', async () => {
      const d = await dashboard('alex-morgan', CIVIC);
      expect(d.scope).toBe('all');
      expect(d.volumes.total).toBe(13);
      expect(d.volumes.firstContact).toEqual({ n: 9, of: 13 });
      expect(d.volumes.byChannel).toEqual([
        { channel: 'face-to-face', contacts: 7 },
        { channel: 'phone', contacts: 1 },
        { channel: 'web', contacts: 4 },
        { channel: 'kiosk', contacts: 1 },
      ]);
      expect(d.volumes.byTier).toEqual([
        { tier: 0, contacts: 4 },
        { tier: 1, contacts: 6 },
        { tier: 2, contacts: 3 },
      ]);
      expect(d.volumes.byAccessPoint).toEqual([
        { accessPointId: CIVIC, contacts: 7, firstContact: 4 },
        { accessPointId: LIBRARY, contacts: 3, firstContact: 3 },
        { accessPointId: EASTBURY, contacts: 3, firstContact: 2 },
      ]);
      expect(d.volumes.byMonth.map((m) => [m.month, m.contacts, m.faceToFace])).toEqual([
        ['2026-01', 3, 2],
        ['2026-02', 2, 2],
        ['2026-03', 2, 1],
        ['2026-04', 1, 1],
        ['2026-05', 2, 0],
        ['2026-06', 3, 1],
      ]);
      // 7 × £30 + 4 × £0.30 + 1 × £6 + 1 × £0.50
      expect(d.cost.total).toBe(21_000 + 120 + 600 + 50);
      expect(d.cost.byChannel.find((c) => c.channel === 'web')).toEqual({
        channel: 'web',
        contacts: 4,
        unitCost: 30,
        cost: 120,
      });
      expect(d.names[CIVIC]).toBe('Northam Civic Centre');
    });

    it('reads ragged date ranges from day rows and service filters from the raw rows', async () => {
      const ragged = await dashboard('alex-morgan', CIVIC, 'from=2026-01-15&to=2026-06-12');
      expect(ragged.volumes.total).toBe(11);
      const inOneMonth = await dashboard('alex-morgan', CIVIC, 'from=2026-02-11&to=2026-02-20');
      expect(inOneMonth.volumes.total).toBe(1);
      const mostOfJanuary = await dashboard('alex-morgan', CIVIC, 'from=2026-01-02&to=2026-01-30');
      expect(mostOfJanuary.volumes.total).toBe(3);
      const bins = await dashboard(
        'alex-morgan',
        CIVIC,
        'from=2026-01-15&to=2026-06-12&service=missed-bin-collection',
      );
      expect(bins.volumes.byChannel).toEqual([
        { channel: 'face-to-face', contacts: 2 },
        { channel: 'web', contacts: 2 },
      ]);
      expect(bins.volumes.byService).toEqual([
        { serviceId: 'missed-bin-collection', contacts: 4, firstContact: 2 },
      ]);
      const badge = await dashboard(
        'alex-morgan',
        CIVIC,
        `${RANGE}&service=blue-badge&channel=face-to-face`,
      );
      expect(badge.volumes.total).toBe(2);
      expect(badge.volumes.byService).toEqual([
        { serviceId: 'blue-badge', contacts: 2, firstContact: 0 },
      ]);
    });

    it('counts first-contact resolution within a group of contacts', async () => {
      // Same month, place, channel and tier as contact-1 (captured), but resolved.
      await db
        .insertInto('contacts')
        .values({
          id: 'contact-extra',
          access_point_id: CIVIC,
          device_id: 'device',
          op_id: 'op-contact-extra',
          mode: 'counter',
          service_id: 'missed-bin-collection',
          channel: 'face-to-face',
          tier: 1,
          outcome: 'resolved',
          path: '[]',
          created_at: '2026-02-11T10:00:00.000Z',
          received_at: '2026-02-11T10:00:00.000Z',
          customer_id: null,
        })
        .execute();
      const february = await dashboard('alex-morgan', CIVIC, 'from=2026-02-01&to=2026-02-28');
      expect(february.volumes.firstContact).toEqual({ n: 1, of: 3 });
      expect(february.volumes.byAccessPoint).toEqual([
        { accessPointId: CIVIC, contacts: 3, firstContact: 1 },
      ]);
      await db.deleteFrom('contacts').where('id', '=', 'contact-extra').execute();
    });

    it('measures channel shift per person, with the people who moved and the saving', async () => {
      const d = await dashboard('alex-morgan', CIVIC);
      const shift = d.channelShift;
      expect(shift.earlier).toEqual({ from: '2026-01', to: '2026-03' });
      expect(shift.later).toEqual({ from: '2026-04', to: '2026-06' });
      expect([
        shift.faceToFaceEarlier,
        shift.moved,
        shift.both,
        shift.stayed,
        shift.notSeen,
      ]).toEqual([4, 1, 1, 1, 1]);
      // Customer A's later web and phone contacts, against face-to-face.
      expect(shift.saving).toBe(3000 - 30 + (3000 - 600));
      expect(shift.people).toEqual([
        {
          customerRef: 'AAAA0001',
          earlierFaceToFace: 2,
          laterContacts: 2,
          channels: ['phone', 'web'],
          saving: 5370,
        },
      ]);
    });

    it('reports satisfaction, its reasons and the follow-up answers', async () => {
      const d = await dashboard('alex-morgan', CIVIC);
      expect(d.satisfaction.distribution).toEqual([
        { rating: 4, responses: 5 },
        { rating: 3, responses: 4 },
        { rating: 2, responses: 1 },
        { rating: 1, responses: 1 },
      ]);
      expect(d.satisfaction.byAccessPoint).toEqual([
        { accessPointId: CIVIC, responses: 5, satisfied: 5, average: 3.6 },
        { accessPointId: EASTBURY, responses: 1, satisfied: 1, average: 4 },
        { accessPointId: LIBRARY, responses: 5, satisfied: 3, average: 2.6 },
      ]);
      expect(d.satisfaction.reasons).toEqual([
        { reason: 'friendly-staff', responses: 2, poor: 0 },
        { reason: 'long-wait', responses: 2, poor: 2 },
        { reason: '=HYPERLINK("x","y")', responses: 1, poor: 0 },
      ]);
      expect(d.followups).toMatchObject({
        created: 4,
        sent: 3,
        answered: 2,
        courteous: { n: 2, of: 2 },
        solved: { n: 1, of: 2 },
      });
    });

    it('scores audits per place, partner and standard, and names the best beside the median', async () => {
      const d = await dashboard('alex-morgan', CIVIC);
      expect(d.audits.byAccessPoint).toEqual([
        { accessPointId: CIVIC, audits: 2, score: 85 },
        { accessPointId: LIBRARY, audits: 1, score: 60 },
      ]);
      expect(d.audits.byPartner.map((p) => [p.partnerId, p.score])).toEqual([
        ['northam-district-council', 85],
        ['northshire-county-council', 60],
      ]);
      expect(d.audits.byStandard).toEqual([
        { standardId: 'greeting', items: 2, score: 50 },
        { standardId: 'privacy', items: 1, score: 50 },
      ]);
      // Eastbury has one rating only: too few to rank.
      const best = d.appreciative.places.best;
      expect(best.map((p) => p.accessPointId)).toEqual([CIVIC, LIBRARY]);
      expect(best[0]).toMatchObject({
        contacts: 7,
        satisfied: { n: 5, of: 5 },
        firstContact: { n: 4, of: 7 },
        auditScore: 85,
      });
      expect(d.appreciative.places.median?.satisfied).toEqual({ n: 80, of: 100 });
    });

    it('counts commitments kept and missed, and those at risk or breached now', async () => {
      // A real case through sync: its dues become open commitments; resolving it settles them.
      const device = devices.get(CIVIC)!;
      const caseId = newId();
      const push = (ops: Op[]) =>
        hub.app.inject({
          method: 'POST',
          url: '/api/sync',
          headers: { authorization: `Bearer ${device.token}` },
          payload: {
            type: 'sync',
            protocolVersion: PROTOCOL_VERSION,
            push: ops,
            cursor: null,
            pullLimit: 1,
          },
        });
      const opened = await push([
        {
          id: newId(),
          deviceId: device.deviceId,
          staffId: 'alun-davies',
          kind: 'case.open',
          clientTime: new Date().toISOString(),
          payload: {
            id: caseId,
            reference: newReference(),
            type: 'complaint',
            serviceId: 'missed-bin-collection',
            channel: 'face-to-face',
            details: 'Missed again.',
            location: { postcode: 'NM3 4CD' },
            author: 'Alun Davies',
            openedAt: new Date().toISOString(),
          },
        },
      ]);
      expect(opened.json().results[0].status).toBe('applied');
      const open = await db
        .selectFrom('insight_open_dues')
        .selectAll()
        .where('case_id', '=', caseId)
        .execute();
      expect(open.length).toBeGreaterThan(0);
      const { partner_id: partner, team_id: team } = open.find((o) => o.step_id === 'promise')!;
      const ask = (now: string) =>
        hub.storage.insight.insightDashboard(
          { from: '2026-01-01', to: '2099-12-31' },
          { kind: 'all' },
          now,
        );
      // Long after every due time, every open commitment is breached; right now none is.
      const later = await ask('2099-01-01T00:00:00.000Z');
      expect(later.commitments.byTeam.find((t) => t.teamId === team)).toMatchObject({
        breached: open.filter((o) => o.team_id === team).length,
        atRisk: 0,
      });
      const promise = open.find((o) => o.step_id === 'promise')!;
      const atRisk = await ask(promise.at_risk_at);
      expect(
        atRisk.commitments.byService.find((s) => s.serviceId === 'missed-bin-collection')?.atRisk,
      ).toBeGreaterThanOrEqual(1);
      const resolved = await push([
        {
          id: newId(),
          deviceId: device.deviceId,
          staffId: 'alun-davies',
          kind: 'case.event',
          clientTime: new Date().toISOString(),
          payload: {
            id: newId(),
            caseId,
            kind: 'resolved',
            author: 'Alun Davies',
            basedOn: null,
            createdAt: new Date().toISOString(),
          },
        },
      ]);
      expect(resolved.json().results[0].status).toBe('applied');
      expect(
        await db
          .selectFrom('insight_open_dues')
          .selectAll()
          .where('case_id', '=', caseId)
          .execute(),
      ).toEqual([]);
      const after = await ask('2099-01-01T00:00:00.000Z');
      const row = after.commitments.byTeam.find(
        (t) => t.partnerId === partner && t.teamId === team,
      );
      expect(row).toMatchObject({
        kept: open.filter((o) => o.team_id === team).length,
        missed: 0,
        breached: 0,
      });
    });

    const rows = async (text: string) =>
      ((await sql.raw(text).execute(db)).rows as Record<string, unknown>[])
        .map((r) => Object.values(r).map(String).join('|'))
        .sort();
    /** Rows waiting in the PostgreSQL rollups' delta tables. */
    const pending = async () => {
      let n = 0;
      for (const spec of Object.values(ROLLUPS) as RollupSpec[]) {
        n += (await rows(`select 1 from ${deltaTable(spec)}`)).length;
      }
      return n;
    };
    const figures = () =>
      hub.storage.insight.insightDashboard(
        { from: '2025-01-01', to: '2027-12-31' },
        { kind: 'all' },
        '2026-06-01T00:00:00.000Z',
      );
    const expectRollupsExact = async () => {
      for (const spec of Object.values(ROLLUPS) as RollupSpec[]) {
        for (const grain of spec.grains) {
          const raw = await rows(rawRollupSql(spec, dialect, grain));
          expect(
            await rows(storedRollupSql(spec, grain, dialect)),
            `${spec.table} ${grain}`,
          ).toEqual(raw);
          expect(raw.length, spec.table).toBeGreaterThan(0);
        }
      }
    };

    it('keeps every rollup equal to its raw rows through inserts, a merge and a delete', async () => {
      // A merge moves a customer's contacts to another record; an erasure may delete rows.
      await db
        .updateTable('contacts')
        .set({ customer_id: 'cust-aaaa0001' })
        .where('customer_id', '=', 'cust-eeee0005')
        .execute();
      await db.deleteFrom('contacts').where('id', '=', 'contact-13').execute();
      await db
        .insertInto('feedback')
        .values({
          id: 'feedback-gone',
          contact_id: null,
          access_point_id: CIVIC,
          partner_id: 'northam-district-council',
          device_id: 'device',
          op_id: 'op-feedback-gone',
          mode: 'kiosk',
          service_id: null,
          channel: 'kiosk',
          rating: 1,
          reason: 'gone',
          comment: null,
          created_at: '2026-02-02T10:00:00.000Z',
          received_at: '2026-02-02T10:00:00.000Z',
        })
        .execute();
      await db.deleteFrom('feedback').where('id', '=', 'feedback-gone').execute();
      // PostgreSQL: first with the deltas the triggers appended, then with them folded in.
      const unfolded = await figures();
      const deltas = dialect === 'postgres' ? await pending() : 0;
      for (const fold of [false, true]) {
        if (fold) {
          expect(await hub.storage.insight.foldInsight()).toBe(deltas);
        }
        await expectRollupsExact();
      }
      if (dialect === 'postgres') {
        expect(deltas).toBeGreaterThan(0);
        expect(await pending()).toBe(0);
        expect(await hub.storage.insight.foldInsight()).toBe(0);
      }
      expect(await figures()).toEqual(unfolded);
      // Put the data back as the other tests expect it.
      await db
        .updateTable('contacts')
        .set({ customer_id: 'cust-eeee0005' })
        .where('id', 'in', ['contact-10', 'contact-11'])
        .execute();
    });

    it('stays exact while many writers count the same service and folds run between them', async () => {
      const before = await figures();
      const copies = 16;
      // Each writer copies every contact in its own transaction (one service's rows collide in
      // every rollup), while folds run in a loop until the writers are done.
      let writing = true;
      const folds = (async () => {
        let moved = 0;
        while (writing) moved += await hub.storage.insight.foldInsight();
        return moved;
      })();
      // A reader meanwhile sees whole transactions only: never a fold half done.
      const seen: number[] = [];
      const reads = (async () => {
        while (writing) seen.push((await figures()).volumes.total);
      })();
      await Promise.all(
        Array.from({ length: copies }, (_, i) =>
          db.transaction().execute(async (trx) => {
            await sql`insert into contacts (id, access_point_id, device_id, op_id, mode, service_id,
                channel, tier, outcome, path, created_at, received_at, customer_id)
              select id || ${`-copy-${i}`}, access_point_id, device_id, op_id || ${`-copy-${i}`},
                mode, service_id, channel, tier, outcome, path, created_at, received_at, customer_id
              from contacts where id not like '%-copy-%'`.execute(trx);
          }),
        ),
      );
      writing = false;
      await Promise.all([folds, reads]);
      expect(seen.length).toBeGreaterThan(0);
      for (const total of seen) expect(total % before.volumes.total).toBe(0);
      await expectRollupsExact();
      const during = await figures();
      expect(during.volumes.total).toBe(before.volumes.total * (copies + 1));
      await hub.storage.insight.foldInsight();
      if (dialect === 'postgres') {
        expect(await pending()).toBe(0);
        // What the hub does after big folds: the deleted rows' pages given back.
        await vacuumDeltas(db as never, (Object.values(ROLLUPS) as RollupSpec[]).map(deltaTable));
        await expect(vacuumDeltas(db as never, ['contacts'])).rejects.toThrow(/not a delta/);
      }
      expect(await figures()).toEqual(during);
      await db.deleteFrom('contacts').where('id', 'like', '%-copy-%').execute();
      await expectRollupsExact();
      expect(await figures()).toEqual(before);
    });

    it('scopes by role: a partner manager sees only their partner, counter staff their places', async () => {
      const manager = await dashboard('priya-shah', CIVIC);
      expect(manager.scope).toBe('partner');
      expect(manager.volumes.total).toBe(7);
      expect(manager.satisfaction.byAccessPoint.map((r) => r.accessPointId)).toEqual([CIVIC]);
      expect(manager.audits.byPartner.map((r) => r.partnerId)).toEqual([
        'northam-district-council',
      ]);
      expect(manager.channelShift.faceToFaceEarlier).toBe(2);
      expect(JSON.stringify(manager)).not.toContain(LIBRARY);
      expect(JSON.stringify(manager)).not.toContain(EASTBURY);
      for (const query of [
        `${RANGE}&partner=eastbury-borough-council`,
        `${RANGE}&accessPoint=${EASTBURY}`,
      ]) {
        const res = await get('priya-shah', CIVIC, `/api/staff/insight?${query}`);
        expect(res.statusCode).toBe(403);
      }
      const counter = await dashboard('tom-evans', LIBRARY);
      expect(counter.scope).toBe('places');
      expect(counter.volumes.total).toBe(3);
      expect(counter.volumes.byAccessPoint.map((r) => r.accessPointId)).toEqual([LIBRARY]);
      expect(
        (await get('tom-evans', LIBRARY, `/api/staff/insight?accessPoint=${CIVIC}`)).statusCode,
      ).toBe(403);
      const franchisor = await dashboard(
        'alex-morgan',
        CIVIC,
        `${RANGE}&partner=northam-district-council&channel=face-to-face`,
      );
      expect(franchisor.volumes.total).toBe(4);
      expect(
        (await get('sam-lee', 'mobile-library-2', `/api/staff/insight?${RANGE}`)).statusCode,
      ).toBe(403);
    });

    it('refuses a bad filter with a 400 that says why', async () => {
      for (const query of [
        'from=2026-13-45',
        'from=2026-06-01&to=2026-01-01',
        'channel=pigeon',
        'tier=7',
        'service=%00x',
      ]) {
        const res = await get('alex-morgan', CIVIC, `/api/staff/insight?${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(res.json().message).toMatch(/filter/);
      }
    });

    it('exports every table as CSV, with formulas made inert', async () => {
      const res = await get(
        'alex-morgan',
        CIVIC,
        `/api/staff/insight/satisfaction-reasons.csv?${RANGE}`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.body).toBe(
        'reason,responses,poor_or_very_poor\r\nfriendly-staff,2,0\r\nlong-wait,2,2\r\n' +
          `"'=HYPERLINK(""x"",""y"")",1,0\r\n`,
      );
      const people = await get(
        'alex-morgan',
        CIVIC,
        `/api/staff/insight/channel-shift-people.csv?${RANGE}`,
      );
      expect(people.body.split('\r\n')[1]).toBe('AAAA0001,2,2,phone web,53.70');
      expect((await get('alex-morgan', CIVIC, '/api/staff/insight/secrets.csv')).statusCode).toBe(
        404,
      );
      const theirs = await get(
        'priya-shah',
        CIVIC,
        `/api/staff/insight/volumes-by-access-point.csv?${RANGE}`,
      );
      expect(theirs.body).not.toContain(LIBRARY);
    });

    it('lets only the franchisor change unit costs, and prices contacts with them', async () => {
      const put = (staffId: string, payload: unknown) =>
        hub.app.inject({
          method: 'PUT',
          url: '/api/staff/insight-unit-costs',
          headers: {
            authorization: `Bearer ${devices.get(CIVIC)?.token}`,
            'x-staff-session': sessions.get(staffId) ?? '',
            'content-type': 'application/json',
          },
          payload: JSON.stringify(payload),
        });
      expect((await put('priya-shah', { costs: { web: 1 } })).statusCode).toBe(403);
      for (const bad of [
        { costs: { web: -1 } },
        { costs: { pigeon: 5 } },
        { costs: {} },
        { costs: { web: 1.5 } },
      ]) {
        expect((await put('alex-morgan', bad)).statusCode).toBe(400);
      }
      const ok = await put('alex-morgan', { costs: { web: 50 } });
      expect(ok.statusCode).toBe(200);
      const d = await dashboard('alex-morgan', CIVIC);
      expect(d.cost.total).toBe(21_000 + 4 * 50 + 600 + 50);
      expect(d.channelShift.saving).toBe(3000 - 50 + (3000 - 600));
      await put('alex-morgan', { costs: { web: 30 } });
      // Malformed and hostile bodies: a 400 that says why, and the costs untouched.
      const before = await hub.storage.insight.loadUnitCosts();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.jsonValue({ maxDepth: 3 }),
            fc.record({ costs: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 })) }),
            fc.record({
              costs: fc.record({
                web: fc.oneof(fc.double(), fc.integer({ min: -5, max: 200_000 }), fc.string()),
              }),
            }),
          ),
          async (body) => {
            const res = await put('alex-morgan', body);
            if (res.statusCode === 200) {
              await put('alex-morgan', { costs: before });
              return;
            }
            expect(res.statusCode, JSON.stringify(body)).toBe(400);
            // A "__proto__" key is refused by the JSON parser itself (prototype poisoning).
            expect(res.json().message).toMatch(/Unit costs|not valid JSON/);
            expect(await hub.storage.insight.loadUnitCosts()).toEqual(before);
          },
        ),
        { numRuns: 150 },
      );
    });
  });
}
