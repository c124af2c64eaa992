// Citizens' reviews end to end on the hub, run on SQLite and PostgreSQL: a review submitted
// from a kiosk or a counter waits unseen; a moderator's approval publishes it to every device
// and into the HSDS output; a rejection needs a reason and every decision is kept; a partner's
// manager moderates only their partner's reviews; bad submissions are refused whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hsdsId } from '../../src/server/features/hsds/hsds-ids.ts';
import { REVIEW_FORM_TEXT } from '../../src/server/features/reviews/review-form-text.ts';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import { DEMO_STAFF } from '../../src/server/features/staff/demo-staff.ts';
import type { ReviewRecord } from '../../src/server/features/reviews/review-store.ts';
import type { Storage } from '../../src/server/storage.ts';
import { newId } from '../../src/shared/ids.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';
import { publishedReview } from '../../src/shared/review.ts';
import {
  PROTOCOL_VERSION,
  type Change,
  type EnrolResponse,
  type Op,
  type SyncResponse,
} from '../../src/shared/sync/protocol.ts';
import { hsdsValidator } from '../helpers/hsds-schemas.ts';
import { startHub, type TestHub } from '../helpers/hub.ts';

export type ReviewStore = () => Promise<{ storage?: Storage; drop?: () => Promise<void> }>;

const HOSTILE = '<img src=x onerror="window.__pwned=1"> Officer Jenkins, ring 07700 900123';

function reviewOp(deviceId: string, overrides: Record<string, unknown> = {}, staffId?: string): Op {
  const now = new Date().toISOString();
  return {
    id: newId(),
    deviceId,
    kind: 'review.submit',
    clientTime: now,
    ...(staffId ? { staffId } : {}),
    payload: {
      id: newId(),
      targetKind: 'service',
      targetId: 'missed-bin-collection',
      rating: 5,
      body: 'Reported at the library and the bin was collected the next day.',
      createdAt: now,
      ...overrides,
    },
  };
}

