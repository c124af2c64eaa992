// The words AnyDoor and HSDS share: the taxonomies services, locations and organisations are
// classified by, and the English labels for pack codes that HSDS only holds as free text
// (channels, facilities). to-hsds.ts writes them and from-hsds.ts reads them back, so both
// directions use this one table.
import type { ACCESS_POINT_KINDS } from '../../../shared/access-point.ts';
import type { Channel } from '../../../shared/channels.ts';
import type { FACILITIES, PARTNER_KINDS, Tier } from '../../../shared/pack/schema.ts';
import { hsdsId } from './hsds-ids.ts';
import type { HsdsTaxonomy, HsdsTaxonomyTerm } from './hsds-types.ts';

type AccessPointKind = (typeof ACCESS_POINT_KINDS)[number];
type PartnerKind = (typeof PARTNER_KINDS)[number];
type Facility = (typeof FACILITIES)[number];

export const TAXONOMY_KEYS = [
  'topics',
  'life-events',
  'tiers',
  'lgsl',
  'access-point-kinds',
  'partner-kinds',
  'ratings',
  'offers',
] as const;
export type TaxonomyKey = (typeof TAXONOMY_KEYS)[number];

/** The HSDS attribute link_type each taxonomy's terms are attached with. */
export const LINK_TYPES: Record<TaxonomyKey, string> = {
  topics: 'topic',
  'life-events': 'life_event',
  tiers: 'service_tier',
  lgsl: 'service_type',
  'access-point-kinds': 'location_type',
  'partner-kinds': 'organization_type',
  ratings: 'citizen_rating',
  offers: 'location_offer',
};

const LGSL_URI = 'https://standards.esd.org.uk/?uri=list%2FenglishAndWelshServices';

export const TAXONOMIES: Record<TaxonomyKey, HsdsTaxonomy> = {
  topics: taxonomy(
    'topics',
    'AnyDoor topics',
    'What a service is about: the topics citizens browse the directory by.',
  ),
  'life-events': taxonomy(
    'life-events',
    'AnyDoor life events',
    'Moments in life that bring people to several services at once, such as moving home.',
  ),
  tiers: taxonomy(
    'tiers',
    'AnyDoor service tiers',
    'How much help a service needs, from tier 0 (pure self-service) to tier 3 (personal, ongoing). Cost rises steeply from each tier to the next.',
  ),
  lgsl: {
    ...taxonomy(
      'lgsl',
      'LGSL',
      'Local Government Service List: the standard list of English and Welsh council services, maintained by the LGA (esd standards). Shared ids let records match other councils’ systems.',
    ),
    uri: LGSL_URI,
  },
  'access-point-kinds': taxonomy(
    'access-point-kinds',
    'AnyDoor access point kinds',
    'The kinds of place where AnyDoor staff, volunteers or kiosks serve citizens.',
  ),
  'partner-kinds': taxonomy(
    'partner-kinds',
    'AnyDoor partner kinds',
    'The kinds of public and voluntary organisation that deliver services through AnyDoor.',
  ),
  ratings: taxonomy(
    'ratings',
    'AnyDoor citizen ratings',
    'What citizens think of a service or organisation: the attribute value holds the figure, from published, moderated reviews.',
  ),
  offers: taxonomy(
    'offers',
    'AnyDoor place offers',
    'What a place offers besides the services delivered there (its service_at_locations).',
  ),
};

/**
 * "No wrong door": every AnyDoor access point helps with any service in the directory, but
 * delivers only some. A service_at_location says "delivered here, face to face"; this term on a
 * location says "ask here about anything", so a directory can show both without a service
 * reading as delivered at every library and post office.
 */
export const OFFER_TERMS = {
  'ask-here': {
    name: 'Ask here about any public service',
    description:
      'Staff, volunteers or a kiosk here help with any service in this directory, whichever organisation delivers it: they give the information, start a request and pass it to the team that delivers it. Services delivered here face to face are listed as its service_at_locations.',
  },
} as const;

/** HSDS language objects: ISO 639-1 codes where there is one (ISO 639-3 for BSL). */
export const LANGUAGE_NAMES: Record<string, { code: string; name: string }> = {
  en: { code: 'en', name: 'English' },
  cy: { code: 'cy', name: 'Welsh' },
  pl: { code: 'pl', name: 'Polish' },
  ar: { code: 'ar', name: 'Arabic' },
  'zh-Hans': { code: 'zh', name: 'Chinese (Simplified)' },
  'zh-Hant': { code: 'zh', name: 'Chinese (Traditional)' },
  bsl: { code: 'bfi', name: 'British Sign Language' },
};

