// Property-based fuzzing (fast-check) of every write endpoint of the hub, against the real
// Fastify app: enrolment, the sync protocol (envelopes and every mutation kind), case photos and
// Open311 posts (JSON and form-encoded, JSON and XML answers), plus write methods on routes that
// have none. Every malformed or hostile payload must get a 4xx with a readable error, the server
// must keep answering valid requests, and nothing may be stored: the row count of every table is
// the same before and after. Mixed sync batches (valid and invalid ops together) are checked
// against the protocol's per-op semantics instead. Run on SQLite and PostgreSQL by
// fuzz.sqlite.test.ts and fuzz.pg.test.ts.
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { issueEnrolmentCode } from '../../src/server/features/devices/enrolment-codes.ts';
import { issueApiKey } from '../../src/server/features/open311/open311-keys.ts';
import {
  fromJson,
  parseForm,
  submissionToCase,
} from '../../src/server/features/open311/georeport.ts';
import { DEMO_ACCESS_POINTS } from '../../src/server/demo-data.ts';
import { DEMO_STAFF, seedDemoStaff } from '../../src/server/features/staff/demo-staff.ts';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import type { Storage } from '../../src/server/storage.ts';
import { sniffImage } from '../../src/shared/case-photo.ts';
import type { Device } from '../../src/server/platform/store/device.ts';
import { denial, staffLookup } from '../../src/server/features/staff/staff-policy.ts';
import { hashSecret } from '../../src/server/platform/tokens.ts';
import { newId } from '../../src/shared/ids.ts';
import type { PackContent } from '../../src/shared/pack/schema.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';
import { reviewDecision } from '../../src/shared/review.ts';
import { staffInput, staffSessionRequest } from '../../src/shared/staff-schema.ts';
import { MUTATIONS, validateOp } from '../../src/shared/sync/mutations.ts';
import { VALID_PAYLOADS } from '../helpers/valid-payloads.ts';
import {
  enrolRequest,
  errorResponse,
  PROTOCOL_VERSION,
  syncRequest,
  type EnrolResponse,
  type Op,
  type SyncResponse,
} from '../../src/shared/sync/protocol.ts';

export interface FuzzStore {
  create(): Promise<Storage>;
  destroy(storage: Storage): Promise<void>;
}

export interface FuzzOptions {
  /** Malformed payloads the run must send at least (and does, with the run counts below). */
  minPayloads: number;
  /** Multiplies every property's number of runs (1 gives 10,000+ malformed payloads). */
  scale: number;
}

// --- Hostile building blocks ------------------------------------------------------------

/** Text meant to break parsers, stores and pages; each is hostile in its own way. */
export const HOSTILE_STRINGS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 1">',
  '"><svg/onload=alert(1)>',
  'javascript:alert(1)',
  "'); drop table cases;--",
  '" OR 1=1 --',
  '1; DELETE FROM applied_ops',
  '${7*7}{{7*7}}<%= 7*7 %>',
  ']]><!--<![CDATA[',
  '&amp;&lt;&#0;&#x0;',
  'a\u0000b',
  '\u0007\u001b[31mred',
  '\u202Eevil\u202C txt.exe',
  'Pаypal ПРИВЕТ مرحبا שלום 你好 繁體',
  '👩‍👩‍👧‍👦🏳️‍🌈 Z̴̡͇a̷l̸g̵o̶',
  'half \uD800 a pair',
  'other half \uDC00',
  '\uFEFF\u200B\u2028\u2029',
  '__proto__',
  'constructor',
  ' ',
  '',
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  // Very long text, past every field's limit.
  fc.integer({ min: 5_000, max: 120_000 }).map((n) => 'x'.repeat(n)),
);

/** A value of the wrong kind for almost any field. */
const wrongValue = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

const notV7 = fc.oneof(
  fc.uuid({ version: [1, 4, 5] }),
  hostileString,
  fc.constant('00000000-0000-0000-0000-000000000000'),
);

/** Keys that would pollute Object.prototype if a parser merged them naively. */
const POLLUTION = [
  '"__proto__":{"polluted":true}',
  '"constructor":{"prototype":{"polluted":true}}',
];

const PLACEHOLDER = '\u0001pollute';

/** The body as JSON text with a pollution key at its top, or in its first op when `nested`. */
function pollutedJson(body: unknown, which: number, nested: boolean): string {
  const key = POLLUTION[which % POLLUTION.length] as string;
  const isObject = (v: unknown): v is Record<string, unknown> =>
    !!v && typeof v === 'object' && !Array.isArray(v);
  let marked: unknown;
  if (!isObject(body)) marked = { [PLACEHOLDER]: 0, body };
  else if (nested && Array.isArray(body.push) && isObject(body.push[0])) {
    marked = { ...body, push: [{ ...body.push[0], [PLACEHOLDER]: 0 }, ...body.push.slice(1)] };
  } else marked = { ...body, [PLACEHOLDER]: 0 };
  return JSON.stringify(marked).replace(`${JSON.stringify(PLACEHOLDER)}:0`, key);
}

const HALF_PAIR = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A path segment; half a surrogate pair cannot be encoded, so it becomes invalid UTF-8. */
function pathSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return `${encodeURIComponent(text.replace(new RegExp(HALF_PAIR.source, 'g'), ''))}%ED%A0%80`;
  }
}

