// /open311/v2/…: Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/), in XML and JSON.
// Anyone may read the services (from the current pack) and the service requests (every case,
// without personal data); integrations holding an API key may post service requests, which
// become cases exactly like those captured at a door. See src/server/features/open311/georeport.ts.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { normaliseReference } from '../../../shared/reference.ts';
import { packIndexCache } from '../../platform/pack-index.ts';
import { RateLimiter } from '../../platform/rate-limiter.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import { hashSecret } from '../../platform/tokens.ts';
import type { CaseQuery, CaseStore } from '../cases/case-store.ts';
import {
  fromJson,
  parseForm,
  serviceAttributes,
  SPEC_URL,
  submissionToCase,
  toOpen311Request,
  toOpen311Service,
  type Open311Error,
  type Submission,
} from './georeport.ts';
import type { Open311Store } from './open311-store.ts';
import { toXml } from './xml.ts';

/** The stores this file uses. */
type Stores = {
  readonly core: CoreStore;
  readonly cases: CaseStore;
  readonly open311: Open311Store;
};

export interface Open311Options {
  /** Posts allowed per API key, and per client address, in each minute. */
  postsPerMinute?: number;
  /** The largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  now?: () => Date;
}

type Format = 'json' | 'xml';
const FORMATS: readonly Format[] = ['json', 'xml'];
const DAY_MS = 24 * 3600_000;
const MAX_SPAN_DAYS = 90;
const MAX_REQUESTS = 1000;
// W3C date-time with the time zone the spec requires (Z or ±HH:MM).
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** "missed-bin-collection.json" → its id and format; null for an unknown format. */
function splitFormat(file: string): { id: string; format: Format } | null {
  const dot = file.lastIndexOf('.');
  const format = file.slice(dot + 1) as Format;
  if (dot <= 0 || !FORMATS.includes(format)) return null;
  return { id: file.slice(0, dot), format };
}

function send(reply: FastifyReply, format: Format, root: string, body: unknown): FastifyReply {
  if (format === 'xml') {
    return reply.type('text/xml; charset=utf-8').send(toXml(root, body));
  }
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
}

function sendErrors(
  reply: FastifyReply,
  format: Format,
  status: number,
  errors: Open311Error[],
): FastifyReply {
  return send(reply.code(status), format, 'errors', errors);
}

const commaList = (value: unknown): string[] | undefined =>
  typeof value === 'string' && value.trim()
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : undefined;

export function open311Routes(
  app: FastifyInstance,
  storage: Stores,
  options: Open311Options = {},
): void {
  const postsPerMinute = options.postsPerMinute ?? 30;
  const maxBodyBytes = options.maxBodyBytes ?? 32 * 1024;
  const clock = options.now ?? (() => new Date());
  const byKey = new RateLimiter(postsPerMinute);
  const byAddress = new RateLimiter(postsPerMinute * 2);

  const packIndex = packIndexCache(storage);

  void app.register(
    async (api) => {
      // Open311 posts are form-encoded; this parser exists only inside /open311.
      api.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: maxBodyBytes },
        (_request, body, done) => done(null, parseForm(body as string)),
      );
      api.addHook('onSend', async (_request, reply) => {
        // Public data that other sites may read from browsers; posts need a key, not a cookie.
        reply.header('access-control-allow-origin', '*');
      });
      // Bad input of any kind answers in Open311's error format, not the hub's.
      api.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
        const format = request.url.includes('.xml') ? 'xml' : 'json';
        const status = error.statusCode ?? 500;
        if (status >= 500) request.log.error(error);
        return sendErrors(reply, format, status >= 500 ? 500 : status, [
          {
            code: status,
            description:
              status === 413
                ? `the request is larger than ${maxBodyBytes} bytes`
                : status >= 500
                  ? 'something went wrong on the server; try again'
                  : error.message,
          },
        ]);
      });

      for (const format of FORMATS) {
        api.get(`/discovery.${format}`, async (request, reply) => {
          const latest = await storage.core.latestPackVersion();
          const [version] = await storage.core.listPackVersions({
            after: latest - 1,
            upTo: latest,
          });
          const changeset = version?.publishedAt ?? clock().toISOString();
          return send(reply, format, 'discovery', {
            changeset,
            contact: 'Ask the organisation that runs this AnyDoor hub.',
            key_service: 'API keys for posting service requests are issued by the hub’s operator.',
            endpoints: [
              {
                specification: SPEC_URL,
                url: `${request.protocol}://${request.host}/open311/v2`,
                changeset,
                type: 'production',
                formats: ['text/xml', 'application/json'],
              },
            ],
          });
        });

        api.get(`/services.${format}`, async (_request, reply) => {
          const pack = await packIndex();
          const services = [...pack.services.values()].map((s) => toOpen311Service(s, pack));
          return send(reply, format, 'services', services);
        });

        api.get(`/requests.${format}`, async (request, reply) => {
          const query = readRequestsQuery(request.query as Record<string, unknown>, clock());
          if ('errors' in query) return sendErrors(reply, format, 400, query.errors);
          const { status, ...filter } = query;
          const pack = await packIndex();
          const requests = (await storage.cases.listCaseHistories(filter))
            .map((h) => toOpen311Request(h, pack))
            .filter((r) => !status || status.includes(r.status))
            .slice(0, MAX_REQUESTS);
          return send(reply, format, 'service_requests', requests);
        });

        api.post(`/requests.${format}`, { bodyLimit: maxBodyBytes }, async (request, reply) => {
          const submission: Submission =
            request.body && typeof request.body === 'object' && 'fields' in request.body
              ? (request.body as Submission)
              : fromJson(request.body);
          const now = clock();
          const byThisAddress = byAddress.hit(request.ip, now.getTime());
          if (!byThisAddress.allowed) {
            return sendErrors(
              reply.header('retry-after', byThisAddress.retryAfterSeconds),
              format,
              429,
              [{ code: 429, description: 'too many requests from this address; wait a minute' }],
            );
          }
          const query = request.query as Record<string, unknown>;
          const apiKey =
            submission.fields.api_key ??
            (typeof query.api_key === 'string' ? query.api_key : undefined);
          const key = apiKey ? await storage.open311.findApiKey(hashSecret(apiKey)) : null;
          if (!key || key.revokedAt) {
            return sendErrors(reply, format, 403, [
              {
                code: 403,
                description: apiKey
                  ? 'Invalid api_key received -- can’t proceed with create_request.'
                  : 'api_key was not provided -- can’t proceed with create_request.',
              },
            ]);
          }
          const byThisKey = byKey.hit(key.name, now.getTime());
          if (!byThisKey.allowed) {
            return sendErrors(
              reply.header('retry-after', byThisKey.retryAfterSeconds),
              format,
              429,
              [{ code: 429, description: 'too many requests with this api_key; wait a minute' }],
            );
          }
          const pack = await packIndex();
          const checked = submissionToCase(submission, pack, key.name, now.toISOString());
          if (!checked.ok) {
            const status = checked.errors.every((e) => e.code === 404) ? 404 : 400;
            return sendErrors(reply, format, status, checked.errors);
          }
          const problem = await storage.open311.openIntegrationCase(
            key,
            checked.input,
            now.toISOString(),
          );
          if (problem && problem.status === 'rejected') {
            return sendErrors(reply, format, 400, [{ code: 400, description: problem.reason }]);
          }
          const accountId = submission.fields.account_id?.trim();
          return send(reply, format, 'service_requests', [
            {
              service_request_id: checked.input.reference,
              service_notice:
                pack.commitments.get(checked.input.serviceId)?.promise.en ??
                'Your request has been passed to the team responsible.',
              ...(accountId ? { account_id: accountId } : {}),
            },
          ]);
        });
      }

      api.get<{ Params: { file: string } }>('/services/:file', async (request, reply) => {
        const target = splitFormat(request.params.file);
        if (!target) return sendErrors(reply, 'json', 404, [unknownFormat()]);
        const pack = await packIndex();
        const service = pack.services.get(target.id);
        if (!service) {
          return sendErrors(reply, target.format, 404, [
            { code: 404, description: `service_code ${target.id} was not found` },
          ]);
        }
        return send(reply, target.format, 'service_definition', {
          service_code: service.id,
          attributes: serviceAttributes(service, pack),
        });
      });

      /** The case a request id (or token) names, or null once the 404 has been sent. */
      const caseNamed = async (reply: FastifyReply, file: string, what: string) => {
        const target = splitFormat(file);
        if (!target) {
          sendErrors(reply, 'json', 404, [unknownFormat()]);
          return null;
        }
        const reference = normaliseReference(target.id);
        const found = reference ? await storage.cases.findCaseByReference(reference) : null;
        if (!found) {
          sendErrors(reply, target.format, 404, [
            { code: 404, description: `${what} ${target.id} was not found` },
          ]);
          return null;
        }
        return { ...target, found };
      };

      api.get<{ Params: { file: string } }>('/requests/:file', async (request, reply) => {
        const named = await caseNamed(reply, request.params.file, 'service_request_id');
        if (!named) return reply;
        const pack = await packIndex();
        return send(reply, named.format, 'service_requests', [toOpen311Request(named.found, pack)]);
      });

      // Service request ids are issued at once, so a token is simply the id.
      api.get<{ Params: { file: string } }>('/tokens/:file', async (request, reply) => {
        const named = await caseNamed(reply, request.params.file, 'token');
        if (!named) return reply;
        return send(reply, named.format, 'service_requests', [
          { service_request_id: named.found.record.reference, token: named.id },
        ]);
      });
    },
    { prefix: '/open311/v2' },
  );
}

