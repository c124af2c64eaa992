// Feedback at the moment of the interaction and the 48-hour follow-up, through the real hub:
// ops applied with the place's partner (never the device's word), bad payloads refused whole,
// each survey sent once through the outbox file, expiry forgetting the address, and the public
// survey page (answered once, unknown links, rate limit, hostile text inert). Run on SQLite and
// PostgreSQL by feedback.sqlite.test.ts and feedback.pg.test.ts.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { issueEnrolmentCode } from '../../src/server/features/devices/enrolment-codes.ts';
import { runFollowups } from '../../src/server/features/feedback/followup-job.ts';
import { FOLLOWUP_TEXT } from '../../src/server/features/feedback/followup-text.ts';
import {
  OutboxFileSender,
  type MessageSender,
  type OutboundMessage,
} from '../../src/server/features/feedback/message-sender.ts';
import { DEMO_ACCESS_POINTS } from '../../src/server/demo-data.ts';
import { seedDemoStaff } from '../../src/server/features/staff/demo-staff.ts';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import type { Device } from '../../src/server/platform/store/device.ts';
import type { Storage } from '../../src/server/storage.ts';
import { hashSecret } from '../../src/server/platform/tokens.ts';
import { newId } from '../../src/shared/ids.ts';
import { PACK_LANGUAGES } from '../../src/shared/pack/local-text.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';
import {
  PROTOCOL_VERSION,
  type EnrolResponse,
  type Op,
  type SyncResponse,
} from '../../src/shared/sync/protocol.ts';
import type { FuzzStore } from './fuzz-write-endpoints.ts';

const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function feedbackOp(deviceId: string, payload: Record<string, unknown> = {}): Op {
  return {
    id: newId(),
    deviceId,
    kind: 'feedback.give',
    clientTime: new Date().toISOString(),
    payload: {
      id: newId(),
      rating: 1,
      reason: 'waited-too-long',
      comment: 'Forty minutes in the queue.',
      contactId: newId(),
      serviceId: 'missed-bin-collection',
      channel: 'kiosk',
      createdAt: new Date().toISOString(),
      ...payload,
    },
  };
}

function consentOp(deviceId: string, payload: Record<string, unknown> = {}): Op {
  return {
    id: newId(),
    deviceId,
    kind: 'followup.consent',
    clientTime: new Date().toISOString(),
    payload: {
      id: newId(),
      contactId: newId(),
      serviceId: 'blue-badge',
      channel: 'face-to-face',
      addressKind: 'email',
      address: 'sam.citizen@example.org',
      language: 'cy',
      consent: true,
      createdAt: new Date().toISOString(),
      ...payload,
    },
  };
}

/** Lines of the outbox file, parsed. */
function outbox(file: string): OutboundMessage[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OutboundMessage);
}

const tokenOf = (message: OutboundMessage) => message.link?.split('/survey/')[1] ?? '';

