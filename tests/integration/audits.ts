// Mystery shopping on the hub, against the real app and the demo pack's standards: an auditor's
// audit is applied and scored by the hub (never by the device's figure), only people with the
// `audit` action may submit one, unknown places and checks are refused whole, and scores are
// aggregated per standard, place, partner and month, each reader seeing only their share.
// Run on SQLite and PostgreSQL by audits.sqlite.test.ts and audits.pg.test.ts.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { issueEnrolmentCode } from '../../src/server/features/devices/enrolment-codes.ts';
import { DEMO_ACCESS_POINTS } from '../../src/server/demo-data.ts';
import { DEMO_STAFF, seedDemoStaff } from '../../src/server/features/staff/demo-staff.ts';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import type { AuditScores } from '../../src/server/features/audits/audit-store.ts';
import type { Storage } from '../../src/server/storage.ts';
import { buildChecklist } from '../../src/shared/audit-checklist.ts';
import { newId } from '../../src/shared/ids.ts';
import type { PackContent } from '../../src/shared/pack/schema.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';
import {
  PROTOCOL_VERSION,
  type EnrolResponse,
  type OpResult,
  type SyncResponse,
} from '../../src/shared/sync/protocol.ts';
import type { FuzzStore } from './fuzz-write-endpoints.ts';

const now = () => new Date().toISOString();
type Item = { checkId: string; result: string; note?: string };