/** Whether a parsed body holds keys secure-json-parse (Fastify's parser) refuses. */
function hasPollution(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  if (Object.hasOwn(value, '__proto__')) return true;
  const record = value as Record<string, unknown>;
  const ctor = record.constructor;
  if (Object.hasOwn(value, 'constructor') && ctor && typeof ctor === 'object') {
    if (Object.hasOwn(ctor, 'prototype')) return true;
  }
  return Object.values(record).some(hasPollution);
}

/** Applies one field-level mutation to an object: drop, replace, or add an unknown key. */
type Mutation = { action: 'drop' | 'replace' | 'extra'; key: string; value: unknown };

function mutation(keys: readonly string[]): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.record({
      action: fc.constant('drop' as const),
      key: fc.constantFrom(...keys),
      value: fc.constant(null),
    }),
    fc.record({
      action: fc.constant('replace' as const),
      key: fc.constantFrom(...keys),
      value: wrongValue,
    }),
    fc.record({
      action: fc.constant('extra' as const),
      key: fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !keys.includes(k)),
      value: wrongValue,
    }),
  );
}

function mutate(base: Record<string, unknown>, mutations: readonly Mutation[]) {
  const out: Record<string, unknown> = { ...base };
  for (const m of mutations) {
    if (m.action === 'drop') delete out[m.key];
    else
      Object.defineProperty(out, m.key, {
        value: m.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}

// --- Valid payloads the mutations start from ----------------------------------------------

const now = () => new Date().toISOString();

function validPayload(kind: keyof typeof MUTATIONS, caseId: string): Record<string, unknown> {
  return VALID_PAYLOADS[kind]({ caseId, at: now() });
}

const KINDS = Object.keys(MUTATIONS) as (keyof typeof MUTATIONS)[];
// Valid ops of these kinds always apply for the fuzzing device (no pack or case lookups fail).
const ALWAYS_APPLIES = [
  'contactNote.create',
  'localPage.save',
  'case.event',
  'feedback.give',
  'followup.consent',
  'review.submit',
] as const;

function op(deviceId: string, kind: string, payload: unknown, staffId?: string): Op {
  return {
    id: newId(),
    deviceId,
    kind,
    clientTime: now(),
    payload,
    ...(staffId ? { staffId } : {}),
  };
}

/** Staff ids for ops: unknown, elsewhere, without the role, and the owning officer. */
const STAFF_IDS = ['nobody-here', 'tom-evans', 'ruth-hale', 'alun-davies', 'priya-shah'];

// --- The suite ------------------------------------------------------------------------------

export function describeFuzzWriteEndpoints(
  name: string,
  store: FuzzStore,
  options: FuzzOptions,
): void {
  describe(`fuzzing every write endpoint: ${name}`, () => {
    const runs = (n: number) => Math.max(20, Math.round(n * options.scale));
    let storage: Storage;
    let app: FastifyInstance;
    let pack: PackContent;
    let device: EnrolResponse;
    let kiosk: EnrolResponse;
    let apiKey: string;
    let caseId: string;
    /** A partner manager's hub session on the counter (for the staff routes). */
    let managerSession: string;
    let deviceRecord: Device;
    let cursor: string | null = null;
    /** Malformed or hostile payloads sent (each expected to be refused). */
    let malformed = 0;
    /** Requests of any kind sent during the properties (malformed, valid checks, batches). */
    let requests = 0;

    const send = async (options: InjectOptions): Promise<LightMyRequestResponse> => {
      requests++;
      return app.inject(options);
    };

    /** A refused request: the status expected, JSON in the hub's error format, a clear message. */
    function expectHubError(res: LightMyRequestResponse, statuses: readonly number[]) {
      const context = `${res.statusCode} ${res.body.slice(0, 300)}`;
      expect(statuses, context).toContain(res.statusCode);
      expect(res.headers['content-type'], context).toMatch(/^application\/json/);
      const body = errorResponse.safeParse(res.json());
      expect(body.success, context).toBe(true);
      expect(body.data?.message, context).toMatch(/[a-z]{3,}.*[a-z]{3,}/i);
    }

    /** Open311 answers errors in its own format: [{code, description}] or <errors>. */
    function expectOpen311Error(
      res: LightMyRequestResponse,
      format: 'json' | 'xml',
      statuses: readonly number[],
    ) {
      const context = `${res.statusCode} ${res.body.slice(0, 300)}`;
      expect(statuses, context).toContain(res.statusCode);
      if (format === 'json') {
        expect(res.headers['content-type'], context).toMatch(/^application\/json/);
        const errors = res.json<{ code: number; description: string }[]>();
        expect(errors.length, context).toBeGreaterThan(0);
        for (const e of errors) {
          // Several problems at once may mix codes (404 unknown service, 400 bad postcode).
          expect(e.code >= 400 && e.code < 500, context).toBe(true);
          expect(e.description, context).toMatch(/[a-z]{3,}.*[a-z]{3,}/i);
        }
      } else {
        expect(res.headers['content-type'], context).toMatch(/^text\/xml/);
        expect(res.body, context).toContain(`<error>\n    <code>${res.statusCode}</code>`);
        expect(res.body, context).toMatch(/<description>[^<]*[a-z]{3,}[^<]*<\/description>/i);
      }
    }

    const syncBody = (push: Op[], at: string | null = cursor, pullLimit?: number) => ({
      type: 'sync',
      protocolVersion: PROTOCOL_VERSION,
      push,
      cursor: at,
      ...(pullLimit ? { pullLimit } : {}),
    });

    const sync = (body: unknown, token = device.token) =>
      send({
        method: 'POST',
        url: '/api/sync',
        headers: { authorization: `Bearer ${token}` },
        payload: body as object,
      });

    /** The server still answers a valid request: a pull from the end of the feed. */
    async function expectStillServing() {
      const res = await sync(syncBody([], cursor, 50));
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const body = res.json<SyncResponse>();
      cursor = body.cursor;
      const health = await send({ method: 'GET', url: '/healthz' });
      expect(health.json()).toMatchObject({ status: 'ok' });
    }

    /** Sends a malformed payload and checks the refusal; every 25th also a valid request. */
    async function refused(check: () => Promise<void>) {
      malformed++;
      await check();
      if (malformed % 25 === 0) await expectStillServing();
    }

    async function rowCounts(): Promise<Record<string, number>> {
      const db = storage.db;
      const tables = await db.introspection.getTables();
      const counts: Record<string, number> = {};
      for (const table of tables) {
        const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(
          table.name,
        )}`.execute(db);
        counts[table.name] = Number(rows[0]?.n);
      }
      return counts;
    }

    async function sendPull() {
      // Drain the feed so later pulls are cheap.
      for (;;) {
        const res = await sync(syncBody([], cursor, 1000));
        const body = res.json<SyncResponse>();
        cursor = body.cursor;
        if (!body.hasMore) return;
      }
    }

    beforeAll(async () => {
      storage = await store.create();
      await storage.core.upsertAccessPoints(DEMO_ACCESS_POINTS);
      await seedDemoStaff(storage, now());
      const checked = validatePack(buildDemoPack());
      if (!checked.ok) throw new Error('invalid demo pack');
      pack = checked.pack;
      await storage.core.publishPack(pack, { now: now() });
      // Lifted rate limits: from one address, the fuzzer posts thousands of requests to Open311
      // with one key, and of enrolments with codes that were never issued.
      app = await buildApp({
        storage,
        open311: { postsPerMinute: 1_000_000 },
        enrolment: { perAddressPerMinute: 1_000_000, perMinute: 1_000_000 },
      });
      const enrol = async (place: string, mode: 'counter' | 'kiosk') => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/devices/enrol',
          payload: {
            type: 'enrol',
            protocolVersion: PROTOCOL_VERSION,
            code: await issueEnrolmentCode(storage, place),
            deviceName: `Fuzz ${mode}`,
            mode,
          },
        });
        expect(res.statusCode, res.body).toBe(201);
        return res.json<EnrolResponse>();
      };
      device = await enrol('civic-centre', 'counter');
      kiosk = await enrol('civic-centre', 'kiosk');
      apiKey = await issueApiKey(storage, 'fuzzer', null);
      const signIn = await app.inject({
        method: 'POST',
        url: '/api/staff/sessions',
        headers: { authorization: `Bearer ${device.token}` },
        payload: { staffId: 'priya-shah', pin: '2468024680' },
      });
      expect(signIn.statusCode, signIn.body).toBe(201);
      managerSession = signIn.json<{ token: string }>().token;
      deviceRecord = (await storage.core.findDeviceByTokenHash(hashSecret(device.token))) as Device;
      caseId = newId();
      const opened = await sync(
        syncBody([
          op(device.deviceId, 'case.open', { ...validPayload('case.open', ''), id: caseId }),
        ]),
      );
      expect(opened.json<SyncResponse>().results[0]?.status).toBe('applied');
      await sendPull();
    });

    afterAll(async () => {
      await app?.close();
      if (storage) await store.destroy(storage);
    });

    it('refuses every malformed payload with a clear 4xx, stays up and stores nothing', async () => {
      const before = await rowCounts();
      const appliedBefore = await storage.core.countAppliedOps();

      // POST /api/devices/enrol: wrong shapes, wrong versions, unknown or hostile codes.
      const enrolBase = {
        type: 'enrol',
        protocolVersion: PROTOCOL_VERSION,
        code: 'ABCD-EFGH',
        deviceName: 'Front desk',
        mode: 'counter',
      };
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc
              .array(mutation(Object.keys(enrolBase)), { minLength: 1, maxLength: 3 })
              .map((ms) => mutate({ ...enrolBase }, ms)),
            fc
              .record({ code: hostileString, deviceName: hostileString })
              .map((r) => ({ ...enrolBase, ...r })),
            fc.jsonValue({ maxDepth: 3 }),
          ),
          async (body) => {
            // Codes here are never issued ones, so even a well-formed request is refused (403).
            const parsed = enrolRequest.safeParse(body);
            const expected = !parsed.success
              ? 400
              : parsed.data.protocolVersion !== PROTOCOL_VERSION
                ? 426
                : 403;
            await refused(async () => {
              const res = await send({
                method: 'POST',
                url: '/api/devices/enrol',
                headers: { 'content-type': 'application/json' },
                payload: JSON.stringify(body) ?? 'null',
              });
              expectHubError(res, [expected]);
            });
          },
        ),
        { numRuns: runs(1800) },
      );

      // POST /api/sync envelopes: every field wrong in turn, ops structurally wrong, oversized
      // batches, pollution keys, bad tokens. A malformed batch is refused whole.
      const envelopeKeys = ['type', 'protocolVersion', 'push', 'cursor', 'pullLimit'];
      const opKeys = ['id', 'deviceId', 'kind', 'payload', 'clientTime', 'staffId'];
      const goodOp = () =>
        op(device.deviceId, 'contactNote.create', validPayload('contactNote.create', caseId));
      const badOp = fc.oneof(
        fc
          .array(mutation(opKeys), { minLength: 1, maxLength: 3 })
          .map((ms) => mutate({ ...goodOp() }, ms)),
        fc.record({ id: notV7 }).map((r) => ({ ...goodOp(), ...r })),
        fc.record({ deviceId: hostileString }).map((r) => ({ ...goodOp(), ...r })),
        fc.string({ minLength: 65, maxLength: 200 }).map((kind) => ({ ...goodOp(), kind })),
        fc.record({ clientTime: hostileString }).map((r) => ({ ...goodOp(), ...r })),
        wrongValue,
      );
      const envelope = fc.oneof(
        fc
          .array(mutation(envelopeKeys), { minLength: 1, maxLength: 3 })
          .map((ms) => mutate(syncBody([goodOp()], null, 10), ms)),
        fc.tuple(fc.array(badOp, { minLength: 1, maxLength: 4 }), fc.nat(3)).map(([bad, at]) => {
          const push: unknown[] = [goodOp(), goodOp(), goodOp()];
          push.splice(at, 0, ...bad);
          return syncBody(push as Op[], null);
        }),
        fc
          .oneof(fc.integer({ min: -5, max: 5 }), fc.double(), fc.constant(2 ** 53))
          .filter((v) => v !== PROTOCOL_VERSION)
          .map((protocolVersion) => ({ ...syncBody([goodOp()], null), protocolVersion })),
        fc
          .oneof(
            fc.string({ maxLength: 80 }).filter((c) => !/^[a-z0-9.:]{1,64}$/.test(c)),
            fc.stringMatching(/^[a-z.:][a-z0-9.:]{0,20}$/),
          )
          .map((c) => syncBody([goodOp()], c)),
        fc
          .oneof(fc.integer({ min: -10, max: 0 }), fc.integer({ min: 1001, max: 10 ** 9 }))
          .map((pullLimit) => ({ ...syncBody([goodOp()], null), pullLimit })),
        fc.jsonValue({ maxDepth: 3 }),
      );
      // More ops than one push may hold (MAX_OPS_PER_PUSH is 1000): costly, so one run in 30.
      const oversized = fc.integer({ min: 1001, max: 1100 }).map((n) => {
        const template = goodOp();
        return syncBody(
          Array.from({ length: n }, () => ({ ...template, id: newId() })),
          null,
        );
      });
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ weight: 29, arbitrary: envelope }, { weight: 1, arbitrary: oversized }),
          fc.nat(9),
          fc.boolean(),
          fc.constantFrom('good', 'good', 'good', 'good', 'none', 'unknown', 'revoked-shape'),
          async (body, pollution, nested, auth) => {
            // A tenth of the bodies carry a prototype-pollution key, at the top or nested.
            const payload =
              pollution === 0
                ? pollutedJson(body, Number(nested), nested)
                : (JSON.stringify(body) ?? 'null');
            const polluted = hasPollution(JSON.parse(payload));
            const token =
              auth === 'good'
                ? device.token
                : auth === 'unknown'
                  ? 'A'.repeat(43)
                  : auth === 'revoked-shape'
                    ? 'short'
                    : undefined;
            const parsed = syncRequest.safeParse(JSON.parse(payload));
            let expected: number;
            if (polluted) expected = 400;
            else if (!token || auth !== 'good') expected = 401;
            else if (!parsed.success) expected = 400;
            else if (parsed.data.protocolVersion !== PROTOCOL_VERSION) expected = 426;
            else {
              try {
                storage.core.assertCursor(parsed.data.cursor);
                expected = 200;
              } catch {
                expected = 400;
              }
            }
            // A well-formed envelope with a known cursor is a valid sync: not this phase's job.
            fc.pre(expected !== 200);
            await refused(async () => {
              const res = await send({
                method: 'POST',
                url: '/api/sync',
                headers: {
                  'content-type': 'application/json',
                  ...(token ? { authorization: `Bearer ${token}` } : {}),
                },
                payload,
              });
              expectHubError(res, [expected]);
            });
          },
        ),
        { numRuns: runs(3600) },
      );

      // Raw bytes that are not JSON, or not sent as JSON, at both JSON endpoints.
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('/api/sync', '/api/devices/enrol'),
          fc.oneof(
            fc.string({ maxLength: 200 }).filter((s) => {
              try {
                JSON.parse(s);
                return false;
              } catch {
                return true;
              }
            }),
            fc.constantFrom('', '{', '{"type":"sync",', '[1,2', '\u0000', 'nul', '{"a":1}}'),
          ),
          fc.constantFrom(
            'application/json',
            'application/json; charset=utf-8',
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/octet-stream',
            'multipart/form-data; boundary=x',
          ),
          async (url, payload, type) => {
            await refused(async () => {
              const res = await send({
                method: 'POST',
                url,
                headers: { 'content-type': type, authorization: `Bearer ${device.token}` },
                payload,
              });
              expectHubError(res, [400, 415]);
            });
          },
        ),
        { numRuns: runs(800) },
      );

      // PUT /api/cases/:caseId/photos/:photoId: bad ids, bytes, content types and tokens.
      const IMAGES: Record<string, number[]> = {
        'image/jpeg': [0xff, 0xd8, 0xff, 0xe0],
        'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
        'image/webp': [...Buffer.from('RIFF\0\0\0\0WEBPVP8 ')],
      };
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.constant('case'),
            fc.uuid(),
            hostileString.filter((s) => s.length < 300),
          ),
          fc.oneof(
            fc.uuid(),
            hostileString.filter((s) => s.length < 300),
          ),
          fc.constantFrom(
            'image/jpeg',
            'image/png',
            'image/webp',
            'image/gif',
            'image/svg+xml',
            'text/plain',
            'application/json',
            'application/octet-stream',
            'image/png; charset=utf-8',
          ),
          fc.oneof(
            fc.uint8Array({ maxLength: 4000 }),
            fc
              .tuple(fc.constantFrom(...Object.keys(IMAGES)), fc.uint8Array({ maxLength: 200 }))
              .map(([t, rest]) => new Uint8Array([...(IMAGES[t] as number[]), ...rest])),
            fc.constant(new Uint8Array(Buffer.from('<svg onload="alert(1)"></svg>'))),
          ),
          fc.constantFrom('good', 'good', 'good', 'none', 'kiosk', 'unknown'),
          async (caseRef, photoId, type, bytes, auth) => {
            const targetCase = caseRef === 'case' ? caseId : caseRef;
            const declared = type.split(';')[0] as string;
            const token =
              auth === 'good'
                ? device.token
                : auth === 'kiosk'
                  ? kiosk.token
                  : auth === 'unknown'
                    ? 'B'.repeat(43)
                    : undefined;
            const idsOk =
              /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(targetCase) &&
              /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(photoId);
            const image = sniffImage(bytes) === declared;
            // A real image, with good ids, from the device that captured the case, is stored:
            // that is not malformed. The fuzzer sends it only for cases that do not exist.
            fc.pre(
              !(
                image &&
                idsOk &&
                targetCase === caseId &&
                auth !== 'none' &&
                token !== 'B'.repeat(43)
              ),
            );
            await refused(async () => {
              const res = await send({
                method: 'PUT',
                url: `/api/cases/${pathSegment(targetCase)}/photos/${pathSegment(photoId)}`,
                headers: {
                  'content-type': type,
                  ...(token ? { authorization: `Bearer ${token}` } : {}),
                },
                payload: Buffer.from(bytes),
              });
              expectHubError(res, [400, 401, 403, 404, 415]);
              if (image && idsOk && auth === 'good') {
                expect(res.statusCode, res.body).toBe(404);
              }
            });
          },
        ),
        { numRuns: runs(2000) },
      );

      // POST /open311/v2/requests.{json,xml}, JSON and form-encoded: every field broken in turn.
      const packIndex = {
        services: new Map(pack.services.map((s) => [s.id, s])),
        topics: new Map(pack.topics.map((t) => [t.id, t.name.en])),
        partners: new Map(pack.partners.map((p) => [p.id, p])),
        commitments: new Map(pack.commitments.map((c) => [c.serviceId, c])),
      };
      const validFields = () => ({
        api_key: apiKey,
        service_code: 'missed-bin-collection',
        description: 'Bin not emptied.',
        address_string: '12 High Street, Eastbury',
        'attribute[postcode]': 'EB1 5EF',
        'attribute[case_type]': 'complaint',
        first_name: 'Ada',
        last_name: 'Jones',
        email: 'ada@example.org',
        phone: '07700 900123',
      });
      const breakage = fc.oneof(
        mutation(['api_key', 'service_code', 'description']).map((m) => ({
          ...m,
          action: m.action === 'extra' ? ('replace' as const) : m.action,
        })),
        fc.record({
          action: fc.constant('replace' as const),
          key: fc.constantFrom(
            'service_code',
            'lat',
            'long',
            'email',
            'phone',
            'media_url',
            'attribute[case_type]',
            'attribute[postcode]',
            'api_key',
          ),
          value: hostileString,
        }),
        fc.record({
          action: fc.constant('replace' as const),
          key: fc.constantFrom('description', 'address_string', 'first_name', 'account_id'),
          value: hostileString,
        }),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(breakage, { minLength: 1, maxLength: 3 }),
          fc.constantFrom('json', 'xml'),
          fc.constantFrom('json', 'form', 'form', 'raw-json', 'raw-form'),
          fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 300 })),
          async (breaks, format, encoding, raw) => {
            const fields = mutate(validFields(), breaks);
            let payload: string;
            let type: string;
            let submission;
            if (encoding === 'json') {
              payload = JSON.stringify(fields);
              type = 'application/json';
              submission = fromJson(JSON.parse(payload));
            } else if (encoding === 'form') {
              const form = new URLSearchParams();
              for (const [k, v] of Object.entries(fields)) {
                if (typeof v === 'string') form.append(k, v);
                else if (v !== null && v !== undefined) form.append(k, JSON.stringify(v));
              }
              payload = form.toString();
              type = 'application/x-www-form-urlencoded';
              submission = parseForm(payload);
            } else if (encoding === 'raw-json') {
              payload = JSON.stringify(raw) ?? 'null';
              type = 'application/json';
              submission = fromJson(JSON.parse(payload));
            } else {
              payload = typeof raw === 'string' ? raw : JSON.stringify(raw);
              type = 'application/x-www-form-urlencoded';
              submission = parseForm(payload);
            }
            const tooBig = Buffer.byteLength(payload) > 64 * 1024;
            // Fastify's JSON parser refuses pollution keys before the route sees the body.
            const polluted = type === 'application/json' && hasPollution(JSON.parse(payload));
            const keyOk = submission.fields.api_key === apiKey;
            const checked = submissionToCase(submission, packIndex, 'fuzzer', now());
            // A submission that passes every check opens a case: not malformed.
            fc.pre(tooBig || polluted || !keyOk || !checked.ok);
            const expected = tooBig
              ? [413]
              : polluted
                ? [400]
                : !keyOk
                  ? [403]
                  : checked.ok
                    ? []
                    : checked.errors.every((e) => e.code === 404)
                      ? [404]
                      : [400];
            await refused(async () => {
              const res = await send({
                method: 'POST',
                url: `/open311/v2/requests.${format}`,
                headers: { 'content-type': type },
                payload,
              });
              expectOpen311Error(res, format, expected);
            });
          },
        ),
        { numRuns: runs(1200) },
      );

      // Open311 posts that are not JSON or a form at all.
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('json', 'xml'),
          fc.constantFrom(
            'application/octet-stream',
            'text/xml',
            'multipart/form-data; boundary=x',
            'application/json',
          ),
          fc.string({ maxLength: 200 }).filter((s) => {
            try {
              JSON.parse(s);
              return false;
            } catch {
              return true;
            }
          }),
          async (format, type, payload) => {
            await refused(async () => {
              const res = await send({
                method: 'POST',
                url: `/open311/v2/requests.${format}`,
                headers: { 'content-type': type },
                payload,
              });
              // Multipart is FixMyStreet's photo upload mode: a broken one is refused as bad
              // (400) or, when it parses to no fields, as having no api_key (403).
              expectOpen311Error(
                res,
                format,
                type.startsWith('multipart/') ? [400, 403] : [400, 415],
              );
            });
          },
        ),
        { numRuns: runs(300) },
      );

      // The staff routes: signing in, adding a person, revoking a person or a device.
      const MANAGER_PARTNER = 'northam-district-council';
      const sessionBase = { staffId: 'priya-shah', pin: '000000' };
      const personBase = {
        id: 'new-person',
        name: 'New Person',
        role: 'counter',
        partnerId: MANAGER_PARTNER,
        teamIds: [],
        accessPointIds: ['civic-centre'],
        pin: '123456',
      };
      const staffRequest = fc.oneof(
        fc.record({
          route: fc.constant('session' as const),
          body: fc.oneof(
            fc
              .array(mutation(Object.keys(sessionBase)), { minLength: 1, maxLength: 2 })
              .map((ms) => mutate(sessionBase, ms)),
            fc.jsonValue({ maxDepth: 2 }),
          ),
          id: fc.constant(''),
        }),
        fc.record({
          route: fc.constant('person' as const),
          body: fc.oneof(
            fc
              .array(mutation(Object.keys(personBase)), { minLength: 1, maxLength: 3 })
              .map((ms) => mutate(personBase, ms)),
            // Well-formed, but another partner's person, a franchisor role, an unknown place or
            // another partner's place.
            fc
              .record({
                id: fc.constantFrom('new-person', ...DEMO_STAFF.map((p) => p.id)),
                partnerId: fc.constantFrom(MANAGER_PARTNER, 'eastbury-borough-council', null),
                role: fc.constantFrom('counter', 'auditor', 'franchisor-admin'),
                accessPointIds: fc.constantFrom(
                  ['civic-centre'],
                  ['no-such-place'],
                  ['civic-centre', 'eastbury-town-hall'],
                ),
              })
              .map((r) => ({ ...personBase, ...r })),
            fc.record({ name: hostileString }).map((r) => ({ ...personBase, ...r })),
          ),
          id: fc.constant(''),
        }),
        fc.record({
          route: fc.constantFrom('revoke-staff' as const, 'revoke-device' as const),
          body: fc.constant({}),
          id: fc
            .oneof(hostileString, fc.uuid())
            .filter(
              (id) =>
                id.length < 2000 &&
                !DEMO_STAFF.some((p) => p.id === id) &&
                id !== device.deviceId &&
                id !== kiosk.deviceId,
            ),
        }),
      );
      // Review moderation: malformed decisions, and well-formed ones for reviews that do not exist.
      const decisionBase = { decision: 'reject', reason: 'Names a member of staff.' };
      const reviewRequest = fc.record({
        route: fc.constant('review-decision' as const),
        body: fc.oneof(
          fc
            .array(mutation(Object.keys(decisionBase)), { minLength: 1, maxLength: 2 })
            .map((ms) => mutate(decisionBase, ms)),
          fc.record({ reason: hostileString }).map((r) => ({ ...decisionBase, ...r })),
          fc.constant({ decision: 'approve' }),
        ),
        id: fc.oneof(hostileString, fc.uuid()).filter((id) => id.length < 2000),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(staffRequest, reviewRequest),
          fc.constantFrom('good', 'good', 'good', 'none', 'kiosk'),
          fc.constantFrom('manager', 'manager', 'manager', 'none', 'forged'),
          async ({ route, body, id }, auth, session) => {
            const token =
              auth === 'good' ? device.token : auth === 'kiosk' ? kiosk.token : undefined;
            let expected: number;
            // An id that cannot be decoded (half a surrogate pair) never reaches the route.
            if (HALF_PAIR.test(id)) expected = 400;
            // "." and ".." are resolved away, leaving no id segment: no such route.
            else if (route !== 'session' && route !== 'person' && ['.', '..'].includes(id)) {
              expected = 404;
            } else if (!token) expected = 401;
            else if (route === 'session') {
              // A well-formed sign-in costs a slow PIN check and may open a session: not here.
              fc.pre(!staffSessionRequest.safeParse(body).success);
              expected = auth === 'kiosk' ? 403 : 400;
            } else if (auth === 'kiosk' || session !== 'manager') {
              expected = 401; // the manager's session belongs to the counter only
            } else if (route === 'person') {
              const parsed = staffInput.safeParse(body);
              if (!parsed.success) expected = 400;
              else {
                const existing = DEMO_STAFF.find((p) => p.id === parsed.data.id);
                const theirs =
                  parsed.data.partnerId === MANAGER_PARTNER &&
                  !['franchisor-admin', 'auditor'].includes(parsed.data.role);
                const stillTheirs = !existing || existing.partnerId === MANAGER_PARTNER;
                if (!theirs || !stillTheirs) expected = 403;
                else if (parsed.data.accessPointIds.includes('no-such-place')) expected = 400;
                // A manager's people work at the partner's own places only.
                else if (parsed.data.accessPointIds.includes('eastbury-town-hall')) expected = 403;
                // Anything else would add or change a person: a valid write, not this phase's.
                else return fc.pre(false);
              }
            } else if (route === 'review-decision') {
              // No review exists in this phase: a well-formed decision names none (404).
              expected = reviewDecision.safeParse(body).success ? 404 : 400;
            } else expected = 404;
            const url =
              route === 'session'
                ? '/api/staff/sessions'
                : route === 'person'
                  ? '/api/staff'
                  : route === 'review-decision'
                    ? `/api/staff/reviews/${pathSegment(id)}/decision`
                    : route === 'revoke-staff'
                      ? `/api/staff/${pathSegment(id)}/revoke`
                      : `/api/studio/devices/${pathSegment(id)}/revoke`;
            await refused(async () => {
              const res = await send({
                method: 'POST',
                url,
                headers: {
                  'content-type': 'application/json',
                  ...(token ? { authorization: `Bearer ${token}` } : {}),
                  ...(session === 'manager'
                    ? { 'x-staff-session': managerSession }
                    : session === 'forged'
                      ? { 'x-staff-session': 'C'.repeat(43) }
                      : {}),
                },
                payload: JSON.stringify(body),
              });
              // Fastify's JSON parser refuses prototype-polluting keys (400) before any route
              // or device check runs: that refusal is as right as the route's own.
              expectHubError(res, hasPollution(body) ? [expected, 400] : [expected]);
            });
          },
        ),
        { numRuns: runs(800) },
      );

      // Write methods where there are none, and unknown paths.
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE'),
          fc.constantFrom(
            '/api/pack/delta',
            '/api/pack/versions',
            '/api/sync',
            '/api/devices/enrol',
            '/api/cases/x',
            '/api/hsds/services',
            '/api/',
            '/api/devices',
            '/api/staff',
            '/api/staff/sessions',
            '/api/staff/reviews',
          ),
          // No route has a segment starting with "~", so these are never real routes.
          fc.string({ maxLength: 20 }).map((s) => `/~${pathSegment(s)}`),
          async (method, path, suffix) => {
            const url = `${path}${suffix}`;
            await refused(async () => {
              const res = await send({
                method: method as 'POST',
                url,
                headers: { 'content-type': 'application/json' },
                payload: '{}',
              });
              expectHubError(res, [404]);
            });
          },
        ),
        { numRuns: runs(300) },
      );

      await expectStillServing();
      // Nothing partial stored: every table holds exactly the rows it held before.
      expect(await rowCounts()).toEqual(before);
      expect(await storage.core.countAppliedOps()).toBe(appliedBefore);
      expect(malformed).toBeGreaterThanOrEqual(options.minPayloads);
      console.info(
        `[fuzz ${name}] ${malformed} malformed payloads refused (${requests} requests in all)`,
      );
    });

    it('applies the valid ops of a mixed batch and rejects the others one by one', async () => {
      const before = await storage.core.countAppliedOps();
      const notesBefore = (await storage.contacts.listContactNotes()).length;
      let appliedOps = 0;
      let appliedNotes = 0;

      // Ops are built inside each run (fresh ids), so a replayed or shrunk run is never a retry.
      const invalidOp = fc.oneof(
        // A payload broken field by field, for every kind.
        fc.constantFrom(...KINDS).chain((kind) =>
          fc
            .array(mutation(Object.keys(validPayload(kind, caseId))), {
              minLength: 1,
              maxLength: 3,
            })
            .map((ms) => () => op(device.deviceId, kind, mutate(validPayload(kind, caseId), ms))),
        ),
        // Hostile text in a field of a valid payload.
        fc
          .tuple(fc.constantFrom(...KINDS), hostileString)
          .chain(([kind, text]) =>
            fc
              .constantFrom(...Object.keys(validPayload(kind, caseId)))
              .map(
                (key) => () =>
                  op(device.deviceId, kind, { ...validPayload(kind, caseId), [key]: text }),
              ),
          ),
        // A payload that belongs to another kind.
        fc
          .tuple(fc.constantFrom(...KINDS), fc.constantFrom(...KINDS))
          .filter(([a, b]) => a !== b)
          .map(
            ([kind, other]) =>
              () =>
                op(device.deviceId, kind, validPayload(other, caseId)),
          ),
        // Unknown kinds, including ones that look like object keys.
        fc
          .oneof(
            fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
            fc.string({ minLength: 1, maxLength: 64 }),
          )
          .filter((kind) => !Object.hasOwn(MUTATIONS, kind))
          .map(
            (kind) => () => op(device.deviceId, kind, validPayload('contactNote.create', caseId)),
          ),
        // Written on another device.
        fc
          .uuid()
          .map(
            (other) => () =>
              op(other, 'contactNote.create', validPayload('contactNote.create', caseId)),
          ),
        // case.event with a hub sequence beyond what any store holds.
        fc
          .integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER })
          .map(
            (basedOn) => () =>
              op(device.deviceId, 'case.event', { ...validPayload('case.event', caseId), basedOn }),
          ),
      );
      const validOp = fc.oneof(
        fc
          .constantFrom(...ALWAYS_APPLIES)
          .map((kind) => () => op(device.deviceId, kind, validPayload(kind, caseId))),
        // Case work named for someone: applied only for a person here whose role allows it.
        fc
          .tuple(
            fc.constantFrom('acknowledged', 'note', 'resolved', 'reopened'),
            fc.option(fc.constantFrom(...STAFF_IDS), { nil: undefined }),
          )
          .map(
            ([kind, staffId]) =>
              () =>
                op(
                  device.deviceId,
                  'case.event',
                  { ...validPayload('case.event', caseId), kind },
                  staffId,
                ),
          ),
        // An audit by someone who may audit (the franchisor's admin works here), of a place
        // that exists or not: the hub looks the place up (audit-store.ts).
        fc
          .constantFrom('central-library', 'riverside-health-centre', 'atlantis-library')
          .map(
            (accessPointId) => () =>
              op(
                device.deviceId,
                'audit.submit',
                { ...validPayload('audit.submit', caseId), accessPointId },
                'alex-morgan',
              ),
          ),
      );

      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(invalidOp, validOp), { minLength: 1, maxLength: 8 }),
          fc.boolean(),
          async (recipes, resend) => {
            const push = recipes.map((build) => build());
            // The same checks the hub makes: shape, then who may do it (staff-policy.ts).
            const lookup = staffLookup(storage);
            const expected = await Promise.all(
              push.map(async (o) => {
                if (o.deviceId !== device.deviceId) return 'device-mismatch';
                const checked = validateOp(o);
                if (!checked.ok) return checked.code;
                if (await denial(checked.op, deviceRecord, lookup)) return 'forbidden';
                // The store then looks the service up in the pack (case-store.ts): hostile text
                // can be a well-formed id of no service.
                if (
                  checked.op.kind === 'case.open' &&
                  checked.op.payload.serviceId !== validPayload('case.open', caseId).serviceId
                )
                  return 'invalid-payload';
                // A review names a service or partner the pack must list (review-store.ts).
                if (
                  checked.op.kind === 'review.submit' &&
                  (checked.op.payload.targetKind !== 'service' ||
                    checked.op.payload.targetId !== validPayload('review.submit', caseId).targetId)
                )
                  return 'invalid-payload';
                if (checked.op.kind === 'audit.submit') {
                  const place = checked.op.payload.accessPointId;
                  if (!DEMO_ACCESS_POINTS.some((ap) => ap.id === place)) return 'invalid-payload';
                }
                return 'applied';
              }),
            );
            const res = await sync(syncBody(push, cursor, 1));
            expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
            const body = res.json<SyncResponse>();
            expect(body.results.map((r) => r.opId)).toEqual(push.map((o) => o.id));
            body.results.forEach((result, i) => {
              if (expected[i] === 'applied') {
                expect(result, JSON.stringify(push[i])).toEqual({
                  status: 'applied',
                  opId: push[i]?.id,
                });
              } else {
                expect(result.status, JSON.stringify(push[i]).slice(0, 300)).toBe('rejected');
                if (result.status === 'rejected') {
                  expect(result.code).toBe(expected[i]);
                  expect(result.reason).toMatch(/[a-z]{3,}/i);
                }
              }
            });
            const valid = push.filter((_, i) => expected[i] === 'applied');
            appliedOps += valid.length;
            appliedNotes += valid.filter((o) => o.kind === 'contactNote.create').length;
            if (resend) {
              // A retried batch: applied ops come back as duplicates, nothing is stored twice.
              const again = (await sync(syncBody(push, cursor, 1))).json<SyncResponse>();
              again.results.forEach((result, i) => {
                expect(result.status).toBe(expected[i] === 'applied' ? 'duplicate' : 'rejected');
              });
            }
          },
        ),
        { numRuns: runs(400) },
      );

      // Exactly the valid ops were applied, each once; the rejected ones left nothing behind.
      expect(await storage.core.countAppliedOps()).toBe(before + appliedOps);
      expect((await storage.contacts.listContactNotes()).length).toBe(notesBefore + appliedNotes);
      await sendPull();
      await expectStillServing();
    });
  });
}
