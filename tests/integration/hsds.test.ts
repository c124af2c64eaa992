// The published directory as Open Referral HSDS 3.0: the /hsds read API over the demo pack,
// and `npm run pack -- export/import --format hsds`. Every object the API returns and the export
// writes is validated against the official schemas in src/server/features/hsds/schema.
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { hsdsId } from '../../src/server/features/hsds/hsds-ids.ts';
import { TAXONOMIES } from '../../src/server/features/hsds/hsds-vocabulary.ts';
import { runPackCommand, USAGE } from '../../src/server/features/pack/pack-cli.ts';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import { openSqliteStorage } from '../../src/server/storage.ts';
import type { PackContent } from '../../src/shared/pack/schema.ts';
import { routeCase } from '../../src/shared/routing.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';
import { PROTOCOL_VERSION } from '../../src/shared/sync/protocol.ts';
import { noteOp } from '../helpers/fixtures.ts';
import { hsdsValidator, type HsdsSchemaFile } from '../helpers/hsds-schemas.ts';
import { startHub, type TestHub } from '../helpers/hub.ts';
import { smallPack } from '../helpers/pack-fixture.ts';

const validator = hsdsValidator();

type Obj = Record<string, unknown> & { id: string };
interface PageBody {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Obj[];
}

function demoPack(): PackContent {
  const result = validatePack(buildDemoPack());
  if (!result.ok) throw new Error('the demo pack is invalid');
  return result.pack;
}

/**
 * The places that deliver a service face to face: they offer it and their partner is the one
 * delivering it to their postcode. The others that offer it are places to ask, not to get it.
 */
function deliveredAt(pack: PackContent, serviceId: string): PackContent['accessPoints'] {
  const service = pack.services.find((s) => s.id === serviceId);
  if (!service) return [];
  return pack.accessPoints.filter(
    (ap) =>
      ap.faceToFaceServiceIds.includes(serviceId) &&
      routeCase(service, ap.address.postcode).partnerId === ap.partnerId,
  );
}

/** Fails with every schema error of every object, naming the object. */
function expectValid(schema: HsdsSchemaFile, objects: readonly unknown[]) {
  const problems = objects.flatMap((o, i) =>
    validator.errors(schema, o).map((e) => `${schema} #${i} ${(o as Obj).id}: ${e}`),
  );
  expect(problems.slice(0, 20)).toEqual([]);
}

function expectUniqueIds(objects: readonly Obj[]) {
  expect(new Set(objects.map((o) => o.id)).size).toBe(objects.length);
}

describe('the HSDS validator', () => {
  it('rejects what the official schemas forbid, in nested objects too', () => {
    const id = hsdsId('test', 'x');
    const service = { id, name: 'X', status: 'active' };
    const bad = (value: object) => validator.errors('service.json', value);
    expect(bad(service)).toEqual([]);
    expect(bad({ ...service, id: 'x' })).not.toEqual([]);
    expect(bad({ name: 'X', status: 'active' })).not.toEqual([]);
    expect(bad({ ...service, status: 'open' })).not.toEqual([]);
    expect(bad({ ...service, url: 'not a url' })).not.toEqual([]);
    expect(bad({ ...service, organization: { id, name: 'No description' } })).not.toEqual([]);
    const location = { id, location_type: 'physical' };
    const at = (l: object) => ({ ...service, service_at_locations: [{ id, location: l }] });
    expect(bad(at(location))).toEqual([]);
    expect(bad(at({ ...location, schedules: [{ id, freq: 'DAILY' }] }))).not.toEqual([]);
    expect(bad(at({ ...location, addresses: [{ id, address_1: 'No town' }] }))).not.toEqual([]);
    const term = { id: 'not-a-uuid', name: 'n', description: 'd' };
    expect(bad({ ...service, attributes: [{ id, taxonomy_term: term }] })).not.toEqual([]);
    expect(validator.pageErrors({ total_items: '3' })).not.toEqual([]);
    expect(validator.rootErrors({ openapi_url: 'not a url' })).not.toEqual([]);
  });
});

