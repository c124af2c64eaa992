// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/) over the pack and the cases:
// pack services as Open311 services, cases as service requests, and a posted service request
// checked field by field and turned into the input of a case. Pure functions; the routes are in
// src/server/features/open311/open311-routes.ts. The JSON shapes follow src/server/features/open311/schema/.
import { CASE_TYPES, caseOpenInput, caseState, type CaseOpenInput } from '../../../shared/case.ts';
import { newId } from '../../../shared/ids.ts';
import type { Service } from '../../../shared/pack/schema.ts';
import { newReference } from '../../../shared/reference.ts';
import type { PackIndex } from '../../platform/pack-index.ts';
import type { CaseHistory } from '../cases/case-store.ts';
import { OPEN311_ACCESS_POINT } from './open311-store.ts';

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
    // Every service has attributes (see serviceAttributes), so clients must read them.
    metadata: serviceAttributes(service, pack).length > 0,
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

/** The service definition's attributes, derived from the pack. */
export function serviceAttributes(service: Service, pack: PackIndex): Open311Attribute[] {
  const byArea = service.delivery.byArea?.flatMap((a) => a.postcodePrefixes) ?? [];
  const attributes: Open311Attribute[] = [
    {
      variable: true,
      code: 'details',
      datatype: 'text',
      required: true,
      datatype_description: `Free text, at most ${MAX_DESCRIPTION} characters, no HTML.`,
      order: 1,
      description:
        'What happened and what is needed. The request’s description field, when given, is used instead.',
    },
    {
      variable: true,
      code: 'case_type',
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: 'One of the keys; "request" when not given.',
      order: 2,
      description: 'What kind of contact this is.',
      values: CASE_TYPES.map((key) => ({ key, name: CASE_TYPE_NAMES[key] })),
    },
    {
      variable: true,
      code: 'postcode',
      datatype: 'string',
      required: false,
      datatype_description: 'A UK postcode, e.g. "EB1 5EF".',
      order: 3,
      description:
        byArea.length > 0
          ? `The postcode of the place concerned: it decides who handles the request (areas ${byArea.join(', ')} differ).`
          : 'The postcode of the place concerned.',
    },
  ];
  const promise = pack.commitments.get(service.id)?.promise.en;
  if (promise) {
    attributes.push({
      variable: false,
      code: 'promise',
      datatype: 'string',
      required: false,
      datatype_description: null,
      order: 4,
      description: promise,
    });
  }
  return attributes;
}

const TYPE_NAMES: Record<(typeof CASE_TYPES)[number], string> = {
  request: 'Request',
  complaint: 'Complaint',
  comment: 'Comment',
  compliment: 'Compliment',
  enquiry: 'Enquiry',
};

