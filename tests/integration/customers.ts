// The single customer view through the real hub: records made only with the second consent,
// search, proposed duplicates, merge and its exact undo, "not the same person", export, erasure,
// contacts that name a customer, who may see whom, and bad or hostile input (4xx, nothing
// stored). Run on SQLite and PostgreSQL by customers.sqlite.test.ts and customers.pg.test.ts.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../src/server/features/staff/demo-staff.ts';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import type { Storage } from '../../src/server/storage.ts';
import { newId } from '../../src/shared/ids.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';
import { newReference } from '../../src/shared/reference.ts';
import { CONTROL_CHARS, LONE_SURROGATE } from '../../src/shared/text-chars.ts';
import {
  PROTOCOL_VERSION,
  type Change,
  type EnrolResponse,
  type Op,
} from '../../src/shared/sync/protocol.ts';
import { recordContact as recordDeviceContact } from '../../src/client/db/writes.ts';
import { openDevice } from '../helpers/client.ts';
import { startHub, type TestHub } from '../helpers/hub.ts';
import { HOSTILE_STRINGS } from './fuzz-write-endpoints.ts';

const now = () => new Date().toISOString();

type Place = 'civic-centre' | 'eastbury-town-hall' | 'central-library' | 'kiosk';
/** Who signs in where: Northam's manager, Eastbury's officer, the franchisor, a county counter. */
const PEOPLE = {
  'priya-shah': 'civic-centre',
  'grace-obi': 'eastbury-town-hall',
  'alex-morgan': 'central-library',
  'tom-evans': 'central-library',
} as const satisfies Record<string, Place>;
type Person = keyof typeof PEOPLE;

interface Contact {
  name?: string;
  phone?: string;
  email?: string;
  dateOfBirth?: string;
  postcode?: string;
  keepRecord?: true;
}

