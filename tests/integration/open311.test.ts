// Open311 GeoReport v2 through the real hub: every JSON answer is checked against the official
// schemas (src/server/features/open311/schema), every XML answer for well-formedness and the same ids.
// Posted requests become routed cases; door cases are readable; nothing personal leaks out.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../src/server/features/open311/open311-keys.ts';
import { open311Routes } from '../../src/server/features/open311/open311-routes.ts';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import { newId } from '../../src/shared/ids.ts';
import type { PackContent } from '../../src/shared/pack/schema.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';
import { newReference } from '../../src/shared/reference.ts';
import { PROTOCOL_VERSION, type Op } from '../../src/shared/sync/protocol.ts';
import { startHubOn, type TestHub } from '../helpers/hub.ts';

const SCHEMA_DIR = new URL('../../src/server/features/open311/schema/', import.meta.url);
type SchemaFile =
  'service.json' | 'services.json' | 'service-definition.json' | 'request.json' | 'requests.json';

// The files declare no $schema: draft-07, Ajv's default. Each is registered under its own file
// name, which is how services.json and requests.json refer to their item schemas. They leave out
// `"type": "object"` beside `required`/`properties`, which strictTypes would report on every
// compile; the keywords still apply, so only that report is turned off.
const ajv = new Ajv({ allErrors: true, strictTypes: false });
addFormats(ajv);
for (const file of [
  'service.json',
  'services.json',
  'service-definition.json',
  'request.json',
  'requests.json',
] as const) {
  ajv.addSchema(JSON.parse(readFileSync(new URL(file, SCHEMA_DIR), 'utf8')) as object, file);
}
// The check bites: a service without its required fields, or with a wrong type, fails.
if (ajv.validate('services.json', [{ service_code: 'x', type: 'realtime' }])) {
  throw new Error('the Open311 schemas did not load as expected');
}
function expectValid(file: SchemaFile, value: unknown): void {
  const validate = ajv.getSchema(file);
  if (!validate) throw new Error(`no schema ${file}`);
  const ok = validate(value);
  expect(ok ? [] : ajv.errorsText(validate.errors, { separator: '\n' }).split('\n')).toEqual([]);
}

/** Well-formed enough for the API's own output: one root, every tag closed in order. */
function expectWellFormedXml(xml: string): void {
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  const tag = /<(\/?)([A-Za-z_][\w.-]*)(\s*\/)?>|<|>/g;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    if (!m[2]) throw new Error(`stray "${m[0]}" at ${m.index}`);
    if (m[3]) {
      if (stack.length === 0) roots++;
    } else if (m[1]) {
      expect(stack.pop()).toBe(m[2]);
    } else {
      if (stack.length === 0) roots++;
      stack.push(m[2]);
    }
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
  // Outside tags, only escaped text: no bare ampersands.
  expect(body.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toContain('&');
}

const xmlValues = (xml: string, tag: string): string[] =>
  [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1] as string);

const now = () => new Date().toISOString();

