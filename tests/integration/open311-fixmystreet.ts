// Open311 GeoReport v2 as FixMyStreet uses it (issue "Good neighbours", points 1–8), each
// reproduced against the hub in XML and JSON, and the key's partner scope. Run on SQLite and
// PostgreSQL (open311-fixmystreet.sqlite.test.ts, open311-fixmystreet.pg.test.ts).
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkAttributes,
  type Open311Attribute,
} from '../../src/server/features/open311/georeport.ts';
import { issueApiKey } from '../../src/server/features/open311/open311-keys.ts';
import { open311Routes } from '../../src/server/features/open311/open311-routes.ts';
import { newId } from '../../src/shared/ids.ts';
import { newReference } from '../../src/shared/reference.ts';
import { PROTOCOL_VERSION, type Op } from '../../src/shared/sync/protocol.ts';
import { startHubOn, type TestHub } from '../helpers/hub.ts';

export type Format = 'xml' | 'json';
const FORMATS: readonly Format[] = ['xml', 'json'];

/** Every <tag>value</tag> in a document (the API's XML is flat enough for this). */
export const xmlValues = (xml: string, tag: string): string[] =>
  [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) =>
    (m[1] as string)
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );

/** An answer's errors, from `<errors>` or the JSON array, as descriptions. */
function errorsOf(format: Format, body: string): string[] {
  if (format === 'xml') {
    expect(body).toMatch(/<errors>/);
    return xmlValues(body, 'description');
  }
  return (JSON.parse(body) as { description: string }[]).map((e) => e.description);
}

/** The value of a field of an answer's first item, in either format. */
function firstField(format: Format, body: string, field: string): string | number | null {
  if (format === 'xml') {
    const found = xmlValues(body, field)[0];
    return found === undefined ? null : found;
  }
  const list = JSON.parse(body) as Record<string, string | number | null>[];
  return list[0]?.[field] ?? null;
}

const TINY_PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

