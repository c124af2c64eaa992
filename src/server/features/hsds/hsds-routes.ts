// GET /hsds/…: the published directory as an Open Referral HSDS 3.0 read API (the paths of
// src/server/features/hsds/schema/openapi.json). Public and read-only: it serves only what the pack
// already publishes to every device, mapped from the latest version (see src/server/features/hsds).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { readFileSync } from 'node:fs';
import { sendError, validOr400 } from '../../platform/errors.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import type { ReviewStore } from '../reviews/review-store.ts';
import {
  organizationQuery,
  organizationsQuery,
  paginate,
  serviceAtLocationsQuery,
  servicesQuery,
  taxonomiesQuery,
  taxonomyTermsQuery,
} from './hsds-query.ts';
import {
  fullOrganization,
  fullService,
  fullServiceAtLocation,
  matchesSearch,
  oneToOne,
  serviceAtLocationItem,
  serviceAtLocationText,
  serviceMatches,
} from './hsds-views.ts';
import {
  distanceMetres,
  pointOf,
  postcodePoint,
  searchPostcode,
  serviceCovers,
  type Point,
} from './hsds-geo.ts';
import type { HsdsIndex } from './hsds-views.ts';
import { hsdsIndexCache } from './published-dataset.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore; readonly reviews: ReviewStore };

const OPENAPI_URL = new URL('./schema/openapi.json', import.meta.url);

