// Who may see and do what, as one table: every staff route × every role × their own partner's
// case or another's; the sync feed per place and device mode; and the public routes. Run on
// SQLite and PostgreSQL (route-isolation.sqlite.test.ts, route-isolation.pg.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../src/server/features/open311/open311-keys.ts';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import { draftRecordOf, readDraft } from '../../src/server/features/pack/pack-draft.ts';
import { DEMO_STAFF } from '../../src/server/features/staff/demo-staff.ts';
import type { AuditScores } from '../../src/server/features/audits/audit-store.ts';
import type { Storage } from '../../src/server/storage.ts';
import { newId } from '../../src/shared/ids.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';
import { newReference } from '../../src/shared/reference.ts';
import { hashPin, isPrivileged, type Role } from '../../src/shared/staff.ts';
import { PROTOCOL_VERSION, type Change, type Op } from '../../src/shared/sync/protocol.ts';
import { startHub, type TestHub } from '../helpers/hub.ts';

const now = () => new Date().toISOString();
// (The postcode district, e.g. EB1, is public by design: Open311's zipcode.)
const PERSONAL = ['Ada Jones', '07700 900123', 'resident is 84', 'Brook End', '5EF', '4CD'];

interface Actor {
  role: Role;
  staffId: string;
  place: string;
  partner: string | null;
}

/** One person per role, at one of their places. Northam owns the "own" case. */
const ACTORS: Actor[] = [
  { role: 'franchisor-admin', staffId: 'alex-morgan', place: 'civic-centre', partner: null },
  {
    role: 'partner-manager',
    staffId: 'priya-shah',
    place: 'civic-centre',
    partner: 'northam-district-council',
  },
  {
    role: 'back-office',
    staffId: 'alun-davies',
    place: 'civic-centre',
    partner: 'northam-district-council',
  },
  {
    role: 'counter',
    staffId: 'tom-evans',
    place: 'central-library',
    partner: 'northshire-county-council',
  },
  {
    role: 'volunteer',
    staffId: 'sam-lee',
    place: 'mobile-library-2',
    partner: 'northshire-county-council',
  },
  { role: 'auditor', staffId: 'ruth-hale', place: 'central-library', partner: null },
];

const VIEW_CUSTOMERS: Partial<Record<Role, number>> = {
  'franchisor-admin': 200,
  'partner-manager': 200,
  'back-office': 200,
  counter: 200,
};
/** The franchisor, and the county whose library captured both cases. */
const seesOtherCustomer = (actor: Actor) =>
  actor.partner === null || actor.partner === 'northshire-county-council';