export function describeOpen311FixMyStreet(dialect: 'sqlite' | 'postgres'): void {
  describe(`Open311 as FixMyStreet uses it, on ${dialect}`, () => {
    let hub: TestHub;
    const keys = { northam: '', eastbury: '', county: '', network: '' };
    afterEach(() => hub.close());

    async function ready() {
      hub = await startHubOn(dialect);
      await hub.publishDemoPack();
      keys.northam = await issueApiKey(hub.storage, 'fms-northam', 'northam-district-council');
      keys.eastbury = await issueApiKey(hub.storage, 'fms-eastbury', 'eastbury-borough-council');
      keys.county = await issueApiKey(hub.storage, 'fms-county', 'northshire-county-council');
      keys.network = await issueApiKey(hub.storage, 'network', null);
    }

    const get = (url: string) => hub.app.inject({ method: 'GET', url: `/open311/v2${url}` });
    const postForm = (path: string, fields: Record<string, string>) =>
      hub.app.inject({
        method: 'POST',
        url: `/open311/v2${path}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        payload: new URLSearchParams(fields).toString(),
      });
    /** A FixMyStreet-like report of a missed bin to Northam. */
    const report = (extra: Record<string, string> = {}) => ({
      api_key: keys.northam,
      jurisdiction_id: 'northam-district-council',
      service_code: 'missed-bin-collection',
      description: 'Green bin not emptied on Monday.',
      lat: '52.05',
      long: '-1.2',
      first_name: 'Ada',
      last_name: 'Jones',
      email: 'ada@example.org',
      ...extra,
    });
    const created = async (format: Format, fields: Record<string, string>) => {
      const res = await postForm(`/requests.${format}`, fields);
      expect(res.statusCode, res.body).toBe(200);
      return String(firstField(format, res.body, 'service_request_id'));
    };
    const sync = (token: string, push: Op[], cursor: string | null = null) =>
      hub.app.inject({
        method: 'POST',
        url: '/api/sync',
        headers: { authorization: `Bearer ${token}` },
        payload: { type: 'sync', protocolVersion: PROTOCOL_VERSION, push, cursor, pullLimit: 1000 },
      });
    const caseId = async (reference: string) =>
      (await hub.storage.cases.findCaseByReference(reference))?.record.id ?? '';

    it('1. validates attributes by their declared datatype: a postcode string is free text', async () => {
      await ready();
      for (const format of FORMATS) {
        const id = await created(format, report({ 'attribute[postcode]': 'near the church' }));
        const found = await hub.storage.cases.findCaseByReference(id);
        expect(found?.record.location).toMatchObject({ address: 'near the church' });
        // A real postcode still routes: EB1 is Eastbury's.
        const routed = await created(
          format,
          report({ 'attribute[postcode]': 'eb1 5ef', api_key: keys.network }),
        );
        expect((await hub.storage.cases.findCaseByReference(routed))?.record).toMatchObject({
          ownerPartnerId: 'eastbury-borough-council',
          location: { postcode: 'EB1 5EF' },
        });
        // Too long for a string attribute: said precisely, in Open311's errors.
        const long = await postForm(
          `/requests.${format}`,
          report({ 'attribute[postcode]': 'é'.repeat(301) }),
        );
        expect(long.statusCode).toBe(400);
        expect(errorsOf(format, long.body)).toEqual([
          'attribute[postcode] must be at most 300 characters (it has 301)',
        ]);
      }
      // Every datatype, with the error each wrong value gets.
      const declared: Open311Attribute[] = [
        { code: 'depth', datatype: 'number', required: true },
        { code: 'seen', datatype: 'datetime', required: false },
        { code: 'size', datatype: 'singlevaluelist', required: false, values: ['s', 'l'] },
        { code: 'bins', datatype: 'multivaluelist', required: false, values: ['blue', 'green'] },
        { code: 'notes', datatype: 'text', required: false },
        { code: 'where', datatype: 'string', required: false },
      ].map((a, i) => ({
        variable: true,
        datatype_description: null,
        order: i + 1,
        description: a.code,
        ...a,
        ...(a.values ? { values: a.values.map((key) => ({ key, name: key })) } : {}),
      })) as Open311Attribute[];
      const wrong = checkAttributes(
        {
          depth: 'deep',
          seen: 'yesterday',
          size: 'xl',
          bins: ['blue', 'red'],
          notes: '😀'.repeat(4001),
          where: 'behind the church, by the yew',
        },
        declared,
      );
      expect(wrong.errors.map((e) => e.description)).toEqual([
        'attribute[depth] must be a number, e.g. 12 or 3.5; "deep" is not',
        'attribute[seen] must be a W3C date-time with a time zone, e.g. 2026-01-01T09:30:00Z',
        'attribute[size] must be one of s, l; "xl" is not',
        'attribute[bins] must be one of blue, green; "red" is not',
        'attribute[notes] must be at most 4000 characters (it has 4001)',
      ]);
      expect(checkAttributes({}, declared).errors.map((e) => e.description)).toEqual([
        'attribute[depth] is required and was not provided',
      ]);
      const right = checkAttributes(
        {
          depth: '+12.5',
          seen: '2026-03-01T09:00:00Z',
          size: 'l',
          bins: ['blue', 'green'],
          uprn: '10001',
        },
        declared,
      );
      expect(right.errors).toEqual([]);
      expect(right.values.get('bins')).toEqual(['blue', 'green']);
    });

    it('2. returns lat, long and address where public: posted through Open311, or about a place', async () => {
      await ready();
      const counter = await hub.enrol('central-library');
      const doorCase = async (serviceId: string, location: object) => {
        const reference = newReference();
        const res = await sync(counter.token, [
          {
            id: newId(),
            deviceId: counter.deviceId,
            staffId: 'tom-evans',
            kind: 'case.open',
            clientTime: new Date().toISOString(),
            payload: {
              id: newId(),
              reference,
              type: 'request',
              serviceId,
              channel: 'face-to-face',
              details: 'Told at the counter.',
              location,
              author: 'Tom',
              openedAt: new Date().toISOString(),
            },
          },
        ]);
        expect(res.json().results[0].status).toBe('applied');
        return reference;
      };
      const pothole = await doorCase('pothole', {
        address: 'Outside 3 Mill Lane',
        postcode: 'NM3 4CD',
        lat: 52.2,
        lng: -1.3,
      });
      const care = await doorCase('adult-social-care-assessment', {
        address: '9 Brook End',
        postcode: 'NM3 4CD',
        lat: 52.3,
        lng: -1.4,
      });
      for (const format of FORMATS) {
        const posted = await created(
          format,
          report({ lat: '+52.05', address_string: 'By the church' }),
        );
        const one = await get(`/requests/${posted}.${format}`);
        expect(firstField(format, one.body, 'lat')).toEqual(format === 'xml' ? '52.05' : 52.05);
        expect(firstField(format, one.body, 'long')).toEqual(format === 'xml' ? '-1.2' : -1.2);
        expect(firstField(format, one.body, 'address')).toBe('By the church');
        const place = await get(`/requests/${pothole}.${format}`);
        expect(firstField(format, place.body, 'lat')).toEqual(format === 'xml' ? '52.2' : 52.2);
        expect(firstField(format, place.body, 'address')).toBe('Outside 3 Mill Lane');
        // A person's case: their home stays private; the postcode district only.
        const person = await get(`/requests/${care}.${format}`);
        expect(firstField(format, person.body, 'lat')).toBeNull();
        expect(person.body).not.toContain('Brook End');
        expect(firstField(format, person.body, 'zipcode')).toBe('NM3');
        // The list says the same as the single reads.
        const all = await get(`/requests.${format}`);
        if (format === 'json') {
          const rows = all.json<{ service_request_id: string; lat: number | null }[]>();
          const lats = Object.fromEntries(rows.map((r) => [r.service_request_id, r.lat]));
          expect(lats).toMatchObject({ [posted]: 52.05, [pothole]: 52.2, [care]: null });
        } else {
          expect(xmlValues(all.body, 'lat')).toEqual(expect.arrayContaining(['52.05', '52.2']));
          // Read from the coordinates themselves: a timestamp such as 19:07:52.310 holds '52.3'.
          expect(xmlValues(all.body, 'lat')).not.toContain('52.3');
          expect(xmlValues(all.body, 'long')).not.toContain('-1.4');
        }
      }
    });

    it('3. servicerequestupdates: public actions out, posted updates in (back office and /track)', async () => {
      await ready();
      const council = await hub.enrol('civic-centre');
      const start = new Date(Date.now() - 60_000).toISOString();
      for (const format of FORMATS) {
        const reference = await created(format, report());
        const id = await caseId(reference);
        const act = async (
          kind: 'acknowledged' | 'step-not-done' | 'resolved',
          stepId?: string,
        ) => {
          const res = await sync(council.token, [
            {
              id: newId(),
              deviceId: council.deviceId,
              staffId: 'alun-davies',
              kind: 'case.event',
              clientTime: new Date().toISOString(),
              payload: {
                id: newId(),
                caseId: id,
                kind,
                ...(stepId ? { stepId } : {}),
                author: 'Alun',
                basedOn: null,
                createdAt: new Date().toISOString(),
              },
            },
          ]);
          expect(res.json().results[0].status).toBe('applied');
        };
        await act('acknowledged');
        const updatesUrl = (key: string) =>
          `/servicerequestupdates.${format}?api_key=${encodeURIComponent(key)}&start_date=${start}&end_date=${new Date(Date.now() + 60_000).toISOString()}`;
        const updates = await get(updatesUrl(keys.northam));
        expect(updates.statusCode).toBe(200);
        if (format === 'xml') {
          expect(updates.body).toMatch(/<service_request_updates>\s*<request_update>/);
          const mine = xmlValues(updates.body, 'service_request_id').indexOf(reference);
          expect(mine).toBeGreaterThanOrEqual(0);
          expect(xmlValues(updates.body, 'status')[mine]).toBe('investigating');
          expect(xmlValues(updates.body, 'description')[mine]).toBe(
            'Acknowledged by the team responsible.',
          );
        } else {
          expect(updates.json()).toContainEqual({
            update_id: expect.any(String),
            service_request_id: reference,
            status: 'investigating',
            updated_datetime: expect.stringMatching(/Z$/),
            description: 'Acknowledged by the team responsible.',
          });
        }
        // A wrong key is refused; the county's key reads only the county's services' updates.
        expect(errorsOf(format, (await get(updatesUrl('o311_wrong'))).body)[0]).toMatch(
          /Invalid api_key/,
        );
        const county = await get(updatesUrl(keys.county));
        expect(county.body).not.toContain(reference);

        // The reporter comments on FixMyStreet: a note on the case.
        // Resolved with a step confirmed not done: the update says which, not "done".
        const record = (await hub.storage.cases.findCaseByReference(reference))?.record;
        const skipped = record?.dues.find((d) => d.stepId !== 'promise')?.stepId;
        if (!skipped) throw new Error('the reported service has no steps');
        await act('step-not-done', skipped);
        await act('resolved');
        const closing = await get(updatesUrl(keys.northam));
        const notDone = (
          format === 'xml'
            ? xmlValues(closing.body, 'description')
            : (closing.json() as { description: string }[]).map((u) => u.description)
        ).filter((d) => d.startsWith('Not done: '));
        expect(notDone.length).toBeGreaterThan(0);
        expect(closing.body).toContain('Resolved.');
        const update = {
          api_key: keys.northam,
          jurisdiction_id: 'northam-district-council',
          service_request_id: reference,
          update_id: `fms-${format}-1`,
          updated_datetime: '2026-03-02T10:00:00Z',
          status: 'OPEN',
          description: 'Still not collected, the bin is still full.',
          first_name: 'Ada',
          last_name: 'Jones',
          email: 'ada@example.org',
          media_url: 'https://fixmystreet.example/photo/1.jpeg',
        };
        const posted = await postForm(`/servicerequestupdates.${format}`, update);
        expect(posted.statusCode, posted.body).toBe(200);
        const updateId = String(firstField(format, posted.body, 'update_id'));
        if (format === 'xml') {
          expect(posted.body).toMatch(
            /<service_request_updates>\s*<request_update>\s*<update_id>[^<]+<\/update_id>/,
          );
        }
        // A retry answers the same update; nothing is added twice.
        const again = await postForm(`/servicerequestupdates.${format}`, update);
        expect(String(firstField(format, again.body, 'update_id'))).toBe(updateId);
        const events = (await hub.storage.cases.findCaseByReference(reference))?.events ?? [];
        const notes = events.filter((e) => e.kind === 'note');
        expect(notes).toEqual([
          expect.objectContaining({
            id: updateId,
            note: 'Still not collected, the bin is still full.',
            author: 'Ada Jones via fms-northam',
          }),
        ]);
        // "Still not fixed" on a resolved case opens it again.
        expect(events.at(-1)?.kind).toBe('reopened');
        // Another integration reads the update, with its media_url; its poster does not.
        const others = await get(updatesUrl(keys.network));
        expect(others.body).toContain('https://fixmystreet.example/photo/1.jpeg');
        expect(others.body).toContain('Still not collected');
        expect((await get(updatesUrl(keys.northam))).body).not.toContain('Still not collected');
        // /track shows the update (as an action; the text is the reporter's, kept for staff).
        const track = await hub.app.inject({ method: 'GET', url: `/track/${reference}` });
        expect(track.body).toContain('The team added an update');
        expect(track.body).not.toContain('ada@example.org');

        // Refusals, each in Open311's errors.
        const missing = await postForm(`/servicerequestupdates.${format}`, {
          api_key: keys.northam,
          service_request_id: reference,
        });
        expect(missing.statusCode).toBe(400);
        expect(errorsOf(format, missing.body)).toEqual([
          'update_id was not provided',
          'status was not provided',
          'description was not provided',
        ]);
        const unknown = await postForm(`/servicerequestupdates.${format}`, {
          ...update,
          service_request_id: '2222-2222-2',
          update_id: 'x',
        });
        expect(unknown.statusCode).toBe(404);
        expect(errorsOf(format, unknown.body)).toEqual([
          'service_request_id 2222-2222-2 was not found',
        ]);
        const notTheirs = await postForm(`/servicerequestupdates.${format}`, {
          ...update,
          api_key: keys.county,
          jurisdiction_id: 'northshire-county-council',
          update_id: 'y',
        });
        expect(notTheirs.statusCode).toBe(403);
        expect(errorsOf(format, notTheirs.body)[0]).toMatch(
          /not a request this api_key may update/,
        );
      }
      // The back office's devices receive the update as a case event (on PostgreSQL another
      // database's open transaction can hold the feed back a moment: pull until it has come).
      let cursor: string | null = null;
      const notes: string[] = [];
      for (const until = Date.now() + 20_000; Date.now() < until && notes.length < 2;) {
        const page: {
          changes: { entity: string; data: { kind?: string; note?: string } }[];
          cursor: string | null;
          hasMore: boolean;
        } = (await sync(council.token, [], cursor)).json();
        for (const c of page.changes) {
          if (c.entity === 'caseEvent' && c.data.kind === 'note') notes.push(c.data.note ?? '');
        }
        cursor = page.cursor;
        if (!page.hasMore && notes.length < 2) await new Promise((r) => setTimeout(r, 200));
      }
      expect(notes).toEqual([
        'Still not collected, the bin is still full.',
        'Still not collected, the bin is still full.',
      ]);
    });

    it('4. keeps media_url, and takes multipart posts with photos', async () => {
      await ready();
      for (const format of FORMATS) {
        const reference = await created(
          format,
          report({ media_url: 'https://fixmystreet.example/photo/9.full.jpeg' }),
        );
        const one = await get(`/requests/${reference}.${format}`);
        expect(firstField(format, one.body, 'media_url')).toBe(
          'https://fixmystreet.example/photo/9.full.jpeg',
        );
        const bad = await postForm(`/requests.${format}`, report({ media_url: 'javascript:x' }));
        expect(errorsOf(format, bad.body)).toEqual(['media_url must be an http or https URL']);

        const multipart = async (file: Uint8Array) => {
          const form = new FormData();
          for (const [name, value] of Object.entries(report())) form.append(name, value);
          form.append('attribute[uprn]', '10001');
          form.append('photo1', new Blob([Buffer.from(file)], { type: 'image/png' }), 'photo1.png');
          const request = new Request('http://hub/', { method: 'POST', body: form });
          return hub.app.inject({
            method: 'POST',
            url: `/open311/v2/requests.${format}`,
            headers: { 'content-type': request.headers.get('content-type') ?? '' },
            payload: Buffer.from(await request.arrayBuffer()),
          });
        };
        const withPhoto = await multipart(TINY_PNG);
        expect(withPhoto.statusCode, withPhoto.body).toBe(200);
        const id = await caseId(String(firstField(format, withPhoto.body, 'service_request_id')));
        const photos = await hub.storage.db
          .selectFrom('case_photos')
          .select(['content_type'])
          .where('case_id', '=', id)
          .execute();
        expect(photos).toEqual([{ content_type: 'image/png' }]);
        const notPhoto = await multipart(new TextEncoder().encode('<svg/>'));
        expect(notPhoto.statusCode).toBe(400);
        expect(errorsOf(format, notPhoto.body)).toEqual([
          'photo1 is not a JPEG, PNG or WebP photo',
        ]);
      }
    });

    it('5. honours jurisdiction_id, counts 4,000 characters as people do, takes lat=+52.05', async () => {
      await ready();
      for (const format of FORMATS) {
        const discovery = await get(`/discovery.${format}`);
        const named =
          format === 'xml'
            ? xmlValues(discovery.body, 'jurisdiction_id')
            : [
                discovery.json().jurisdiction_id,
                ...discovery
                  .json()
                  .jurisdictions.map((j: { jurisdiction_id: string }) => j.jurisdiction_id),
              ];
        expect(named.slice(0, 2)).toEqual(['anydoor', 'anydoor']);
        expect(named.slice(2).sort()).toEqual([
          'eastbury-borough-council',
          'northam-district-council',
          'northshire-county-council',
        ]);
        const nowhere = await get(`/services.${format}?jurisdiction_id=atlantis`);
        expect(nowhere.statusCode).toBe(404);
        expect(errorsOf(format, nowhere.body)).toEqual([
          'jurisdiction_id atlantis is not served here; discovery lists those that are',
        ]);
        const wrongPlace = await postForm(
          `/requests.${format}`,
          report({ jurisdiction_id: 'eastbury-borough-council' }),
        );
        expect(wrongPlace.statusCode).toBe(403);
        expect(errorsOf(format, wrongPlace.body)).toEqual([
          'This api_key is for jurisdiction_id northam-district-council, not eastbury-borough-council.',
        ]);
        const emoji = await created(format, report({ description: '🗑️'.repeat(1000) }));
        expect(emoji).toBeTruthy();
        const plenty = await created(format, report({ description: '😀'.repeat(4000) }));
        expect((await hub.storage.cases.findCaseByReference(plenty))?.record.details).toBe(
          '😀'.repeat(4000),
        );
        const tooMany = await postForm(
          `/requests.${format}`,
          report({ description: '😀'.repeat(4001) }),
        );
        expect(errorsOf(format, tooMany.body)).toEqual([
          'description must be at most 4000 characters (it has 4001)',
        ]);
        const plus = await created(format, report({ lat: '+52.05', long: '+0.5' }));
        expect((await hub.storage.cases.findCaseByReference(plus))?.record.location).toMatchObject({
          lat: 52.05,
          lng: 0.5,
        });
        const stored = await hub.storage.db
          .selectFrom('open311_requests' as never)
          .select(['jurisdiction_id' as never])
          .where('case_id' as never, '=', (await caseId(plus)) as never)
          .executeTakeFirst();
        expect(stored).toEqual({ jurisdiction_id: 'northam-district-council' });
      }
    });

    it('6. offers each partner its Open311 services, metadata only where there are attributes', async () => {
      await ready();
      for (const format of FORMATS) {
        const codes = async (query: string) => {
          const res = await get(`/services.${format}${query}`);
          expect(res.statusCode).toBe(200);
          return format === 'xml'
            ? xmlValues(res.body, 'service_code')
            : res.json<{ service_code: string }[]>().map((s) => s.service_code);
        };
        const countyServices = ['blocked-footpath', 'pothole', 'street-light-fault'];
        expect((await codes('?jurisdiction_id=northshire-county-council')).sort()).toEqual(
          countyServices,
        );
        // A key is offered its partner's, whatever jurisdiction it leaves out.
        expect((await codes(`?api_key=${encodeURIComponent(keys.county)}`)).sort()).toEqual(
          countyServices,
        );
        expect((await codes('?jurisdiction_id=eastbury-borough-council')).sort()).toEqual(
          [
            'abandoned-vehicle',
            'dog-fouling',
            'fly-tipping',
            'graffiti-removal',
            'missed-bin-collection',
          ].sort(),
        );
        expect((await codes('')).length).toBe(8);
        // metadata is true only where a definition has attributes, and none repeats the
        // description.
        const res = await get(`/services.${format}?jurisdiction_id=northshire-county-council`);
        const metadata =
          format === 'xml'
            ? xmlValues(res.body, 'metadata')
            : res.json<{ metadata: boolean }[]>().map((s) => String(s.metadata));
        const listed =
          format === 'xml'
            ? xmlValues(res.body, 'service_code')
            : res.json<{ service_code: string }[]>().map((s) => s.service_code);
        for (const [i, code] of listed.entries()) {
          const definition = await get(`/services/${code}.${format}`);
          const attributeCodes =
            format === 'xml'
              ? xmlValues(definition.body, 'code')
              : definition.json<{ attributes: { code: string }[] }>().attributes.map((a) => a.code);
          expect(metadata[i], code).toBe(String(attributeCodes.length > 0));
          expect(attributeCodes).not.toContain('details');
        }
        expect(metadata).toContain('false');
        // Another partner's service: not offered, not postable with this key.
        const notOffered = await get(
          `/services/missed-bin-collection.${format}?jurisdiction_id=northshire-county-council`,
        );
        expect(notOffered.statusCode).toBe(404);
        const countyPost = await postForm(
          `/requests.${format}`,
          report({ api_key: keys.county, jurisdiction_id: 'northshire-county-council' }),
        );
        expect(countyPost.statusCode).toBe(403);
        expect(errorsOf(format, countyPost.body)).toEqual([
          `service_code missed-bin-collection is not taken through Open311 by northshire-county-council; services.${format} lists those that are`,
        ]);
        // A revoked key is refused, saying so.
        await hub.storage.open311.revokeApiKey('fms-eastbury', new Date().toISOString());
        const revoked = await postForm(
          `/requests.${format}`,
          report({ api_key: keys.eastbury, jurisdiction_id: 'eastbury-borough-council' }),
        );
        expect(revoked.statusCode).toBe(403);
        expect(errorsOf(format, revoked.body)[0]).toMatch(/revoked/);
      }
    });

    it('7. answers every id that GET requests lists, demo references included', async () => {
      await ready();
      const key = await hub.storage.open311.findApiKeyByName('network');
      if (!key) throw new Error('no key');
      // The demo's year of history uses references such as DEMO0419.
      const problem = await hub.storage.open311.openIntegrationCase(
        key,
        {
          id: newId(),
          reference: 'DEMO0419',
          type: 'request',
          serviceId: 'pothole',
          channel: 'web',
          details: 'Pothole by the school.',
          author: 'demo',
          openedAt: new Date().toISOString(),
        },
        new Date().toISOString(),
      );
      expect(problem).toBeNull();
      await created('json', report());
      for (const format of FORMATS) {
        const list = await get(`/requests.${format}`);
        const ids =
          format === 'xml'
            ? xmlValues(list.body, 'service_request_id')
            : list.json<{ service_request_id: string }[]>().map((r) => r.service_request_id);
        expect(ids).toContain('DEMO0419');
        for (const id of ids) {
          const one = await get(`/requests/${id}.${format}`);
          expect(one.statusCode, id).toBe(200);
          expect(firstField(format, one.body, 'service_request_id')).toBe(id);
        }
        const byId = await get(`/requests.${format}?service_request_id=DEMO0419`);
        expect(firstField(format, byId.body, 'service_request_id')).toBe('DEMO0419');
        const none = await get(`/requests/DEMO9999.${format}`);
        expect(none.statusCode).toBe(404);
        expect(errorsOf(format, none.body)).toEqual(['service_request_id DEMO9999 was not found']);
      }
      // Unknown resources answer in Open311's errors too, not the hub's JSON.
      const nothing = await get('/nothing.xml');
      expect(nothing.statusCode).toBe(404);
      expect(errorsOf('xml', nothing.body)[0]).toMatch(/not a resource here/);
    });

    it('8. lets a backlog through in a burst, then answers 429 with Retry-After', async () => {
      await ready();
      // The defaults take a 40-report backlog at once (the old limit stopped at 30 a minute).
      for (let i = 0; i < 40; i++) {
        const res = await postForm('/requests.xml', report({ description: `Backlog ${i}` }));
        expect(res.statusCode, `post ${i}`).toBe(200);
      }
      let clock = Date.parse('2026-03-02T10:00:00Z');
      const app = Fastify();
      open311Routes(app, hub.storage, {
        postsPerMinute: 6,
        burst: 10,
        now: () => new Date(clock),
      });
      for (const format of FORMATS) {
        const key = await issueApiKey(hub.storage, `burst-${format}`, 'northam-district-council');
        const post = () =>
          app.inject({
            method: 'POST',
            url: `/open311/v2/requests.${format}`,
            remoteAddress: `192.0.2.${format === 'xml' ? 1 : 2}`,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: new URLSearchParams(report({ api_key: key })).toString(),
          });
        for (let i = 0; i < 10; i++) expect((await post()).statusCode).toBe(200);
        const limited = await post();
        expect(limited.statusCode).toBe(429);
        expect(limited.headers['retry-after']).toBe('10');
        expect(errorsOf(format, limited.body)).toEqual([
          'too many posts from this api_key; retry after 10 seconds',
        ]);
        clock += 10_000;
        expect((await post()).statusCode).toBe(200);
      }
      await app.close();
    });
  });
}
