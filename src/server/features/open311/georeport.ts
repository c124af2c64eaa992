// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/) over the pack and the cases:
// pack services as Open311 services, cases as service requests, and a posted service request
// checked field by field and turned into the input of a case. Pure functions; the routes are in
// src/server/features/open311/open311-routes.ts. The JSON shapes follow src/server/features/open311/schema/.
import {
  CASE_TYPES,
  caseOpenInput,
  caseState,
  type CaseOpenInput,
  type CaseRecord,
} from '../../../shared/case.ts';
import { newId } from '../../../shared/ids.ts';
import type { Service } from '../../../shared/pack/schema.ts';
import { newReference } from '../../../shared/reference.ts';
import { codePoints } from '../../../shared/text.ts';
import type { PackIndex } from '../../platform/pack-index.ts';
import type { CaseHistory } from '../cases/case-store.ts';
import type { RequestExtras } from './open311-queries.ts';
import { OPEN311_ACCESS_POINT } from './open311-rows.ts';

export type { PackIndex } from '../../platform/pack-index.ts';

export const SPEC_URL = 'http://wiki.open311.org/GeoReport_v2';
export const MAX_DESCRIPTION = 4000;

export interface Open311Error {
  code: number;
  description: string;
}

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime';
  keywords: string | null;
  group: string | null;
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export function toOpen311Service(service: Service, pack: PackIndex): Open311Service {
  const keywords = service.keywords.en ?? [];
  const topic = service.topics[0];
  return {
    service_code: service.id,
    service_name: service.name.en,
    description: service.description.en,
    // Only where there is something to ask or say: FixMyStreet fetches each such definition.
    metadata: serviceAttributes(service).length > 0,
    // A case reference is issued as soon as the request is accepted.
    type: 'realtime',
    keywords: keywords.length > 0 ? keywords.join(', ') : null,
    group: topic ? (pack.topics.get(topic) ?? topic) : null,
  };
}

const CASE_TYPE_NAMES: Record<(typeof CASE_TYPES)[number], string> = {
  request: 'A request for the service',
  complaint: 'A complaint',
  comment: 'A comment',
  compliment: 'A compliment',
  enquiry: 'An enquiry',
};

/**
 * The services offered through Open311 for a partner (its `open311Services` in the pack), or
 * for the whole hub (null: every partner's), in the pack's order.
 */
export function offeredServices(pack: PackIndex, partnerId: string | null): Service[] {
  const partners =
    partnerId === null
      ? [...pack.partners.values()]
      : [pack.partners.get(partnerId)].filter((p) => p !== undefined);
  const ids = new Set(partners.flatMap((p) => p.open311Services ?? []));
  return [...pack.services.values()].filter((s) => ids.has(s.id));
}

/**
 * The service definition's attributes, from the pack: only what the service needs asked or
 * said. The request's own description field carries what happened, so nothing repeats it.
 *   postcode   where the service is delivered by area, since the postcode decides who handles it
 *   case_type  for services about a person (a complaint, a compliment…); a report about a
 *              place is a request
 * The service's promise is not one: it is every request's service_notice, and the answer to
 * a post. A service with none of these has no definition to fetch (metadata false).
 */
export function serviceAttributes(service: Service): Open311Attribute[] {
  const attributes: Omit<Open311Attribute, 'order'>[] = [];
  const byArea = service.delivery.byArea?.flatMap((a) => a.postcodePrefixes) ?? [];
  if (byArea.length > 0) {
    attributes.push({
      variable: true,
      code: 'postcode',
      datatype: 'string',
      required: false,
      datatype_description: 'Free text; a UK postcode ("EB1 5EF") lets the right team handle it.',
      description: `The postcode of the place concerned: it decides who handles the request (areas ${byArea.join(', ')} differ).`,
    });
  }
  if (service.about !== 'place') {
    attributes.push({
      variable: true,
      code: 'case_type',
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: 'One of the keys; "request" when not given.',
      description: 'What kind of contact this is.',
      values: CASE_TYPES.map((key) => ({ key, name: CASE_TYPE_NAMES[key] })),
    });
  }
  return attributes.map((a, i) => ({ ...a, order: i + 1 }));
}