export function hsdsRoutes(app: FastifyInstance, storage: Stores): void {
  const currentIndex = hsdsIndexCache(storage);
  const openapi = servedOpenApi();

  // Its own plugin scope, so the CORS header applies to /hsds only.
  void app.register(
    async (hsds) => {
      hsds.addHook('onSend', async (_request, reply) => {
        // A published directory other sites may read from browsers; it sets no cookies.
        reply.header('access-control-allow-origin', '*');
        // Briefly cacheable: a new pack version shows within a minute. Errors are not cached.
        if (reply.statusCode === 200) reply.header('cache-control', 'public, max-age=60');
      });

      // A browser asks before a cross-site request with headers of its own (an Accept-Language,
      // an Authorization a directory client adds out of habit): every GET may be read from
      // anywhere, with any headers, and nothing else is offered.
      const preflight = async (request: FastifyRequest, reply: FastifyReply) => {
        const asked = request.headers['access-control-request-headers'];
        return reply
          .code(204)
          .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
          .header('access-control-allow-headers', typeof asked === 'string' ? asked : '*')
          .header('access-control-max-age', '86400')
          .send();
      };
      hsds.options('/', preflight);
      hsds.options('/*', preflight);

      hsds.get('/', async (request) => ({
        version: '3.0',
        profile: 'https://github.com/openreferral/specification/tree/3.0',
        openapi_url: `${request.protocol}://${request.host}/hsds/openapi.json`,
      }));

      hsds.get('/openapi.json', async () => openapi);

      hsds.get('/services', async (request, reply) => {
        const query = parseQuery(servicesQuery, request, reply);
        if (!query) return reply;
        const index = await currentIndex();
        const place = placeOf(index, query, reply);
        if (!place) return reply;
        const distance = (serviceId: string) =>
          nearest(
            place,
            (index.salsByService.get(serviceId) ?? []).map((sal) =>
              pointOf(index.locations.get(sal.location_id)),
            ),
          );
        const matches = byPlace(
          place,
          index.dataset.services.filter(
            (s) =>
              serviceMatches(index, s, query) &&
              (!place.postcode || serviceCovers(s, place.postcode)),
          ),
          (s) => distance(s.id),
        );
        const view = query.minimal
          ? (s: (typeof matches)[number]) => ({ id: s.id, last_modified: s.last_modified })
          : query.full
            ? (s: (typeof matches)[number]) => fullService(index, s)
            : oneToOne;
        return respond(reply, query, matches, view);
      });

      hsds.get<{ Params: { id: string } }>('/services/:id', async (request, reply) => {
        const index = await currentIndex();
        const service = index.services.get(request.params.id);
        if (!service) return notFound(reply, 'service', request.params.id);
        return fullService(index, service);
      });

      hsds.get('/organizations', async (request, reply) => {
        const query = parseQuery(organizationsQuery, request, reply);
        if (!query) return reply;
        const index = await currentIndex();
        const matches = index.dataset.organizations.filter((o) =>
          matchesSearch(`${o.name} ${o.description}`, query.search),
        );
        return respond(reply, query, matches, (o) =>
          query.full || query.full_service
            ? fullOrganization(index, o, query.full_service)
            : oneToOne(o),
        );
      });

      hsds.get<{ Params: { id: string } }>('/organizations/:id', async (request, reply) => {
        const query = parseQuery(organizationQuery, request, reply);
        if (!query) return reply;
        const index = await currentIndex();
        const organization = index.organizations.get(request.params.id);
        if (!organization) return notFound(reply, 'organization', request.params.id);
        return fullOrganization(index, organization, query.full_service);
      });

      hsds.get('/service_at_locations', async (request, reply) => {
        const query = parseQuery(serviceAtLocationsQuery, request, reply);
        if (!query) return reply;
        const index = await currentIndex();
        const place = placeOf(index, query, reply);
        if (!place) return reply;
        const { search, ...filters } = query;
        const matches = byPlace(
          place,
          index.dataset.service_at_locations.filter((sal) => {
            const service = index.services.get(sal.service_id);
            return (
              service !== undefined &&
              serviceMatches(index, service, filters) &&
              (!place.postcode || serviceCovers(service, place.postcode)) &&
              matchesSearch(serviceAtLocationText(index, sal), search)
            );
          }),
          (sal) => nearest(place, [pointOf(index.locations.get(sal.location_id))]),
        );
        return respond(reply, query, matches, (sal) =>
          query.full ? fullServiceAtLocation(index, sal) : serviceAtLocationItem(index, sal),
        );
      });

      hsds.get<{ Params: { id: string } }>('/service_at_locations/:id', async (request, reply) => {
        const index = await currentIndex();
        const sal = index.serviceAtLocations.get(request.params.id);
        if (!sal) return notFound(reply, 'service_at_location', request.params.id);
        return fullServiceAtLocation(index, sal);
      });

      hsds.get('/taxonomies', async (request, reply) => {
        const query = parseQuery(taxonomiesQuery, request, reply);
        if (!query) return reply;
        const index = await currentIndex();
        const matches = index.dataset.taxonomies.filter((t) =>
          matchesSearch(`${t.name} ${t.description}`, query.search),
        );
        return respond(reply, query, matches, (t) => t);
      });

      hsds.get<{ Params: { id: string } }>('/taxonomies/:id', async (request, reply) => {
        const index = await currentIndex();
        const taxonomy = index.taxonomies.get(request.params.id);
        if (!taxonomy) return notFound(reply, 'taxonomy', request.params.id);
        return taxonomy;
      });

      hsds.get('/taxonomy_terms', async (request, reply) => {
        const query = parseQuery(taxonomyTermsQuery, request, reply);
        if (!query) return reply;
        const index = await currentIndex();
        // AnyDoor's taxonomies are flat: every term is top-level and none has a parent.
        const matches = index.dataset.taxonomy_terms.filter(
          (t) =>
            (!query.taxonomy_id || t.taxonomy_id === query.taxonomy_id) &&
            !query.parent_id &&
            matchesSearch(`${t.code} ${t.name} ${t.description}`, query.search),
        );
        return respond(reply, query, matches, (t) => t);
      });

      hsds.get<{ Params: { id: string } }>('/taxonomy_terms/:id', async (request, reply) => {
        const index = await currentIndex();
        const term = index.taxonomyTerms.get(request.params.id);
        if (!term) return notFound(reply, 'taxonomy term', request.params.id);
        return term;
      });
    },
    { prefix: '/hsds' },
  );
}

/** The query as `schema` reads it, or undefined once a 400 is sent. */
const parseQuery = <T extends z.ZodType>(schema: T, request: FastifyRequest, reply: FastifyReply) =>
  validOr400(reply, schema, request.query, 'The query is not valid for this HSDS endpoint.') as
    z.infer<T> | undefined;

interface Place {
  postcode?: string;
  point?: Point;
  proximity?: number;
}

/** The place a list query is about, or null once a 400 says why it cannot be searched. */
function placeOf(
  index: HsdsIndex,
  query: {
    postcode?: string | undefined;
    proximity?: number | undefined;
    lat?: number | undefined;
    long?: number | undefined;
  },
  reply: FastifyReply,
): Place | null {
  const place: Place = {};
  if (query.postcode !== undefined) {
    const postcode = searchPostcode(query.postcode);
    if (!postcode) {
      void sendError(
        reply,
        400,
        'invalid-request',
        'The query is not valid for this HSDS endpoint.',
        ['postcode: is not a UK postcode or postcode district'],
      );
      return null;
    }
    place.postcode = postcode;
    const point = postcodePoint(index.dataset.locations, postcode);
    if (point) place.point = point;
  }
  if (query.lat !== undefined && query.long !== undefined) {
    place.point = { lat: query.lat, long: query.long };
  }
  if (query.proximity !== undefined) {
    if (!place.point) {
      void sendError(
        reply,
        400,
        'invalid-request',
        'The query is not valid for this HSDS endpoint.',
        [
          `proximity: no place in this directory is near enough to ${place.postcode ?? 'that postcode'} to place it; give lat and long instead`,
        ],
      );
      return null;
    }
    place.proximity = query.proximity;
  }
  return place;
}