describe('HSDS API over the demo pack', () => {
  const pack = demoPack();
  const SECRET_NOTE = 'Mrs Zenobia Quillfeather at 14 Larch Rise owes £312.40 rent arrears';
  const SECRET_STAFF = 'Ottoline Brackenbury';
  let hub: TestHub;
  let device: Awaited<ReturnType<TestHub['enrol']>>;

  beforeAll(async () => {
    hub = await startHub();
    await hub.storage.core.publishPack(pack, { now: new Date().toISOString(), note: 'Demo' });
    // Private data the hub holds besides the pack: a device and a contact note it synced.
    device = await hub.enrol();
    const res = await hub.app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { authorization: `Bearer ${device.token}` },
      payload: {
        type: 'sync',
        protocolVersion: PROTOCOL_VERSION,
        push: [noteOp(device.deviceId, { note: SECRET_NOTE, staffName: SECRET_STAFF })],
        cursor: null,
      },
    });
    expect(res.statusCode).toBe(200);
    expect(await hub.storage.contacts.listContactNotes()).toHaveLength(1);
  });
  afterAll(() => hub.close());

  const get = (url: string): Promise<LightMyRequestResponse> =>
    hub.app.inject({ method: 'GET', url });
  const getJson = async <T>(url: string): Promise<T> => {
    const res = await get(url);
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res.json<T>();
  };
  /** Walks every page of a list, checking the envelope of each against openapi.json's Page. */
  const allPages = async (path: string, perPage: number): Promise<Obj[]> => {
    const items: Obj[] = [];
    const sep = path.includes('?') ? '&' : '?';
    for (let page = 1; ; page++) {
      const body = await getJson<PageBody>(`${path}${sep}page=${page}&per_page=${perPage}`);
      expect(validator.pageErrors(body)).toEqual([]);
      expect(body).toMatchObject({ page_number: page, first_page: page === 1 });
      expect(body.size).toBe(body.contents.length);
      items.push(...body.contents);
      if (body.last_page) {
        expect(body.total_pages).toBe(page);
        expect(items).toHaveLength(body.total_items);
        return items;
      }
      expect(body.size).toBe(perPage);
    }
  };

  it('describes itself at the root, as the spec’s GET / response', async () => {
    const root = await getJson<{ version: string; openapi_url: string }>('/hsds/');
    expect(validator.rootErrors(root)).toEqual([]);
    expect(root.version).toBe('3.0');
    const openapiPath = new URL(root.openapi_url).pathname;
    expect(openapiPath).toBe('/hsds/openapi.json');
    const openapi = await getJson<{ openapi: string; paths: object; info: { title: string } }>(
      openapiPath,
    );
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toContain('/services/{id}');
    // It describes the place search /services and /service_at_locations answer.
    const params = (path: string) =>
      (
        (
          openapi.paths as Record<
            string,
            { get: { parameters: { name?: string; $ref?: string }[] } }
          >
        )[path]?.get.parameters ?? []
      ).map((p) => p.name ?? p.$ref?.split('/').at(-1));
    for (const path of ['/services', '/service_at_locations']) {
      expect(params(path)).toEqual(
        expect.arrayContaining(['postcode', 'proximity', 'lat', 'long']),
      );
    }
    expect(openapi.info.title).not.toContain('REQUIRED');
    expect((await get('/hsds')).statusCode).toBe(200);
  });

  it('is public and readable from other sites', async () => {
    const res = await get('/hsds/services?per_page=1');
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    // A browser's preflight for a request with headers of its own is answered too.
    for (const url of ['/hsds/services?postcode=NM1%201AA', '/hsds', '/hsds/services/x']) {
      const preflight = await hub.app.inject({
        method: 'OPTIONS',
        url,
        headers: {
          origin: 'https://directory.example.org',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'accept-language',
        },
      });
      expect(preflight.statusCode, url).toBe(204);
      expect(preflight.headers).toMatchObject({
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, HEAD, OPTIONS',
        'access-control-allow-headers': 'accept-language',
      });
    }
    // Only /hsds is open to other sites: the hub's own API is not.
    const api = await get('/api/pack/delta?since=0&to=1');
    expect(api.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lists every service, in pages of one-to-one fields, each valid', async () => {
    const services = await allPages('/hsds/services', 100);
    expect(services).toHaveLength(pack.services.length);
    expect(services.length).toBeGreaterThanOrEqual(978);
    expectUniqueIds(services);
    expectValid('service.json', services);
    for (const s of services) {
      expect(Object.values(s).every((v) => typeof v !== 'object')).toBe(true);
      expect(s).toMatchObject({ status: 'active', organization_id: expect.any(String) });
    }
    expect(new Set(services.map((s) => s.id))).toEqual(
      new Set(pack.services.map((s) => hsdsId('service', s.id))),
    );
  });

  it('serves each service in full: organization, locations, documents, attributes', async () => {
    const byPackId = new Map(pack.services.map((s) => [hsdsId('service', s.id), s]));
    const offeredAt = (serviceId: string) => deliveredAt(pack, serviceId).length;
    const full: Obj[] = [];
    for (const id of byPackId.keys()) full.push(await getJson<Obj>(`/hsds/services/${id}`));
    expectValid('service.json', full);
    for (const service of full) {
      const source = byPackId.get(service.id);
      if (!source) throw new Error(`unknown service ${service.id}`);
      const organization = service.organization as Obj;
      expect(organization.id).toBe(service.organization_id);
      expect(organization.id).toBe(hsdsId('organization', source.delivery.default.partnerId));
      expect(service.name).toBe(source.name.en);
      const sals = service.service_at_locations as (Obj & { location: Obj })[];
      expect(sals).toHaveLength(offeredAt(source.id));
      for (const sal of sals) expect(sal.location.id).toBe(sal.location_id);
      const terms = (service.attributes as { taxonomy_term: Obj & { code: string } }[]).map(
        (a) => a.taxonomy_term,
      );
      const lgsl = terms.filter((t) => t.taxonomy_id === TAXONOMIES.lgsl.id);
      expect(lgsl.map((t) => Number(t.code))).toEqual(source.lgsl ? [source.lgsl] : []);
      const tier = terms.filter((t) => t.taxonomy_id === TAXONOMIES.tiers.id);
      expect(tier.map((t) => Number(t.code))).toEqual([source.tier]);
      expect(service.required_documents).toHaveLength(source.documents.length);
    }
    // The list's full=true view is the same object.
    const page = await getJson<PageBody>('/hsds/services?full=true&per_page=1000');
    expectValid('service.json', page.contents);
    const first = page.contents[0];
    expect(first).toEqual(full.find((s) => s.id === first?.id));
  });

  it('keeps the text English, the fallback, whatever other languages the pack has', async () => {
    const authored = pack.services.find((s) => s.name.pl && s.name.cy);
    if (!authored) throw new Error('the demo pack has no translated service');
    const service = await getJson<Obj>(`/hsds/services/${hsdsId('service', authored.id)}`);
    expect(service.name).toBe(authored.name.en);
    // …but search finds it by its Polish name.
    const found = await getJson<PageBody>(
      `/hsds/services?search=${encodeURIComponent(authored.name.pl ?? '')}`,
    );
    expect(found.contents.map((s) => s.id)).toContain(service.id);
  });

  it('lists and serves every organization, with its services and locations', async () => {
    const organizations = await allPages('/hsds/organizations', 3);
    expect(organizations).toHaveLength(pack.partners.length);
    expectUniqueIds(organizations);
    expectValid('organization.json', organizations);
    let services = 0;
    for (const o of organizations) {
      const full = await getJson<Obj & { services: Obj[]; locations: Obj[] }>(
        `/hsds/organizations/${o.id}`,
      );
      expectValid('organization.json', [full]);
      expectValid('service.json', full.services);
      expectValid('location.json', full.locations);
      services += full.services.length;
      const withFull = await getJson<Obj & { services: Obj[] }>(
        `/hsds/organizations/${o.id}?full_service=true`,
      );
      expectValid('service.json', withFull.services);
      expect(withFull.services.every((s) => s.organization_id === o.id)).toBe(true);
    }
    expect(services).toBe(pack.services.length);
    const full = await getJson<PageBody>('/hsds/organizations?full=true&per_page=100');
    expectValid('organization.json', full.contents);
  });

  it('lists and serves every service_at_location, with its service and location', async () => {
    const expected = pack.services.reduce((n, s) => n + deliveredAt(pack, s.id).length, 0);
    // Delivered face to face, not every place that helps with it (there are far more of those).
    const offered = pack.accessPoints.reduce((n, ap) => n + ap.faceToFaceServiceIds.length, 0);
    expect(expected).toBeGreaterThan(100);
    expect(expected).toBeLessThan(offered / 2);
    const items = await allPages('/hsds/service_at_locations', 1000);
    expect(items).toHaveLength(expected);
    expectUniqueIds(items);
    expectValid('service_at_location.json', items);
    expectValid(
      'service.json',
      items.map((i) => i.service),
    );
    const full = await allPages('/hsds/service_at_locations?full=true', 1000);
    expectValid('service_at_location.json', full);
    expectValid(
      'service.json',
      full.map((i) => i.service),
    );
    for (const sal of full) {
      expect((sal.location as Obj).id).toBe(sal.location_id);
      expect((sal.service as Obj).id).toBe(sal.service_id);
    }
    const byId: Obj[] = [];
    for (let i = 0; i < items.length; i += 200) {
      const batch = items.slice(i, i + 200);
      byId.push(
        ...(await Promise.all(
          batch.map((sal) => getJson<Obj>(`/hsds/service_at_locations/${sal.id}`)),
        )),
      );
    }
    expectValid('service_at_location.json', byId);
    expect(byId).toEqual(full);
  });

  it('serves every location nested where the spec puts it, with hours and facilities', async () => {
    const org = hsdsId('organization', 'northshire-county-council');
    const { locations } = await getJson<{ locations: Obj[] }>(`/hsds/organizations/${org}`);
    const library = locations.find((l) => l.name === 'Central Library') as Obj & {
      schedules: { byday: string; opens_at: string; closes_at: string }[];
      accessibility: { description: string }[];
      addresses: { postal_code: string; country: string }[];
    };
    // Each in UK time, once per clock period with its offset: "09:00Z" in winter, "09:00+01:00"
    // in summer, so a client that assumes UTC is never an hour out.
    for (const [offset, zone] of [
      [0, 'Z'],
      [1, '+01:00'],
    ] as const) {
      expect(library.schedules).toContainEqual(
        expect.objectContaining({
          byday: 'MO,TU,WE,TH,FR',
          timezone: offset,
          opens_at: `09:00${zone}`,
          closes_at: `18:00${zone}`,
        }),
      );
      expect(library.schedules).toContainEqual(
        expect.objectContaining({
          byday: 'SA',
          opens_at: `09:30${zone}`,
          closes_at: `16:00${zone}`,
        }),
      );
    }
    expect(library.accessibility.map((a) => a.description)).toContain('Hearing loop');
    expect(library.addresses[0]).toMatchObject({
      postal_code: 'NM1 2AB',
      country: 'GB',
      state_province: 'Northshire',
    });
    expect(library).toMatchObject({ latitude: 52.2401, longitude: -0.9012 });
  });

  it('carries coordinates, the county, languages and service areas a directory can use', async () => {
    const org = (id: string) => hsdsId('organization', id);
    const locations: (Obj & { addresses: Obj[]; languages: Obj[]; attributes: Obj[] })[] = [];
    for (const partner of pack.partners) {
      const full = await getJson<{ locations: typeof locations }>(
        `/hsds/organizations/${org(partner.id)}`,
      );
      locations.push(...full.locations);
    }
    expect(locations).toHaveLength(pack.accessPoints.length);
    expectValid('location.json', locations);
    // Every place with a fixed address has coordinates; the mobile libraries' vans move (their
    // stops are schedules), so they have none.
    for (const ap of pack.accessPoints) {
      const location = locations.find((l) => l.id === hsdsId('location', ap.id));
      if (ap.kind === 'mobile-library') expect(location?.latitude, ap.id).toBeUndefined();
      else expect(location, ap.id).toMatchObject({ latitude: expect.any(Number) });
      expect(location?.addresses[0]?.state_province).toBe('Northshire');
      // The six languages of AnyDoor's screens at every place; BSL by video where offered.
      const codes = location?.languages.map((l) => l.code);
      expect(codes).toEqual(
        expect.arrayContaining([
          'en',
          'cy',
          'pl',
          'ar',
          'zh',
          ...(ap.facilities.includes('bsl-video') ? ['bfi'] : []),
        ]),
      );
      // Every place is one to ask about any service.
      expect(location?.attributes.map((a) => a.taxonomy_term_id)).toContain(
        hsdsId('taxonomy_term', 'offers/ask-here'),
      );
    }
    expect(locations.filter((l) => l.latitude !== undefined).length).toBe(11);

    // A translated service lists its languages; the parish's allotments are for the parish.
    const authored = pack.services.find((s) => s.name.cy && s.name.pl);
    if (!authored) throw new Error('no translated service');
    const translated = await getJson<{ languages: { code: string }[] }>(
      `/hsds/services/${hsdsId('service', authored.id)}`,
    );
    expect(translated.languages.map((l) => l.code)).toEqual(
      expect.arrayContaining(['en', 'cy', 'pl']),
    );
    const parish = await getJson<PageBody>(
      `/hsds/services?organization_id=${org('ashby-parish-council')}&full=true&per_page=1000`,
    );
    expect(parish.total_items).toBeGreaterThan(0);
    for (const service of parish.contents) {
      expect(service.service_areas).toEqual([
        expect.objectContaining({ name: 'Ashby parish', extent: 'NM7', extent_type: 'text' }),
      ]);
    }
    // A district service names both districts and who delivers it in each.
    const bins = await getJson<Obj & { service_areas: Obj[] }>(
      `/hsds/services/${hsdsId('service', 'missed-bin-collection')}`,
    );
    expect(bins.service_areas.map((a) => [a.name, a.extent])).toEqual([
      ['Northam District', 'NM'],
      ['Eastbury Borough', 'EB1 EB2 EB3 EB4 EB5'],
    ]);
    // A county service is available everywhere: no areas.
    const county = await getJson<PageBody>(
      `/hsds/services?organization_id=${org('northshire-county-council')}&full=true&per_page=1`,
    );
    expect(county.contents[0]?.service_areas).toEqual([]);
  });

  it('searches by postcode and by distance, nearest first', async () => {
    const parishOrg = hsdsId('organization', 'ashby-parish-council');
    const count = async (query: string) =>
      (await getJson<PageBody>(`/hsds/services?${query}&per_page=1`)).total_items;
    // The parish's services are available in Ashby (NM7), not in Eastbury.
    expect(await count(`organization_id=${parishOrg}&postcode=NM7%209QT`)).toBeGreaterThan(0);
    expect(await count(`organization_id=${parishOrg}&postcode=eb13gh`)).toBe(0);
    expect(await count('postcode=EB1')).toBe(
      pack.services.length - (await count(`organization_id=${parishOrg}`)),
    );

    // Nearest first from a point: the Civic Centre (NM1 1AA) delivers district services.
    const civic = hsdsId('location', 'civic-centre');
    const near = await getJson<PageBody>(
      '/hsds/service_at_locations?lat=52.2389&long=-0.8951&proximity=200&per_page=1000',
    );
    expectValid('service_at_location.json', near.contents);
    expect(near.total_items).toBeGreaterThan(0);
    // Within 200 m of the Civic Centre there are only its counter and its foyer kiosk.
    const kiosk = hsdsId('location', 'civic-centre-kiosk');
    expect(new Set(near.contents.map((sal) => sal.location_id))).toEqual(new Set([civic, kiosk]));
    expect(near.contents.find((sal) => sal.location_id === kiosk)?.description).toBe(
      'Available here at a self-service kiosk of Northam District Council.',
    );

    // From Eastbury's postcode, Eastbury's places come first, then Northam's.
    const fromEastbury = await allPages('/hsds/service_at_locations?postcode=EB1%203GH', 1000);
    const order = fromEastbury.map((sal) => sal.location_id);
    const eastburyLibrary = hsdsId('location', 'eastbury-library');
    const civicAt = order.indexOf(civic);
    expect(order.indexOf(eastburyLibrary)).toBeGreaterThanOrEqual(0);
    expect(order.lastIndexOf(eastburyLibrary)).toBeLessThan(civicAt);
    // Within 2 km of Eastbury: nothing in Northam, 8 km away.
    const within = await allPages(
      '/hsds/service_at_locations?postcode=EB1%203GH&proximity=2000',
      1000,
    );
    expect(within.length).toBeGreaterThan(0);
    expect(within.some((sal) => sal.location_id === civic)).toBe(false);
    // The services list takes the same place filters.
    const servicesNear = await getJson<PageBody>(
      '/hsds/services?postcode=NM1%201AA&proximity=100&per_page=1000',
    );
    expectValid('service.json', servicesNear.contents);
    expect(servicesNear.total_items).toBeGreaterThan(0);
    expect(servicesNear.total_items).toBeLessThan(pack.services.length);
  });

  it('lists and serves taxonomies and their terms', async () => {
    const taxonomies = await allPages('/hsds/taxonomies', 50);
    expectValid('taxonomy.json', taxonomies);
    expect(taxonomies.map((t) => t.name)).toContain('LGSL');
    const terms = await allPages('/hsds/taxonomy_terms', 500);
    expectUniqueIds(terms);
    expectValid('taxonomy_term.json', terms);
    for (const t of taxonomies) {
      expect(await getJson<Obj>(`/hsds/taxonomies/${t.id}`)).toEqual(t);
    }
    for (const t of terms) {
      expect(await getJson<Obj>(`/hsds/taxonomy_terms/${t.id}`)).toEqual(t);
    }
    const lgsl = await getJson<PageBody>(
      `/hsds/taxonomy_terms?taxonomy_id=${TAXONOMIES.lgsl.id}&per_page=1000`,
    );
    expect(lgsl.total_items).toBe(new Set(pack.services.flatMap((s) => s.lgsl ?? [])).size);
    expect(lgsl.contents[0]).toMatchObject({
      term_uri: expect.stringMatching(/^http:\/\/id\.esd\.org\.uk\/service\/\d+$/),
    });
  });

  it('filters services by search, taxonomy term, taxonomy, organization and date', async () => {
    const bins = await getJson<PageBody>('/hsds/services?search=missed%20bin&per_page=1000');
    expect(bins.total_items).toBeGreaterThan(0);
    for (const s of bins.contents) expect(JSON.stringify(s).toLowerCase()).toContain('bin');

    const topic = hsdsId('taxonomy_term', 'topics/bins-recycling');
    const byTopic = await getJson<PageBody>(`/hsds/services?taxonomy_term_id=${topic}&per_page=1`);
    expect(byTopic.total_items).toBe(
      pack.services.filter((s) => s.topics.includes('bins-recycling')).length,
    );
    const withLgsl = await getJson<PageBody>(
      `/hsds/services?taxonomy_id=${TAXONOMIES.lgsl.id}&per_page=1`,
    );
    expect(withLgsl.total_items).toBe(pack.services.filter((s) => s.lgsl).length);

    const org = hsdsId('organization', 'northshire-fire-rescue');
    const byOrg = await getJson<PageBody>(`/hsds/services?organization_id=${org}&per_page=1000`);
    expect(byOrg.total_items).toBe(
      pack.services.filter((s) => s.delivery.default.partnerId === 'northshire-fire-rescue').length,
    );
    expect(byOrg.contents.every((s) => s.organization_id === org)).toBe(true);

    const recent = await getJson<PageBody>('/hsds/services?modified_after=2000-01-01&per_page=1');
    expect(recent.total_items).toBe(pack.services.length);
    const future = await getJson<PageBody>(
      '/hsds/services?modified_after=2999-01-01T00:00:00Z&per_page=1',
    );
    expect(future).toMatchObject({ total_items: 0, total_pages: 0, empty: true, contents: [] });

    const minimal = await getJson<PageBody>('/hsds/services?minimal=true&per_page=1000');
    expect(Object.keys(minimal.contents[0] ?? {}).sort()).toEqual(['id', 'last_modified']);

    // A service_at_location search also matches the place: here its postcode.
    const atRiverside = await getJson<PageBody>(
      '/hsds/service_at_locations?search=NM3%204CD&per_page=1000',
    );
    expect(atRiverside.total_items).toBe(
      pack.services.filter((s) =>
        deliveredAt(pack, s.id).some((ap) => ap.id === 'riverside-health-centre'),
      ).length,
    );
    const location = hsdsId('location', 'riverside-health-centre');
    expect(atRiverside.contents.every((sal) => sal.location_id === location)).toBe(true);
  });

  it('streams every match as ndjson on request', async () => {
    const res = await get('/hsds/services?format=ndjson');
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const lines = res.body.trim().split('\n');
    expect(lines).toHaveLength(pack.services.length);
    expectValid(
      'service.json',
      lines.map((line) => JSON.parse(line) as unknown),
    );
  });

  it('pages predictably, and past the end is an empty page', async () => {
    const total = pack.services.length;
    const perPage = 400;
    const last = Math.ceil(total / perPage);
    const final = await getJson<PageBody>(`/hsds/services?page=${last}&per_page=${perPage}`);
    expect(final).toMatchObject({
      total_items: total,
      total_pages: last,
      page_number: last,
      size: total - (last - 1) * perPage,
      first_page: false,
      last_page: true,
      empty: false,
    });
    const beyond = await getJson<PageBody>(`/hsds/services?page=${last + 1}&per_page=${perPage}`);
    expect(beyond).toMatchObject({ size: 0, empty: true, last_page: true, contents: [] });
    const defaults = await getJson<PageBody>('/hsds/services');
    expect(defaults).toMatchObject({ page_number: 1, size: 50, first_page: true });
  });

  it('answers 404 with a JSON error for ids it does not know', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const path of [
      'services',
      'organizations',
      'service_at_locations',
      'taxonomies',
      'taxonomy_terms',
    ]) {
      const res = await get(`/hsds/${path}/${unknown}`);
      expect(res.statusCode, path).toBe(404);
      expect(res.json()).toMatchObject({ type: 'error', code: 'not-found' });
    }
    // A pack slug is not an HSDS id.
    expect((await get('/hsds/services/missed-bin')).statusCode).toBe(404);
  });

  it('answers 400 for queries outside the spec or our limits', async () => {
    for (const query of [
      '/hsds/services?per_page=0',
      '/hsds/services?per_page=100000',
      '/hsds/services?per_page=ten',
      '/hsds/services?page=0',
      '/hsds/services?page=1.5',
      '/hsds/services?full=maybe',
      '/hsds/services?format=xml',
      '/hsds/services?modified_after=yesterday',
      '/hsds/organizations?per_page=-1',
      '/hsds/organizations/x?full_service=perhaps',
      '/hsds/service_at_locations?postcode=near%20the%20church',
      '/hsds/service_at_locations?proximity=500',
      '/hsds/services?proximity=-5&postcode=NM1%202AB',
      '/hsds/services?lat=52.2',
      '/hsds/services?lat=95&long=0',
      // No place of this directory is anywhere near to measure from.
      '/hsds/services?postcode=ZE1%200AA&proximity=1000',
      '/hsds/taxonomy_terms?top_only=1',
    ]) {
      const res = await get(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json(), query).toMatchObject({ type: 'error', code: 'invalid-request' });
    }
  });

  it('exposes nothing private: no contact notes, devices or internal pack records', async () => {
    const everything = [
      '/hsds/',
      '/hsds/openapi.json',
      '/hsds/services?full=true&per_page=1000',
      '/hsds/services?full=true&per_page=1000&page=2',
      '/hsds/organizations?full_service=true&per_page=1000',
      '/hsds/service_at_locations?full=true&per_page=1000',
      '/hsds/taxonomies?per_page=1000',
      '/hsds/taxonomy_terms?per_page=1000',
      '/hsds/taxonomy_terms?per_page=1000&page=2',
      '/hsds/services?format=ndjson&search=bin',
    ];
    const bodies = await Promise.all(everything.map(async (url) => (await get(url)).body));
    const all = bodies.join('\n');
    expect(all.length).toBeGreaterThan(1_000_000);
    for (const secret of [SECRET_NOTE, SECRET_STAFF, device.deviceId, device.token]) {
      expect(all.includes(secret), secret).toBe(false);
    }
    // Pack-internal fields: delivery teams, process-map scripts, commitments, keywords.
    for (const key of ['"teamId"', '"staff"', '"steps"', '"keywords"', '"deviceId"', '"note"']) {
      expect(all.includes(key), key).toBe(false);
    }
    // Private hub routes stay behind device authentication.
    expect((await get('/api/pack/delta?since=0&to=1')).statusCode).toBe(401);
  });
});

