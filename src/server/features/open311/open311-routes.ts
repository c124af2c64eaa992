// /open311/v2/…: Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/), in XML and JSON,
// as FixMyStreet's Open311.pm uses it. Anyone may read the services and the service requests
// (every case, without personal data) and the public updates; integrations holding an API key
// may post service requests, which become cases exactly like those captured at a door, and
// updates (mySociety's servicerequestupdates extension), which become case events. Each
// partner is a jurisdiction, offered the services the pack says it takes through Open311; the
// hub's own jurisdiction offers every partner's. A key belongs to a partner (or the network)
// and acts within it. See georeport.ts for the conversions.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_CASE, sniffImage } from '../../../shared/case-photo.ts';
import { newId } from '../../../shared/ids.ts';
import type { Service } from '../../../shared/pack/schema.ts';
import { normaliseReference } from '../../../shared/reference.ts';
import { codePoints } from '../../../shared/text.ts';
import { packIndexCache, type PackIndex } from '../../platform/pack-index.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import { hashSecret } from '../../platform/tokens.ts';
import type { CaseHistory, CaseQuery, CaseStore } from '../cases/case-store.ts';
import type { StaffCallerStores } from '../staff/staff-store.ts';
import {
  checkMediaUrl,
  fromJson,
  offeredServices,
  parseForm,
  serviceAttributes,
  SPEC_URL,
  STATUS_NOTES,
  submissionToCase,
  toOpen311Request,
  toOpen311Service,
  type Open311Error,
  type Submission,
} from './georeport.ts';
import { open311KeyRoutes } from './open311-key-routes.ts';
import type { PublicUpdate } from './open311-queries.ts';
import { integrationDevice, type ApiKey } from './open311-rows.ts';
import type { Open311Store } from './open311-store.ts';
import { TokenBucket } from './token-bucket.ts';
import { toXml } from './xml.ts';

/** The stores this file uses. */
type Stores = StaffCallerStores & {
  readonly core: CoreStore;
  readonly cases: CaseStore;
  readonly open311: Open311Store;
};

export interface Open311Options {
  /** Posts per API key (and per client address, twice as many) each minute, sustained. */
  postsPerMinute?: number;
  /** Posts a key may make at once before the sustained rate applies (a backlog's burst). */
  burst?: number;
  /** The largest form or JSON body accepted, in bytes (multipart photos have their own). */
  maxBodyBytes?: number;
  /** The hub's own jurisdiction_id (every partner's services); partners' ids are theirs. */
  jurisdictionId?: string;
  now?: () => Date;
}

type Format = 'json' | 'xml';
const FORMATS: readonly Format[] = ['json', 'xml'];
const DAY_MS = 24 * 3600_000;
const MAX_SPAN_DAYS = 90;
const MAX_REQUESTS = 1000;
const MAX_UPDATES = 1000;
/** An update becomes a case note, which holds this many characters. */
const MAX_UPDATE_TEXT = 2000;
// W3C date-time with the time zone the spec requires (Z or ±HH:MM).
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** A case reference as readers may see it: issued ones and older ones such as DEMO0419. */
const ANY_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;
export const DEFAULT_JURISDICTION = 'anydoor';

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

/** A case reference as typed, or null when it cannot be one. */
const referenceOf = (id: string): string | null =>
  normaliseReference(id) ?? (ANY_REFERENCE.test(id) ? id : null);

/** Who a call acts for: a partner (its Open311 services) or the whole hub (null). */
interface Scope {
  partnerId: string | null;
  services: Service[];
  key: ApiKey | null;
}

/** A posted body's fields and attributes, and its files (multipart). */
interface Posted {
  submission: Submission;
  files: { field: string; data: Buffer }[];
}