export function describeAudits(name: string, store: FuzzStore): void {
  describe(`mystery shopping: ${name}`, () => {
    let storage: Storage;
    let app: FastifyInstance;
    let pack: PackContent;
    /** Ruth Hale's tablet at her base, the Central Library. */
    let tablet: EnrolResponse;
    /** A counter at Northam Civic Centre (Priya Shah, Northam's manager, works there). */
    let civic: EnrolResponse;
    const sessions = new Map<string, string>();

    const audit = (accessPointId: string, items: Item[], extra: Record<string, unknown> = {}) => ({
      id: newId(),
      accessPointId,
      visitedAt: now(),
      items,
      ...extra,
    });

    async function submit(
      payload: unknown,
      staffId: string | null = 'ruth-hale',
      device = tablet,
    ): Promise<OpResult> {
      const res = await app.inject({
        method: 'POST',
        url: '/api/sync',
        headers: { authorization: `Bearer ${device.token}` },
        payload: {
          type: 'sync',
          protocolVersion: PROTOCOL_VERSION,
          cursor: null,
          push: [
            {
              id: newId(),
              deviceId: device.deviceId,
              ...(staffId ? { staffId } : {}),
              kind: 'audit.submit',
              clientTime: now(),
              payload,
            },
          ],
        },
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      return res.json<SyncResponse>().results[0] as OpResult;
    }

    async function signIn(staffId: string, device: EnrolResponse) {
      const pin = DEMO_STAFF.find((s) => s.id === staffId)?.pin;
      const res = await app.inject({
        method: 'POST',
        url: '/api/staff/sessions',
        headers: { authorization: `Bearer ${device.token}` },
        payload: { staffId, pin },
      });
      expect(res.statusCode, res.body).toBe(201);
      sessions.set(staffId, res.json<{ token: string }>().token);
    }

    const scores = (staffId: string, device: EnrolResponse, query = '') =>
      app.inject({
        method: 'GET',
        url: `/api/staff/audits/scores${query}`,
        headers: {
          authorization: `Bearer ${device.token}`,
          'x-staff-session': sessions.get(staffId) ?? 'none',
        },
      });

    async function counts() {
      const count = async (table: 'audits' | 'audit_items') =>
        Number(
          (
            await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(
              storage.db,
            )
          ).rows[0]?.n,
        );
      return { audits: await count('audits'), items: await count('audit_items') };
    }

    beforeAll(async () => {
      storage = await store.create();
      await storage.core.upsertAccessPoints(DEMO_ACCESS_POINTS);
      await seedDemoStaff(storage, now());
      const checked = validatePack(buildDemoPack());
      if (!checked.ok) throw new Error('invalid demo pack');
      pack = checked.pack;
      await storage.core.publishPack(pack, { now: now() });
      app = await buildApp({ storage });
      const enrol = async (place: string, mode: 'counter' | 'tablet') => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/devices/enrol',
          payload: {
            type: 'enrol',
            protocolVersion: PROTOCOL_VERSION,
            code: await issueEnrolmentCode(storage, place),
            deviceName: `Audit test ${place}`,
            mode,
          },
        });
        expect(res.statusCode, res.body).toBe(201);
        return res.json<EnrolResponse>();
      };
      tablet = await enrol('central-library', 'tablet');
      civic = await enrol('civic-centre', 'counter');
      await signIn('ruth-hale', tablet);
      await signIn('tom-evans', tablet);
      await signIn('priya-shah', civic);
      await signIn('alun-davies', civic);
    });

    afterAll(async () => {
      await app?.close();
      if (storage) await store.destroy(storage);
    });

    it('applies an auditor’s audit of another place and scores it itself', async () => {
      const payload = audit(
        'riverside-health-centre',
        [
          {
            checkId: 'welcome/greeted',
            result: 'met',
            note: 'Greeted at once by the receptionist.',
          },
          { checkId: 'welcome/name-badge', result: 'not-met', note: 'No badge on show.' },
          { checkId: 'information/leaflets-current', result: 'partly' },
          { checkId: 'welcome/interpreter', result: 'not-applicable' },
        ],
        // The device claims a perfect score; the hub works it out from the answers.
        { score: 100 },
      );
      expect(await submit(payload)).toMatchObject({ status: 'applied' });
      const stored = await storage.audits.findAudit(payload.id);
      // (2 × 1 + 1 × 0 + 1 × ½) / (2 + 1 + 1): the greeting weighs 2; n/a is left out.
      expect(stored).toMatchObject({
        accessPointId: 'riverside-health-centre',
        partnerId: 'nhs-northshire',
        auditorId: 'ruth-hale',
        score: 62.5,
        packVersion: 1,
      });
      expect(stored?.items).toEqual(
        expect.arrayContaining([
          {
            checkId: 'welcome/greeted',
            standardId: 'welcome',
            serviceId: null,
            result: 'met',
            note: 'Greeted at once by the receptionist.',
            weight: 2,
          },
          expect.objectContaining({ checkId: 'welcome/interpreter', result: 'not-applicable' }),
        ]),
      );
    });

    it('keeps which service a promise check was about, with the pack’s weight', async () => {
      const place = pack.accessPoints.find((ap) => ap.id === 'civic-centre')!;
      const promise = buildChecklist(pack, place).find((i) => i.standardId === 'promises')!;
      const payload = audit('civic-centre', [{ checkId: promise.id, result: 'partly' }]);
      expect(await submit(payload)).toMatchObject({ status: 'applied' });
      const stored = await storage.audits.findAudit(payload.id);
      expect(stored?.score).toBe(50);
      expect(stored?.items[0]).toMatchObject({
        standardId: 'promises',
        serviceId: promise.serviceId,
        weight: 2,
      });
    });

    it('refuses audits from people without the audit action, and from nobody', async () => {
      const before = await counts();
      const payload = audit('riverside-health-centre', [
        { checkId: 'welcome/greeted', result: 'met' },
      ]);
      for (const staffId of ['tom-evans', null]) {
        const result = await submit({ ...payload, id: newId() }, staffId);
        expect(result).toMatchObject({ status: 'rejected', code: 'forbidden' });
      }
      // An auditor whose base is elsewhere may not submit from this place's device either.
      const result = await submit({ ...payload, id: newId() }, 'ruth-hale', civic);
      expect(result).toMatchObject({ status: 'rejected', code: 'forbidden' });
      expect(await counts()).toEqual(before);
    });

    it('refuses unknown places, checks not on the place’s checklist, and nothing to score', async () => {
      const before = await counts();
      const cases: [unknown, RegExp][] = [
        [
          audit('atlantis-library', [{ checkId: 'welcome/greeted', result: 'met' }]),
          /no access point/,
        ],
        // A kiosk check at a library, and a check no standard has.
        [
          audit('central-library', [
            { checkId: 'welcome/greeted', result: 'met' },
            { checkId: 'kiosk-ready/working', result: 'met' },
          ]),
          /not on the checklist.*kiosk-ready\/working/,
        ],
        [audit('central-library', [{ checkId: 'welcome/juggling', result: 'met' }]), /juggling/],
        [
          audit('central-library', [
            { checkId: 'welcome/greeted', result: 'not-applicable' },
            { checkId: 'information/leaflets-current', result: 'not-applicable' },
          ]),
          /nothing to score/,
        ],
      ];
      for (const [payload, reason] of cases) {
        const result = await submit(payload);
        expect(result).toMatchObject({ status: 'rejected', code: 'invalid-payload' });
        if (result.status === 'rejected') expect(result.reason).toMatch(reason);
      }
      expect(await counts()).toEqual(before);
    });

    it('refuses malformed audits whole, with a reason', async () => {
      const before = await counts();
      const good = audit('central-library', [{ checkId: 'welcome/greeted', result: 'met' }]);
      const bad = [
        { ...good, items: [] },
        { ...good, items: [{ checkId: 'welcome/greeted', result: 'brilliant' }] },
        { ...good, items: [good.items[0], good.items[0]] },
        { ...good, items: [{ checkId: 'welcome/greeted', result: 'met', note: 'x'.repeat(2001) }] },
        { ...good, score: -1 },
        { ...good, accessPointId: 'Central Library' },
        { ...good, visitedAt: 'yesterday' },
        { ...good, auditorId: 'someone-else' },
      ];
      for (const payload of bad) {
        const result = await submit(payload);
        expect(result, JSON.stringify(payload).slice(0, 200)).toMatchObject({
          status: 'rejected',
          code: 'invalid-payload',
        });
      }
      expect(await counts()).toEqual(before);
    });

    it('stores a resent audit once, and refuses another audit with the same id', async () => {
      const payload = audit('central-library', [{ checkId: 'welcome/greeted', result: 'met' }]);
      const op = {
        id: newId(),
        deviceId: tablet.deviceId,
        staffId: 'ruth-hale',
        kind: 'audit.submit',
        clientTime: now(),
        payload,
      };
      const push = () =>
        app.inject({
          method: 'POST',
          url: '/api/sync',
          headers: { authorization: `Bearer ${tablet.token}` },
          payload: { type: 'sync', protocolVersion: PROTOCOL_VERSION, cursor: null, push: [op] },
        });
      expect((await push()).json<SyncResponse>().results[0]?.status).toBe('applied');
      const before = await counts();
      expect((await push()).json<SyncResponse>().results[0]?.status).toBe('duplicate');
      expect(await submit(payload)).toMatchObject({ status: 'rejected', code: 'conflict' });
      expect(await counts()).toEqual(before);
    });

    describe('scores', () => {
      // Three audits in two months, on a fresh slate of visit dates (earlier tests visited today).
      const may = '2026-05-10T10:00:00.000Z';
      const june = ['2026-06-12T11:00:00.000Z', '2026-06-20T09:30:00.000Z'];
      const range = '?from=2026-05-01&to=2026-06-30';

      beforeAll(async () => {
        const results = [
          await submit(
            audit(
              'riverside-health-centre',
              [
                { checkId: 'welcome/greeted', result: 'met' },
                { checkId: 'welcome/name-badge', result: 'met' },
              ],
              { visitedAt: may },
            ),
          ),
          await submit(
            audit(
              'riverside-health-centre',
              [
                { checkId: 'welcome/greeted', result: 'not-met' },
                { checkId: 'welcome/name-badge', result: 'met' },
                { checkId: 'information/leaflets-current', result: 'met' },
              ],
              { visitedAt: june[0] },
            ),
          ),
          await submit(
            audit(
              'civic-centre',
              [
                { checkId: 'welcome/greeted', result: 'partly' },
                { checkId: 'welcome/name-badge', result: 'not-met' },
                { checkId: 'information/leaflets-current', result: 'met' },
              ],
              // A device clock with an offset: stored in UTC, so it still falls in June.
              { visitedAt: '2026-06-20T10:30:00+01:00' },
            ),
          ),
        ];
        for (const r of results) expect(r.status).toBe('applied');
      });

      it('aggregates per standard, place, partner and month for the franchisor', async () => {
        const res = await scores('ruth-hale', tablet, range);
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json<AuditScores>();
        // 100, 50 (riverside) and 50 (civic centre).
        expect(body.overall).toEqual({ audits: 3, score: 66.7 });
        expect(body.byMonth).toEqual([
          { month: '2026-05', audits: 1, score: 100 },
          { month: '2026-06', audits: 2, score: 50 },
        ]);
        expect(body.byPartner).toEqual([
          { partnerId: 'nhs-northshire', audits: 2, score: 75 },
          { partnerId: 'northam-district-council', audits: 1, score: 50 },
        ]);
        expect(body.byAccessPoint.map((p) => [p.accessPointId, p.audits, p.score])).toEqual([
          ['riverside-health-centre', 2, 75],
          ['civic-centre', 1, 50],
        ]);
        expect(body.byAccessPoint[0]).toMatchObject({
          name: 'Riverside Health Centre',
          lastVisitedAt: june[0],
        });
        // Welcome: greeted 2+0+1 of 6, badge 1+1+0 of 3 → 5 of 9. Information: 2 of 2.
        expect(body.byStandard).toEqual([
          { standardId: 'information', audits: 2, checks: 2, score: 100 },
          { standardId: 'welcome', audits: 3, checks: 6, score: 55.6 },
        ]);
        expect(body.byAccessPointMonth).toEqual([
          { accessPointId: 'civic-centre', month: '2026-06', audits: 1, score: 50 },
          { accessPointId: 'riverside-health-centre', month: '2026-05', audits: 1, score: 100 },
          { accessPointId: 'riverside-health-centre', month: '2026-06', audits: 1, score: 50 },
        ]);
      });

      it('filters by period, partner and place', async () => {
        const june = (
          await scores('ruth-hale', tablet, '?from=2026-06-01&to=2026-06-30')
        ).json<AuditScores>();
        expect(june.overall).toEqual({ audits: 2, score: 50 });
        const may = (
          await scores('ruth-hale', tablet, '?from=2026-05-01&to=2026-05-31')
        ).json<AuditScores>();
        expect(may.overall).toEqual({ audits: 1, score: 100 });
        const nhs = (
          await scores('ruth-hale', tablet, `${range}&partnerId=nhs-northshire`)
        ).json<AuditScores>();
        expect(nhs.byAccessPoint.map((p) => p.accessPointId)).toEqual(['riverside-health-centre']);
        const civicOnly = (
          await scores('ruth-hale', tablet, `${range}&accessPointId=civic-centre`)
        ).json<AuditScores>();
        expect(civicOnly.overall).toEqual({ audits: 1, score: 50 });
      });

      it('shows a partner’s manager their partner only, and other staff their own places', async () => {
        const mine = await scores('priya-shah', civic, range);
        expect(mine.statusCode, mine.body).toBe(200);
        const body = mine.json<AuditScores>();
        expect(body.byPartner.map((p) => p.partnerId)).toEqual(['northam-district-council']);
        expect(body.byAccessPoint.map((p) => p.accessPointId)).toEqual(['civic-centre']);
        expect(body.overall.audits).toBe(1);
        for (const query of [
          '?partnerId=nhs-northshire',
          '?accessPointId=riverside-health-centre',
        ]) {
          expect((await scores('priya-shah', civic, query)).statusCode).toBe(403);
        }
        // A back-office officer: their own place, one at a time.
        expect((await scores('alun-davies', civic, range)).statusCode).toBe(403);
        const own = await scores('alun-davies', civic, `${range}&accessPointId=civic-centre`);
        expect(own.statusCode).toBe(200);
        expect(own.json<AuditScores>().overall.audits).toBe(1);
        expect(
          (await scores('alun-davies', civic, '?accessPointId=riverside-health-centre')).statusCode,
        ).toBe(403);
      });

      it('refuses bad filters, unknown places and callers without a session', async () => {
        for (const query of [
          '?from=yesterday',
          '?from=2026-06-30&to=2026-06-01',
          '?partnerId=Not%20A%20Slug',
          '?colour=blue',
          '?from=2026-02-30',
        ]) {
          const res = await scores('ruth-hale', tablet, query);
          expect(res.statusCode, query).toBe(400);
          expect(res.json().message).toMatch(/[a-z]{3,}/);
        }
        expect((await scores('ruth-hale', tablet, '?accessPointId=atlantis')).statusCode).toBe(404);
        expect((await scores('nobody', tablet)).statusCode).toBe(401);
        // Tom's session belongs to the tablet, not to the civic centre's counter.
        expect((await scores('tom-evans', civic)).statusCode).toBe(401);
      });
    });
  });
}
