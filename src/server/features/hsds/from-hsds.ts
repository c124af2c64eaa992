// An HSDS 3.0 dataset (the layout of hsds-files.ts, or another publisher's) as a franchise pack
// to review and publish: organizations → partners with one team, services → services delivered
// by that team, locations → access points. HSDS carries less than a pack (no teams, commitments,
// process maps or translations), so what is missing gets a plain default and what cannot be
// represented is reported as a warning rather than guessed. Pure: the caller reads the files
// and runs validatePack() on the result.
import { ACCESS_POINT_KINDS } from '../../../shared/access-point.ts';
import { CHANNELS, type Channel } from '../../../shared/channels.ts';
import type { LocalText } from '../../../shared/pack/local-text.ts';
import {
  PARTNER_KINDS,
  TIERS,
  type PackAccessPoint,
  type PackContent,
  type Partner,
  type Service,
  type Tier,
} from '../../../shared/pack/schema.ts';
import type { HsdsInput } from './hsds-files.ts';
import {
  CHANNEL_PHRASES,
  FACILITY_LABELS,
  lgslFromUri,
  TAXONOMIES,
  TAXONOMY_KEYS,
  type Facility,
  type TaxonomyKey,
} from './hsds-vocabulary.ts';
import { openingHoursOf } from './schedules.ts';

export interface FromHsdsResult {
  pack: PackContent;
  warnings: string[];
}

/** Imported services are delivered by this team of their partner until the franchisor says. */
export const DEFAULT_TEAM = { id: 'general', name: { en: 'General' } };
const DEFAULT_TIER: Tier = 1;
const DEFAULT_ACCESS_POINT_KIND = 'council-office';
const MAX_TEXT = 20_000;
const POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})\b/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

type Json = Record<string, unknown>;
interface Term {
  key: TaxonomyKey;
  code: string;
  name: string;
  termId: string;
}

const TAXONOMY_BY_ID = new Map(TAXONOMY_KEYS.map((key) => [TAXONOMIES[key].id, key]));
const TAXONOMY_BY_NAME = new Map(
  TAXONOMY_KEYS.map((key) => [TAXONOMIES[key].name.toLowerCase(), key]),
);
const FACILITY_BY_LABEL = new Map(
  Object.entries(FACILITY_LABELS).map(([f, label]) => [label.toLowerCase(), f as Facility]),
);