const MAX_STRING = 300;
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Checks the posted attributes against the service's definition, each by its declared
 * datatype: a string is free text (FixMyStreet checks no formats, so neither does this), a
 * number a number, a datetime a W3C date-time, a list value one of its keys. Each problem is
 * one precise error. Attributes the definition does not declare are ignored (integrations send
 * their own, such as FixMyStreet's uprn).
 */
export function checkAttributes(
  attributes: Submission['attributes'],
  declared: readonly Open311Attribute[],
): { errors: Open311Error[]; values: Map<string, string[]> } {
  const errors: Open311Error[] = [];
  const values = new Map<string, string[]>();
  for (const attribute of declared) {
    if (!attribute.variable) continue;
    const name = `attribute[${attribute.code}]`;
    const raw = attributes[attribute.code];
    const given = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (given.length === 0) {
      if (attribute.required) errors.push(bad(`${name} is required and was not provided`));
      continue;
    }
    if (attribute.datatype !== 'multivaluelist' && given.length > 1) {
      errors.push(bad(`${name} takes one value, not ${given.length}`));
      continue;
    }
    const problem = (value: string): string | null => {
      const keys = attribute.values?.map((v) => v.key) ?? [];
      switch (attribute.datatype) {
        case 'string':
          return codePoints(value) > MAX_STRING
            ? `${name} must be at most ${MAX_STRING} characters (it has ${codePoints(value)})`
            : null;
        case 'text':
          return codePoints(value) > MAX_DESCRIPTION
            ? `${name} must be at most ${MAX_DESCRIPTION} characters (it has ${codePoints(value)})`
            : null;
        case 'number':
          return NUMBER.test(value) && Number.isFinite(Number(value))
            ? null
            : `${name} must be a number, e.g. 12 or 3.5; "${value.slice(0, 40)}" is not`;
        case 'datetime':
          return W3C_DATETIME.test(value) && !Number.isNaN(Date.parse(value))
            ? null
            : `${name} must be a W3C date-time with a time zone, e.g. 2026-01-01T09:30:00Z`;
        case 'singlevaluelist':
        case 'multivaluelist':
          return keys.includes(value)
            ? null
            : `${name} must be one of ${keys.join(', ')}; "${value.slice(0, 40)}" is not`;
      }
    };
    const problems = given.map(problem).filter((p) => p !== null);
    if (problems.length > 0) errors.push(...problems.map(bad));
    else values.set(attribute.code, given);
  }
  return { errors, values };
}

const TYPE_NAMES: Record<(typeof CASE_TYPES)[number], string> = {
  request: 'Request',
  complaint: 'Complaint',
  comment: 'Comment',
  compliment: 'Compliment',
  enquiry: 'Enquiry',
};

export const STATUS_NOTES: Record<string, string> = {
  opened: 'Received.',
  routed: 'Passed to the team responsible.',
  acknowledged: 'Acknowledged by the team responsible.',
  note: 'Updated by the team responsible.',
  'step-completed': 'Work in progress.',
  'step-not-done': 'Closed without one of its steps.',
  escalated: 'Escalated.',
  resolved: 'Resolved.',
  reopened: 'Reopened.',
};

/** The UK postcode district ("EB1" of "EB1 5EF"): enough to place a request, not a home. */
function postcodeDistrict(postcode: unknown): string | null {
  if (typeof postcode !== 'string') return null;
  return postcode.trim().toUpperCase().split(/\s+/)[0] || null;
}

/**
 * Whether a case's location is public: it was reported through Open311 (where the reporter
 * published it, as FixMyStreet does), or its service is about a place (a pothole, a missed
 * bin) rather than a person (a home-care assessment, whose address is someone's home).
 */
export function locationIsPublic(record: CaseRecord, service: Service | undefined): boolean {
  return record.accessPointId === OPEN311_ACCESS_POINT || service?.about === 'place';
}

/**
 * A case as an Open311 service request. Readers are public, so nothing personal goes out: no
 * contact details, and the location only where it is public (locationIsPublic); otherwise
 * only the postcode's district. The description is the reporter's own text only when it was
 * posted to this public API; what staff wrote down at a door often names people or homes, so
 * readers get the kind of case and the service instead.
 */
export function toOpen311Request(
  history: CaseHistory,
  pack: PackIndex,
  extras?: RequestExtras,
): Open311Request {
  const { record, events } = history;
  const state = caseState(events);
  const last = events.at(-1);
  const service = pack.services.get(record.serviceId);
  const partner = pack.partners.get(record.ownerPartnerId);
  const location = record.location ?? {};
  const open = locationIsPublic(record, service);
  const closed = state.status === 'resolved';
  return {
    service_request_id: record.reference,
    status: closed ? 'closed' : 'open',
    status_notes: last ? (STATUS_NOTES[last.kind] ?? null) : null,
    service_name: service?.name.en ?? null,
    service_code: record.serviceId,
    description:
      record.accessPointId === OPEN311_ACCESS_POINT
        ? record.details
        : `${TYPE_NAMES[record.type]}: ${service?.name.en ?? record.serviceId}`,
    agency_responsible: partner?.name.en ?? null,
    service_notice: pack.commitments.get(record.serviceId)?.promise.en ?? null,
    requested_datetime: record.openedAt,
    updated_datetime: (closed ? state.resolvedAt : null) ?? last?.receivedAt ?? record.receivedAt,
    expected_datetime: record.dues.find((d) => d.level === 1)?.due ?? null,
    address: open ? (location.address ?? null) : null,
    address_id: null,
    zipcode: postcodeDistrict(location.postcode),
    lat: open ? (location.lat ?? null) : null,
    long: open ? (location.lng ?? null) : null,
    media_url: extras?.mediaUrl ?? null,
  };
}

/** A posted service request, whichever way it was encoded. */
export interface Submission {
  fields: Record<string, string>;
  attributes: Record<string, string | string[]>;
}

const ATTRIBUTE_FIELD = /^attribute\[([^\]]+)\](\[\])?$/;