const unknownFormat = (): Open311Error => ({
  code: 404,
  description: 'unknown format: add .xml or .json to the resource',
});

/** GET requests' filters, checked; the date range defaults to the last 90 days. */
function readRequestsQuery(
  query: Record<string, unknown>,
  now: Date,
): (CaseQuery & { status?: string[] }) | { errors: Open311Error[] } {
  // No filter value can contain NUL, and PostgreSQL refuses it in a query: say so, not 500.
  const values = Object.values(query).flat();
  if (values.some((v) => typeof v === 'string' && v.includes('\u0000'))) {
    return { errors: [{ code: 400, description: 'a query parameter contains a NUL character' }] };
  }
  const references = commaList(query.service_request_id);
  if (references) {
    // "This overrides all other arguments."
    return {
      references: references.map((r) => normaliseReference(r) ?? r),
      limit: MAX_REQUESTS,
    };
  }
  const errors: Open311Error[] = [];
  const date = (name: 'start_date' | 'end_date'): Date | undefined => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string' || !W3C_DATETIME.test(value) || Number.isNaN(Date.parse(value))) {
      errors.push({
        code: 400,
        description: `${name} must be a w3 date-time with a time zone, e.g. 2010-01-01T00:00:00Z`,
      });
      return undefined;
    }
    return new Date(value);
  };
  const start = date('start_date');
  const end = date('end_date');
  const span = MAX_SPAN_DAYS * DAY_MS;
  const to = end ?? (start ? new Date(start.getTime() + span) : now);
  const from = start ?? new Date(to.getTime() - span);
  if (start && end && end.getTime() - start.getTime() > span) {
    errors.push({
      code: 400,
      description: `start_date to end_date may not span more than 90 days`,
    });
  }
  if (from > to) errors.push({ code: 400, description: 'start_date is after end_date' });
  const status = commaList(query.status);
  if (status?.some((s) => s !== 'open' && s !== 'closed')) {
    errors.push({
      code: 400,
      description: 'status must be open, closed or both (comma delimited)',
    });
  }
  if (errors.length > 0) return { errors };
  const serviceIds = commaList(query.service_code);
  return {
    ...(serviceIds ? { serviceIds } : {}),
    openedFrom: from.toISOString(),
    openedTo: to.toISOString(),
    limit: status ? MAX_REQUESTS * 5 : MAX_REQUESTS,
    ...(status ? { status } : {}),
  };
}