export function fromHsds(input: HsdsInput): FromHsdsResult {
  const warnings: string[] = [];
  const graph = collect(input);
  const classify = termClassifier(graph);

  // Topics and life events: every term of those taxonomies, keyed by HSDS term id.
  const topics: PackContent['topics'] = [];
  const lifeEvents: PackContent['lifeEvents'] = [];
  const browseIds = new Map<string, string>();
  const usedBrowse = { topics: new Set<string>(), 'life-events': new Set<string>() };
  const browseId = (term: Term): string | undefined => {
    if (term.key !== 'topics' && term.key !== 'life-events') return undefined;
    const known = browseIds.get(term.termId);
    if (known) return known;
    const used = usedBrowse[term.key];
    const id =
      SLUG.test(term.code) && !used.has(term.code)
        ? term.code
        : uniqueSlug(term.name, used, 'topic');
    used.add(id);
    browseIds.set(term.termId, id);
    (term.key === 'topics' ? topics : lifeEvents).push({ id, name: text(term.name) });
    return id;
  };
  for (const term of graph.terms.values()) {
    const classified = classify({ taxonomy_term: term });
    if (classified) browseId(classified);
  }

  const partners: Partner[] = [];
  const partnerIds = new Map<string, string>();
  const usedPartners = new Set<string>();
  let unassigned: string | undefined;
  const fallbackPartner = (what: string): string => {
    warnings.push(`${what} names no known organization; it goes to "Unassigned organisation".`);
    if (!unassigned) {
      unassigned = uniqueSlug('unassigned-organisation', usedPartners, 'unassigned');
      partners.push({
        id: unassigned,
        name: text('Unassigned organisation'),
        kind: 'other',
        teams: [DEFAULT_TEAM],
      });
    }
    return unassigned;
  };
  for (const [hsdsId, org] of graph.organizations) {
    const name = str(org, 'name');
    if (!name) {
      warnings.push(`organization ${hsdsId} has no name; skipped.`);
      continue;
    }
    const id = uniqueSlug(name, usedPartners, 'organisation');
    partnerIds.set(hsdsId, id);
    const kind = codeIn(classifyAll(org, classify), 'partner-kinds', PARTNER_KINDS) ?? 'other';
    const website = httpsUrl(str(org, 'website'));
    const phone = firstPhone(org);
    partners.push({
      id,
      name: text(name),
      kind,
      ...(website ? { website } : {}),
      ...(phone ? { phone } : {}),
      teams: [DEFAULT_TEAM],
    });
  }

  const services: Service[] = [];
  const serviceIds = new Map<string, string>();
  const usedServices = new Set<string>();
  for (const s of graph.services) {
    const name = str(s, 'name');
    const status = str(s, 'status');
    if (!name) {
      warnings.push(`service ${str(s, 'id') ?? '?'} has no name; skipped.`);
      continue;
    }
    if (status === 'inactive' || status === 'defunct') {
      warnings.push(`service "${name}" is ${status}; skipped.`);
      continue;
    }
    const hsdsId = str(s, 'id') ?? name;
    const id = uniqueSlug(name, usedServices, 'service');
    serviceIds.set(hsdsId, id);
    const terms = classifyAll(s, classify);
    const lgsl = Number(terms.find((t) => t.key === 'lgsl')?.code);
    const tier = Number(terms.find((t) => t.key === 'tiers')?.code);
    const partnerId =
      partnerIds.get(str(s, 'organization_id') ?? '') ?? fallbackPartner(`service "${name}"`);
    const url = httpsUrl(str(s, 'url'));
    const phone = firstPhone(s);
    const eligibility = str(s, 'eligibility_description');
    const fees = str(s, 'fees_description');
    services.push({
      id,
      ...(Number.isInteger(lgsl) && lgsl > 0 ? { lgsl } : {}),
      name: text(name),
      description: text(str(s, 'description') ?? name),
      delivery: { default: { partnerId, teamId: DEFAULT_TEAM.id } },
      tier: (TIERS as readonly number[]).includes(tier) ? (tier as Tier) : DEFAULT_TIER,
      channels: channelsOf(s, phone, url, graph.offeredAt.has(hsdsId)),
      ...(eligibility ? { eligibility: text(eligibility) } : {}),
      documents: objects(s.required_documents).flatMap((d) => {
        const document = str(d, 'document');
        return document ? [text(document)] : [];
      }),
      ...(fees ? { fees: text(fees) } : {}),
      keywords: {},
      topics: unique(terms.flatMap((t) => (t.key === 'topics' ? (browseId(t) ?? []) : []))),
      lifeEvents: unique(
        terms.flatMap((t) => (t.key === 'life-events' ? (browseId(t) ?? []) : [])),
      ),
      ...(url ? { selfServiceUrl: url } : {}),
      ...(phone ? { phone } : {}),
    });
  }

  const accessPoints: PackAccessPoint[] = [];
  const usedAccessPoints = new Set<string>();
  for (const [hsdsId, loc] of graph.locations) {
    const name = str(loc, 'name');
    const label = `location "${name ?? hsdsId}"`;
    if (str(loc, 'location_type') === 'virtual') {
      warnings.push(`${label} is virtual; only physical places become access points.`);
      continue;
    }
    const address = pickAddress(loc);
    const postcode = address && postcodeOf(address);
    const town = address && (str(address, 'city') ?? str(address, 'region'));
    if (!name || !address || !postcode || !town) {
      warnings.push(`${label} lacks a name, a town or a UK postcode; skipped.`);
      continue;
    }
    const offered = unique(
      (graph.offeredAt.get(hsdsId) ?? []).flatMap((serviceId) => serviceIds.get(serviceId) ?? []),
    );
    const firstService = graph.services.find((s) =>
      (graph.offeredAt.get(hsdsId) ?? []).includes(str(s, 'id') ?? ''),
    );
    const partnerId =
      partnerIds.get(str(loc, 'organization_id') ?? '') ??
      partnerIds.get(str(firstService, 'organization_id') ?? '') ??
      fallbackPartner(label);
    const { openingHours, route, skipped } = openingHoursOf(
      objects(loc.schedules).map((sc) => ({
        freq: str(sc, 'freq'),
        byday: str(sc, 'byday'),
        opens_at: str(sc, 'opens_at'),
        closes_at: str(sc, 'closes_at'),
        description: str(sc, 'description'),
        timezone: num(sc, 'timezone'),
        valid_from: str(sc, 'valid_from'),
      })),
    );
    if (skipped > 0)
      warnings.push(`${label}: ${skipped} schedule(s) are not weekly opening hours; left out.`);
    const kind =
      codeIn(classifyAll(loc, classify), 'access-point-kinds', ACCESS_POINT_KINDS) ??
      (route.length > 0 ? 'mobile-library' : DEFAULT_ACCESS_POINT_KIND);
    const lat = num(loc, 'latitude');
    const lng = num(loc, 'longitude');
    const phone = firstPhone(loc);
    const description = str(loc, 'description');
    accessPoints.push({
      id: uniqueSlug(name, usedAccessPoints, 'access-point'),
      name: name.slice(0, 200),
      kind,
      partnerId,
      address: {
        line1: (
          [str(address, 'address_1'), str(address, 'address_2')].filter(Boolean).join(', ') || name
        ).slice(0, 200),
        town: town.slice(0, 100),
        postcode,
      },
      ...(lat !== undefined && lng !== undefined && Math.abs(lat) <= 90 && Math.abs(lng) <= 180
        ? { location: { lat, lng } }
        : {}),
      ...(phone ? { phone } : {}),
      openingHours,
      ...(route.length > 0 ? { route } : {}),
      facilities: unique(
        objects(loc.accessibility).flatMap(
          (a) => FACILITY_BY_LABEL.get(str(a, 'description')?.toLowerCase() ?? '') ?? [],
        ),
      ),
      faceToFaceServiceIds: offered,
      ...(description ? { description: text(description) } : {}),
    });
  }

  return {
    pack: {
      partners,
      lifeEvents,
      topics,
      services,
      commitments: [],
      processMaps: [],
      training: [],
      accessPoints,
      standards: [],
    },
    warnings,
  };
}