/** application/x-www-form-urlencoded, with attribute[code]=v and attribute[code][]=v. */
export function parseForm(body: string): Submission {
  const fields: Record<string, string> = {};
  const attributes: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const attribute = ATTRIBUTE_FIELD.exec(name);
    if (attribute) {
      const code = attribute[1] as string;
      if (attribute[2]) {
        const before = attributes[code];
        attributes[code] = [...(Array.isArray(before) ? before : before ? [before] : []), value];
      } else {
        attributes[code] ??= value;
      }
    } else {
      fields[name] ??= value; // the first of repeated fields counts
    }
  }
  return { fields, attributes };
}

const scalar = (v: unknown): string | undefined =>
  typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : undefined;

/** A JSON body: the same field names, with `attribute` as an object (or attribute[code] keys). */
export function fromJson(body: unknown): Submission {
  const fields: Record<string, string> = {};
  const attributes: Record<string, string | string[]> = {};
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { fields, attributes };
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === 'attribute' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [code, v] of Object.entries(value as Record<string, unknown>)) {
        if (Array.isArray(v)) attributes[code] = v.map(scalar).filter((x) => x !== undefined);
        else if (scalar(v) !== undefined) attributes[code] = scalar(v) as string;
      }
      continue;
    }
    const attribute = ATTRIBUTE_FIELD.exec(name);
    const text = Array.isArray(value)
      ? value.map(scalar).filter((x) => x !== undefined)
      : scalar(value);
    if (text === undefined) continue;
    if (attribute) attributes[attribute[1] as string] = text;
    else if (typeof text === 'string') fields[name] = text;
  }
  return { fields, attributes };
}