const STATUS_NOTES: Record<string, string> = {
  opened: 'Received.',
  routed: 'Passed to the team responsible.',
  acknowledged: 'Acknowledged by the team responsible.',
  note: 'Updated by the team responsible.',
  'step-completed': 'Work in progress.',
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
 * A case as an Open311 service request. Readers are public, so nothing personal goes out: no
 * contact details, no address or coordinates (a case is often about someone's home), and the
 * postcode only to its district. The description is the reporter's own text only when it was
 * posted to this public API; what staff wrote down at a door often names people or homes, so
 * readers get the kind of case and the service instead.
 */
export function toOpen311Request(history: CaseHistory, pack: PackIndex): Open311Request {
  const { record, events } = history;
  const state = caseState(events);
  const last = events.at(-1);
  const service = pack.services.get(record.serviceId);
  const partner = pack.partners.get(record.ownerPartnerId);
  const location = (record.location ?? {}) as { postcode?: unknown };
  const closed = state.status === 'resolved';
  return {
    service_request_id: record.reference,
    status: closed ? 'closed' : 'open',
    status_notes: last ? (STATUS_NOTES[last.kind] ?? null) : null,
    service_name: service?.name.en ?? null,
    service_code: record.serviceId,
    description:
      record.accessPointId === OPEN311_ACCESS_POINT
        ? record.details.slice(0, MAX_DESCRIPTION)
        : `${TYPE_NAMES[record.type]}: ${service?.name.en ?? record.serviceId}`,
    agency_responsible: partner?.name.en ?? null,
    service_notice: pack.commitments.get(record.serviceId)?.promise.en ?? null,
    requested_datetime: record.openedAt,
    updated_datetime: (closed ? state.resolvedAt : null) ?? last?.receivedAt ?? record.receivedAt,
    expected_datetime: record.dues.find((d) => d.level === 1)?.due ?? null,
    address: null,
    address_id: null,
    zipcode: postcodeDistrict(location.postcode),
    lat: null,
    long: null,
    media_url: null,
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
const COORDINATE = /^-?\d{1,3}(\.\d+)?$/;

const bad = (description: string): Open311Error => ({ code: 400, description });

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
): { ok: true; input: CaseOpenInput } | { ok: false; errors: Open311Error[] } {
  const errors: Open311Error[] = [];
  const field = (name: string): string | undefined => {
    const value = submission.fields[name]?.trim();
    return value ? value : undefined;
  };
  const attribute = (code: string): string | undefined => {
    const value = submission.attributes[code];
    const text = (Array.isArray(value) ? value[0] : value)?.trim();
    return text ? text : undefined;
  };

  const serviceCode = field('service_code');
  const service = serviceCode ? pack.services.get(serviceCode) : undefined;
  if (!serviceCode) errors.push(bad('service_code was not provided'));
  else if (!service)
    errors.push({ code: 404, description: `service_code ${serviceCode} was not found` });

  const details = field('description') ?? attribute('details');
  if (!details) errors.push(bad('description (or attribute[details]) was not provided'));
  else if (details.length > MAX_DESCRIPTION) {
    errors.push(bad(`description must be at most ${MAX_DESCRIPTION} characters`));
  }

  const type = attribute('case_type') ?? 'request';
  if (!(CASE_TYPES as readonly string[]).includes(type)) {
    errors.push(bad(`attribute[case_type] must be one of ${CASE_TYPES.join(', ')}`));
  }

  // Location: lat & long together, or address_string, or address_id (spec), or a postcode.
  const lat = field('lat');
  const long = field('long');
  let coordinates: { lat: number; lng: number } | undefined;
  if (lat !== undefined || long !== undefined) {
    const la = lat !== undefined && COORDINATE.test(lat) ? Number(lat) : NaN;
    const lo = long !== undefined && COORDINATE.test(long) ? Number(long) : NaN;
    if (lat === undefined || long === undefined)
      errors.push(bad('lat and long must be sent together'));
    else if (!(la >= -90 && la <= 90)) errors.push(bad('lat must be a number from -90 to 90'));
    else if (!(lo >= -180 && lo <= 180)) errors.push(bad('long must be a number from -180 to 180'));
    else coordinates = { lat: la, lng: lo };
  }
  const addressString = field('address_string');
  const addressId = field('address_id');
  const address = addressString ?? (addressId ? `address id ${addressId}` : undefined);
  if (address && address.length > 300)
    errors.push(bad('address_string must be at most 300 characters'));
  const postcodeGiven = attribute('postcode');
  let postcode: string | undefined;
  if (postcodeGiven) {
    const match = UK_POSTCODE.exec(postcodeGiven);
    if (!match || match[0].length !== postcodeGiven.length) {
      errors.push(bad('attribute[postcode] must be a UK postcode'));
    } else postcode = postcodeGiven.toUpperCase();
  } else if (addressString) {
    postcode = UK_POSTCODE.exec(addressString)?.[1]?.toUpperCase();
  }
  if (!coordinates && !address && !postcodeGiven && lat === undefined && long === undefined) {
    errors.push(bad('a location was not provided: send lat & long, address_string or address_id'));
  }

  const email = field('email');
  if (email && (email.length > 200 || !EMAIL.test(email)))
    errors.push(bad('email is not an email address'));
  const phone = field('phone');
  if (phone && !PHONE.test(phone)) errors.push(bad('phone is not a phone number'));
  const name = [field('first_name'), field('last_name')].filter(Boolean).join(' ');
  if (name.length > 120)
    errors.push(bad('first_name and last_name must be at most 120 characters together'));

  const mediaUrl = field('media_url');
  if (mediaUrl && !/^https?:\/\/\S+$/.test(mediaUrl)) errors.push(bad('media_url is not a URL'));

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
  const checked = caseOpenInput.safeParse({
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
  if (!checked.success) {
    return {
      ok: false,
      errors: checked.error.issues.map((issue) =>
        bad(`${issue.path.join('.') || 'request'} ${issue.message}`),
      ),
    };
  }
  return { ok: true, input: checked.data };
}