/** Every object of the dataset by id, including those nested in API-style full objects. */
function collect(input: HsdsInput) {
  const organizations = new Map<string, Json>();
  const locations = new Map<string, Json>();
  const taxonomies = new Map<string, Json>();
  const terms = new Map<string, Json>();
  /** Service HSDS id → location HSDS ids, and the reverse. */
  const offeredAt = new Map<string, string[]>();
  const put = (map: Map<string, Json>, o: Json | undefined) => {
    const id = str(o, 'id');
    if (o && id && !map.has(id)) map.set(id, o);
  };
  const link = (serviceId: string | undefined, sal: Json) => {
    const locationId = str(sal, 'location_id') ?? str(asObject(sal.location), 'id');
    put(locations, asObject(sal.location));
    if (!serviceId || !locationId) return;
    for (const [from, to] of [
      [serviceId, locationId],
      [locationId, serviceId],
    ] as const) {
      const list = offeredAt.get(from) ?? [];
      if (!list.includes(to)) offeredAt.set(from, [...list, to]);
    }
  };
  objects(input.organizations).forEach((o) => put(organizations, o));
  objects(input.locations).forEach((l) => put(locations, l));
  objects(input.taxonomies).forEach((t) => put(taxonomies, t));
  objects(input.taxonomy_terms).forEach((t) => put(terms, t));
  const services = objects(input.services);
  for (const s of services) {
    put(organizations, asObject(s.organization));
    objects(s.service_at_locations).forEach((sal) => link(str(s, 'id'), sal));
  }
  objects(input.service_at_locations).forEach((sal) => link(str(sal, 'service_id'), sal));
  for (const org of organizations.values())
    objects(org.locations).forEach((l) => put(locations, l));
  return { organizations, locations, taxonomies, terms, services, offeredAt };
}