const UK_POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})\b/i;
const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]{2,}$/;
const PHONE = /^\+?[0-9 ()-]{7,20}$/;
// A leading "+" is allowed: FixMyStreet and others format positive coordinates with one.
const COORDINATE = /^[+-]?\d{1,3}(\.\d+)?$/;
const MEDIA_URL = /^https?:\/\/[^\s<>"]+$/;
export const MAX_MEDIA_URL = 2000;

const bad = (description: string): Open311Error => ({ code: 400, description });

/** A media_url as posted: null when none, else the URL or the error saying what is wrong. */
export function checkMediaUrl(value: string | undefined): string | null | Open311Error {
  const url = value?.trim();
  if (!url) return null;
  if (url.length > MAX_MEDIA_URL)
    return bad(`media_url must be at most ${MAX_MEDIA_URL} characters`);
  return MEDIA_URL.test(url) ? url : bad('media_url must be an http or https URL');
}

/**
 * Checks a posted service request and builds the case it opens: every problem at once, as
 * Open311 errors. Contact details are taken only when the caller sent them; sending them
 * through an integration counts as the citizen's consent to be contacted about the request.
 */
export function submissionToCase(
  submission: Submission,
  pack: PackIndex,
  author: string,
  now: string,
):
  | { ok: true; input: CaseOpenInput; mediaUrl: string | null }
  | { ok: false; errors: Open311Error[] } {
  const errors: Open311Error[] = [];
  const field = (name: string): string | undefined => {
    const value = submission.fields[name]?.trim();
    return value ? value : undefined;
  };

  const serviceCode = field('service_code');
  const service = serviceCode ? pack.services.get(serviceCode) : undefined;
  if (!serviceCode) errors.push(bad('service_code was not provided'));
  else if (!service)
    errors.push({ code: 404, description: `service_code ${serviceCode} was not found` });

  const declared = service ? serviceAttributes(service) : [];
  const checked = checkAttributes(submission.attributes, declared);
  errors.push(...checked.errors);
  const value = (code: string) => checked.values.get(code)?.[0];

  // attribute[details] was this API's own field before description was required; still read.
  const detailsAttribute = submission.attributes.details;
  const details =
    field('description') ??
    (typeof detailsAttribute === 'string' ? detailsAttribute.trim() || undefined : undefined);
  if (!details) errors.push(bad('description was not provided'));
  else if (codePoints(details) > MAX_DESCRIPTION) {
    errors.push(
      bad(
        `description must be at most ${MAX_DESCRIPTION} characters (it has ${codePoints(details)})`,
      ),
    );
  }

  const type = value('case_type') ?? 'request';

  // Location: lat & long together, or address_string, or address_id (spec), or a postcode.
  const lat = field('lat');
  const long = field('long');
  let coordinates: { lat: number; lng: number } | undefined;
  if (lat !== undefined || long !== undefined) {
    const la = lat !== undefined && COORDINATE.test(lat) ? Number(lat) : NaN;
    const lo = long !== undefined && COORDINATE.test(long) ? Number(long) : NaN;
    if (lat === undefined || long === undefined)
      errors.push(bad('lat and long must be sent together'));
    else if (!(la >= -90 && la <= 90))
      errors.push(bad(`lat must be a number from -90 to 90; "${lat.slice(0, 40)}" is not`));
    else if (!(lo >= -180 && lo <= 180))
      errors.push(bad(`long must be a number from -180 to 180; "${long.slice(0, 40)}" is not`));
    else coordinates = { lat: la, lng: lo };
  }
  const addressString = field('address_string');
  const addressId = field('address_id');
  // A postcode attribute that is not a postcode ("near the church") still says where.
  const rawPostcode = submission.attributes.postcode;
  const postcodeGiven =
    value('postcode') ??
    (typeof rawPostcode === 'string' ? rawPostcode.trim() || undefined : undefined);
  const postcodeMatch = postcodeGiven ? UK_POSTCODE.exec(postcodeGiven) : null;
  const postcode =
    (postcodeMatch && postcodeMatch[0].length === postcodeGiven?.length
      ? postcodeMatch[0]
      : addressString
        ? UK_POSTCODE.exec(addressString)?.[1]
        : undefined
    )?.toUpperCase() ?? undefined;
  const address =
    addressString ??
    (addressId ? `address id ${addressId}` : undefined) ??
    (postcodeGiven && !postcode ? postcodeGiven : undefined);
  if (addressString && codePoints(addressString) > MAX_STRING)
    errors.push(bad(`address_string must be at most ${MAX_STRING} characters`));
  if (!coordinates && !address && !postcode && lat === undefined && long === undefined) {
    errors.push(bad('a location was not provided: send lat & long, address_string or address_id'));
  }

  const email = field('email');
  if (email && (email.length > 200 || !EMAIL.test(email)))
    errors.push(bad(`email is not an email address: "${email.slice(0, 60)}"`));
  const phone = field('phone');
  if (phone && !PHONE.test(phone)) errors.push(bad('phone is not a phone number'));
  const name = [field('first_name'), field('last_name')].filter(Boolean).join(' ');
  if (codePoints(name) > 120)
    errors.push(bad('first_name and last_name must be at most 120 characters together'));

  const mediaUrl = checkMediaUrl(field('media_url'));
  if (mediaUrl !== null && typeof mediaUrl === 'object') errors.push(mediaUrl);

  if (errors.length > 0 || !service || !details) return { ok: false, errors };

  const location = {
    ...(address ? { address } : {}),
    ...(postcode ? { postcode } : {}),
    ...(coordinates ?? {}),
  };
  const contact =
    name || phone || email
      ? {
          ...(name ? { name } : {}),
          ...(phone ? { phone } : {}),
          ...(email ? { email } : {}),
          consent: true as const,
        }
      : undefined;
  const parsed = caseOpenInput.safeParse({
    id: newId(),
    reference: newReference(),
    type,
    serviceId: service.id,
    channel: 'web',
    details,
    ...(Object.keys(location).length > 0 ? { location } : {}),
    ...(contact ? { contact } : {}),
    author,
    openedAt: now,
  });
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) =>
        bad(`${issue.path.join('.') || 'request'} ${issue.message}`),
      ),
    };
  }
  return { ok: true, input: parsed.data, mediaUrl: typeof mediaUrl === 'string' ? mediaUrl : null };
}