export function describeCustomers(
  name: string,
  makeStorage: () => Promise<{ storage?: Storage; drop?: () => Promise<void> }>,
): void {
  describe(`single customer view: ${name}`, () => {
    let hub: TestHub;
    let drop: (() => Promise<void>) | undefined;
    const devices = new Map<Place, EnrolResponse>();
    const sessions = new Map<Person, string>();
    const db = () => hub.storage.db;

    const headers = (person: Person) => ({
      authorization: `Bearer ${devices.get(PEOPLE[person])?.token}`,
      'x-staff-session': sessions.get(person) ?? '',
    });
    const get = (person: Person, url: string) =>
      hub.app.inject({ method: 'GET', url, headers: headers(person) });
    const post = (person: Person, url: string, payload?: unknown) =>
      hub.app.inject({
        method: 'POST',
        url,
        headers: headers(person),
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    const sync = (place: Place, push: Op[], cursor: string | null = null) =>
      hub.app.inject({
        method: 'POST',
        url: '/api/sync',
        headers: { authorization: `Bearer ${devices.get(place)?.token}` },
        payload: { type: 'sync', protocolVersion: PROTOCOL_VERSION, push, cursor, pullLimit: 1000 },
      });
    async function pullAll(place: Place): Promise<Change[]> {
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

    /** Opens a case at a door; the location's postcode decides the owning council. */
    async function openCase(
      place: Place,
      contact: Contact | undefined,
      where: 'NM3 4CD' | 'EB1 5EF' = 'NM3 4CD',
      link: { staffId?: string; customerId?: string } = {},
    ): Promise<{ caseId: string; result: { status: string; code?: string; reason?: string } }> {
      const caseId = newId();
      const res = await sync(place, [
        {
          id: newId(),
          deviceId: devices.get(place)!.deviceId,
          ...(link.staffId ? { staffId: link.staffId } : {}),
          kind: 'case.open',
          clientTime: now(),
          payload: {
            id: caseId,
            reference: newReference(),
            type: 'request',
            serviceId: 'missed-bin-collection',
            channel: 'face-to-face',
            details: 'Green bin missed twice.',
            location: { postcode: where },
            ...(contact ? { contact: { ...contact, consent: true } } : {}),
            author: 'Counter',
            openedAt: now(),
            ...(link.customerId ? { customerId: link.customerId } : {}),
          },
        },
      ]);
      return { caseId, result: res.json().results[0] };
    }
    const customerOf = async (caseId: string) =>
      (
        await db()
          .selectFrom('cases')
          .select('customer_id')
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).customer_id;

    /** A contact recorded at the counter by a signed-in person, naming a customer. */
    async function recordContact(place: Place, staffId: string | null, customerId: string) {
      const id = newId();
      const res = await sync(place, [
        {
          id: newId(),
          deviceId: devices.get(place)!.deviceId,
          ...(staffId ? { staffId } : {}),
          kind: 'contact.record',
          clientTime: now(),
          payload: {
            id,
            serviceId: 'missed-bin-collection',
            channel: 'face-to-face',
            tier: 1,
            outcome: 'captured',
            path: [],
            createdAt: now(),
            customerId,
          },
        },
      ]);
      return { contactId: id, result: res.json().results[0] as { status: string; code?: string } };
    }

    /** Which customer every linked contact and case names: merges and undos must keep this exact. */
    async function links(): Promise<Record<string, string | null>> {
      const contacts = await db().selectFrom('contacts').select(['id', 'customer_id']).execute();
      const cases = await db().selectFrom('cases').select(['id', 'customer_id']).execute();
      return Object.fromEntries(
        [...contacts, ...cases].map((r) => [r.id, r.customer_id ?? null] as const),
      );
    }
    async function counts(): Promise<Record<string, number>> {
      const out: Record<string, number> = {};
      for (const table of [
        'customers',
        'customer_merges',
        'customer_match_rejections',
        'customer_audit',
        'contacts',
        'cases',
      ] as const) {
        const row = await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow();
        out[table] = Number(row.n);
      }
      const merged = await db()
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('merged_into', 'is not', null)
        .executeTakeFirstOrThrow();
      out.merged = Number(merged.n);
      return out;
    }

    // Northam's customers: one citizen known twice (Katarzyna / Kasia), another pair that staff
    // will say are two people, and an Eastbury-only person Northam must never see.
    const ids = {
      katarzyna: '',
      kasia: '',
      obrien: '',
      obrien2: '',
      eastOnly: '',
      katarzynaCase: '',
      kasiaCase: '',
    };

    beforeAll(async () => {
      const made = await makeStorage();
      drop = made.drop;
      hub = await startHub(made.storage ? { storage: made.storage } : {});
      const checked = validatePack(buildDemoPack());
      if (!checked.ok) throw new Error('invalid demo pack');
      await hub.storage.core.publishPack(checked.pack, { now: now() });
      for (const place of ['civic-centre', 'eastbury-town-hall', 'central-library'] as const) {
        devices.set(place, await hub.enrol(place, 'counter'));
      }
      devices.set('kiosk', await hub.enrol('civic-centre-kiosk', 'kiosk'));
      for (const [person, place] of Object.entries(PEOPLE) as [Person, Place][]) {
        const pin = DEMO_STAFF.find((s) => s.id === person)?.pin;
        const res = await hub.app.inject({
          method: 'POST',
          url: '/api/staff/sessions',
          headers: { authorization: `Bearer ${devices.get(place)?.token}` },
          payload: { staffId: person, pin },
        });
        expect(res.statusCode, person).toBe(201);
        sessions.set(person, res.json<{ token: string }>().token);
      }
      const kat = await openCase('civic-centre', {
        name: 'Katarzyna Nowak',
        phone: '07700 900456',
        email: 'K.Nowak@example.org',
        dateOfBirth: '1988-05-14',
        postcode: 'nm2 6rs',
        keepRecord: true,
      });
      const kasia = await openCase('civic-centre', {
        name: 'Kasia Nowak',
        phone: '+44 7700 900456',
        dateOfBirth: '1988-05-14',
        keepRecord: true,
      });
      const ob1 = await openCase('civic-centre', {
        name: "Sean O'Brien",
        dateOfBirth: '1975-11-02',
        postcode: 'NM1 1AA',
        keepRecord: true,
      });
      const ob2 = await openCase('civic-centre', {
        name: 'Sean OBrien',
        dateOfBirth: '1975-11-02',
        keepRecord: true,
      });
      // Captured at Eastbury and owned by Eastbury: nothing to do with Northam.
      const east = await openCase(
        'eastbury-town-hall',
        { name: 'Wei Chen', phone: '07700 900789', keepRecord: true },
        'EB1 5EF',
      );
      for (const opened of [kat, kasia, ob1, ob2, east])
        expect(opened.result.status).toBe('applied');
      ids.katarzyna = (await customerOf(kat.caseId))!;
      ids.kasia = (await customerOf(kasia.caseId))!;
      ids.obrien = (await customerOf(ob1.caseId))!;
      ids.obrien2 = (await customerOf(ob2.caseId))!;
      ids.eastOnly = (await customerOf(east.caseId))!;
      ids.katarzynaCase = kat.caseId;
      ids.kasiaCase = kasia.caseId;
    });
    afterAll(async () => {
      await hub?.close();
      await drop?.();
    });

    it('makes a customer record with a case only with the second consent, normalised', async () => {
      const before = (await counts()).customers;
      const plain = await openCase('civic-centre', { name: 'Ada Jones', phone: '07700 900123' });
      expect(plain.result.status).toBe('applied');
      expect(await customerOf(plain.caseId)).toBeNull();
      const none = await openCase('civic-centre', undefined);
      expect(await customerOf(none.caseId)).toBeNull();
      expect((await counts()).customers).toBe(before);

      const row = await db()
        .selectFrom('customers')
        .selectAll()
        .where('id', '=', ids.katarzyna)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        name: 'Katarzyna Nowak',
        name_key: 'katarzyna nowak',
        phone: '+447700900456',
        email: 'k.nowak@example.org',
        postcode: 'NM2 6RS',
        date_of_birth: '1988-05-14',
        merged_into: null,
        erased_at: null,
      });
    });

    it('refuses a record without a name, and dates that are not dates', async () => {
      const before = await counts();
      const nameless = await openCase('civic-centre', { phone: '07700 900111', keepRecord: true });
      expect(nameless.result).toMatchObject({ status: 'rejected', code: 'invalid-payload' });
      expect(nameless.result.reason).toMatch(/name/);
      const badDate = await openCase('civic-centre', {
        name: 'Ada Jones',
        dateOfBirth: '14/05/1988',
        keepRecord: true,
      });
      expect(badDate.result).toMatchObject({ status: 'rejected', code: 'invalid-payload' });
      expect(await counts()).toEqual(before);
    });

    it('finds people by any detail in any form, only among those the partner has dealt with', async () => {
      const search = async (person: Person, query: string) => {
        const res = await get(person, `/api/customers?${query}`);
        expect(res.statusCode, res.body).toBe(200);
        return res.json<{ id: string }[]>().map((c) => c.id);
      };
      expect(await search('priya-shah', 'name=nowak')).toEqual(
        expect.arrayContaining([ids.katarzyna, ids.kasia]),
      );
      expect(await search('priya-shah', 'name=KATAR%20nowak')).toEqual([ids.katarzyna]);
      expect(await search('priya-shah', 'phone=0044%207700%20900456')).toHaveLength(2);
      expect(await search('priya-shah', 'email=%20k.nowak%40EXAMPLE.org')).toEqual([ids.katarzyna]);
      expect(await search('priya-shah', 'postcode=nm26rs')).toEqual([ids.katarzyna]);
      expect(await search('priya-shah', 'dateOfBirth=1975-11-02')).toHaveLength(2);
      expect(await search('priya-shah', 'name=wei')).toEqual([]);
      expect(await search('grace-obi', 'name=wei')).toEqual([ids.eastOnly]);
      expect(await search('grace-obi', 'name=nowak')).toEqual([]);
      expect(await search('alex-morgan', 'name=chen')).toEqual([ids.eastOnly]);
      // Nothing to search for, or a detail that cannot be one: 400 with the reason.
      for (const query of [
        '',
        'name=',
        'phone=abc',
        'postcode=123',
        'dateOfBirth=1988-02-30',
        'colour=red',
      ]) {
        const res = await get('priya-shah', `/api/customers?${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(res.json().message).toEqual(expect.any(String));
      }
    });

    it('proposes likely duplicates with the fields that agree, to those who may see both', async () => {
      const res = await get('priya-shah', '/api/customers/matches');
      expect(res.statusCode).toBe(200);
      const pairs = res.json<{ a: { id: string }; b: { id: string }; agree: string[] }[]>();
      const pairOf = (x: string, y: string) =>
        pairs.find((p) => [p.a.id, p.b.id].sort().join() === [x, y].sort().join());
      expect(pairOf(ids.katarzyna, ids.kasia)?.agree).toEqual([
        'name-similar',
        'dateOfBirth',
        'phone',
      ]);
      expect(pairOf(ids.obrien, ids.obrien2)?.agree).toEqual(['name', 'dateOfBirth']);
      expect(JSON.stringify(pairs)).not.toContain(ids.eastOnly);
      // Nobody was merged by proposing.
      expect((await counts()).merged).toBe(0);
    });

    it('remembers "not the same person"', async () => {
      const before = (await counts()).customer_match_rejections;
      const pair = { aId: ids.obrien2, bId: ids.obrien };
      expect((await post('priya-shah', '/api/customers/matches/reject', pair)).statusCode).toBe(
        200,
      );
      expect((await post('priya-shah', '/api/customers/matches/reject', pair)).statusCode).toBe(
        200,
      );
      expect((await counts()).customer_match_rejections).toBe((before ?? 0) + 1);
      for (const person of ['priya-shah', 'alex-morgan'] as const) {
        const body = (await get(person, '/api/customers/matches')).body;
        expect(body).not.toContain(ids.obrien2);
        expect(body).toContain(ids.kasia);
      }
    });

    it('attaches a contact to a customer the partner knows, following merges, and no other', async () => {
      const attached = await recordContact('civic-centre', 'priya-shah', ids.kasia);
      expect(attached.result.status).toBe('applied');
      expect((await links())[attached.contactId]).toBe(ids.kasia);
      // Not Northam's to name: refused, nothing stored.
      const before = await counts();
      const foreign = await recordContact('civic-centre', 'priya-shah', ids.eastOnly);
      expect(foreign.result).toMatchObject({ status: 'rejected', code: 'invalid-payload' });
      const unknown = await recordContact('civic-centre', 'priya-shah', newId());
      expect(unknown.result.status).toBe('rejected');
      // Naming a customer needs a signed-in person allowed to look people up: never a kiosk.
      const anonymous = await recordContact('civic-centre', null, ids.kasia);
      expect(anonymous.result).toMatchObject({ status: 'rejected', code: 'forbidden' });
      const kiosk = await recordContact('kiosk', null, ids.kasia);
      expect(kiosk.result).toMatchObject({ status: 'rejected', code: 'forbidden' });
      expect(await counts()).toEqual(before);
    });

    it('lets a new case join a record staff looked up, instead of starting another', async () => {
      const before = (await counts()).customers;
      const joined = await openCase('civic-centre', undefined, 'NM3 4CD', {
        staffId: 'priya-shah',
        customerId: ids.obrien,
      });
      expect(joined.result.status).toBe('applied');
      expect(await customerOf(joined.caseId)).toBe(ids.obrien);
      expect((await counts()).customers).toBe(before);
      const anonymous = await openCase('civic-centre', undefined, 'NM3 4CD', {
        customerId: ids.obrien,
      });
      expect(anonymous.result).toMatchObject({ status: 'rejected', code: 'forbidden' });
      const foreign = await openCase('civic-centre', undefined, 'NM3 4CD', {
        staffId: 'priya-shah',
        customerId: ids.eastOnly,
      });
      expect(foreign.result).toMatchObject({ status: 'rejected', code: 'invalid-payload' });
      const cases = await db()
        .selectFrom('cases')
        .select('id')
        .where('id', 'in', [anonymous.caseId, foreign.caseId])
        .execute();
      expect(cases).toEqual([]);
    });

    it('merges: the rows move, the merged record points to the kept one; undo restores exactly', async () => {
      const before = await links();
      const countsBefore = await counts();
      const res = await post('priya-shah', '/api/customers/merges', {
        keepId: ids.katarzyna,
        mergeId: ids.kasia,
      });
      expect(res.statusCode, res.body).toBe(201);
      const { mergeId } = res.json<{ mergeId: string }>();
      const after = await links();
      const moved = Object.keys(before).filter((id) => before[id] !== after[id]);
      expect(moved.sort()).toEqual(
        Object.keys(before)
          .filter((id) => before[id] === ids.kasia)
          .sort(),
      );
      expect(moved.length).toBe(2); // Kasia's case and the contact attached to her
      for (const id of moved) expect(after[id]).toBe(ids.katarzyna);
      const merged = await db()
        .selectFrom('customers')
        .selectAll()
        .where('id', '=', ids.kasia)
        .executeTakeFirstOrThrow();
      expect(merged.merged_into).toBe(ids.katarzyna);
      const audit = await db()
        .selectFrom('customer_merges')
        .selectAll()
        .where('id', '=', mergeId)
        .executeTakeFirstOrThrow();
      expect(audit.staff_id).toBe('priya-shah');
      expect([...JSON.parse(audit.contact_ids), ...JSON.parse(audit.case_ids)].sort()).toEqual(
        moved.sort(),
      );

      // The kept record's page shows both cases and the merge; the merged one is gone for Northam.
      const detail = await get('priya-shah', `/api/customers/${ids.katarzyna}`);
      const body = detail.json<{
        cases: { id: string; full?: { details: string } }[];
        contacts: unknown[];
        merges: { id: string; mergedName: string }[];
      }>();
      expect(body.cases.map((c) => c.id).sort()).toEqual([ids.katarzynaCase, ids.kasiaCase].sort());
      expect(body.cases.every((c) => c.full?.details)).toBe(true);
      expect(body.contacts).toHaveLength(1);
      expect(body.merges).toEqual([
        expect.objectContaining({ id: mergeId, mergedName: 'Kasia Nowak' }),
      ]);
      expect((await get('priya-shah', `/api/customers/${ids.kasia}`)).statusCode).toBe(404);
      expect((await get('priya-shah', '/api/customers?name=kasia')).json()).toEqual([]);
      expect((await get('priya-shah', '/api/customers/matches')).body).not.toContain(ids.kasia);

      // A contact naming the merged record lands on the kept one.
      const late = await recordContact('civic-centre', 'priya-shah', ids.kasia);
      expect(late.result.status).toBe('applied');
      expect((await links())[late.contactId]).toBe(ids.katarzyna);

      // Merging a merged record again, or into itself: refused.
      expect(
        (
          await post('priya-shah', '/api/customers/merges', {
            keepId: ids.katarzyna,
            mergeId: ids.kasia,
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (
          await post('alex-morgan', '/api/customers/merges', {
            keepId: ids.katarzyna,
            mergeId: ids.kasia,
          })
        ).statusCode,
      ).toBe(409);
      expect(
        (
          await post('priya-shah', '/api/customers/merges', {
            keepId: ids.katarzyna,
            mergeId: ids.katarzyna,
          })
        ).statusCode,
      ).toBe(400);

      // Undo: exactly the rows that moved go back; the late contact stays with the kept record.
      const undo = await post('priya-shah', `/api/customers/merges/${mergeId}/undo`);
      expect(undo.statusCode, undo.body).toBe(200);
      const restored = await links();
      for (const id of Object.keys(before)) expect(restored[id], id).toBe(before[id]);
      expect(restored[late.contactId]).toBe(ids.katarzyna);
      const back = await db()
        .selectFrom('customers')
        .select('merged_into')
        .where('id', '=', ids.kasia)
        .executeTakeFirstOrThrow();
      expect(back.merged_into).toBeNull();
      const undone = await db()
        .selectFrom('customer_merges')
        .selectAll()
        .where('id', '=', mergeId)
        .executeTakeFirstOrThrow();
      expect(undone.undone_by).toBe('priya-shah');
      expect((await post('priya-shah', `/api/customers/merges/${mergeId}/undo`)).statusCode).toBe(
        409,
      );
      expect((await counts()).customer_merges).toBe((countsBefore.customer_merges ?? 0) + 1);
      expect((await get('priya-shah', '/api/customers/matches')).body).toContain(ids.kasia);
    });

    it('shows another partner’s cases as summaries only', async () => {
      // A case for the same person captured and owned by Eastbury, attached to her record.
      const east = await openCase(
        'eastbury-town-hall',
        { name: 'Katarzyna Nowak', dateOfBirth: '1988-05-14', keepRecord: true },
        'EB1 5EF',
      );
      const eastCustomer = (await customerOf(east.caseId))!;
      const merge = await post('alex-morgan', '/api/customers/merges', {
        keepId: ids.katarzyna,
        mergeId: eastCustomer,
      });
      expect(merge.statusCode, merge.body).toBe(201);
      const seen = (await get('priya-shah', `/api/customers/${ids.katarzyna}`)).json<{
        cases: { id: string; ownerPartnerId: string; full?: unknown }[];
      }>();
      const theirs = seen.cases.find((c) => c.id === east.caseId);
      expect(theirs).toMatchObject({ ownerPartnerId: 'eastbury-borough-council' });
      expect(theirs?.full).toBeUndefined();
      // Eastbury now sees her too (it owns a case of hers), with Northam's case as a summary.
      const fromEast = (await get('grace-obi', `/api/customers/${ids.katarzyna}`)).json<{
        cases: { id: string; full?: unknown }[];
      }>();
      expect(fromEast.cases.find((c) => c.id === ids.katarzynaCase)?.full).toBeUndefined();
      expect(fromEast.cases.find((c) => c.id === east.caseId)?.full).toBeDefined();
    });

    it('exports everything held about the person, and logs the export', async () => {
      const res = await get('alex-morgan', `/api/customers/${ids.katarzyna}/export`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain('attachment');
      const data = res.json<{
        customer: { name: string; phone: string; email: string };
        consentedAt: string;
        contacts: { id: string }[];
        cases: { id: string; details?: string; contact?: unknown; events?: unknown[] }[];
        mergedRecords: { id: string }[];
        history: { action: string }[];
      }>();
      expect(data.customer).toMatchObject({
        name: 'Katarzyna Nowak',
        phone: '+447700900456',
        email: 'k.nowak@example.org',
      });
      const held = await links();
      const mine = Object.keys(held).filter((id) => held[id] === ids.katarzyna);
      expect([...data.contacts, ...data.cases].map((r) => r.id).sort()).toEqual(mine.sort());
      for (const c of data.cases) {
        expect(c.details).toBeDefined();
        expect(c.contact).toBeDefined();
        expect(c.events?.length).toBeGreaterThanOrEqual(2);
      }
      expect(data.mergedRecords).toHaveLength(1);
      expect(data.history.map((h) => h.action)).toEqual(
        expect.arrayContaining(['merge', 'undo-merge']),
      );
      const logged = await db()
        .selectFrom('customer_audit')
        .select('staff_id')
        .where('customer_id', '=', ids.katarzyna)
        .where('action', '=', 'export')
        .execute();
      expect(logged.map((l) => l.staff_id)).toEqual(['alex-morgan']);
      // A partner's export carries another partner's case as a summary only.
      const partial = (await get('priya-shah', `/api/customers/${ids.katarzyna}/export`)).json<{
        cases: { details?: string }[];
      }>();
      expect(partial.cases.filter((c) => c.details === undefined)).toHaveLength(1);
    });

    it('erases on request: the person is gone from the records, the cases and the feed', async () => {
      const civicBefore = await pullAll('civic-centre');
      expect(JSON.stringify(civicBefore)).toContain('Katarzyna Nowak');
      // A counter device as the app runs it: it holds her case, and attaches a contact to her
      // record through its outbox.
      const desk = await openDevice(hub.url, devices.get('civic-centre')!, {
        signedIn: 'priya-shah',
      });
      await desk.engine.syncOnce();
      const held = await desk.db.cases.get(ids.katarzynaCase);
      expect(JSON.stringify(held?.contact)).toContain('Katarzyna Nowak');
      const visit = await recordDeviceContact(desk.db, {
        serviceId: 'missed-bin-collection',
        channel: 'face-to-face',
        tier: 1,
        outcome: 'resolved',
        path: [],
        customerId: ids.katarzyna,
      });
      await desk.engine.syncOnce();
      expect(await desk.db.outbox.count()).toBe(0);
      expect((await links())[visit.id]).toBe(ids.katarzyna);
      const res = await post('priya-shah', `/api/customers/${ids.katarzyna}/erase`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ records: 2 }); // with the Eastbury record merged into it
      const rows = await db()
        .selectFrom('customers')
        .selectAll()
        .where((eb) => eb.or([eb('id', '=', ids.katarzyna), eb('merged_into', '=', ids.katarzyna)]))
        .execute();
      for (const row of rows) {
        expect(row).toMatchObject({
          name: null,
          name_key: null,
          phone: null,
          email: null,
          postcode: null,
          date_of_birth: null,
        });
        expect(row.erased_at).not.toBeNull();
      }
      const cases = await db()
        .selectFrom('cases')
        .select(['contact'])
        .where('customer_id', '=', ids.katarzyna)
        .execute();
      expect(cases.length).toBeGreaterThan(0);
      for (const c of cases) expect(c.contact).toBeNull();
      // Nowhere in the change feed, whether already pulled (devices are told) or not.
      const feed = await db().selectFrom('changes').select('data').execute();
      const all = JSON.stringify(feed);
      // (Kasia, whose merge was undone, is another record: her details stay.)
      for (const secret of ['Katarzyna', 'k.nowak', 'NM2 6RS']) {
        expect(all.includes(secret), secret).toBe(false);
      }
      // The device's copy of her case loses her details at its next sync.
      await desk.engine.syncOnce();
      expect((await desk.db.cases.get(ids.katarzynaCase))?.contact).toBeUndefined();
      desk.db.close();
      // Gone from search and from proposals; erasing again is refused; the figures stay.
      expect((await get('alex-morgan', '/api/customers?name=katarzyna')).json()).toEqual([]);
      expect(
        (await get('alex-morgan', '/api/customers?phone=07700900456'))
          .json<{ id: string }[]>()
          .map((c) => c.id),
      ).toEqual([ids.kasia]);
      expect((await get('alex-morgan', '/api/customers/matches')).body).not.toContain(
        ids.katarzyna,
      );
      expect((await post('priya-shah', `/api/customers/${ids.katarzyna}/erase`)).statusCode).toBe(
        409,
      );
      const after = (await get('priya-shah', `/api/customers/${ids.katarzyna}`)).json<{
        customer: { name: string | null; erasedAt: string | null };
        cases: unknown[];
      }>();
      expect(after.customer.name).toBeNull();
      expect(after.customer.erasedAt).not.toBeNull();
      expect(after.cases.length).toBeGreaterThan(0);
      const erasedLog = await db()
        .selectFrom('customer_audit')
        .select('staff_id')
        .where('customer_id', '=', ids.katarzyna)
        .where('action', '=', 'erase')
        .execute();
      expect(erasedLog).toEqual([{ staff_id: 'priya-shah' }]);
      // An erased record can no longer be attached to.
      const attach = await recordContact('civic-centre', 'priya-shah', ids.katarzyna);
      expect(attach.result.status).toBe('rejected');
    });

    it('keeps other partners, lesser roles, kiosks and strangers out', async () => {
      const url = `/api/customers/${ids.obrien}`;
      expect((await get('grace-obi', url)).statusCode).toBe(404);
      expect((await get('grace-obi', `${url}/export`)).statusCode).toBe(404);
      expect((await post('grace-obi', `${url}/erase`)).statusCode).toBe(404);
      expect(
        (
          await post('grace-obi', '/api/customers/merges', {
            keepId: ids.eastOnly,
            mergeId: ids.obrien,
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (
          await post('grace-obi', '/api/customers/matches/reject', {
            aId: ids.eastOnly,
            bId: ids.obrien,
          })
        ).statusCode,
      ).toBe(404);
      // A counter may look people up (none of Northam's), but not merge, export or erase.
      expect((await get('tom-evans', '/api/customers?name=sean')).json()).toEqual([]);
      expect((await get('tom-evans', '/api/customers/matches')).statusCode).toBe(403);
      expect((await get('tom-evans', `${url}/export`)).statusCode).toBe(403);
      expect((await post('tom-evans', `${url}/erase`)).statusCode).toBe(403);
      // A kiosk has no staff session; no session at all is 401.
      const kiosk = await hub.app.inject({
        method: 'GET',
        url,
        headers: {
          authorization: `Bearer ${devices.get('kiosk')?.token}`,
          'x-staff-session': sessions.get('priya-shah') ?? '',
        },
      });
      expect(kiosk.statusCode).toBe(401);
      expect((await hub.app.inject({ method: 'GET', url })).statusCode).toBe(401);
      // And a kiosk's feed never carries customer data.
      const feed = JSON.stringify(await pullAll('kiosk'));
      for (const secret of ['Nowak', "O'Brien", 'Wei Chen', ids.obrien]) {
        expect(feed).not.toContain(secret);
      }
    });

    it('stores hostile names exactly and answers hostile searches with 200 or 400', async () => {
      // What a name may be (text.ts's rules): the rest is refused, as the fuzz suite checks.
      const printable = HOSTILE_STRINGS.filter(
        (s) => s.trim() !== '' && !CONTROL_CHARS.test(s) && !LONE_SURROGATE.test(s),
      );
      for (const text of printable) {
        const { caseId, result } = await openCase('civic-centre', { name: text, keepRecord: true });
        expect(result.status, text).toBe('applied');
        const id = (await customerOf(caseId))!;
        const res = await get('priya-shah', `/api/customers/${id}`);
        expect(res.headers['content-type']).toContain('application/json');
        expect(res.json().customer.name, text).toBe(text.trim());
      }
      // Half a surrogate pair cannot even be put in a URL.
      for (const text of HOSTILE_STRINGS.filter((s) => !LONE_SURROGATE.test(s))) {
        for (const field of ['name', 'phone', 'email', 'postcode', 'dateOfBirth']) {
          const res = await get(
            'priya-shah',
            `/api/customers?${field}=${encodeURIComponent(text)}`,
          );
          expect([200, 400], `${field}=${text}`).toContain(res.statusCode);
        }
      }
    });

    it('refuses malformed writes with a 4xx and changes nothing', async () => {
      const before = await counts();
      const linked = await links();
      const anything = fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.record({
          keepId: fc.oneof(fc.uuid(), fc.string()),
          mergeId: fc.oneof(fc.uuid(), fc.string()),
        }),
        fc.record({ aId: fc.uuid(), bId: fc.uuid() }),
        fc.record({ aId: fc.constant(ids.obrien), bId: fc.constant(ids.obrien) }),
        fc.constantFrom(...HOSTILE_STRINGS),
      );
      const target = fc.oneof(
        fc.constant('/api/customers/merges'),
        fc.constant('/api/customers/matches/reject'),
        fc
          .oneof(
            fc.uuid(),
            fc.constantFrom(
              ...HOSTILE_STRINGS.filter((s) => s.trim() !== '' && !LONE_SURROGATE.test(s)),
            ),
          )
          .map((id) => `/api/customers/${encodeURIComponent(id)}/erase`),
        fc.uuid().map((id) => `/api/customers/merges/${id}/undo`),
      );
      await fc.assert(
        fc.asyncProperty(target, anything, async (url, payload) => {
          const res = await hub.app.inject({
            method: 'POST',
            url,
            headers: { ...headers('priya-shah'), 'content-type': 'application/json' },
            payload: JSON.stringify(payload),
          });
          expect(res.statusCode, `${url} ${JSON.stringify(payload)}`).toBeGreaterThanOrEqual(400);
          expect(res.statusCode).toBeLessThan(500);
          expect(res.json().message).toEqual(expect.any(String));
        }),
        { numRuns: 300 },
      );
      expect(await counts()).toEqual(before);
      expect(await links()).toEqual(linked);
    });
  });
}