/** Which of AnyDoor's taxonomies an attribute's term belongs to, if any. */
function termClassifier(graph: ReturnType<typeof collect>) {
  return (attribute: Json): Term | undefined => {
    const termId =
      str(attribute, 'taxonomy_term_id') ?? str(asObject(attribute.taxonomy_term), 'id');
    const term = asObject(attribute.taxonomy_term) ?? graph.terms.get(termId ?? '');
    if (!term || !termId) return undefined;
    const name = str(term, 'name') ?? str(term, 'code') ?? termId;
    const lgsl = lgslFromUri(str(term, 'term_uri') ?? '');
    if (lgsl) return { key: 'lgsl', code: String(lgsl), name, termId };
    const taxonomyId = str(term, 'taxonomy_id') ?? '';
    const taxonomy = graph.taxonomies.get(taxonomyId) ?? asObject(term.taxonomy_detail);
    const taxonomyName = (str(taxonomy, 'name') ?? str(term, 'taxonomy') ?? '').toLowerCase();
    const key = TAXONOMY_BY_ID.get(taxonomyId) ?? TAXONOMY_BY_NAME.get(taxonomyName);
    const code = str(term, 'code') ?? name;
    return key ? { key, code, name, termId } : undefined;
  };
}

function classifyAll(o: Json, classify: (attribute: Json) => Term | undefined): Term[] {
  return objects(o.attributes).flatMap((a) => classify(a) ?? []);
}

function codeIn<T extends string>(
  terms: Term[],
  key: TaxonomyKey,
  codes: readonly T[],
): T | undefined {
  return terms
    .map((t) => (t.key === key ? t.code : ''))
    .find((c): c is T => (codes as readonly string[]).includes(c));
}

/**
 * The channels a service is used through: the phrases our export writes into
 * application_process, in the order written; otherwise what the record shows (a web address,
 * a phone number, places it is offered at). Face to face is the fallback: any door can help.
 */
function channelsOf(
  s: Json,
  phone: string | undefined,
  url: string | undefined,
  offered: boolean,
): Channel[] {
  const process = (str(s, 'application_process') ?? '').toLowerCase();
  const written = CHANNELS.filter((c) => process.includes(CHANNEL_PHRASES[c].toLowerCase())).sort(
    (a, b) =>
      process.indexOf(CHANNEL_PHRASES[a].toLowerCase()) -
      process.indexOf(CHANNEL_PHRASES[b].toLowerCase()),
  );
  if (written.length > 0) return written;
  const seen: Channel[] = [
    ...(url ? (['web'] as const) : []),
    ...(phone ? (['phone'] as const) : []),
    ...(offered ? (['face-to-face'] as const) : []),
    ...(str(s, 'email') ? (['email'] as const) : []),
  ];
  return seen.length > 0 ? seen : ['face-to-face'];
}

function pickAddress(loc: Json): Json | undefined {
  const addresses = objects(loc.addresses);
  return addresses.find((a) => str(a, 'address_type') === 'physical') ?? addresses[0];
}

/** The UK postcode of an address, normalised to "NM1 2AB": from postal_code, else any line. */
function postcodeOf(address: Json): string | undefined {
  for (const field of ['postal_code', 'address_1', 'address_2', 'city']) {
    const match = POSTCODE.exec((str(address, field) ?? '').toUpperCase());
    if (match) return `${match[1]} ${match[2]}`;
  }
  return undefined;
}

function firstPhone(o: Json): string | undefined {
  return objects(o.phones)
    .map((p) => str(p, 'number'))
    .find((n): n is string => n !== undefined && n.length <= 40);
}

function httpsUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value).protocol === 'https:' ? value : undefined;
  } catch {
    return undefined;
  }
}

function text(value: string): LocalText {
  return { en: value.trim().slice(0, MAX_TEXT) };
}

function slugify(value: string, fallback: string): string {
  const slug = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 72)
    .replace(/-+$/, '');
  return slug || fallback;
}

/** A slug for `value` not yet in `used` (adding -2, -3 …), recorded as used. */
function uniqueSlug(value: string, used: Set<string>, fallback: string): string {
  const base = slugify(value, fallback);
  let slug = base;
  for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
  used.add(slug);
  return slug;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

function objects(value: unknown): Json[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v: unknown): Json[] => {
    const o = asObject(v);
    return o ? [o] : [];
  });
}

function str(o: Json | undefined, key: string): string | undefined {
  const value = o?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function num(o: Json, key: string): number | undefined {
  const value = o[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