export function describeFeedback(name: string, store: FuzzStore): void {
  describe(`feedback and the 48-hour follow-up: ${name}`, () => {
    let storage: Storage;
    let app: FastifyInstance;
    let limited: FastifyInstance;
    /** The hub fifteen days from now, when today's survey links have closed. */
    let later: FastifyInstance;
    let kiosk: EnrolResponse;
    let counter: EnrolResponse;
    let colleague: EnrolResponse;
    let dir: string;
    let sender: OutboxFileSender;

    const enrol = async (place: string, mode: 'counter' | 'kiosk') => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/devices/enrol',
        payload: {
          type: 'enrol',
          protocolVersion: PROTOCOL_VERSION,
          code: await issueEnrolmentCode(storage, place),
          deviceName: `${mode} at ${place}`,
          mode,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<EnrolResponse>();
    };

    async function sync(device: EnrolResponse, push: Op[], cursor: string | null = null) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/sync',
        headers: { authorization: `Bearer ${device.token}` },
        payload: { type: 'sync', protocolVersion: PROTOCOL_VERSION, push, cursor },
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      return res.json<SyncResponse>();
    }

    /** Every change a device would pull, from the start of the feed. */
    async function everythingPulledBy(device: EnrolResponse) {
      const changes: SyncResponse['changes'] = [];
      let cursor: string | null = null;
      for (;;) {
        const body = await sync(device, [], cursor);
        changes.push(...body.changes);
        cursor = body.cursor;
        if (!body.hasMore) return changes;
      }
    }

    async function deviceRecord(device: EnrolResponse): Promise<Device> {
      const found = await storage.core.findDevice(device.deviceId);
      if (!found) throw new Error('no device');
      return found;
    }

    /** A consent received by the hub at `receivedAt`, sent now if `send`; its survey token. */
    async function consented(
      payload: Record<string, unknown> = {},
      receivedAt = new Date().toISOString(),
    ): Promise<{ id: string }> {
      const op = consentOp(counter.deviceId, payload);
      const validated = (await import('../../src/shared/sync/mutations.ts')).validateOp(op);
      if (!validated.ok) throw new Error(validated.reason);
      const [result] = await storage.core.applyOps(
        await deviceRecord(counter),
        [validated.op],
        receivedAt,
      );
      expect(result?.status).toBe('applied');
      return { id: (op.payload as { id: string }).id };
    }

    const followup = async (id: string) =>
      (await storage.feedback.listFollowups()).find((f) => f.id === id);

    beforeAll(async () => {
      storage = await store.create();
      await storage.core.upsertAccessPoints(DEMO_ACCESS_POINTS);
      await seedDemoStaff(storage, new Date().toISOString());
      const checked = validatePack(buildDemoPack());
      if (!checked.ok) throw new Error('invalid demo pack');
      await storage.core.publishPack(checked.pack, { now: new Date().toISOString() });
      app = await buildApp({ storage, survey: { perMinute: 100_000 } });
      limited = await buildApp({ storage, survey: { perMinute: 3 } });
      later = await buildApp({
        storage,
        survey: { perMinute: 100_000, now: () => new Date(Date.now() + 15 * 24 * HOUR) },
      });
      kiosk = await enrol('civic-centre', 'kiosk');
      counter = await enrol('central-library', 'counter');
      colleague = await enrol('civic-centre', 'counter');
      dir = mkdtempSync(join(tmpdir(), 'anydoor-outbox-'));
      sender = new OutboxFileSender(join(dir, 'outbox'));
    });

    afterAll(async () => {
      await app?.close();
      await limited?.close();
      await later?.close();
      if (storage) await store.destroy(storage);
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('stores kiosk feedback with the place, its partner, the mode and the device, and sends it to no other device', async () => {
      // The contact it follows, in the same batch (the outbox drains in order).
      const contact: Op = {
        id: newId(),
        deviceId: kiosk.deviceId,
        kind: 'contact.record',
        clientTime: new Date().toISOString(),
        payload: {
          id: newId(),
          serviceId: 'missed-bin-collection',
          channel: 'kiosk',
          tier: 1,
          outcome: 'self-serve',
          path: [],
          createdAt: new Date().toISOString(),
        },
      };
      const contactId = (contact.payload as { id: string }).id;
      const op = feedbackOp(kiosk.deviceId, { contactId });
      const body = await sync(kiosk, [contact, op]);
      expect(body.results).toEqual([
        { status: 'applied', opId: contact.id },
        { status: 'applied', opId: op.id },
      ]);
      const payload = op.payload as Record<string, string>;
      const [row] = (await storage.feedback.listFeedback({ accessPointId: 'civic-centre' })).filter(
        (f) => f.id === payload.id,
      );
      const place = DEMO_ACCESS_POINTS.find((ap) => ap.id === 'civic-centre');
      expect(row).toMatchObject({
        id: payload.id,
        contact_id: payload.contactId,
        access_point_id: 'civic-centre',
        partner_id: place?.partnerId,
        device_id: kiosk.deviceId,
        op_id: op.id,
        mode: 'kiosk',
        service_id: 'missed-bin-collection',
        channel: 'kiosk',
        rating: 1,
        reason: 'waited-too-long',
        comment: 'Forty minutes in the queue.',
        created_at: payload.createdAt,
      });
      // The same op again is a duplicate; nothing is stored twice.
      expect((await sync(kiosk, [op])).results[0]?.status).toBe('duplicate');
      expect(
        (await storage.feedback.listFeedback()).filter((f) => f.id === payload.id),
      ).toHaveLength(1);
      // Another door's contact cannot be named: the link is dropped, the rating kept.
      const elsewhere = feedbackOp(counter.deviceId, { contactId, channel: 'face-to-face' });
      expect((await sync(counter, [elsewhere])).results[0]?.status).toBe('applied');
      const foreign = (await storage.feedback.listFeedback()).find(
        (f) => f.id === (elsewhere.payload as { id: string }).id,
      );
      expect(foreign).toMatchObject({ access_point_id: 'central-library', contact_id: null });
      // No device receives feedback, not even the counter at the same place.
      const pulled = await everythingPulledBy(colleague);
      expect(pulled.some((c) => c.entity === 'feedback' || c.id === payload.id)).toBe(false);
    });

    it('refuses bad feedback whole, with a reason, and stores nothing of it', async () => {
      const before = (await storage.feedback.listFeedback()).length;
      const bad = [
        feedbackOp(kiosk.deviceId, { rating: 5 }),
        feedbackOp(kiosk.deviceId, { rating: 4 }), // "waited too long" is no praise
        feedbackOp(kiosk.deviceId, { reason: 'rude' }),
        feedbackOp(kiosk.deviceId, { comment: 'x'.repeat(501) }),
        feedbackOp(kiosk.deviceId, { accessPointId: 'central-library' }),
        feedbackOp(kiosk.deviceId, { channel: 'pigeon' }),
        feedbackOp(kiosk.deviceId, { contactId: 'not-a-uuid' }),
        { ...feedbackOp(kiosk.deviceId), deviceId: counter.deviceId },
      ];
      const body = await sync(kiosk, bad);
      for (const result of body.results) {
        expect(result.status).toBe('rejected');
        if (result.status === 'rejected') expect(result.reason).toMatch(/[a-z]{3,}/);
      }
      expect(body.results[1]).toMatchObject({ code: 'invalid-payload' });
      expect((await storage.feedback.listFeedback()).length).toBe(before);
    });

    it('takes no contact details from a kiosk', async () => {
      const op = consentOp(kiosk.deviceId);
      const body = await sync(kiosk, [op]);
      expect(body.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
      expect(
        (await storage.feedback.listFollowups()).some(
          (f) => f.id === (op.payload as { id: string }).id,
        ),
      ).toBe(false);
    });

    it('sends a consented survey exactly once through the outbox file, then forgets the address', async () => {
      const op = consentOp(counter.deviceId, { addressKind: 'sms', address: '07700 900123' });
      expect((await sync(counter, [op])).results[0]?.status).toBe('applied');
      const id = (op.payload as { id: string }).id;
      const stored = await followup(id);
      expect(stored).toMatchObject({
        access_point_id: 'central-library',
        partner_id: DEMO_ACCESS_POINTS.find((ap) => ap.id === 'central-library')?.partnerId,
        address_kind: 'sms',
        address: '+447700900123',
        language: 'cy',
        sent_at: null,
      });
      // Personal data: no device ever receives it.
      const pulled = JSON.stringify(await everythingPulledBy(counter));
      expect(pulled).not.toContain('900123');

      const publicUrl = 'https://anydoor.example.org/';
      const first = await runFollowups({ storage, sender, publicUrl });
      expect(first.sent).toBeGreaterThanOrEqual(1);
      const again = await runFollowups({ storage, sender, publicUrl });
      expect(again.sent).toBe(0);
      const mine = outbox(sender.file).filter((m) => m.reference === id);
      expect(mine).toHaveLength(1);
      const [message] = mine as [OutboundMessage];
      expect(message).toMatchObject({ channel: 'sms', to: '+447700900123', language: 'cy' });
      expect(message.link).toMatch(/^https:\/\/anydoor\.example\.org\/survey\/[\w-]{43}$/);
      expect(message.body).toContain(message.link);
      expect(message.body).toContain('Central Library');
      // Only the token's hash is stored, and the address is gone once sent.
      const after = await followup(id);
      expect(after?.token_hash).toBe(hashSecret(tokenOf(message)));
      expect(after?.address).toBeNull();
      expect(after?.sent_at).not.toBeNull();
    });

    it('never sends one twice when two runs race (two hub processes)', async () => {
      const ids = await Promise.all([1, 2, 3].map(() => consented()));
      const messages: OutboundMessage[] = [];
      const slow: MessageSender = {
        async send(message) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          messages.push(message);
        },
      };
      await Promise.all([
        runFollowups({ storage, sender: slow, publicUrl: 'http://hub' }),
        runFollowups({ storage, sender: slow, publicUrl: 'http://hub' }),
      ]);
      for (const { id } of ids) {
        expect(messages.filter((m) => m.reference === id)).toHaveLength(1);
      }
    });

    it('puts a failed send back in the queue and sends it next time', async () => {
      const { id } = await consented();
      const failing: MessageSender = {
        send: () => Promise.reject(new Error('provider down')),
      };
      const failed = await runFollowups({ storage, sender: failing, publicUrl: 'http://hub' });
      expect(failed.failed).toBeGreaterThanOrEqual(1);
      expect(await followup(id)).toMatchObject({
        sent_at: null,
        address: 'sam.citizen@example.org',
      });
      await runFollowups({ storage, sender, publicUrl: 'http://hub' });
      expect(outbox(sender.file).filter((m) => m.reference === id)).toHaveLength(1);
    });

    it('lets a follow-up older than 48 hours expire unsent, its address cleared', async () => {
      const { id } = await consented({}, iso(Date.now() - 49 * HOUR));
      const fresh = await consented({}, iso(Date.now() - 47 * HOUR));
      const run = await runFollowups({ storage, sender, publicUrl: 'http://hub' });
      expect(run.expired).toBeGreaterThanOrEqual(1);
      expect(await followup(id)).toMatchObject({ sent_at: null, address: null, answered_at: null });
      expect(outbox(sender.file).some((m) => m.reference === id)).toBe(false);
      // 47 hours is still inside the window.
      expect(outbox(sender.file).filter((m) => m.reference === fresh.id)).toHaveLength(1);
    });

    /** A sent survey's token. */
    async function sentSurvey(payload: Record<string, unknown> = {}): Promise<string> {
      const { id } = await consented(payload);
      await runFollowups({ storage, sender, publicUrl: 'http://hub' });
      const message = outbox(sender.file).find((m) => m.reference === id);
      if (!message) throw new Error('not sent');
      return tokenOf(message);
    }

    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const post = (token: string, fields: Record<string, string>, query = '') =>
      app.inject({
        method: 'POST',
        url: `/survey/${token}${query}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: form(fields),
      });

    it('asks in the language recorded, or the one picked, right to left in Arabic', async () => {
      const token = await sentSurvey({ language: 'cy' });
      const welsh = await app.inject({ method: 'GET', url: `/survey/${token}` });
      expect(welsh.statusCode).toBe(200);
      expect(welsh.headers['content-security-policy']).toContain("script-src 'self'");
      expect(welsh.headers['cache-control']).toBe('no-store');
      expect(welsh.body).toContain('<html lang="cy" dir="ltr">');
      expect(welsh.body).toContain(FOLLOWUP_TEXT.cy.courteous);
      expect(welsh.body).toContain('Central Library');
      expect(welsh.body).not.toMatch(/<script/i);
      // The page knows nothing personal: the address is not on it (and is gone by now).
      expect(welsh.body).not.toContain('sam.citizen@example.org');
      const arabic = await app.inject({ method: 'GET', url: `/survey/${token}?lang=ar` });
      expect(arabic.body).toContain('<html lang="ar" dir="rtl">');
      expect(arabic.body).toContain(FOLLOWUP_TEXT.ar.solved);
      expect(arabic.body).toContain(`action="/survey/${token}?lang=ar"`);
    });

    it('stores the answers once, clears the address, and says so on a second answer', async () => {
      const token = await sentSurvey();
      const answered = await post(token, {
        courteous: 'yes',
        solved: 'partly',
        comment: '  Kind staff, but I must come back.  ',
      });
      expect(answered.statusCode, answered.body).toBe(200);
      expect(answered.body).toContain(FOLLOWUP_TEXT.cy.thanksTitle);
      const row = (await storage.feedback.listFollowups()).find(
        (f) => f.token_hash === hashSecret(token),
      );
      expect(row).toMatchObject({
        courteous: 1,
        solved: 0.5,
        comment: 'Kind staff, but I must come back.',
        address: null,
      });
      expect(row?.answered_at).not.toBeNull();
      const second = await post(token, { courteous: 'no', solved: 'no' }, '?lang=en');
      expect(second.statusCode).toBe(409);
      expect(second.body).toContain(FOLLOWUP_TEXT.en.alreadyBody);
      const again = (await storage.feedback.listFollowups()).find((f) => f.id === row?.id);
      expect(again).toMatchObject({ courteous: 1, solved: 0.5 });
      const view = await app.inject({ method: 'GET', url: `/survey/${token}?lang=en` });
      expect(view.body).toContain(FOLLOWUP_TEXT.en.alreadyTitle);
      // Answers race: exactly one wins.
      const raced = await sentSurvey();
      const results = await Promise.all([
        post(raced, { courteous: 'yes', solved: 'yes' }),
        post(raced, { courteous: 'no', solved: 'no' }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    });

    it('asks again, keeping what was chosen, when an answer is missing; stores nothing', async () => {
      const token = await sentSurvey();
      const res = await post(token, { courteous: 'yes', comment: 'Quick.' }, '?lang=en');
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain(FOLLOWUP_TEXT.en.missing);
      expect(res.body).toMatch(/value="yes" required checked/);
      expect(res.body).toContain('>Quick.</textarea>');
      const row = (await storage.feedback.listFollowups()).find(
        (f) => f.token_hash === hashSecret(token),
      );
      expect(row?.answered_at).toBeNull();
      // Fields the survey does not ask for are ignored, never stored.
      const ok = await post(token, { courteous: 'no', solved: 'yes', admin: 'true' });
      expect(ok.statusCode).toBe(200);
    });

    it('keeps hostile text inert: stored as typed, shown escaped when sent back', async () => {
      const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> "quotes" & \u202Eevil';
      const token = await sentSurvey();
      expect(
        (await post(token, { courteous: 'yes', solved: 'no', comment: hostile })).statusCode,
      ).toBe(200);
      const row = (await storage.feedback.listFollowups()).find(
        (f) => f.token_hash === hashSecret(token),
      );
      expect(row?.comment).toBe(hostile);
      // Refused (too long): the form comes back with the text escaped, the markup unchanged.
      const other = await sentSurvey();
      const shape = (html: string) => [...html.matchAll(/<(\/?[a-z]+)/gi)].map((m) => m[1]);
      const clean = await post(other, { courteous: 'yes', comment: 'fine' }, '?lang=en');
      const refused = await post(
        other,
        { courteous: 'yes', solved: 'no', comment: hostile.repeat(20) },
        '?lang=en',
      );
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain(FOLLOWUP_TEXT.en.commentProblem);
      expect(refused.body).not.toContain('<script>alert(1)');
      expect(refused.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(shape(refused.body).filter((t) => t !== 'li' && t !== '/li')).toEqual(
        shape(clean.body).filter((t) => t !== 'li' && t !== '/li'),
      );
      // Control characters are refused the same way.
      const bell = await post(other, { courteous: 'yes', solved: 'no', comment: 'ring\u0007' });
      expect(bell.statusCode).toBe(400);
    });

    it('closes a link fourteen days after it was sent, storing nothing after that', async () => {
      const token = await sentSurvey();
      const view = await later.inject({ method: 'GET', url: `/survey/${token}?lang=pl` });
      expect(view.statusCode).toBe(410);
      expect(view.body).toContain(FOLLOWUP_TEXT.pl.closedBody);
      const posted = await later.inject({
        method: 'POST',
        url: `/survey/${token}?lang=en`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ courteous: 'yes', solved: 'yes' }),
      });
      expect(posted.statusCode).toBe(410);
      expect(posted.body).toContain(FOLLOWUP_TEXT.en.closedTitle);
      // The store holds the line too, whatever the route checked first.
      const closed = await storage.feedback.answerSurvey(
        hashSecret(token),
        { courteous: 'yes', solved: 'yes' },
        new Date(Date.now() + 15 * 24 * HOUR).toISOString(),
      );
      expect(closed).toBe('closed');
      const row = (await storage.feedback.listFollowups()).find(
        (f) => f.token_hash === hashSecret(token),
      );
      expect(row?.answered_at).toBeNull();
      // Within its fortnight the same link still takes the answers.
      expect((await post(token, { courteous: 'yes', solved: 'yes' })).statusCode).toBe(200);
    });

    it('answers unknown or malformed links with a helpful page, not an error', async () => {
      for (const token of ['A'.repeat(43), 'short', '..%2F..%2Fetc', '<script>']) {
        const res = await app.inject({ method: 'GET', url: `/survey/${token}?lang=pl` });
        expect(res.statusCode, token).toBe(404);
        expect(res.headers['content-type']).toContain('text/html');
        expect(res.body).toContain(FOLLOWUP_TEXT.pl.notFoundBody);
        expect(res.body).not.toContain('<script>');
      }
      const posted = await post('B'.repeat(43), { courteous: 'yes', solved: 'yes' });
      expect(posted.statusCode).toBe(404);
      // An unsent follow-up's placeholder hash is no link either.
      const { id } = await consented({}, iso(Date.now() - 60 * HOUR));
      await runFollowups({ storage, sender, publicUrl: 'http://hub' });
      expect((await followup(id))?.sent_at).toBeNull();
    });

    it('rate-limits lookups per address', async () => {
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 4; i++) {
        last = await limited.inject({ method: 'GET', url: `/survey/${'C'.repeat(43)}` });
        statuses.push(last.statusCode);
      }
      expect(statuses).toEqual([404, 404, 404, 429]);
      expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('has every word of the survey and its messages in every language', () => {
      const keys = Object.keys(FOLLOWUP_TEXT.en);
      for (const lang of PACK_LANGUAGES) {
        for (const key of keys) {
          const value = (FOLLOWUP_TEXT[lang] as unknown as Record<string, string>)[key];
          expect(value?.trim(), `${lang}.${key}`).toBeTruthy();
        }
        expect(FOLLOWUP_TEXT[lang].emailBody).toContain('{link}');
        expect(FOLLOWUP_TEXT[lang].sms).toContain('{link}');
        expect(FOLLOWUP_TEXT[lang].intro).toContain('{place}');
      }
    });
  });
}