export function open311Routes(
  app: FastifyInstance,
  storage: Stores,
  options: Open311Options = {},
): void {
  const postsPerMinute = options.postsPerMinute ?? 60;
  const burst = options.burst ?? Math.max(postsPerMinute, 300);
  // 4,000 characters of Chinese or emoji, form-encoded, are 36–48 KB.
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const hubJurisdiction = options.jurisdictionId ?? DEFAULT_JURISDICTION;
  const clock = options.now ?? (() => new Date());
  const byKey = new TokenBucket(postsPerMinute, burst);
  const byAddress = new TokenBucket(postsPerMinute * 2, burst * 2);

  const packIndex = packIndexCache(storage);
  open311KeyRoutes(app, storage);

  // When each key's last use was written from this process: the store keeps it to the
  // minute, so a busy integration costs one write a minute, not one per call.
  const touched = new Map<string, number>();
  async function touch(key: ApiKey): Promise<void> {
    const now = clock();
    if ((touched.get(key.name) ?? -Infinity) > now.getTime() - 60_000) return;
    if (touched.size >= 10_000) touched.clear();
    touched.set(key.name, now.getTime());
    await storage.open311.touchApiKey(key.name, now.toISOString());
  }

  /** Partners taking anything through Open311: each is a jurisdiction. */
  const jurisdictions = (pack: PackIndex) =>
    [...pack.partners.values()].filter((p) => (p.open311Services ?? []).length > 0);

  /**
   * The scope of a call from its jurisdiction_id and api_key, or the error already sent. A
   * key must be valid when given (and is required when `needKey`); a partner's key acts only
   * in its partner's jurisdiction (or the hub's, which then means its partner's).
   */
  async function scopeOf(
    request: FastifyRequest,
    reply: FastifyReply,
    format: Format,
    fields: Record<string, string>,
    action: string,
    needKey: boolean,
  ): Promise<Scope | null> {
    const query = request.query as Record<string, unknown>;
    const param = (name: string): string | undefined => {
      const value = fields[name] ?? query[name];
      return typeof value === 'string' && value.trim() ? value.trim() : undefined;
    };
    const pack = await packIndex();
    const jurisdiction = param('jurisdiction_id');
    if (
      jurisdiction !== undefined &&
      jurisdiction !== hubJurisdiction &&
      !jurisdictions(pack).some((p) => p.id === jurisdiction)
    ) {
      sendErrors(reply, format, 404, [
        {
          code: 404,
          description: `jurisdiction_id ${jurisdiction.slice(0, 80)} is not served here; discovery lists those that are`,
        },
      ]);
      return null;
    }
    const apiKey = param('api_key');
    let key: ApiKey | null = null;
    if (apiKey !== undefined || needKey) {
      key = apiKey ? await storage.open311.findApiKey(hashSecret(apiKey)) : null;
      if (!key || key.revokedAt) {
        sendErrors(reply, format, 403, [
          {
            code: 403,
            description: !apiKey
              ? `api_key was not provided -- can’t proceed with ${action}.`
              : key
                ? `This api_key was revoked -- can’t proceed with ${action}.`
                : `Invalid api_key received -- can’t proceed with ${action}.`,
          },
        ]);
        return null;
      }
    }
    const named =
      jurisdiction === undefined || jurisdiction === hubJurisdiction ? null : jurisdiction;
    if (key?.partnerId && named && named !== key.partnerId) {
      sendErrors(reply, format, 403, [
        {
          code: 403,
          description: `This api_key is for jurisdiction_id ${key.partnerId}, not ${named}.`,
        },
      ]);
      return null;
    }
    const partnerId = key?.partnerId ?? named;
    return { partnerId, services: offeredServices(pack, partnerId), key };
  }

  /**
   * Takes a token from a bucket: false once the 429 has been sent. The address's bucket is
   * taken before the key is checked, so guessing keys counts too; the key's after.
   */
  function withinLimit(
    reply: FastifyReply,
    format: Format,
    bucket: 'address' | 'key',
    id: string,
  ): boolean {
    const verdict = (bucket === 'key' ? byKey : byAddress).take(id, clock().getTime());
    if (verdict.allowed) return true;
    const who = bucket === 'key' ? 'this api_key' : 'this address';
    sendErrors(reply.header('retry-after', verdict.retryAfterSeconds), format, 429, [
      {
        code: 429,
        description: `too many posts from ${who}; retry after ${verdict.retryAfterSeconds} seconds`,
      },
    ]);
    return false;
  }

  /**
   * A write as far as every write goes: the address's bucket, the body, a valid key for
   * `action` and the key's bucket, the key marked used; null once the refusal is sent.
   */
  async function keyedPost(
    request: FastifyRequest,
    reply: FastifyReply,
    format: Format,
    action: string,
  ): Promise<(Posted & { scope: Scope; key: ApiKey; now: Date }) | null> {
    if (!withinLimit(reply, format, 'address', request.ip)) return null;
    const { submission, files } = await readPost(request);
    const scope = await scopeOf(request, reply, format, submission.fields, action, true);
    const key = scope?.key;
    if (!scope || !key) return null;
    if (!withinLimit(reply, format, 'key', key.name)) return null;
    const now = clock();
    await touch(key);
    return { submission, files, scope, key, now };
  }

  /** A post's body, whichever way it came: form, JSON or multipart (with files). */
  async function readPost(request: FastifyRequest): Promise<Posted> {
    if (request.isMultipart()) {
      const form = new URLSearchParams();
      const files: Posted['files'] = [];
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file')
            files.push({ field: part.fieldname, data: await part.toBuffer() });
          else if (typeof part.value === 'string') form.append(part.fieldname, part.value);
        }
      } catch (error) {
        // The plugin's limits carry their status (413); a body that is not multipart is bad.
        if ((error as { statusCode?: number }).statusCode) throw error;
        throw Object.assign(
          new Error(`the multipart/form-data body could not be read: ${(error as Error).message}`),
          { statusCode: 400 },
        );
      }
      return { submission: parseForm(form.toString()), files };
    }
    const submission =
      request.body && typeof request.body === 'object' && 'fields' in request.body
        ? (request.body as Submission)
        : fromJson(request.body);
    return { submission, files: [] };
  }

  /** Files posted with a request or an update must be photos (JPEG, PNG, WebP). */
  function photoErrors(files: Posted['files']): Open311Error[] {
    const errors: Open311Error[] = [];
    if (files.length > MAX_PHOTOS_PER_CASE)
      errors.push({ code: 400, description: `at most ${MAX_PHOTOS_PER_CASE} files may be sent` });
    for (const file of files) {
      if (!sniffImage(file.data))
        errors.push({
          code: 400,
          description: `${file.field.slice(0, 40)} is not a JPEG, PNG or WebP photo`,
        });
    }
    return errors;
  }

  async function storePhotos(caseId: string, key: ApiKey, files: Posted['files'], now: string) {
    for (const file of files) {
      const contentType = sniffImage(file.data);
      if (!contentType) continue;
      await storage.cases.storeCasePhoto({
        caseId,
        photoId: newId(),
        contentType,
        data: file.data,
        device: integrationDevice(key),
        devicePartnerId: key.partnerId,
        now,
      });
    }
  }

  /** The case a request id names, or null once the 404 has been sent. */
  async function caseNamed(
    reply: FastifyReply,
    format: Format,
    id: string,
    what: string,
  ): Promise<CaseHistory | null> {
    const reference = referenceOf(id);
    const found = reference ? await storage.cases.findCaseByReference(reference) : null;
    if (!found) {
      sendErrors(reply, format, 404, [
        { code: 404, description: `${what} ${id.slice(0, 80)} was not found` },
      ]);
      return null;
    }
    return found;
  }

  const requestsOf = async (histories: CaseHistory[], pack: PackIndex) => {
    const extras = await storage.open311.requestExtras(histories.map((h) => h.record.id));
    return histories.map((h) => toOpen311Request(h, pack, extras.get(h.record.id)));
  };

  void app.register(
    async (api) => {
      // Open311 posts are form-encoded; this parser exists only inside /open311.
      api.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: maxBodyBytes },
        (_request, body, done) => done(null, parseForm(body as string)),
      );
      // FixMyStreet's photo upload mode: fields and photos as multipart/form-data.
      await api.register(multipart, {
        limits: {
          fileSize: MAX_PHOTO_BYTES,
          files: MAX_PHOTOS_PER_CASE + 1,
          fields: 200,
          fieldSize: 16 * 1024,
          parts: 250,
        },
      });
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
                ? request.isMultipart()
                  ? `a file is larger than ${MAX_PHOTO_BYTES} bytes, or too many were sent`
                  : `the request is larger than ${maxBodyBytes} bytes`
                : status >= 500
                  ? 'something went wrong on the server; try again'
                  : error.message,
          },
        ]);
      });
      // Anything else under /open311 is an Open311 404, not the hub's.
      api.setNotFoundHandler((request, reply) =>
        sendErrors(reply, request.url.includes('.xml') ? 'xml' : 'json', 404, [
          {
            code: 404,
            description: `${request.method} ${request.url.split('?')[0]} is not a resource here`,
          },
        ]),
      );

      for (const format of FORMATS) {
        api.get(`/discovery.${format}`, async (request, reply) => {
          const latest = await storage.core.latestPackVersion();
          const [version] = await storage.core.listPackVersions({
            after: latest - 1,
            upTo: latest,
          });
          const pack = await packIndex();
          const changeset = version?.publishedAt ?? clock().toISOString();
          return send(reply, format, 'discovery', {
            changeset,
            contact: 'Ask the organisation that runs this AnyDoor hub.',
            key_service:
              'API keys are issued per partner by the hub’s franchisor or the partner’s manager (AnyDoor studio, Open311 keys).',
            jurisdiction_id: hubJurisdiction,
            // Each partner is a jurisdiction offered its own services; the hub's offers all.
            jurisdictions: [
              { jurisdiction_id: hubJurisdiction, name: 'Every partner on this hub' },
              ...jurisdictions(pack).map((p) => ({ jurisdiction_id: p.id, name: p.name.en })),
            ],
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

        api.get(`/services.${format}`, async (request, reply) => {
          const scope = await scopeOf(request, reply, format, {}, 'services', false);
          if (!scope) return reply;
          const pack = await packIndex();
          return send(
            reply,
            format,
            'services',
            scope.services.map((s) => toOpen311Service(s, pack)),
          );
        });

        api.get(`/requests.${format}`, async (request, reply) => {
          const scope = await scopeOf(request, reply, format, {}, 'get_service_requests', false);
          if (!scope) return reply;
          const query = readRequestsQuery(request.query as Record<string, unknown>, clock());
          if ('errors' in query) return sendErrors(reply, format, 400, query.errors);
          const { status, ...filter } = query;
          if (scope.partnerId !== null && !filter.references) {
            // A partner's jurisdiction lists the requests for its Open311 services.
            const own = new Set(scope.services.map((s) => s.id));
            filter.serviceIds = (filter.serviceIds ?? [...own]).filter((id) => own.has(id));
          }
          const pack = await packIndex();
          const histories = await storage.cases.listCaseHistories(filter);
          const requests = (await requestsOf(histories, pack))
            .filter((r) => !status || status.includes(r.status))
            .slice(0, MAX_REQUESTS);
          return send(reply, format, 'service_requests', requests);
        });

        api.post(`/requests.${format}`, { bodyLimit: maxBodyBytes }, async (request, reply) => {
          const post = await keyedPost(request, reply, format, 'create_request');
          if (!post) return reply;
          const { submission, files, scope, key, now } = post;
          const pack = await packIndex();
          const serviceCode = submission.fields.service_code?.trim();
          if (
            serviceCode &&
            pack.services.has(serviceCode) &&
            !scope.services.some((s) => s.id === serviceCode)
          ) {
            return sendErrors(reply, format, 403, [
              {
                code: 403,
                description: `service_code ${serviceCode} is not taken through Open311 ${scope.partnerId ? `by ${scope.partnerId}` : 'on this hub'}; services.${format} lists those that are`,
              },
            ]);
          }
          const checked = submissionToCase(submission, pack, key.name, now.toISOString());
          const errors = checked.ok
            ? photoErrors(files)
            : [...checked.errors, ...photoErrors(files)];
          if (!checked.ok || errors.length > 0) {
            const status = errors.every((e) => e.code === 404) ? 404 : 400;
            return sendErrors(reply, format, status, errors);
          }
          const jurisdiction =
            submission.fields.jurisdiction_id?.trim() ??
            (request.query as Record<string, unknown>).jurisdiction_id;
          const problem = await storage.open311.openIntegrationCase(
            key,
            checked.input,
            now.toISOString(),
            {
              jurisdictionId: typeof jurisdiction === 'string' ? jurisdiction || null : null,
              mediaUrl: checked.mediaUrl,
            },
          );
          if (problem && problem.status === 'rejected') {
            return sendErrors(reply, format, 400, [{ code: 400, description: problem.reason }]);
          }
          await storePhotos(checked.input.id, key, files, now.toISOString());
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

        // mySociety's extension: the public actions on cases since a time, for FixMyStreet's
        // report updater.
        api.get(`/servicerequestupdates.${format}`, async (request, reply) => {
          const scope = await scopeOf(
            request,
            reply,
            format,
            {},
            'get_service_request_updates',
            false,
          );
          if (!scope) return reply;
          const range = readUpdatesRange(request.query as Record<string, unknown>, clock());
          if ('errors' in range) return sendErrors(reply, format, 400, range.errors);
          if (scope.key) await touch(scope.key);
          const pack = await packIndex();
          const updates = await storage.open311.listPublicUpdates({
            ...range,
            ...(scope.partnerId !== null ? { serviceIds: scope.services.map((s) => s.id) } : {}),
            // An integration does not need its own updates back (FixMyStreet would show twice).
            ...(scope.key ? { notFromDevice: integrationDevice(scope.key).id } : {}),
            limit: MAX_UPDATES,
          });
          return send(
            reply,
            format,
            'service_request_updates',
            updates.map((u) => toRequestUpdate(u, pack)),
          );
        });

        api.post(
          `/servicerequestupdates.${format}`,
          { bodyLimit: maxBodyBytes },
          async (request, reply) => {
            const post = await keyedPost(request, reply, format, 'post_service_request_update');
            if (!post) return reply;
            const { submission, files, scope, key, now } = post;
            const field = (name: string) => submission.fields[name]?.trim() || undefined;
            const errors: Open311Error[] = [];
            const bad = (description: string) => errors.push({ code: 400, description });
            const requestId = field('service_request_id');
            if (!requestId) bad('service_request_id was not provided');
            const updateId = field('update_id');
            if (!updateId) bad('update_id was not provided');
            else if (updateId.length > 100) bad('update_id must be at most 100 characters');
            const status = field('status')?.toLowerCase().replace(/ /g, '_');
            if (!status) bad('status was not provided');
            else if (!/^[a-z_]{1,40}$/.test(status))
              bad(`status must be a word such as OPEN or CLOSED; "${status.slice(0, 40)}" is not`);
            const description = field('description');
            if (!description) bad('description was not provided');
            else if (codePoints(description) > MAX_UPDATE_TEXT)
              bad(
                `description must be at most ${MAX_UPDATE_TEXT} characters (it has ${codePoints(description)})`,
              );
            const updated = field('updated_datetime');
            if (updated && (!W3C_DATETIME.test(updated) || Number.isNaN(Date.parse(updated))))
              bad(
                'updated_datetime must be a W3C date-time with a time zone, e.g. 2026-01-01T09:30:00Z',
              );
            const mediaUrl = checkMediaUrl(field('media_url'));
            if (mediaUrl !== null && typeof mediaUrl === 'object') errors.push(mediaUrl);
            errors.push(...photoErrors(files));
            if (errors.length > 0 || !requestId || !updateId || !status || !description) {
              return sendErrors(reply, format, 400, errors);
            }
            const found = await caseNamed(reply, format, requestId, 'service_request_id');
            if (!found) return reply;
            const posted = await storage.open311.requestExtras([found.record.id]);
            const mayUpdate =
              posted.get(found.record.id)?.keyName === key.name ||
              scope.services.some((s) => s.id === found.record.serviceId);
            if (!mayUpdate) {
              return sendErrors(reply, format, 403, [
                {
                  code: 403,
                  description: `service_request_id ${requestId} is not a request this api_key may update`,
                },
              ]);
            }
            // Whoever wrote it, as the back office reads it; their email is not kept (the case
            // already has the reporter's contact, given with consent, when there is one).
            const name = [field('first_name'), field('last_name')]
              .filter((n) => n && n !== '-')
              .join(' ');
            const author = [...(name ? `${name} via ${key.name}` : key.name)].slice(0, 80).join('');
            const result = await storage.open311.postUpdate(
              key,
              {
                caseId: found.record.id,
                externalId: updateId,
                status,
                description,
                mediaUrl: typeof mediaUrl === 'string' ? mediaUrl : null,
                author,
                createdAt: updated ? new Date(updated).toISOString() : now.toISOString(),
              },
              now.toISOString(),
            );
            if (!result.repeated) await storePhotos(found.record.id, key, files, now.toISOString());
            return send(reply, format, 'service_request_updates', [{ update_id: result.eventId }]);
          },
        );
      }

      api.get<{ Params: { file: string } }>('/services/:file', async (request, reply) => {
        const target = splitFormat(request.params.file);
        if (!target) return sendErrors(reply, 'json', 404, [unknownFormat()]);
        const scope = await scopeOf(request, reply, target.format, {}, 'services', false);
        if (!scope) return reply;
        const pack = await packIndex();
        const service = scope.services.find((s) => s.id === target.id);
        if (!service) {
          return sendErrors(reply, target.format, 404, [
            {
              code: 404,
              description: pack.services.has(target.id)
                ? `service_code ${target.id} is not taken through Open311 here`
                : `service_code ${target.id.slice(0, 80)} was not found`,
            },
          ]);
        }
        return send(reply, target.format, 'service_definition', {
          service_code: service.id,
          attributes: serviceAttributes(service),
        });
      });

      api.get<{ Params: { file: string } }>('/requests/:file', async (request, reply) => {
        const target = splitFormat(request.params.file);
        if (!target) return sendErrors(reply, 'json', 404, [unknownFormat()]);
        const found = await caseNamed(reply, target.format, target.id, 'service_request_id');
        if (!found) return reply;
        const pack = await packIndex();
        return send(reply, target.format, 'service_requests', await requestsOf([found], pack));
      });

      // Service request ids are issued at once, so a token is simply the id.
      api.get<{ Params: { file: string } }>('/tokens/:file', async (request, reply) => {
        const target = splitFormat(request.params.file);
        if (!target) return sendErrors(reply, 'json', 404, [unknownFormat()]);
        const found = await caseNamed(reply, target.format, target.id, 'token');
        if (!found) return reply;
        return send(reply, target.format, 'service_requests', [
          { service_request_id: found.record.reference, token: target.id },
        ]);
      });
    },
    { prefix: '/open311/v2' },
  );
}

/** What FixMyStreet's updater reads in `status` (it maps these to its own states). */
const UPDATE_STATUS: Record<string, string> = {
  acknowledged: 'investigating',
  'step-completed': 'in_progress',
  'step-not-done': 'in_progress',
  escalated: 'in_progress',
  resolved: 'closed',
  reopened: 'open',
};

function toRequestUpdate(update: PublicUpdate, pack: PackIndex) {
  const step =
    (update.kind === 'step-completed' || update.kind === 'step-not-done') && update.stepId
      ? pack.commitments.get(update.serviceId)?.steps.find((s) => s.id === update.stepId)
      : undefined;
  return {
    update_id: update.eventId,
    service_request_id: update.reference,
    status: update.posted ? update.posted.status : (UPDATE_STATUS[update.kind] ?? 'open'),
    updated_datetime: update.receivedAt,
    description: update.posted
      ? update.posted.description
      : step
        ? `${update.kind === 'step-not-done' ? 'Not done' : 'Done'}: ${step.title.en}.`
        : (STATUS_NOTES[update.kind] ?? 'Updated.'),
    ...(update.posted?.mediaUrl ? { media_url: update.posted.mediaUrl } : {}),
  };
}

const unknownFormat = (): Open311Error => ({
  code: 404,
  description: 'unknown format: add .xml or .json to the resource',
});

const w3cDate = (
  query: Record<string, unknown>,
  name: string,
  errors: Open311Error[],
): Date | undefined => {
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

/** servicerequestupdates' range: start_date and end_date (both or neither: the last day). */
function readUpdatesRange(
  query: Record<string, unknown>,
  now: Date,
): { from: string; to: string } | { errors: Open311Error[] } {
  const errors: Open311Error[] = [];
  const start = w3cDate(query, 'start_date', errors);
  const end = w3cDate(query, 'end_date', errors);
  if (errors.length > 0) return { errors };
  const to = end ?? now;
  const from = start ?? new Date(to.getTime() - DAY_MS);
  if (from > to) errors.push({ code: 400, description: 'start_date is after end_date' });
  if (to.getTime() - from.getTime() > MAX_SPAN_DAYS * DAY_MS)
    errors.push({
      code: 400,
      description: 'start_date to end_date may not span more than 90 days',
    });
  return errors.length > 0 ? { errors } : { from: from.toISOString(), to: to.toISOString() };
}

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
      references: references.map((r) => referenceOf(r) ?? r),
      limit: MAX_REQUESTS,
    };
  }
  const errors: Open311Error[] = [];
  const start = w3cDate(query, 'start_date', errors);
  const end = w3cDate(query, 'end_date', errors);
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