describe('HSDS API cache', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await startHub();
  });
  afterEach(() => hub.close());

  it('is empty before anything is published', async () => {
    const res = await hub.app.inject({ method: 'GET', url: '/hsds/services' });
    expect(res.json()).toMatchObject({ total_items: 0, empty: true, contents: [] });
  });

  it('maps each pack version once and follows new versions', async () => {
    const pack = smallPack();
    await hub.storage.core.publishPack(pack, { now: new Date().toISOString() });
    const reads = vi.spyOn(hub.storage.core, 'packDelta');
    const name = async () => {
      const res = await hub.app.inject({
        method: 'GET',
        url: `/hsds/services/${hsdsId('service', 'pothole')}`,
      });
      return res.json<{ name: string }>().name;
    };
    expect(await name()).toBe('Report a pothole');
    expect(await name()).toBe('Report a pothole');
    expect(reads).toHaveBeenCalledTimes(1);

    const [pothole, ...rest] = pack.services;
    if (!pothole) throw new Error('no pothole');
    await hub.storage.core.publishPack(
      { ...pack, services: [{ ...pothole, name: { en: 'Report a road defect' } }, ...rest] },
      { now: new Date().toISOString() },
    );
    expect(await name()).toBe('Report a road defect');
    expect(reads).toHaveBeenCalledTimes(2);
  });
});