/** The rating terms: an attribute with one of these carries its figure in `value`. */
export const RATING_TERMS = {
  average: {
    name: 'Average citizen rating',
    description:
      'The average of the published citizen reviews, from 1 (very poor) to 5 (very good), to one decimal place.',
  },
  count: {
    name: 'Number of citizen reviews',
    description: 'How many citizen reviews have been published after moderation.',
  },
} as const;

function taxonomy(key: TaxonomyKey, name: string, description: string): HsdsTaxonomy {
  return { id: hsdsId('taxonomy', key), name, description };
}

/** A term of one of AnyDoor's taxonomies; its id depends only on the taxonomy and code. */
export function taxonomyTerm(
  key: TaxonomyKey,
  code: string,
  name: string,
  description: string = name,
): HsdsTaxonomyTerm {
  return {
    id: hsdsId('taxonomy_term', `${key}/${code}`),
    code,
    name,
    description,
    taxonomy_id: TAXONOMIES[key].id,
    language: 'en',
    ...(key === 'lgsl' ? { taxonomy: 'LGSL', term_uri: lgslUri(Number(code)) } : {}),
  };
}

/** The LGA's linked-data URI of an LGSL service, the form other councils' systems use. */
export function lgslUri(lgsl: number): string {
  return `http://id.esd.org.uk/service/${lgsl}`;
}

/** Reads an LGSL id back from a term URI written by lgslUri() or by another system. */
export function lgslFromUri(uri: string): number | undefined {
  const match = /id\.esd\.org\.uk\/service\/(\d+)\/?$/.exec(uri);
  return match ? Number(match[1]) : undefined;
}

// The four tiers of service (a service's `tier` in the pack, 0–3), from self-service to an
// ongoing relationship with a named professional, as HSDS taxonomy terms.
export const TIER_TERMS: Record<Tier, { name: string; description: string }> = {
  0: { name: 'Tier 0: self-service', description: 'The citizen needs no one.' },
  1: {
    name: 'Tier 1: routine transaction',
    description: 'Routine requests and payments; the citizen wants efficiency.',
  },
  2: {
    name: 'Tier 2: needs judgement',
    description: 'Needs some professional judgement to pick the right course.',
  },
  3: {
    name: 'Tier 3: personal, ongoing',
    description: 'Every case differs; an ongoing relationship with a named professional.',
  },
};

export const ACCESS_POINT_KIND_LABELS: Record<AccessPointKind, string> = {
  library: 'Library',
  clinic: 'Clinic or surgery',
  'post-office': 'Post office',
  'council-office': 'Council office',
  'charity-shop': 'Charity shop or advice drop-in',
  'mobile-library': 'Mobile library',
  kiosk: 'Self-service kiosk',
};

export const PARTNER_KIND_LABELS: Record<PartnerKind, string> = {
  'county-council': 'County council',
  'district-council': 'District or borough council',
  'parish-council': 'Parish or town council',
  nhs: 'NHS organisation',
  police: 'Police force',
  fire: 'Fire and rescue service',
  voluntary: 'Voluntary organisation',
  other: 'Public service partner',
};

/** HSDS 3.0 has no facilities object; accessibility is the nearest, so each becomes one. */
export const FACILITY_LABELS: Record<Facility, string> = {
  'step-free': 'Step-free access',
  'hearing-loop': 'Hearing loop',
  'accessible-toilet': 'Accessible toilet',
  parking: 'Parking',
  'baby-change': 'Baby changing facilities',
  'large-print': 'Large print materials',
  'quiet-room': 'Quiet room for private conversations',
  'wheelchair-available': 'Wheelchair available to borrow',
  'public-wifi': 'Free public wifi',
  'bsl-video': 'British Sign Language video interpreting',
};

/** How application_process names each channel; the import looks for the same phrases. */
export const CHANNEL_PHRASES: Record<Channel, string> = {
  web: 'online',
  phone: 'by phone',
  'face-to-face': 'face to face at an AnyDoor access point',
  kiosk: 'at a self-service kiosk',
  email: 'by email',
  letter: 'by letter',
  sms: 'by text message',
};

export type { AccessPointKind, Facility, PartnerKind };