describe.each(['sqlite', 'postgres'] as const)('Open311 GeoReport v2 on %s', (dialect) => {
  let hub: TestHub;
  let pack: PackContent;
  let apiKey: string;
  afterEach(() => hub.close());

  async function ready() {
    hub = await startHubOn(dialect);
    const checked = validatePack(buildDemoPack());
    if (!checked.ok) throw new Error('invalid demo pack');
    pack = checked.pack;
    await hub.storage.core.publishPack(pack, { now: now() });
    apiKey = await issueApiKey(hub.storage, 'fixmystreet', null);
  }

  const get = (url: string) => hub.app.inject({ method: 'GET', url: `/open311/v2${url}` });
  const postForm = (fields: Record<string, string>, format = 'json') =>
    hub.app.inject({
      method: 'POST',
      url: `/open311/v2/requests.${format}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      payload: new URLSearchParams(fields).toString(),
    });
  const missedBin = (extra: Record<string, string> = {}) => ({
    api_key: apiKey,
    service_code: 'missed-bin-collection',
    address_string: '12 High Street, Eastbury',
    'attribute[postcode]': 'EB1 5EF',
    'attribute[case_type]': 'complaint',
    description: 'Blue recycling bin not emptied on Tuesday.',
    first_name: 'Ada',
    last_name: 'Jones',
    email: 'ada.jones@example.org',
    phone: '07700 900123',
    ...extra,
  });

  it('describes itself (discovery) in JSON and XML', async () => {
    await ready();
    const json = await get('/discovery.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const discovery = json.json();
    expect(discovery.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      type: 'production',
      formats: ['text/xml', 'application/json'],
    });
    expect(discovery.endpoints[0].url).toMatch(/\/open311\/v2$/);
    const xml = await get('/discovery.xml');
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expectWellFormedXml(xml.body);
    expect(xmlValues(xml.body, 'format')).toEqual(['text/xml', 'application/json']);
  });

  it('lists the services partners take through Open311, and defines each one’s attributes', async () => {
    await ready();
    const res = await get('/services.json');
    expect(res.statusCode).toBe(200);
    const services = res.json<{ service_code: string; group: string | null }[]>();
    expectValid('services.json', services);
    // The hub's own jurisdiction offers every partner's Open311 services, not the whole pack.
    const offered = new Set(pack.partners.flatMap((p) => p.open311Services ?? []));
    expect(offered.size).toBeGreaterThan(0);
    expect(services.map((s) => s.service_code).sort()).toEqual([...offered].sort());
    const bins = services.find((s) => s.service_code === 'missed-bin-collection');
    expect(bins).toMatchObject({
      service_name: 'Report a missed bin collection',
      metadata: true,
      type: 'realtime',
    });
    const topic = pack.topics.find(
      (t) => t.id === pack.services.find((s) => s.id === 'missed-bin-collection')?.topics[0],
    );
    expect(bins?.group).toBe(topic?.name.en ?? null);

    const xml = await get('/services.xml');
    expectWellFormedXml(xml.body);
    expect(xmlValues(xml.body, 'service_code')).toEqual(services.map((s) => s.service_code));

    const definition = await get('/services/missed-bin-collection.json');
    expect(definition.statusCode).toBe(200);
    const body = definition.json();
    expectValid('service-definition.json', body);
    expect(body.service_code).toBe('missed-bin-collection');
    const byCode = Object.fromEntries(
      (body.attributes as { code: string; values?: { key: string }[] }[]).map((a) => [a.code, a]),
    );
    // No "details" repeating the description; a missed bin is about a place, so a request.
    expect(byCode.details).toBeUndefined();
    expect(byCode.case_type).toBeUndefined();
    expect(byCode.postcode).toMatchObject({ datatype: 'string', required: false });

    const definitionXml = await get('/services/missed-bin-collection.xml');
    expectWellFormedXml(definitionXml.body);
    expect(xmlValues(definitionXml.body, 'code')).toEqual(
      (body.attributes as { code: string }[]).map((a) => a.code),
    );

    const missing = await get('/services/dragon-removal.json');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([
      { code: 404, description: expect.stringContaining('dragon-removal') },
    ]);
  });

  it('turns a posted request into a case routed like a door’s, readable without contact data', async () => {
    await ready();
    const res = await postForm(missedBin());
    expect(res.statusCode).toBe(200);
    const [created] = res.json<{ service_request_id: string; service_notice: string }[]>();
    expect(created?.service_request_id).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-./);
    expect(created?.service_notice).toBeTruthy();
    const id = created?.service_request_id ?? '';

    const cases = await hub.storage.cases.listCases();
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      reference: id,
      type: 'request',
      serviceId: 'missed-bin-collection',
      channel: 'web',
      author: 'fixmystreet',
      deviceId: 'open311:fixmystreet',
      accessPointId: 'open311',
      ownerPartnerId: 'eastbury-borough-council',
      details: 'Blue recycling bin not emptied on Tuesday.',
      location: { address: '12 High Street, Eastbury', postcode: 'EB1 5EF' },
      contact: {
        name: 'Ada Jones',
        email: 'ada.jones@example.org',
        phone: '07700 900123',
        consent: true,
      },
    });
    expect(cases[0]?.dues[0]).toMatchObject({ level: 1 });

    const one = await get(`/requests/${id}.json`);
    expect(one.statusCode).toBe(200);
    const requests = one.json();
    expectValid('requests.json', requests);
    const eastbury = pack.partners.find((p) => p.id === 'eastbury-borough-council');
    expect(requests[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'missed-bin-collection',
      service_name: 'Report a missed bin collection',
      description: 'Blue recycling bin not emptied on Tuesday.',
      agency_responsible: eastbury?.name.en,
      requested_datetime: cases[0]?.openedAt,
      expected_datetime: cases[0]?.dues[0]?.due,
      zipcode: 'EB1',
      // Posted through Open311, so the reporter's location is public (as FixMyStreet shows it).
      address: '12 High Street, Eastbury',
    });
    for (const secret of ['Ada', 'Jones', 'example.org', '900123']) {
      expect(one.body).not.toContain(secret);
    }

    const xml = await get(`/requests/${id}.xml`);
    expectWellFormedXml(xml.body);
    expect(xmlValues(xml.body, 'service_request_id')).toEqual([id]);
    expect(xml.body).not.toContain('Ada');

    const token = await get(`/tokens/${id}.json`);
    expect(token.json()).toEqual([{ service_request_id: id, token: id }]);
  });

  it('accepts JSON as well, and answers a post in XML', async () => {
    await ready();
    const json = await hub.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: {
        api_key: apiKey,
        service_code: 'missed-bin-collection',
        lat: 52.1,
        long: -1.2,
        description: 'Green bin missed.',
        attribute: { postcode: 'NM3 4CD' },
      },
    });
    expect(json.statusCode).toBe(200);
    const xml = await postForm(
      { ...missedBin(), first_name: '', last_name: '', email: '', phone: '' },
      'xml',
    );
    expect(xml.statusCode).toBe(200);
    expectWellFormedXml(xml.body);
    const [xmlId] = xmlValues(xml.body, 'service_request_id');
    const cases = await hub.storage.cases.listCases();
    expect(cases.map((c) => c.reference)).toEqual([json.json()[0].service_request_id, xmlId]);
    expect(cases[0]).toMatchObject({
      ownerPartnerId: 'northam-district-council',
      location: { lat: 52.1, lng: -1.2, postcode: 'NM3 4CD' },
    });
    expect(cases[0]?.contact).toBeUndefined();
    expect(cases[1]?.contact).toBeUndefined(); // blank contact fields are no contact
  });

  it('refuses posts without a valid key (403) or with bad fields (400, every problem listed)', async () => {
    await ready();
    const noKey = await postForm({ ...missedBin(), api_key: '' });
    expect(noKey.statusCode).toBe(403);
    expect(noKey.json()).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    const badKey = await postForm(missedBin({ api_key: 'o311_guess' }), 'xml');
    expect(badKey.statusCode).toBe(403);
    expectWellFormedXml(badKey.body);
    expect(xmlValues(badKey.body, 'code')).toEqual(['403']);

    const noService = await postForm(missedBin({ service_code: '' }));
    expect(noService.statusCode).toBe(400);
    expect(noService.json()).toEqual([
      { code: 400, description: expect.stringContaining('service_code') },
    ]);

    const many = await postForm(
      missedBin({
        lat: '91',
        long: '0',
        email: 'not-an-email',
        description: 'x'.repeat(4001),
        'attribute[postcode]': 'NOWHERE',
        'attribute[case_type]': 'rant',
      }),
    );
    expect(many.statusCode).toBe(400);
    const descriptions = many.json<{ description: string }[]>().map((e) => e.description);
    // (A postcode attribute is free text, and a missed bin takes no case_type: no errors.)
    for (const field of ['lat', 'email', 'description']) {
      expect(descriptions.some((d) => d.includes(field))).toBe(true);
    }

    const nowhere = await postForm(missedBin({ address_string: '', 'attribute[postcode]': '' }));
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json()[0].description).toContain('location');

    const unknown = await postForm(missedBin({ service_code: 'dragon-removal' }));
    expect(unknown.statusCode).toBe(404);
    expect(await hub.storage.cases.listCases()).toHaveLength(0);
  });

  it('shows cases captured at a door to Open311 readers, with filters and no personal data', async () => {
    await ready();
    const tablet = await hub.enrol('mobile-library-2');
    const council = await hub.enrol('civic-centre');
    const sync = (token: string, push: Op[]) =>
      hub.app.inject({
        method: 'POST',
        url: '/api/sync',
        headers: { authorization: `Bearer ${token}` },
        payload: { type: 'sync', protocolVersion: PROTOCOL_VERSION, push, cursor: null },
      });
    const caseId = newId();
    const reference = newReference();
    const opened: Op = {
      id: newId(),
      deviceId: tablet.deviceId,
      kind: 'case.open',
      clientTime: now(),
      payload: {
        id: caseId,
        reference,
        type: 'complaint',
        serviceId: 'missed-bin-collection',
        channel: 'face-to-face',
        details: 'Missed three weeks running.',
        location: { address: '4 Mill Lane', postcode: 'NM3 4CD' },
        contact: { name: 'Ada Jones', phone: '07700 900123', consent: true },
        author: 'Sam (volunteer)',
        openedAt: now(),
      },
    };
    expect((await sync(tablet.token, [opened])).json().results[0].status).toBe('applied');
    const posted = (await postForm(missedBin())).json()[0].service_request_id as string;

    const all = await get('/requests.json');
    expect(all.statusCode).toBe(200);
    expectValid('requests.json', all.json());
    expect(
      all
        .json()
        .map((r: { service_request_id: string }) => r.service_request_id)
        .sort(),
    ).toEqual([reference, posted].sort());
    // What staff typed at a door is not published; the reporter's own Open311 text is.
    // A missed bin is about a place: its address is public, the people are not.
    const secrets = ['Ada', 'Jones', '900123', 'Sam (volunteer)', 'three weeks'];
    for (const secret of secrets) {
      expect(all.body).not.toContain(secret);
    }
    const door = all
      .json()
      .find((r: { service_request_id: string }) => r.service_request_id === reference);
    expect(door).toMatchObject({
      status: 'open',
      zipcode: 'NM3',
      address: '4 Mill Lane',
      description: 'Complaint: Report a missed bin collection',
    });

    // The owning council resolves it: closed for Open311 readers.
    const resolve: Op = {
      id: newId(),
      deviceId: council.deviceId,
      staffId: 'alun-davies',
      kind: 'case.event',
      clientTime: now(),
      payload: {
        id: newId(),
        caseId,
        kind: 'resolved',
        author: 'Alun',
        basedOn: null,
        createdAt: now(),
      },
    };
    expect((await sync(council.token, [resolve])).json().results[0].status).toBe('applied');
    const closed = await get('/requests.json?status=closed');
    expectValid('requests.json', closed.json());
    expect(closed.json()).toEqual([
      expect.objectContaining({
        service_request_id: reference,
        status: 'closed',
        status_notes: 'Resolved.',
      }),
    ]);
    const open = await get('/requests.json?status=open');
    expect(open.json().map((r: { service_request_id: string }) => r.service_request_id)).toEqual([
      posted,
    ]);

    const byId = await get(`/requests.xml?service_request_id=${reference},${posted}`);
    expectWellFormedXml(byId.body);
    expect(xmlValues(byId.body, 'service_request_id').sort()).toEqual([reference, posted].sort());
    expect(byId.body).not.toContain('Ada');

    const byService = await get('/requests.json?service_code=council-tax-bill');
    expect(byService.json()).toEqual([]);
    const old = await get(
      '/requests.json?start_date=2010-01-01T00:00:00Z&end_date=2010-02-01T00:00:00Z',
    );
    expect(old.json()).toEqual([]);
    const tooLong = await get(
      '/requests.json?start_date=2010-01-01T00:00:00Z&end_date=2011-01-01T00:00:00Z',
    );
    expect(tooLong.statusCode).toBe(400);
    const badDate = await get('/requests.json?start_date=yesterday');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()[0]).toMatchObject({ code: 400 });

    const missing = await get('/requests/2222-2222-2.json');
    expect(missing.statusCode).toBe(404);
  });

  it('rate-limits posts per key and caps the body size', async () => {
    await ready();
    const app = Fastify();
    open311Routes(app, hub.storage, { postsPerMinute: 2, burst: 2, maxBodyBytes: 2048 });
    const post = (payload: string) =>
      app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload,
      });
    const form = new URLSearchParams(missedBin()).toString();
    expect((await post(form)).statusCode).toBe(200);
    expect((await post(form)).statusCode).toBe(200);
    const limited = await post(form);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()[0]).toMatchObject({ code: 429 });
    const huge = await post(`${form}&description=${'x'.repeat(4000)}`);
    expect(huge.statusCode).toBe(413);
    expect(huge.json()[0]).toMatchObject({ code: 413 });
    await app.close();
  });
});