export function describeRouteIsolation(
  name: string,
  makeStorage: () => Promise<{ storage?: Storage; drop?: () => Promise<void> }>,
): void {
  describe(`who may see what: ${name}`, () => {
    let hub: TestHub;
    let drop: (() => Promise<void>) | undefined;
    const devices = new Map<string, { token: string; deviceId: string }>();
    const sessions = new Map<string, string>();
    const cases = {
      own: { id: '', reference: '' }, // Northam District Council's
      other: { id: '', reference: '' }, // Eastbury Borough Council's
    };
    /** Reviews written at the kiosk: of a Northam service, a county one, and one left pending. */
    const reviews = { own: newId(), other: newId(), pending: newId() };
    // The customer records those cases made (both captured at a county library).
    const customers = { own: '', other: '' };

    const inject = (
      method: 'GET' | 'POST' | 'PUT',
      url: string,
      headers: Record<string, string> = {},
      payload?: unknown,
    ) =>
      hub.app.inject({
        method,
        url,
        headers,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    const as = (actor: Actor) => ({
      authorization: `Bearer ${devices.get(actor.place)?.token}`,
      'x-staff-session': sessions.get(actor.staffId) ?? '',
    });
    const sync = (place: string, push: Op[] = [], cursor: string | null = null) =>
      inject(
        'POST',
        '/api/sync',
        { authorization: `Bearer ${devices.get(place)?.token}` },
        { type: 'sync', protocolVersion: PROTOCOL_VERSION, push, cursor, pullLimit: 1000 },
      );
    async function pullAll(place: string): Promise<Change[]> {
      const all: Change[] = [];
      let cursor: string | null = null;
      for (;;) {
        const page: { changes: Change[]; cursor: string | null; hasMore: boolean } = (
          await sync(place, [], cursor)
        ).json();
        all.push(...page.changes);
        cursor = page.cursor;
        if (!page.hasMore) return all;
      }
    }

    beforeAll(async () => {
      const made = await makeStorage();
      drop = made.drop;
      hub = await startHub(made.storage ? { storage: made.storage } : {});
      const checked = validatePack(buildDemoPack());
      if (!checked.ok) throw new Error('invalid demo pack');
      await hub.storage.core.publishPack(checked.pack, { now: now() });
      for (const place of [
        'civic-centre',
        'central-library',
        'mobile-library-2',
        'eastbury-town-hall',
      ]) {
        const enrolled = await hub.enrol(
          place,
          place === 'mobile-library-2' ? 'tablet' : 'counter',
        );
        devices.set(place, enrolled);
      }
      devices.set('kiosk', await hub.enrol('civic-centre-kiosk', 'kiosk'));
      for (const actor of [
        ...ACTORS,
        { staffId: 'grace-obi', place: 'eastbury-town-hall' } as Actor,
      ]) {
        const pin = DEMO_STAFF.find((s) => s.id === actor.staffId)?.pin;
        const res = await inject(
          'POST',
          '/api/staff/sessions',
          { authorization: `Bearer ${devices.get(actor.place)?.token}` },
          { staffId: actor.staffId, pin },
        );
        expect(res.statusCode, actor.staffId).toBe(201);
        sessions.set(actor.staffId, res.json<{ token: string }>().token);
      }
      // Two complaints captured on the mobile library: one for Northam, one for Eastbury.
      const tablet = devices.get('mobile-library-2')!;
      for (const [which, postcode] of [
        ['own', 'NM3 4CD'],
        ['other', 'EB1 5EF'],
      ] as const) {
        const id = newId();
        const reference = newReference();
        const res = await sync('mobile-library-2', [
          {
            id: newId(),
            deviceId: tablet.deviceId,
            staffId: 'sam-lee',
            kind: 'case.open',
            clientTime: now(),
            payload: {
              id,
              reference,
              type: 'complaint',
              serviceId: 'missed-bin-collection',
              channel: 'face-to-face',
              details: 'Missed three weeks running; resident is 84, lives by Brook End.',
              location: { postcode },
              // With the second consent, so each case makes a customer record.
              contact: {
                name: 'Ada Jones',
                phone: '07700 900123',
                consent: true,
                keepRecord: true,
              },
              author: 'Sam Lee',
              openedAt: now(),
            },
          },
        ]);
        expect(res.json().results[0].status).toBe('applied');
        cases[which] = { id, reference };
        const row = await hub.storage.db
          .selectFrom('cases')
          .select('customer_id')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        customers[which] = row.customer_id ?? '';
      }
      const kiosk = devices.get('kiosk')!;
      const reviewed = await sync(
        'kiosk',
        (
          [
            [reviews.own, 'missed-bin-collection'],
            [reviews.other, 'blue-badge'],
            [reviews.pending, 'missed-bin-collection'],
          ] as const
        ).map(([id, service]) => ({
          id: newId(),
          deviceId: kiosk.deviceId,
          kind: 'review.submit',
          clientTime: now(),
          payload: {
            id,
            targetKind: 'service',
            targetId: service,
            rating: 4,
            body: 'Helpful and quick.',
            createdAt: now(),
          },
        })),
      );
      expect(reviewed.json().results.map((r: { status: string }) => r.status)).toEqual([
        'applied',
        'applied',
        'applied',
      ]);
      // Ruth Hale audits a Northam and an Eastbury place from her tablet at the library.
      for (const accessPointId of ['civic-centre', 'eastbury-town-hall']) {
        const library = devices.get('central-library')!;
        const res = await sync('central-library', [
          {
            id: newId(),
            deviceId: library.deviceId,
            staffId: 'ruth-hale',
            kind: 'audit.submit',
            clientTime: now(),
            payload: {
              id: newId(),
              accessPointId,
              visitedAt: now(),
              items: [{ checkId: 'welcome/greeted', result: 'met', note: 'Greeted at once.' }],
            },
          },
        ]);
        expect(res.json().results[0].status).toBe('applied');
      }
    });
    afterAll(async () => {
      await hub?.close();
      await drop?.();
    });

    // ---- staff routes × roles × own/other partner ----
    type Expectation = Partial<Record<Role, number>>;
    interface StaffRoute {
      route: string;
      /** Makes what the call acts on (before the store is read for "nothing changed"). */
      prepare?: (actor: Actor) => Promise<void>;
      call: (actor: Actor) => ReturnType<typeof inject>;
      status: Expectation;
      check?: (actor: Actor, body: unknown) => void;
      /** After a success: what the store must now hold. */
      stored?: (actor: Actor) => Promise<void>;
      /** Roles for whom the call would succeed and change what later tests rely on. */
      skip?: Role[];
    }

    /** Everything a refused call must leave as it was: people, sessions, devices, codes,
     * customers, reviews, training, and how long the feed and the op log are. */
    async function storeSnapshot(): Promise<Record<string, unknown>> {
      const db = hub.storage.db;
      const snapshot: Record<string, unknown> = {};
      for (const table of [
        'staff',
        'staff_sessions',
        'devices',
        'enrolment_codes',
        'customers',
        'customer_merges',
        'reviews',
        'review_decisions',
        'training_completions',
        'admin_log',
      ] as const) {
        const rows = await db.selectFrom(table).selectAll().execute();
        snapshot[table] = rows.map((row) => JSON.stringify(row)).sort();
      }
      const feed = await db
        .selectFrom('changes')
        .select((eb) => [eb.fn.countAll().as('rows'), eb.fn.max('seq').as('last')])
        .executeTakeFirstOrThrow();
      const ops = await db
        .selectFrom('applied_ops')
        .select((eb) => eb.fn.countAll().as('rows'))
        .executeTakeFirstOrThrow();
      snapshot.changes = [String(feed.rows), String(feed.last)];
      snapshot.applied_ops = String(ops.rows);
      // Open311 keys (their table is the open311 feature's own).
      snapshot.api_keys = (await hub.storage.open311.listApiKeys())
        .map((key) => JSON.stringify(key))
        .sort();
      return snapshot;
    }

    // Staff administration: each role acts on a person or device made for it alone, so a
    // success changes nothing another row relies on. Northam (Priya Shah's) is the own
    // partner, Eastbury the other.
    const OWN = 'northam-district-council';
    const OTHER = 'eastbury-borough-council';
    let fixturePin: Awaited<ReturnType<typeof hashPin>> | undefined;
    /** A person with this id, working for `partnerId` at `places`, unrevoked. */
    async function person(
      id: string,
      partnerId: string | null,
      places: string[],
      role: Role = 'counter',
    ): Promise<void> {
      fixturePin ??= await hashPin('555123');
      await hub.storage.staff.upsertStaff(
        {
          id,
          name: 'Fixture Person',
          role,
          partnerId,
          teamIds: [],
          accessPointIds: places,
          pin: fixturePin,
        },
        now(),
      );
    }
    const fixtureDevices = new Map<string, string>();
    const deviceKey = (route: string, actor: Actor) => `${route}|${actor.role}`;
    /** A row whose call issues a studio enrolment code for `place` (logged when it succeeds). */
    const issueCode = (route: string, place: string, status: Expectation): StaffRoute => ({
      route,
      call: (a) =>
        inject('POST', '/api/studio/enrolment-codes', as(a), {
          accessPointId: place,
          mode: 'kiosk',
          expiresInHours: 2,
        }),
      status,
      stored: async (a) => {
        const codes = await hub.storage.db
          .selectFrom('enrolment_codes')
          .select(['mode', 'issued_by'])
          .where('access_point_id', '=', place)
          .where('issued_by', '=', a.staffId)
          .execute();
        expect(codes.some((c) => c.mode === 'kiosk')).toBe(true);
      },
    });
    /** A row whose call revokes or replaces, in the studio, a device enrolled at `place`. */
    const studioDevice = (
      route: string,
      action: 'revoke' | 'replace',
      place: string,
      status: Expectation,
    ): StaffRoute => ({
      route,
      prepare: async (a) => {
        const enrolled = await hub.enrol(place);
        fixtureDevices.set(deviceKey(route, a), enrolled.deviceId);
      },
      call: (a) =>
        inject(
          'POST',
          `/api/studio/devices/${fixtureDevices.get(deviceKey(route, a))}/${action}`,
          as(a),
          {},
        ),
      status,
      stored: async (a) => {
        const device = await hub.storage.core.findDevice(fixtureDevices.get(deviceKey(route, a))!);
        expect(device?.revokedAt).toEqual(expect.any(String));
      },
    });
    /** A row whose call revokes a person made for this role. */
    const revokePerson = (
      route: string,
      make: (id: string) => Promise<void>,
      what: string,
      status: Expectation,
    ): StaffRoute => ({
      route,
      prepare: (a) => make(`${what}-${a.role}`),
      call: (a) => inject('POST', `/api/staff/${what}-${a.role}/revoke`, as(a)),
      status,
      stored: async (a) => {
        expect((await hub.storage.staff.findStaff(`${what}-${a.role}`))?.revokedAt).toEqual(
          expect.any(String),
        );
      },
    });
    /**
     * A row whose call adds or changes a person: `body` is sent as is (PIN 555123, or a
     * passphrase for a privileged role: isPrivileged in src/shared/staff.ts).
     */
    const putPerson = (
      route: string,
      id: string,
      body: { partnerId: string | null; accessPointIds: string[]; role?: Role },
      status: Expectation,
      make?: (id: string) => Promise<void>,
    ): StaffRoute => ({
      route,
      ...(make ? { prepare: (a: Actor) => make(`${id}-${a.role}`) } : {}),
      call: (a) =>
        inject('POST', '/api/staff', as(a), {
          id: `${id}-${a.role}`,
          name: 'Changed Name',
          role: body.role ?? 'counter',
          partnerId: body.partnerId,
          accessPointIds: body.accessPointIds,
          pin: isPrivileged(body.role ?? 'counter') ? 'a passphrase for 555123' : '555123',
        }),
      status,
      stored: async (a) => {
        const stored = await hub.storage.staff.findStaff(`${id}-${a.role}`);
        expect(stored?.name).toBe('Changed Name');
        expect(stored?.partnerId).toBe(body.partnerId);
        expect(stored?.accessPointIds).toEqual(body.accessPointIds);
      },
    });
    const ownPerson = (id: string) => person(id, OWN, ['civic-centre']);
    const otherPerson = (id: string) => person(id, OTHER, ['eastbury-town-hall']);
    const franchisorPerson = (id: string) => person(id, null, ['civic-centre'], 'auditor');
    /** The franchisor may do it; a manager only within their partner; no other role at all. */
    const both = { 'franchisor-admin': 200, 'partner-manager': 200 };
    const franchisorOnly = { 'franchisor-admin': 200 };
    const added = { 'franchisor-admin': 201, 'partner-manager': 201 };
    const addedByFranchisor = { 'franchisor-admin': 201 };
    const mismatch = { 'franchisor-admin': 400 };
    const STAFF_ADMINISTRATION: StaffRoute[] = [
      // Create.
      putPerson(
        'POST /api/staff create (own partner)',
        'new',
        { partnerId: OWN, accessPointIds: ['civic-centre'] },
        { 'franchisor-admin': 201, 'partner-manager': 201 },
      ),
      putPerson(
        'POST /api/staff create (other partner)',
        'other',
        { partnerId: OTHER, accessPointIds: ['eastbury-town-hall'] },
        { 'franchisor-admin': 201 },
      ),
      putPerson(
        'POST /api/staff create (franchisor role)',
        'boss',
        { partnerId: OWN, accessPointIds: ['civic-centre'], role: 'franchisor-admin' },
        { 'franchisor-admin': 201 },
      ),
      putPerson(
        'POST /api/staff create (franchisor staff, no partner)',
        'hq',
        { partnerId: null, accessPointIds: ['eastbury-town-hall'] },
        { 'franchisor-admin': 201 },
      ),
      // The hole this closes: a Northam person at an Eastbury place would read Eastbury's
      // insight and audit scores and unlock its devices. Not even the franchisor may make one
      // (a partner's person works at that partner's places): 400 for them, 403 for a manager.
      putPerson(
        'POST /api/staff create (own partner, other partner’s place)',
        'reach',
        { partnerId: OWN, accessPointIds: ['civic-centre', 'eastbury-town-hall'] },
        { 'franchisor-admin': 400 },
      ),
      putPerson(
        'POST /api/staff create (own partner, other partner’s place only)',
        'reach-only',
        { partnerId: OWN, accessPointIds: ['eastbury-town-hall'] },
        { 'franchisor-admin': 400 },
      ),
      // Edit (name, PIN, role).
      putPerson(
        'POST /api/staff edit (own partner)',
        'edit-own',
        { partnerId: OWN, accessPointIds: ['civic-centre'] },
        both,
        ownPerson,
      ),
      putPerson(
        'POST /api/staff edit (other partner)',
        'edit-other',
        { partnerId: OTHER, accessPointIds: ['eastbury-town-hall'] },
        franchisorOnly,
        otherPerson,
      ),
      putPerson(
        'POST /api/staff edit (franchisor staff)',
        'edit-hq',
        { partnerId: null, accessPointIds: ['civic-centre'], role: 'auditor' },
        franchisorOnly,
        franchisorPerson,
      ),
      putPerson(
        'POST /api/staff edit (own partner’s auditor)',
        'edit-auditor',
        { partnerId: OWN, accessPointIds: ['civic-centre'] },
        franchisorOnly,
        (id) => person(id, OWN, ['civic-centre'], 'auditor'),
      ),
      // Move (partner or places).
      putPerson(
        'POST /api/staff move (own person to other partner)',
        'move-out',
        { partnerId: OTHER, accessPointIds: ['eastbury-town-hall'] },
        franchisorOnly,
        ownPerson,
      ),
      putPerson(
        'POST /api/staff move (other partner’s person to own)',
        'move-in',
        { partnerId: OWN, accessPointIds: ['civic-centre'] },
        franchisorOnly,
        otherPerson,
      ),
      putPerson(
        'POST /api/staff move (own person to other partner’s place)',
        'move-reach',
        { partnerId: OWN, accessPointIds: ['civic-centre', 'eastbury-town-hall'] },
        { 'franchisor-admin': 400 },
        ownPerson,
      ),
      putPerson(
        'POST /api/staff move (other partner’s person to own place)',
        'move-place',
        { partnerId: OTHER, accessPointIds: ['eastbury-town-hall', 'civic-centre'] },
        { 'franchisor-admin': 400 },
        otherPerson,
      ),
      // Revoke people and devices.
      revokePerson('POST /api/staff/:id/revoke (own partner)', ownPerson, 'revoke-own', both),
      revokePerson(
        'POST /api/staff/:id/revoke (other partner)',
        otherPerson,
        'revoke-other',
        franchisorOnly,
      ),
      revokePerson(
        'POST /api/staff/:id/revoke (franchisor staff)',
        franchisorPerson,
        'revoke-hq',
        franchisorOnly,
      ),
      revokePerson(
        'POST /api/staff/:id/revoke (own partner’s auditor)',
        (id) => person(id, OWN, ['civic-centre'], 'auditor'),
        'revoke-auditor',
        franchisorOnly,
      ),
    ];

    const staffRoutes: StaffRoute[] = [
      {
        route: 'GET /api/staff/cases',
        call: (a) => inject('GET', '/api/staff/cases', as(a)),
        status: { 'franchisor-admin': 200, 'partner-manager': 200, 'back-office': 200 },
        check: (actor, body) => {
          const refs = (body as { reference: string }[]).map((c) => c.reference);
          // The franchisor sees both partners' cases; Northam's people only Northam's.
          expect(refs.includes(cases.own.reference), actor.role).toBe(true);
          expect(refs.includes(cases.other.reference), actor.role).toBe(actor.partner === null);
          for (const secret of PERSONAL) expect(JSON.stringify(body)).not.toContain(secret);
        },
      },
      {
        // The counter's look-up by reference: every signed-in person, any partner's case (as
        // /track shows it to anyone with the reference), and never personal data.
        route: 'GET /api/staff/case-lookup/:reference',
        call: (a) => inject('GET', `/api/staff/case-lookup/${cases.other.reference}`, as(a)),
        status: {
          'franchisor-admin': 200,
          'partner-manager': 200,
          'back-office': 200,
          counter: 200,
          volunteer: 200,
          auditor: 200,
        },
        check: (actor, body) => {
          const answer = body as { found: boolean; summary?: { reference: string } };
          expect(answer.summary?.reference, actor.role).toBe(cases.other.reference);
          for (const secret of PERSONAL) expect(JSON.stringify(body)).not.toContain(secret);
        },
      },
      {
        route: 'GET /api/staff/roster',
        call: (a) => inject('GET', '/api/staff/roster', as(a)),
        status: { 'franchisor-admin': 200, 'partner-manager': 200 },
        check: (actor, body) => {
          const partners = new Set(
            (body as { partnerId: string | null }[]).map((p) => p.partnerId),
          );
          if (actor.partner) expect([...partners]).toEqual([actor.partner]);
          else expect(partners.size).toBeGreaterThan(2);
          expect(JSON.stringify(body)).not.toContain('PBKDF2');
        },
      },
      {
        route: 'GET /api/staff/audits/scores',
        call: (a) => inject('GET', '/api/staff/audits/scores', as(a)),
        // Other staff must name one of their own places (next route).
        status: { 'franchisor-admin': 200, 'partner-manager': 200, auditor: 200 },
        check: (actor, body) => {
          const places = (body as AuditScores).byAccessPoint.map((p) => p.accessPointId).sort();
          expect(places).toEqual(
            actor.partner ? ['civic-centre'] : ['civic-centre', 'eastbury-town-hall'],
          );
        },
      },
      {
        route: 'GET /api/staff/audits/scores (own place)',
        call: (a) => inject('GET', `/api/staff/audits/scores?accessPointId=${a.place}`, as(a)),
        status: {
          'franchisor-admin': 200,
          'partner-manager': 200,
          'back-office': 200,
          counter: 200,
          auditor: 200,
        },
      },
      {
        route: 'GET /api/staff/audits/scores (other partner)',
        call: (a) =>
          inject('GET', '/api/staff/audits/scores?partnerId=eastbury-borough-council', as(a)),
        status: { 'franchisor-admin': 200, auditor: 200 },
        check: (_actor, body) => {
          const places = (body as AuditScores).byAccessPoint.map((p) => p.accessPointId);
          expect(places).toEqual(['eastbury-town-hall']);
        },
      },
      {
        route: 'GET /api/staff/insight',
        call: (a) => inject('GET', '/api/staff/insight', as(a)),
        status: {
          'franchisor-admin': 200,
          'partner-manager': 200,
          'back-office': 200,
          counter: 200,
        },
        check: (actor, body) => {
          // The franchisor sees all; a manager their partner; counter and back-office their places.
          const scope = (body as { scope: string }).scope;
          expect(scope, actor.role).toBe(
            actor.partner === null
              ? 'all'
              : actor.role === 'partner-manager'
                ? 'partner'
                : 'places',
          );
          for (const secret of PERSONAL) expect(JSON.stringify(body)).not.toContain(secret);
        },
      },
      {
        route: 'GET /api/staff/insight (another partner)',
        call: (a) => inject('GET', '/api/staff/insight?partner=eastbury-borough-council', as(a)),
        status: { 'franchisor-admin': 200 },
      },
      {
        route: 'GET /api/staff/insight/:table.csv',
        call: (a) => inject('GET', '/api/staff/insight/volumes-by-channel.csv', as(a)),
        status: {
          'franchisor-admin': 200,
          'partner-manager': 200,
          'back-office': 200,
          counter: 200,
        },
      },
      ...STAFF_ADMINISTRATION,
      // The studio's people (people-routes.ts): a manager their own partner's, the franchisor all.
      {
        route: 'GET /api/staff/people',
        call: (a) => inject('GET', '/api/staff/people', as(a)),
        status: both,
        check: (actor, body) => {
          const { people, places } = body as {
            people: { partnerId: string | null }[];
            places: { partnerId: string }[];
          };
          const partners = [...people, ...places].map((p) => p.partnerId);
          if (actor.partner) expect(partners.every((p) => p === actor.partner)).toBe(true);
          else expect(partners).toContain(OTHER);
          expect(JSON.stringify(body)).not.toMatch(/salt|hash/);
        },
      },
      {
        route: 'GET /api/staff/people?partner= (other partner)',
        call: (a) => inject('GET', `/api/staff/people?partner=${OTHER}`, as(a)),
        status: franchisorOnly,
      },
      {
        route: 'GET /api/staff/people/:id (other partner)',
        call: (a) => inject('GET', '/api/staff/people/grace-obi', as(a)),
        status: franchisorOnly,
      },
      ...(
        [
          ['own partner', OWN, ['civic-centre'], 'counter', added],
          ['other partner', OTHER, ['eastbury-town-hall'], 'counter', addedByFranchisor],
          ['franchisor role', null, ['civic-centre'], 'auditor', addedByFranchisor],
          // A partner's place mismatch is bad input for the franchisor, forbidden to a manager.
          ['other partner’s place', OWN, ['eastbury-town-hall'], 'counter', mismatch],
        ] as const
      ).map(([what, partnerId, accessPointIds, role, status], n): StaffRoute => ({
        route: `POST /api/staff/people invite (${what})`,
        call: (a) =>
          inject('POST', '/api/staff/people', as(a), {
            id: `invite-${n}-${a.role}`,
            name: 'Invited Person',
            role,
            partnerId,
            accessPointIds,
          }),
        status,
        stored: async (a) => {
          expect((await hub.storage.staff.findStaff(`invite-${n}-${a.role}`))?.role).toBe(role);
        },
      })),
      ...(
        [
          ['own partner', ownPerson, both],
          ['other partner', otherPerson, franchisorOnly],
          ['franchisor staff', franchisorPerson, franchisorOnly],
        ] as const
      ).flatMap(([what, make, status]): StaffRoute[] => [
        {
          route: `POST /api/staff/:id/edit (${what})`,
          prepare: (a) => make(`edit-${what}-${a.role}`.replaceAll(/[^a-z-]/g, '')),
          call: (a) =>
            inject(
              'POST',
              `/api/staff/${`edit-${what}-${a.role}`.replaceAll(/[^a-z-]/g, '')}/edit`,
              as(a),
              {
                name: 'Edited Name',
                role: what === 'franchisor staff' ? 'auditor' : 'volunteer',
                teamIds: [],
              },
            ),
          status,
        },
        {
          route: `POST /api/staff/:id/reset-pin (${what})`,
          prepare: (a) => make(`reset-${what}-${a.role}`.replaceAll(/[^a-z-]/g, '')),
          call: (a) =>
            inject(
              'POST',
              `/api/staff/${`reset-${what}-${a.role}`.replaceAll(/[^a-z-]/g, '')}/reset-pin`,
              as(a),
            ),
          status,
          check: (_a, body) => expect((body as { secret: string }).secret).toMatch(/^\d{8}$/),
        },
      ]),
      {
        route: 'POST /api/staff/:id/move (own partner)',
        prepare: (a) => ownPerson(`move-own-${a.role}`),
        call: (a) =>
          inject('POST', `/api/staff/move-own-${a.role}/move`, as(a), {
            accessPointIds: ['civic-centre-kiosk'],
          }),
        status: both,
      },
      {
        route: 'POST /api/staff/:id/move (own person to other partner’s place)',
        prepare: (a) => ownPerson(`move-away-${a.role}`),
        call: (a) =>
          inject('POST', `/api/staff/move-away-${a.role}/move`, as(a), {
            accessPointIds: ['eastbury-town-hall'],
          }),
        status: { 'franchisor-admin': 400 },
      },
      {
        route: 'POST /api/staff/:id/move (other partner)',
        prepare: (a) => otherPerson(`move-other-${a.role}`),
        call: (a) =>
          inject('POST', `/api/staff/move-other-${a.role}/move`, as(a), {
            accessPointIds: ['eastbury-town-hall'],
          }),
        status: franchisorOnly,
      },
      // The studio's audit log: the franchisor every entry, a manager their partner's only.
      {
        route: 'GET /api/studio/admin-log',
        call: (a) => inject('GET', '/api/studio/admin-log', as(a)),
        status: { 'franchisor-admin': 200, 'partner-manager': 200 },
        check: (actor, body) => {
          const partners = (body as { entries: { partnerId: string | null }[] }).entries.map(
            (e) => e.partnerId,
          );
          if (actor.partner) expect(partners.every((p) => p === actor.partner)).toBe(true);
        },
      },
      {
        route: 'GET /api/studio/admin-log.csv',
        call: (a) => inject('GET', '/api/studio/admin-log.csv', as(a)),
        status: { 'franchisor-admin': 200, 'partner-manager': 200 },
      },
      // The studio's devices and doors: the franchisor every place, a manager their partner's.
      {
        route: 'GET /api/studio/devices',
        call: (a) => inject('GET', '/api/studio/devices', as(a)),
        status: { 'franchisor-admin': 200, 'partner-manager': 200 },
        check: (actor, body) => {
          const places = (body as { places: { id: string; partnerId: string }[] }).places;
          if (actor.partner) expect(places.every((p) => p.partnerId === actor.partner)).toBe(true);
          else expect(places.some((p) => p.id === 'eastbury-town-hall')).toBe(true);
          expect(JSON.stringify(body)).not.toMatch(/token|code_hash/i);
        },
      },
      issueCode('POST /api/studio/enrolment-codes (own partner)', 'civic-centre', {
        'franchisor-admin': 201,
        'partner-manager': 201,
      }),
      issueCode('POST /api/studio/enrolment-codes (other partner)', 'eastbury-town-hall', {
        'franchisor-admin': 201,
      }),
      issueCode('POST /api/studio/enrolment-codes (unknown place)', 'no-such-place', {
        'franchisor-admin': 404,
        'partner-manager': 404,
      }),
      studioDevice(
        'POST /api/studio/devices/:id/revoke (own partner)',
        'revoke',
        'civic-centre',
        both,
      ),
      studioDevice(
        'POST /api/studio/devices/:id/revoke (other partner)',
        'revoke',
        'eastbury-town-hall',
        franchisorOnly,
      ),
      studioDevice(
        'POST /api/studio/devices/:id/replace (own partner)',
        'replace',
        'civic-centre',
        {
          'franchisor-admin': 201,
          'partner-manager': 201,
        },
      ),
      studioDevice(
        'POST /api/studio/devices/:id/replace (other partner)',
        'replace',
        'eastbury-town-hall',
        { 'franchisor-admin': 201 },
      ),
      // The studio's pack ('pack.author': the franchisor only) and places ('places.manage':
      // a manager their own partner's, published at once; new partners the franchisor's).
      ...(
        [
          ['GET', '/api/studio/pack/draft'],
          ['GET', '/api/studio/pack/draft/services'],
          ['GET', '/api/studio/pack/draft/services/pothole'],
          ['GET', '/api/studio/pack/versions'],
          ['GET', '/api/studio/pack/diff?from=1&to=draft'],
        ] as const
      ).map(([method, url]) => ({
        route: `${method} ${url}`,
        call: (a: Actor) => inject(method, url, as(a)),
        status: franchisorOnly,
      })),
      {
        route: 'POST /api/studio/pack/draft/validate',
        call: (a) => inject('POST', '/api/studio/pack/draft/validate', as(a), {}),
        status: franchisorOnly,
      },
      {
        route: 'PUT /api/studio/pack/draft/:kind/:id',
        call: async (a) => {
          const current = draftRecordOf(await readDraft(hub.storage.db), 'services', 'pothole');
          return inject('PUT', '/api/studio/pack/draft/services/pothole', as(a), {
            revision: current.revision,
            record: { ...current.record, phone: `0300 ${a.role.length} 000` },
          });
        },
        status: franchisorOnly,
      },
      {
        route: 'POST /api/studio/pack/publish',
        call: (a) => inject('POST', '/api/studio/pack/publish', as(a), { note: a.role }),
        status: franchisorOnly,
      },
      {
        route: 'POST /api/studio/pack/rollback',
        call: (a) =>
          inject('POST', '/api/studio/pack/rollback', as(a), { version: 1, note: a.role }),
        status: franchisorOnly,
      },
      {
        route: 'POST /api/studio/pack/import',
        call: (a) =>
          inject('POST', '/api/studio/pack/import', as(a), {
            format: 'lgsl',
            csv: `Identifier,Label,Status,Description\n9${a.role.length}00,Imported ${a.role},Live,x`,
          }),
        status: franchisorOnly,
      },
      {
        route: 'GET /api/studio/places',
        call: (a) => inject('GET', '/api/studio/places', as(a)),
        status: both,
        check: (actor, body) => {
          const places = (body as { places: { published: { partnerId: string } }[] }).places;
          if (actor.partner)
            expect(places.every((p) => p.published.partnerId === actor.partner)).toBe(true);
          else expect(places.length).toBeGreaterThan(10);
        },
      },
      ...(
        [
          ['own partner', 'civic-centre', both],
          ['other partner', 'eastbury-town-hall', franchisorOnly],
        ] as const
      ).map(([what, place, status]) => ({
        route: `PUT /api/studio/places/:id (${what})`,
        call: async (a: Actor) => {
          const current = draftRecordOf(await readDraft(hub.storage.db), 'accessPoints', place);
          return inject('PUT', `/api/studio/places/${place}`, as(a), {
            revision: current.revision,
            record: { ...current.record, phone: `0300 ${a.role.length} 111` },
          });
        },
        status,
      })),
      {
        route: 'PUT /api/studio/partners/:id (new partner)',
        call: (a) =>
          inject('PUT', `/api/studio/partners/shop-${a.role}`, as(a), {
            revision: 0,
            record: {
              id: `shop-${a.role}`,
              name: { en: 'A charity shop' },
              kind: 'voluntary',
              teams: [{ id: 'volunteers', name: { en: 'Volunteers' } }],
            },
          }),
        status: franchisorOnly,
      },
      // The single customer view: a partner reaches the people it has dealt with, no others.
      {
        route: 'GET /api/customers (search)',
        call: (a) => inject('GET', '/api/customers?name=ada&phone=07700900123', as(a)),
        status: VIEW_CUSTOMERS,
        check: (actor, body) => {
          const found = (body as { id: string }[]).map((c) => c.id).sort();
          expect(found, actor.role).toEqual(
            (seesOtherCustomer(actor) ? [customers.own, customers.other] : [customers.own]).sort(),
          );
        },
      },
      {
        route: 'GET /api/customers/:id (own partner)',
        call: (a) => inject('GET', `/api/customers/${customers.own}`, as(a)),
        status: VIEW_CUSTOMERS,
      },
      {
        route: 'GET /api/customers/:id (other partner)',
        call: (a) => inject('GET', `/api/customers/${customers.other}`, as(a)),
        status: { ...VIEW_CUSTOMERS, 'partner-manager': 404, 'back-office': 404 },
        check: (_actor, body) => {
          // The county captured it: it sees the case, Eastbury's, as a summary.
          expect(JSON.stringify(body)).toContain('eastbury-borough-council');
        },
      },
      {
        route: 'GET /api/customers/matches',
        call: (a) => inject('GET', '/api/customers/matches', as(a)),
        status: { 'franchisor-admin': 200, 'partner-manager': 200, 'back-office': 200 },
        check: (actor, body) => {
          expect(JSON.stringify(body).includes(customers.other), actor.role).toBe(
            actor.partner === null,
          );
        },
      },
      {
        route: 'GET /api/customers/:id/export (other partner)',
        call: (a) => inject('GET', `/api/customers/${customers.other}/export`, as(a)),
        status: { 'franchisor-admin': 200, 'partner-manager': 404, 'back-office': 404 },
      },
      {
        route: 'POST /api/customers/merges (other partner)',
        call: (a) =>
          inject('POST', '/api/customers/merges', as(a), {
            keepId: customers.own,
            mergeId: customers.other,
          }),
        status: { 'partner-manager': 404, 'back-office': 404 },
        skip: ['franchisor-admin'],
      },
      {
        route: 'POST /api/customers/:id/erase (other partner)',
        call: (a) => inject('POST', `/api/customers/${customers.other}/erase`, as(a)),
        status: { 'partner-manager': 404, 'back-office': 404 },
        skip: ['franchisor-admin'],
      },
    ];

    staffRoutes.push(
      {
        route: 'GET /api/staff/reviews',
        call: (a) => inject('GET', '/api/staff/reviews', as(a)),
        status: { 'franchisor-admin': 200, 'partner-manager': 200 },
        check: (actor, body) => {
          const ids = (body as { id: string }[]).map((r) => r.id);
          expect(ids.includes(reviews.own), actor.role).toBe(true);
          expect(ids.includes(reviews.other), actor.role).toBe(actor.partner === null);
        },
      },
      {
        route: 'POST /api/staff/reviews/:id/decision (own partner)',
        // The franchisor (first) rejects it; the manager then approves it after all.
        call: (a) =>
          inject(
            'POST',
            `/api/staff/reviews/${reviews.own}/decision`,
            as(a),
            a.partner === null
              ? { decision: 'reject', reason: 'Checking with the district.' }
              : { decision: 'approve' },
          ),
        status: { 'franchisor-admin': 200, 'partner-manager': 200 },
      },
      {
        route: 'POST /api/staff/reviews/:id/decision (other partner)',
        call: (a) =>
          inject('POST', `/api/staff/reviews/${reviews.other}/decision`, as(a), {
            decision: 'approve',
          }),
        status: { 'franchisor-admin': 200, 'partner-manager': 403 },
      },
    );

    // The studio's Open311 keys: the franchisor any partner's (and network-wide ones), a
    // manager their own partner's only; nobody else.
    const keyName = (what: string, a: Actor) =>
      `ri-${what}-${a.role}`.replaceAll(/[^a-z0-9-]/g, '-');
    const postKey = (what: string, partnerId: string | null, status: Expectation): StaffRoute => ({
      route: `POST /api/studio/open311-keys (${what})`,
      call: (a) =>
        inject('POST', '/api/studio/open311-keys', as(a), { name: keyName(what, a), partnerId }),
      status,
      check: (_a, body) => expect((body as { key: string }).key).toMatch(/^o311_/),
      stored: async (a) => {
        const key = await hub.storage.open311.findApiKeyByName(keyName(what, a));
        expect(key).toMatchObject({ partnerId, createdBy: a.staffId, revokedAt: null });
      },
    });
    const revokeKey = (
      what: string,
      partnerId: string | null,
      status: Expectation,
    ): StaffRoute => ({
      route: `POST /api/studio/open311-keys/:name/revoke (${what})`,
      prepare: async (a) => {
        const name = keyName(`revoke-${what}`, a);
        if (!(await hub.storage.open311.findApiKeyByName(name)))
          await issueApiKey(hub.storage, name, partnerId);
      },
      call: (a) =>
        inject('POST', `/api/studio/open311-keys/${keyName(`revoke-${what}`, a)}/revoke`, as(a)),
      status,
      stored: async (a) => {
        const key = await hub.storage.open311.findApiKeyByName(keyName(`revoke-${what}`, a));
        expect(key?.revokedAt).toEqual(expect.any(String));
      },
    });
    staffRoutes.push(
      {
        route: 'GET /api/studio/open311-keys',
        prepare: async () => {
          if (!(await hub.storage.open311.findApiKeyByName('ri-list-other'))) {
            await issueApiKey(hub.storage, 'ri-list-own', OWN);
            await issueApiKey(hub.storage, 'ri-list-other', OTHER);
          }
        },
        call: (a) => inject('GET', '/api/studio/open311-keys', as(a)),
        status: both,
        check: (actor, body) => {
          const list = body as { keys: { name: string; partnerId: string | null }[] };
          const names = list.keys.map((k) => k.name);
          expect(names).toContain('ri-list-own');
          expect(names.includes('ri-list-other'), actor.role).toBe(actor.partner === null);
          if (actor.partner)
            expect(new Set(list.keys.map((k) => k.partnerId))).toEqual(new Set([OWN]));
          expect(JSON.stringify(body)).not.toMatch(/key_?hash|o311_[A-Za-z0-9_-]{20}/i);
        },
      },
      postKey('own partner', OWN, { 'franchisor-admin': 201, 'partner-manager': 201 }),
      postKey('other partner', OTHER, { 'franchisor-admin': 201 }),
      postKey('network-wide', null, { 'franchisor-admin': 201 }),
      revokeKey('own partner', OWN, both),
      // Another partner's key is not a manager's to know of: 404, as if it did not exist.
      revokeKey('other partner', OTHER, { 'franchisor-admin': 200, 'partner-manager': 404 }),
      revokeKey('network-wide', null, { 'franchisor-admin': 200, 'partner-manager': 404 }),
    );

    // Every row × every role, then with no session; a refused call leaves the store as it was.
    for (const { route, prepare, call, status, check, stored, skip } of staffRoutes) {
      const attempt = async (actor: Actor, expected: number) => {
        await prepare?.(actor);
        const before = expected >= 400 ? await storeSnapshot() : null;
        const res = await call(actor);
        expect(res.statusCode, res.body).toBe(expected);
        if (expected < 300) {
          if (check) check(actor, res.json());
          await stored?.(actor);
        } else {
          expect(res.json()).toMatchObject({ type: 'error', message: expect.any(String) });
          expect(await storeSnapshot(), 'a refused call changed the store').toEqual(before);
        }
      };
      for (const actor of ACTORS) {
        const expected = status[actor.role] ?? 403;
        if (skip?.includes(actor.role)) continue;
        it(`${route} as ${actor.role}: ${expected}`, () => attempt(actor, expected));
      }
      it(`${route} with no session: 401`, () => attempt({ ...ACTORS[0]!, staffId: 'nobody' }, 401));
    }

    it('sends published reviews to every device, kiosks too, and never a pending one', async () => {
      for (const place of ['kiosk', 'eastbury-town-hall', 'mobile-library-2']) {
        const ids = new Set(
          (await pullAll(place)).filter((c) => c.entity === 'review').map((c) => c.id),
        );
        expect(ids, place).toEqual(new Set([reviews.own, reviews.other]));
      }
    });

    // ---- the sync feed: a place's devices get their own and their partner's cases only ----
    it('sends each place only the cases captured there or owned by its partner', async () => {
      const byPlace = async (place: string) =>
        new Set((await pullAll(place)).filter((c) => c.entity === 'case').map((c) => c.id));
      expect(await byPlace('civic-centre')).toEqual(new Set([cases.own.id]));
      expect(await byPlace('eastbury-town-hall')).toEqual(new Set([cases.other.id]));
      expect(await byPlace('mobile-library-2')).toEqual(new Set([cases.own.id, cases.other.id]));
      expect(await byPlace('central-library')).toEqual(new Set());
    });

    it('gives a kiosk no way into the single customer view', async () => {
      const kiosk = devices.get('kiosk')!;
      for (const url of [
        `/api/customers/${customers.own}`,
        '/api/customers?name=ada',
        '/api/customers/matches',
      ]) {
        const res = await inject('GET', url, {
          authorization: `Bearer ${kiosk.token}`,
          'x-staff-session': sessions.get('alex-morgan') ?? '',
        });
        expect(res.statusCode, url).toBe(401);
      }
    });

    it('sends a kiosk no personal data and no staff records', async () => {
      const changes = await pullAll('kiosk');
      const kinds = new Set(changes.map((c) => c.entity));
      for (const kind of ['case', 'caseEvent', 'casePhoto', 'contactNote', 'staff']) {
        expect(kinds.has(kind), kind).toBe(false);
      }
      for (const secret of PERSONAL) expect(JSON.stringify(changes)).not.toContain(secret);
    });

    it('lets a person act on a case only within their role and partner', async () => {
      const act = async (place: string, staffId: string, caseId: string, kind: string) => {
        const device = devices.get(place)!;
        const res = await sync(place, [
          {
            id: newId(),
            deviceId: device.deviceId,
            staffId,
            kind: 'case.event',
            clientTime: now(),
            payload: {
              id: newId(),
              caseId,
              kind,
              author: staffId,
              basedOn: null,
              createdAt: now(),
              ...(kind === 'escalated' ? { reason: 'Vulnerable resident' } : {}),
            },
          },
        ]);
        const result = res.json().results[0] as { status: string; code?: string };
        return result.status === 'rejected' ? result.code : result.status;
      };
      expect(await act('civic-centre', 'alun-davies', cases.own.id, 'acknowledged')).toBe(
        'applied',
      );
      expect(await act('civic-centre', 'alun-davies', cases.other.id, 'acknowledged')).toBe(
        'forbidden',
      );
      expect(await act('eastbury-town-hall', 'grace-obi', cases.own.id, 'acknowledged')).toBe(
        'forbidden',
      );
      expect(await act('central-library', 'tom-evans', cases.own.id, 'resolved')).toBe('forbidden');
      expect(await act('mobile-library-2', 'sam-lee', cases.own.id, 'escalated')).toBe('forbidden');
      expect(await act('civic-centre', 'priya-shah', cases.own.id, 'escalated')).toBe('applied');
    });

    // ---- public routes: anyone may read, nobody sees personal data ----
    it('keeps personal data off the public routes', async () => {
      for (const url of [
        `/track/${cases.own.reference}`,
        `/track/${cases.other.reference}`,
        '/open311/v2/requests.json',
        `/open311/v2/requests/${cases.own.reference}.xml`,
        '/hsds/services?per_page=5',
        '/review/missed-bin-collection',
      ]) {
        const res = await inject('GET', url);
        expect(res.statusCode, url).toBe(200);
        for (const secret of PERSONAL) expect(res.body, `${url} ${secret}`).not.toContain(secret);
      }
    });

    it('signs staff in only at their places, never on a kiosk, and slows PIN guessing', async () => {
      const signIn = (place: string, staffId: string, pin: string) =>
        inject(
          'POST',
          '/api/staff/sessions',
          { authorization: `Bearer ${devices.get(place)?.token}` },
          { staffId, pin },
        );
      expect((await signIn('central-library', 'alun-davies', '246813')).statusCode).toBe(401);
      expect((await signIn('kiosk', 'alun-davies', '246813')).statusCode).toBe(403);
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) {
        codes.push((await signIn('eastbury-town-hall', 'grace-obi', '000000')).statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
      // Locked out now, even with the right PIN.
      expect((await signIn('eastbury-town-hall', 'grace-obi', '579135')).statusCode).toBe(429);
      // One device may not spend the hub's time hashing guesses at many names either.
      const perDevice: number[] = [];
      for (let i = 0; i < 21; i++) {
        perDevice.push((await signIn('central-library', `guess-${i}`, '123456')).statusCode);
      }
      expect(perDevice.at(-1)).toBe(429);
      expect(perDevice.filter((code) => code === 401).length).toBeGreaterThan(10);
    });

    it('ends a person’s session when they are revoked, and a device’s access when it is', async () => {
      const admin = ACTORS[0]!;
      const manager = ACTORS[1]!;
      const revokePerson = await inject('POST', '/api/staff/alun-davies/revoke', as(admin));
      expect(revokePerson.statusCode).toBe(200);
      const alun = ACTORS.find((a) => a.staffId === 'alun-davies')!;
      expect((await inject('GET', '/api/staff/cases', as(alun))).statusCode).toBe(401);
      expect((await inject('GET', '/api/staff/cases', as(manager))).statusCode).toBe(200);
      const eastbury = devices.get('eastbury-town-hall')!;
      const revokeDevice = await inject(
        'POST',
        `/api/studio/devices/${eastbury.deviceId}/revoke`,
        as(admin),
        {},
      );
      expect(revokeDevice.statusCode).toBe(200);
      expect((await sync('eastbury-town-hall')).statusCode).toBe(401);
    });
  });
}