export function describeReviews(name: string, store: ReviewStore): void {
  describe(`citizens' reviews and their moderation: ${name}`, () => {
    let hub: TestHub;
    let drop: (() => Promise<void>) | undefined;
    let kiosk: EnrolResponse;
    let counter: EnrolResponse;
    /** The franchisor's device (central library) and the district manager's (civic centre). */
    let franchisorDevice: EnrolResponse;
    let managerDevice: EnrolResponse;
    let franchisor: string;
    let manager: string;
    let clerk: string;
    const cursors = new Map<string, string | null>();

    const sync = async (device: EnrolResponse, push: Op[] = []): Promise<SyncResponse> => {
      const res = await hub.app.inject({
        method: 'POST',
        url: '/api/sync',
        headers: { authorization: `Bearer ${device.token}` },
        payload: {
          type: 'sync',
          protocolVersion: PROTOCOL_VERSION,
          push,
          cursor: cursors.get(device.deviceId) ?? null,
          pullLimit: 1000,
        },
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const body = res.json<SyncResponse>();
      cursors.set(device.deviceId, body.cursor);
      return body;
    };
    /** Every change a device pulls from where it last stopped. */
    const pullAll = async (device: EnrolResponse): Promise<Change[]> => {
      const changes: Change[] = [];
      for (;;) {
        const body = await sync(device);
        changes.push(...body.changes);
        if (!body.hasMore) return changes;
      }
    };
    const reviewChanges = async (device: EnrolResponse) =>
      (await pullAll(device)).filter((c) => c.entity === 'review');

    const signIn = async (device: EnrolResponse, staffId: string): Promise<string> => {
      const person = DEMO_STAFF.find((p) => p.id === staffId);
      const res = await hub.app.inject({
        method: 'POST',
        url: '/api/staff/sessions',
        headers: { authorization: `Bearer ${device.token}` },
        payload: { staffId, pin: person?.pin },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ token: string }>().token;
    };
    const asStaff = (device: EnrolResponse, session: string) => ({
      authorization: `Bearer ${device.token}`,
      'x-staff-session': session,
    });
    const list = async (device: EnrolResponse, session: string, status = 'pending') => {
      const res = await hub.app.inject({
        method: 'GET',
        url: `/api/staff/reviews?status=${status}`,
        headers: asStaff(device, session),
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      return res.json<ReviewRecord[]>();
    };
    const decide = (device: EnrolResponse, session: string, id: string, body: unknown) =>
      hub.app.inject({
        method: 'POST',
        url: `/api/staff/reviews/${id}/decision`,
        headers: asStaff(device, session),
        payload: body as object,
      });
    const hsdsService = async (serviceId: string) => {
      const res = await hub.app.inject({
        method: 'GET',
        url: `/hsds/services/${hsdsId('service', serviceId)}`,
      });
      expect(res.statusCode).toBe(200);
      return res.json<{
        attributes: { value?: string; taxonomy_term: { code: string; taxonomy_id: string } }[];
      }>();
    };
    const ratingOf = (attributes: { value?: string; taxonomy_term: { code: string } }[]) =>
      Object.fromEntries(
        attributes.filter((a) => a.value !== undefined).map((a) => [a.taxonomy_term.code, a.value]),
      );

    beforeAll(async () => {
      const made = await store();
      drop = made.drop;
      hub = await startHub(made.storage ? { storage: made.storage } : {});
      const pack = validatePack(buildDemoPack());
      if (!pack.ok) throw new Error('invalid demo pack');
      await hub.storage.core.publishPack(pack.pack, { now: new Date().toISOString() });
      kiosk = await hub.enrol('civic-centre', 'kiosk');
      counter = await hub.enrol('central-library', 'counter');
      franchisorDevice = await hub.enrol('central-library', 'counter');
      managerDevice = await hub.enrol('civic-centre', 'counter');
      franchisor = await signIn(franchisorDevice, 'alex-morgan');
      manager = await signIn(managerDevice, 'priya-shah');
      clerk = await signIn(counter, 'tom-evans');
      for (const d of [kiosk, counter, franchisorDevice, managerDevice]) await pullAll(d);
    });
    afterAll(async () => {
      await hub?.close();
      await drop?.();
    });

    it('keeps a submitted review pending: in no feed, on no device, not in HSDS', async () => {
      const op = reviewOp(kiosk.deviceId, { rating: 2, body: HOSTILE, title: 'Slow' });
      const result = await sync(kiosk, [op]);
      expect(result.results).toEqual([{ status: 'applied', opId: op.id }]);
      // Sent again (a lost reply): a duplicate, stored once.
      expect((await sync(kiosk, [op])).results[0]?.status).toBe('duplicate');
      for (const d of [kiosk, counter, managerDevice]) expect(await reviewChanges(d)).toEqual([]);
      const pending = await list(franchisorDevice, franchisor);
      const stored = pending.find((r) => r.id === (op.payload as { id: string }).id);
      // Kept exactly as typed, screened for the moderator, from an anonymous kiosk.
      expect(stored).toMatchObject({
        status: 'pending',
        body: HOSTILE,
        title: 'Slow',
        displayName: null,
        mode: 'kiosk',
        partnerId: 'northam-district-council',
        decisions: [],
      });
      expect(stored?.flags).toEqual(['markup', 'phone', 'personal-name']);
      expect(ratingOf((await hsdsService('missed-bin-collection')).attributes)).toEqual({});
    });

    it('publishes an approved review to every device, kiosks too, and into HSDS', async () => {
      const ops = [
        reviewOp(counter.deviceId, { rating: 5, displayName: 'Ann from Eastbury' }, 'tom-evans'),
        reviewOp(counter.deviceId, { rating: 4, title: 'Fine' }),
      ];
      expect((await sync(counter, ops)).results.map((r) => r.status)).toEqual([
        'applied',
        'applied',
      ]);
      const before = await hsdsService('missed-bin-collection');
      for (const op of ops) {
        const id = (op.payload as { id: string }).id;
        const res = await decide(managerDevice, manager, id, { decision: 'approve' });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json<ReviewRecord>()).toMatchObject({
          status: 'published',
          decisions: [{ decision: 'approve', reason: '', staffId: 'priya-shah' }],
        });
      }
      for (const device of [kiosk, counter, franchisorDevice]) {
        const changes = await reviewChanges(device);
        expect(changes.map((c) => c.id).sort()).toEqual(
          ops.map((o) => (o.payload as { id: string }).id).sort(),
        );
        for (const change of changes) {
          // What devices get is the public review only: no place, device or flags.
          const parsed = publishedReview.safeParse(change.data);
          expect(parsed.success, JSON.stringify(change.data)).toBe(true);
          expect(Object.keys(change.data as object)).not.toContain('accessPointId');
        }
      }
      // The HSDS ratings follow the moderation at once (the mapped copy is rebuilt).
      expect(ratingOf(before.attributes)).toEqual({});
      const after = await hsdsService('missed-bin-collection');
      expect(ratingOf(after.attributes)).toEqual({ average: '4.5', count: '2' });
      const validator = hsdsValidator();
      expect(validator.errors('service.json', after)).toEqual([]);
      // Approving twice changes nothing.
      const again = await decide(managerDevice, manager, (ops[0]?.payload as { id: string }).id, {
        decision: 'approve',
      });
      expect(again.statusCode).toBe(409);
    });

    it('rates partners too, in the HSDS organization, valid against the official schema', async () => {
      const op = reviewOp(counter.deviceId, {
        targetKind: 'partner',
        targetId: 'northshire-county-council',
        rating: 3,
      });
      expect((await sync(counter, [op])).results[0]?.status).toBe('applied');
      const id = (op.payload as { id: string }).id;
      expect(
        (await decide(franchisorDevice, franchisor, id, { decision: 'approve' })).statusCode,
      ).toBe(200);
      const res = await hub.app.inject({
        method: 'GET',
        url: `/hsds/organizations/${hsdsId('organization', 'northshire-county-council')}`,
      });
      const organization = res.json<{ attributes: Parameters<typeof ratingOf>[0] }>();
      expect(ratingOf(organization.attributes)).toEqual({ average: '3.0', count: '1' });
      expect(hsdsValidator().errors('organization.json', organization)).toEqual([]);
      const terms = await hub.app.inject({
        method: 'GET',
        url: `/hsds/taxonomy_terms?taxonomy_id=${hsdsId('taxonomy', 'ratings')}`,
      });
      const codes = terms.json<{ contents: { code: string }[] }>().contents.map((t) => t.code);
      expect(codes.sort()).toEqual(['average', 'count']);
    });

    it('rejects only with a reason, keeps every decision, and withdraws a published review', async () => {
      const op = reviewOp(kiosk.deviceId, { rating: 1, body: 'Officer Jenkins was useless' });
      await sync(kiosk, [op]);
      const id = (op.payload as { id: string }).id;
      const noReason = await decide(managerDevice, manager, id, { decision: 'reject' });
      expect(noReason.statusCode).toBe(400);
      expect((await list(managerDevice, manager)).map((r) => r.id)).toContain(id);
      const rejected = await decide(managerDevice, manager, id, {
        decision: 'reject',
        reason: 'Names a member of staff.',
      });
      expect(rejected.statusCode, rejected.body).toBe(200);
      const record = rejected.json<ReviewRecord>();
      expect(record.status).toBe('rejected');
      expect(record.decisions).toHaveLength(1);
      expect(record.decisions[0]).toMatchObject({
        decision: 'reject',
        reason: 'Names a member of staff.',
        staffId: 'priya-shah',
        staffName: 'Priya Shah',
      });
      expect(Date.parse(record.decisions[0]?.decidedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
      expect(await reviewChanges(kiosk)).toEqual([]);
      expect((await list(managerDevice, manager, 'rejected')).map((r) => r.id)).toContain(id);

      // A published review withdrawn later leaves every device; the record of both decisions stays.
      const [published] = await list(managerDevice, manager, 'published');
      if (!published) throw new Error('nothing published');
      const withdrawn = await decide(managerDevice, manager, published.id, {
        decision: 'reject',
        reason: 'Complaint from the citizen named.',
      });
      expect(withdrawn.statusCode).toBe(200);
      expect(withdrawn.json<ReviewRecord>().decisions.map((d) => d.decision)).toEqual([
        'approve',
        'reject',
      ]);
      const gone = (await reviewChanges(counter)).filter((c) => c.id === published.id);
      expect(gone).toEqual([expect.objectContaining({ op: 'delete' })]);
      expect(ratingOf((await hsdsService('missed-bin-collection')).attributes)).toMatchObject({
        count: '1',
      });
    });

    it("lets a partner's manager moderate only that partner's reviews", async () => {
      const countyService = reviewOp(counter.deviceId, { targetId: 'blue-badge' });
      const countyItself = reviewOp(counter.deviceId, {
        targetKind: 'partner',
        targetId: 'northshire-county-council',
      });
      const districtItself = reviewOp(counter.deviceId, {
        targetKind: 'partner',
        targetId: 'northam-district-council',
      });
      await sync(counter, [countyService, countyItself, districtItself]);
      const idOf = (op: Op) => (op.payload as { id: string }).id;
      const theirs = await list(managerDevice, manager);
      expect(theirs.map((r) => r.id)).toContain(idOf(districtItself));
      expect(theirs.every((r) => r.partnerId === 'northam-district-council')).toBe(true);
      const all = await list(franchisorDevice, franchisor);
      expect(all.map((r) => r.id)).toEqual(
        expect.arrayContaining([idOf(countyService), idOf(countyItself), idOf(districtItself)]),
      );
      for (const op of [countyService, countyItself]) {
        const res = await decide(managerDevice, manager, idOf(op), { decision: 'approve' });
        expect(res.statusCode).toBe(403);
      }
      expect((await list(franchisorDevice, franchisor)).map((r) => r.id)).toContain(
        idOf(countyService),
      );
      // Counter staff may not moderate at all; nobody may without a session.
      const counterList = await hub.app.inject({
        method: 'GET',
        url: '/api/staff/reviews',
        headers: asStaff(counter, clerk),
      });
      expect(counterList.statusCode).toBe(403);
      const noSession = await hub.app.inject({
        method: 'POST',
        url: `/api/staff/reviews/${idOf(districtItself)}/decision`,
        headers: { authorization: `Bearer ${managerDevice.token}` },
        payload: { decision: 'approve' },
      });
      expect(noSession.statusCode).toBe(401);
      // A session is tied to its device: the manager's token on another device is refused.
      const elsewhere = await decide(counter, manager, idOf(districtItself), {
        decision: 'approve',
      });
      expect(elsewhere.statusCode).toBe(401);
      expect((await list(managerDevice, manager)).map((r) => r.id)).toContain(idOf(districtItself));
    });

    it('takes reviews from phones through a public no-script form, held like any other', async () => {
      // Every language says everything the English page says.
      const keys = (o: object) => Object.keys(o).sort();
      for (const text of Object.values(REVIEW_FORM_TEXT)) {
        expect(keys(text)).toEqual(keys(REVIEW_FORM_TEXT.en));
        for (const value of Object.values(text)) expect(value).not.toEqual('');
      }
      const form = await hub.app.inject({ method: 'GET', url: '/review/missed-bin-collection' });
      expect(form.statusCode).toBe(200);
      expect(form.headers['content-type']).toMatch(/^text\/html/);
      expect(form.body).toContain(
        '<form method="post" action="/review/missed-bin-collection?lang=en"',
      );
      expect(form.body).not.toMatch(/<script/i);
      const arabic = await hub.app.inject({
        method: 'GET',
        url: '/review/missed-bin-collection',
        headers: { 'accept-language': 'ar,en;q=0.5' },
      });
      expect(arabic.body).toContain('<html lang="ar" dir="rtl">');
      expect(
        (await hub.app.inject({ method: 'GET', url: '/review/no-such-service' })).statusCode,
      ).toBe(404);

      const post = (fields: Record<string, string>, service = 'missed-bin-collection') =>
        hub.app.inject({
          method: 'POST',
          url: `/review/${service}?lang=cy`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(fields).toString(),
        });
      const before = (await list(franchisorDevice, franchisor)).length;
      const sent = await post({ rating: '5', body: HOSTILE, displayName: 'Rhys' });
      expect(sent.statusCode, sent.body.slice(0, 300)).toBe(200);
      expect(sent.body).toContain(REVIEW_FORM_TEXT.cy.thanksBody);
      const waiting = await list(franchisorDevice, franchisor);
      expect(waiting.length).toBe(before + 1);
      expect(waiting.find((r) => r.body === HOSTILE && r.mode === 'web')).toMatchObject({
        mode: 'web',
        rating: 5,
        displayName: 'Rhys',
        status: 'pending',
        flags: ['markup', 'phone', 'personal-name'],
      });
      // Wrong: the form comes back with what was typed, inert, and nothing is stored.
      const wrong: Record<string, string>[] = [
        { body: HOSTILE },
        { rating: '6', body: HOSTILE },
        { rating: '3', body: '   ' },
        { rating: '3', body: HOSTILE, title: 'x'.repeat(121) },
        { rating: '3', body: 'a\u0000b' },
      ];
      for (const fields of wrong) {
        const res = await post(fields);
        expect(res.statusCode, JSON.stringify(fields)).toBe(400);
        expect(res.body).toContain(REVIEW_FORM_TEXT.cy.problemTitle);
        expect(res.body).not.toContain('<img src=x');
      }
      const wrongShape = await hub.app.inject({
        method: 'POST',
        url: '/review/missed-bin-collection',
        payload: { rating: 5, body: 'json' },
      });
      expect(wrongShape.statusCode).toBe(400);
      expect((await post({ rating: '4', body: 'ok' }, 'no-such-service')).statusCode).toBe(404);
      expect((await list(franchisorDevice, franchisor)).length).toBe(before + 1);
      // Rate-limited per address: ten posts a minute (eight were sent above).
      let posts = 8;
      let limited = await post({ rating: '4', body: '' });
      for (posts++; limited.statusCode !== 429 && posts < 20; posts++) {
        limited = await post({ rating: '4', body: '' });
      }
      expect(posts).toBe(11);
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body).toContain(REVIEW_FORM_TEXT.cy.tooManyTitle);
    });

    it('refuses bad submissions and bad decisions whole', async () => {
      const before = (await list(franchisorDevice, franchisor)).length;
      const bad = [
        reviewOp(counter.deviceId, { targetId: 'no-such-service' }),
        reviewOp(counter.deviceId, { targetKind: 'partner', targetId: 'missed-bin-collection' }),
        reviewOp(counter.deviceId, { rating: 6 }),
        reviewOp(counter.deviceId, { rating: 0 }),
        reviewOp(counter.deviceId, { body: '' }),
        reviewOp(counter.deviceId, { body: 'x'.repeat(2001) }),
        reviewOp(counter.deviceId, { body: 'nul \u0000 here' }),
        reviewOp(counter.deviceId, { targetKind: 'access-point', targetId: 'civic-centre' }),
        reviewOp(counter.deviceId, { status: 'published' }),
      ];
      const results = (await sync(counter, bad)).results;
      expect(results.map((r) => r.status)).toEqual(bad.map(() => 'rejected'));
      expect(results.map((r) => (r.status === 'rejected' ? r.code : ''))).toEqual(
        bad.map(() => 'invalid-payload'),
      );
      // A review id used twice: the second is a conflict.
      const first = reviewOp(counter.deviceId);
      const copy = { ...reviewOp(counter.deviceId), payload: first.payload };
      const twice = (await sync(counter, [first, copy])).results;
      expect(twice.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
        'applied',
        'conflict',
      ]);
      expect((await list(franchisorDevice, franchisor)).length).toBe(before + 1);

      const id = (first.payload as { id: string }).id;
      for (const body of [
        {},
        { decision: 'publish' },
        { decision: 'reject', reason: '   ' },
        { decision: 'approve', reason: 'x'.repeat(501) },
        { decision: 'approve', extra: 1 },
      ]) {
        const res = await decide(franchisorDevice, franchisor, id, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
      }
      expect(
        (await decide(franchisorDevice, franchisor, newId(), { decision: 'approve' })).statusCode,
      ).toBe(404);
      expect(
        (await decide(franchisorDevice, franchisor, 'not-a-review', { decision: 'approve' }))
          .statusCode,
      ).toBe(404);
      const badStatus = await hub.app.inject({
        method: 'GET',
        url: '/api/staff/reviews?status=everything',
        headers: asStaff(franchisorDevice, franchisor),
      });
      expect(badStatus.statusCode).toBe(400);
      expect((await list(franchisorDevice, franchisor)).find((r) => r.id === id)?.status).toBe(
        'pending',
      );
    });
  });
}