/** The distance from the search's point to the nearest of some points, if it has a point. */
function nearest(place: Place, points: readonly (Point | undefined)[]): number | undefined {
  const { point } = place;
  if (!point) return undefined;
  const distances = points.flatMap((p) => (p ? [distanceMetres(point, p)] : []));
  return distances.length > 0 ? Math.min(...distances) : undefined;
}

/** Within the proximity (when given), nearest first (when there is a point); else as they are. */
function byPlace<T>(place: Place, items: T[], distanceOf: (item: T) => number | undefined): T[] {
  if (!place.point) return items;
  const measured = items.map((item, order) => ({ item, order, distance: distanceOf(item) }));
  const { proximity } = place;
  return measured
    .filter((m) => proximity === undefined || (m.distance !== undefined && m.distance <= proximity))
    .sort((a, b) => (a.distance ?? Infinity) - (b.distance ?? Infinity) || a.order - b.order)
    .map((m) => m.item);
}

/** A page of results, or with format=ndjson every result, one JSON object per line. */
function respond<T, R>(
  reply: FastifyReply,
  query: { page: number; per_page: number; format: 'json' | 'ndjson' },
  items: readonly T[],
  view: (item: T) => R,
) {
  if (query.format === 'ndjson') {
    const lines = items.map((item) => `${JSON.stringify(view(item))}\n`).join('');
    return reply.type('application/x-ndjson').send(lines);
  }
  return paginate(items, query, view);
}

function notFound(reply: FastifyReply, what: string, id: string) {
  return sendError(
    reply,
    404,
    'not-found',
    `No ${what} with id "${id}" in the published directory.`,
  );
}

/** The spec's openapi.json is a template; fill in who serves it and where. */
function servedOpenApi(): Record<string, unknown> {
  const spec = JSON.parse(readFileSync(OPENAPI_URL, 'utf8')) as Record<string, unknown>;
  return {
    ...spec,
    info: {
      title: 'AnyDoor public service directory (HSDS 3.0)',
      version: '1.0.0',
      summary: 'The services, organisations and places of the published AnyDoor franchise pack.',
      description:
        'Read-only Open Referral HSDS 3.0 API over the latest published pack. Text is in English; ids are stable UUIDv5 derived from AnyDoor record ids. /services and /service_at_locations also take, as Open Referral UK does, postcode (full or district: only what its service areas cover), proximity (metres from the postcode or from lat and long) and lat and long (nearest first). A service_at_location means delivered there; every location is also a place to ask about any service (the "ask-here" offer term). Schedules are in UK time, one per clock period, with its UTC offset.',
      license: {
        name: 'API description: CC BY-SA 4.0 (Open Referral)',
        url: 'https://creativecommons.org/licenses/by-sa/4.0/',
      },
    },
    servers: [{ url: '/hsds' }],
    paths: withPlaceParameters(spec.paths),
  };
}

/** The spec's /services takes no postcode or proximity and neither list takes lat/long: add them. */
function withPlaceParameters(paths: unknown): unknown {
  if (!paths || typeof paths !== 'object') return paths;
  const point = (name: 'lat' | 'long', description: string) => ({
    name,
    in: 'query',
    description,
    required: false,
    schema: { type: 'number' },
  });
  const place = [
    { $ref: '#/components/parameters/postcode' },
    { $ref: '#/components/parameters/proximity' },
    point('lat', 'Latitude (WGS84) of the point to search from; with long.'),
    point('long', 'Longitude (WGS84) of the point to search from; with lat.'),
  ];
  const out = { ...(paths as Record<string, { get?: { parameters?: unknown[] } }>) };
  for (const path of ['/services', '/service_at_locations']) {
    const get = out[path]?.get;
    if (!get) continue;
    const given = get.parameters ?? [];
    const known = new Set(given.map((p) => JSON.stringify(p)));
    out[path] = {
      ...out[path],
      get: {
        ...get,
        parameters: [...given, ...place.filter((p) => !known.has(JSON.stringify(p)))],
      },
    };
  }
  return out;
}