describe('npm run pack -- export/import --format hsds', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const io = () => ({
    out: (line: string) => out.push(line),
    err: (line: string) => err.push(line),
    openStorage: async () => {
      const storage = openSqliteStorage(join(dir, 'hub.sqlite'));
      await storage.migrate();
      return storage;
    },
  });
  const run = (...argv: string[]) => runPackCommand(argv, io());
  const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anydoor-hsds-'));
    out = [];
    err = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const FILES: [string, HsdsSchemaFile][] = [
    ['organizations.json', 'organization.json'],
    ['services.json', 'service.json'],
    ['locations.json', 'location.json'],
    ['service_at_locations.json', 'service_at_location.json'],
    ['taxonomies.json', 'taxonomy.json'],
    ['taxonomy_terms.json', 'taxonomy_term.json'],
  ];

  /** Publishes `pack` through the CLI, exports it as HSDS and checks every file. */
  async function publishAndExport(pack: PackContent): Promise<string> {
    const packFile = join(dir, 'pack.json');
    writeFileSync(packFile, JSON.stringify(pack));
    expect(await run('publish', packFile)).toBe(0);
    const hsdsDir = join(dir, 'hsds');
    expect(await run('export', '--format', 'hsds', '--out', hsdsDir)).toBe(0);
    expect(out.at(-1)).toMatch(
      /^Wrote version 1 as HSDS 3\.0 to .*: \d+ organizations, \d+ services/,
    );
    for (const [file, schema] of FILES) {
      const objects = readJson<Obj[]>(join(hsdsDir, file));
      expect(Array.isArray(objects), file).toBe(true);
      expectValid(schema, objects);
      expectUniqueIds(objects);
      // The export is tabular in spirit (one file per object): the fields HSDS requires of
      // its tables are there too, such as service.organization_id.
      for (const field of validator.tabularRequired(schema)) {
        expect(
          objects.filter((o) => o[field] === undefined).map((o) => o.id),
          `${file} ${field}`,
        ).toEqual([]);
      }
    }
    const datapackage = readJson<{ resources: { path: string; count: number }[] }>(
      join(hsdsDir, 'datapackage.json'),
    );
    expect(datapackage.resources.map((r) => r.path).sort()).toEqual(FILES.map(([f]) => f).sort());
    return hsdsDir;
  }

  async function importBack(hsdsDir: string): Promise<PackContent> {
    const imported = join(dir, 'imported.json');
    expect(
      await run('import', '--format', 'hsds', hsdsDir, '--out', imported),
      err.join('\n'),
    ).toBe(0);
    const result = validatePack(readJson(imported));
    expect(result.ok ? [] : result.errors.slice(0, 10)).toEqual([]);
    if (!result.ok) throw new Error('invalid');
    return result.pack;
  }

  const namesAndLgsl = (pack: PackContent) =>
    pack.services.map((s) => `${s.name.en}|${s.lgsl ?? ''}|${s.tier}`).sort();

  it('round-trips the small pack: names, LGSL ids, tiers, hours and places survive', async () => {
    const pack = smallPack();
    const back = await importBack(await publishAndExport(pack));
    expect(namesAndLgsl(back)).toEqual(namesAndLgsl(pack));
    expect(back.partners).toEqual([
      {
        id: 'county-council',
        name: { en: 'County Council' },
        kind: 'county-council',
        teams: [{ id: 'general', name: { en: 'General' } }],
      },
    ]);
    expect(back.topics).toEqual(pack.topics);
    const pothole = back.services.find((s) => s.lgsl === 1);
    expect(pothole).toMatchObject({
      name: { en: 'Report a pothole' },
      channels: ['web', 'face-to-face'],
      topics: ['roads'],
      delivery: { default: { partnerId: 'county-council', teamId: 'general' } },
    });
    expect(back.accessPoints).toEqual([
      expect.objectContaining({
        name: 'Central Library',
        kind: 'library',
        address: { line1: '1 Library Walk', town: 'Northam', postcode: 'NM1 2AB' },
        openingHours: [{ day: 1, opens: '09:00', closes: '17:00' }],
        faceToFaceServiceIds: [pothole?.id],
      }),
    ]);
  });

  it('round-trips the demo pack: every service name and LGSL id survives', async () => {
    const pack = demoPack();
    const back = await importBack(await publishAndExport(pack));
    expect(namesAndLgsl(back)).toEqual(namesAndLgsl(pack));
    expect(back.partners.map((p) => p.name.en).sort()).toEqual(
      pack.partners.map((p) => p.name.en).sort(),
    );
    expect(back.partners.map((p) => p.kind).sort()).toEqual(
      pack.partners.map((p) => p.kind).sort(),
    );
    const byName = new Map(back.accessPoints.map((ap) => [ap.name, ap]));
    for (const ap of pack.accessPoints) {
      const copy = byName.get(ap.name);
      expect(copy, ap.name).toMatchObject({
        kind: ap.kind,
        address: ap.address,
        openingHours: ap.openingHours,
        facilities: ap.facilities,
        ...(ap.route ? { route: ap.route } : {}),
        ...(ap.location ? { location: ap.location } : {}),
      });
      // Only the services delivered there come back: the places a service is merely asked
      // about are not its service_at_locations, so an import cannot know them.
      expect(copy?.faceToFaceServiceIds).toHaveLength(
        pack.services.filter((s) => deliveredAt(pack, s.id).some((d) => d.id === ap.id)).length,
      );
    }
    const channels = (p: PackContent) => p.services.map((s) => `${s.name.en}|${s.channels}`).sort();
    expect(channels(back)).toEqual(channels(pack));
  });

  it('imports a dataset with only services and organizations', async () => {
    const hsdsDir = await publishAndExport(smallPack());
    for (const file of [
      'locations.json',
      'service_at_locations.json',
      'taxonomies.json',
      'taxonomy_terms.json',
      'datapackage.json',
    ]) {
      unlinkSync(join(hsdsDir, file));
    }
    const back = await importBack(hsdsDir);
    expect(back.services.map((s) => s.name.en).sort()).toEqual([
      'Gritting routes',
      'Report a pothole',
    ]);
    expect(back.accessPoints).toEqual([]);
  });

  it('explains itself when used wrongly', async () => {
    expect(USAGE).toContain('export --format hsds --out <dir>');
    expect(USAGE).toContain('import --format hsds <dir> --out <pack.json>');
    expect(await run('export', '--format', 'hsds')).toBe(2);
    expect(err.join('\n')).toContain('export --format hsds needs --out <dir>');
    expect(
      await run('import', '--format', 'hsds', join(dir, 'nowhere'), '--out', join(dir, 'p.json')),
    ).toBe(2);
    expect(err.join('\n')).toContain('Cannot read');
    expect(existsSync(join(dir, 'p.json'))).toBe(false);
    expect(await run('export', '--format', 'csv')).toBe(2);
  });
});
