// The published pack as an HSDS 3.0 directory: partners → organizations, services → services,
// access points → locations, face-to-face offers → service_at_locations, and topics, life
// events, tiers, LGSL ids and kinds → taxonomies and terms. Pure: no storage, no clock.
//
// HSDS text fields hold one language and HSDS 3.0 has no field for translations (its
// `language` objects say which languages are spoken at a service, not what its text is in),
// so every text is the pack's English, the fallback language. The `languages` of a service are
// those the pack has its words in (what AnyDoor screens and staff can show a citizen); of a
// place, the six its screens speak, and British Sign Language where it has BSL video.
//
// A service_at_location means "delivered here, face to face": the place's partner is the one
// that delivers the service to the place's postcode. Every other place that can help with it
// is an AnyDoor access point where you can ask about anything ("no wrong door"): the location
// carries the "ask here" offer term instead of one service_at_location per service.
import { PACK_LANGUAGES } from '../../../shared/pack/local-text.ts';
import type { PackContent, PackKind, Partner } from '../../../shared/pack/schema.ts';
import { routeCase } from '../../../shared/routing.ts';
import { hsdsId } from './hsds-ids.ts';
import type {
  HsdsAttribute,
  HsdsDataset,
  HsdsLanguage,
  HsdsLocation,
  HsdsOrganization,
  HsdsService,
  HsdsServiceArea,
  HsdsServiceAtLocation,
  HsdsTaxonomyTerm,
} from './hsds-types.ts';
import {
  ACCESS_POINT_KIND_LABELS,
  CHANNEL_PHRASES,
  FACILITY_LABELS,
  LANGUAGE_NAMES,
  LINK_TYPES,
  OFFER_TERMS,
  PARTNER_KIND_LABELS,
  RATING_TERMS,
  TAXONOMIES,
  TAXONOMY_KEYS,
  TIER_TERMS,
  taxonomyTerm,
  type TaxonomyKey,
} from './hsds-vocabulary.ts';
import { schedulesOf } from './schedules.ts';

/** The pack kinds HSDS has a place for; commitments, process maps and training stay internal. */
export type DirectoryPack = Pick<
  PackContent,
  'partners' | 'topics' | 'lifeEvents' | 'services' | 'accessPoints'
>;

export interface ToHsdsOptions {
  /** When a record last changed (its pack version's publication time), for last_modified. */
  modifiedAt?: (kind: PackKind, id: string) => string | undefined;
  /** Published citizen ratings (review-store.ts), shown as `ratings` attributes with a value. */
  ratings?: readonly {
    targetKind: 'service' | 'partner';
    targetId: string;
    average: number;
    count: number;
  }[];
  /** Which UK clock periods the schedules are written for (see schedules.ts). */
  now?: Date;
}

type Service = DirectoryPack['services'][number];
type AccessPoint = DirectoryPack['accessPoints'][number];
type LinkEntity = 'organization' | 'service' | 'location';

export function toHsds(pack: DirectoryPack, options: ToHsdsOptions = {}): HsdsDataset {
  const terms = new Map<string, HsdsTaxonomyTerm>();
  // Keyed by taxonomy and code; the first name given for a code wins.
  const termOf = (key: TaxonomyKey, code: string, name = code, description = name) => {
    const known = terms.get(`${key}/${code}`);
    if (known) return known;
    const term = taxonomyTerm(key, code, name, description);
    terms.set(`${key}/${code}`, term);
    return term;
  };
  for (const t of pack.topics) termOf('topics', t.id, t.name.en);
  for (const e of pack.lifeEvents) termOf('life-events', e.id, e.name.en);
  for (const [tier, { name, description }] of Object.entries(TIER_TERMS)) {
    termOf('tiers', tier, name, description);
  }
  for (const [kind, label] of Object.entries(ACCESS_POINT_KIND_LABELS)) {
    termOf('access-point-kinds', kind, label);
  }
  for (const [kind, label] of Object.entries(PARTNER_KIND_LABELS)) {
    termOf('partner-kinds', kind, label);
  }
  for (const [code, { name, description }] of Object.entries(RATING_TERMS)) {
    termOf('ratings', code, name, description);
  }
  for (const [code, { name, description }] of Object.entries(OFFER_TERMS)) {
    termOf('offers', code, name, description);
  }
  const now = options.now ?? new Date();
  const partners = new Map(pack.partners.map((p) => [p.id, p]));
  const county = stateProvince(pack.partners);
  const partnerName = (id: string) => partners.get(id)?.name.en ?? id;

  /** An attribute linking a record to a term, with the term nested so each object reads alone. */
  const attribute = (
    entity: LinkEntity,
    recordKey: string,
    linkId: string,
    term: HsdsTaxonomyTerm,
    key: TaxonomyKey,
  ): HsdsAttribute => ({
    id: hsdsId('attribute', `${entity}/${recordKey}/${key}/${term.code}`),
    link_id: linkId,
    link_type: LINK_TYPES[key],
    link_entity: entity,
    taxonomy_term_id: term.id,
    taxonomy_term: term,
  });

  const ratingOf = new Map(options.ratings?.map((r) => [`${r.targetKind}/${r.targetId}`, r]));
  /** A reviewed record's average and count, each an attribute whose value is the figure. */
  const ratingAttributes = (
    entity: 'organization' | 'service',
    recordKey: string,
    linkId: string,
  ): HsdsAttribute[] => {
    const rating = ratingOf.get(`${entity === 'service' ? 'service' : 'partner'}/${recordKey}`);
    if (!rating) return [];
    return [
      {
        ...attribute(entity, recordKey, linkId, termOf('ratings', 'average'), 'ratings'),
        value: rating.average.toFixed(1),
      },
      {
        ...attribute(entity, recordKey, linkId, termOf('ratings', 'count'), 'ratings'),
        value: String(rating.count),
      },
    ];
  };

  // Where each service is delivered face to face: the places whose partner delivers it there.
  const servicesById = new Map(pack.services.map((s) => [s.id, s]));
  const deliveredHere = (serviceId: string, ap: AccessPoint) => {
    const service = servicesById.get(serviceId);
    return !!service && routeCase(service, ap.address.postcode).partnerId === ap.partnerId;
  };
  const offeredAt = new Map<string, AccessPoint[]>();
  for (const ap of pack.accessPoints) {
    for (const serviceId of new Set(ap.faceToFaceServiceIds)) {
      if (!deliveredHere(serviceId, ap)) continue;
      offeredAt.set(serviceId, [...(offeredAt.get(serviceId) ?? []), ap]);
    }
  }
  const serviceCount = new Map<string, number>();
  for (const s of pack.services) {
    const partnerId = s.delivery.default.partnerId;
    serviceCount.set(partnerId, (serviceCount.get(partnerId) ?? 0) + 1);
  }

  const organizations = pack.partners.map((p): HsdsOrganization => {
    const id = hsdsId('organization', p.id);
    const count = serviceCount.get(p.id) ?? 0;
    const label = PARTNER_KIND_LABELS[p.kind];
    return {
      id,
      name: p.name.en,
      // HSDS requires a description and a partner record has none; say what we know.
      description:
        count > 0
          ? `${label} delivering ${count} ${count === 1 ? 'service' : 'services'} listed in this directory.`
          : `${label}.`,
      ...(p.website ? { website: p.website } : {}),
      phones: p.phone
        ? [
            {
              id: hsdsId('phone', `organization/${p.id}`),
              organization_id: id,
              number: p.phone,
              type: 'voice',
            },
          ]
        : [],
      attributes: [
        attribute('organization', p.id, id, termOf('partner-kinds', p.kind), 'partner-kinds'),
        ...ratingAttributes('organization', p.id, id),
      ],
    };
  });

  const services = pack.services.map((s): HsdsService => {
    const id = hsdsId('service', s.id);
    if (s.lgsl !== undefined) termOf('lgsl', String(s.lgsl), s.name.en);
    const classified: [TaxonomyKey, string][] = [
      ['tiers', String(s.tier)],
      ...s.topics.map((t): [TaxonomyKey, string] => ['topics', t]),
      ...s.lifeEvents.map((e): [TaxonomyKey, string] => ['life-events', e]),
      ...(s.lgsl !== undefined ? [['lgsl', String(s.lgsl)] as [TaxonomyKey, string]] : []),
    ];
    const lastModified = latest([
      options.modifiedAt?.('services', s.id),
      options.modifiedAt?.('partners', s.delivery.default.partnerId),
      ...(offeredAt.get(s.id) ?? []).map((ap) => options.modifiedAt?.('accessPoints', ap.id)),
      ...s.topics.map((t) => options.modifiedAt?.('topics', t)),
      ...s.lifeEvents.map((e) => options.modifiedAt?.('lifeEvents', e)),
    ]);
    return {
      id,
      organization_id: hsdsId('organization', s.delivery.default.partnerId),
      name: s.name.en,
      description: s.description.en,
      ...(s.selfServiceUrl ? { url: s.selfServiceUrl } : {}),
      status: 'active',
      application_process: applicationProcess(s),
      ...(s.eligibility ? { eligibility_description: s.eligibility.en } : {}),
      ...(s.fees ? { fees_description: s.fees.en } : {}),
      ...(lastModified ? { last_modified: lastModified } : {}),
      phones: s.phone
        ? [
            {
              id: hsdsId('phone', `service/${s.id}`),
              service_id: id,
              number: s.phone,
              type: 'voice',
            },
          ]
        : [],
      service_areas: serviceAreas(s, id, partners),
      languages: PACK_LANGUAGES.filter((lang) => s.name[lang] || s.description[lang]).map(
        (lang): HsdsLanguage => ({
          id: hsdsId('language', `service/${s.id}/${lang}`),
          service_id: id,
          ...languageName(lang),
        }),
      ),
      required_documents: s.documents.map((d, i) => ({
        id: hsdsId('required_document', `service/${s.id}/${i}`),
        service_id: id,
        document: d.en,
      })),
      attributes: [
        ...classified.map(([key, code]) => attribute('service', s.id, id, termOf(key, code), key)),
        ...ratingAttributes('service', s.id, id),
      ],
    };
  });

  const locations = pack.accessPoints.map((ap): HsdsLocation => {
    const id = hsdsId('location', ap.id);
    return {
      id,
      location_type: 'physical',
      organization_id: hsdsId('organization', ap.partnerId),
      name: ap.name,
      ...(ap.description ? { description: ap.description.en } : {}),
      ...(ap.location ? { latitude: ap.location.lat, longitude: ap.location.lng } : {}),
      addresses: [
        {
          id: hsdsId('address', `location/${ap.id}`),
          location_id: id,
          address_1: ap.address.line1,
          city: ap.address.town,
          // Required by HSDS; in a UK address, the county (as Open Referral UK feeds write it).
          state_province: county,
          postal_code: ap.address.postcode,
          country: 'GB',
          address_type: 'physical',
        },
      ],
      phones: ap.phone
        ? [
            {
              id: hsdsId('phone', `location/${ap.id}`),
              location_id: id,
              number: ap.phone,
              type: 'voice',
            },
          ]
        : [],
      languages: [
        ...PACK_LANGUAGES.map((lang): HsdsLanguage => ({
          id: hsdsId('language', `location/${ap.id}/${lang}`),
          location_id: id,
          ...languageName(lang),
        })),
        ...(ap.facilities.includes('bsl-video')
          ? [
              {
                id: hsdsId('language', `location/${ap.id}/bsl`),
                location_id: id,
                ...languageName('bsl'),
              },
            ]
          : []),
      ],
      schedules: schedulesOf(ap, id, now),
      accessibility: ap.facilities.map((f) => ({
        id: hsdsId('accessibility', `location/${ap.id}/${f}`),
        location_id: id,
        description: FACILITY_LABELS[f],
      })),
      attributes: [
        attribute(
          'location',
          ap.id,
          id,
          termOf('access-point-kinds', ap.kind),
          'access-point-kinds',
        ),
        attribute('location', ap.id, id, termOf('offers', 'ask-here'), 'offers'),
      ],
    };
  });

  const known = new Set(pack.services.map((s) => s.id));
  const serviceAtLocations = pack.accessPoints.flatMap((ap) =>
    [...new Set(ap.faceToFaceServiceIds)]
      .filter((serviceId) => known.has(serviceId) && deliveredHere(serviceId, ap))
      .map((serviceId): HsdsServiceAtLocation => ({
        id: serviceAtLocationId(serviceId, ap.id),
        service_id: hsdsId('service', serviceId),
        location_id: hsdsId('location', ap.id),
        description:
          ap.kind === 'kiosk'
            ? `Available here at a self-service kiosk of ${partnerName(ap.partnerId)}.`
            : `Delivered here, face to face, by ${partnerName(ap.partnerId)}.`,
      })),
  );

  const order = new Map(TAXONOMY_KEYS.map((key, i) => [TAXONOMIES[key].id, i]));
  return {
    organizations,
    services,
    locations,
    service_at_locations: serviceAtLocations,
    taxonomies: TAXONOMY_KEYS.map((key) => TAXONOMIES[key]),
    taxonomy_terms: [...terms.values()].sort(
      (a, b) => (order.get(a.taxonomy_id) ?? 0) - (order.get(b.taxonomy_id) ?? 0),
    ),
  };
}

export function serviceAtLocationId(serviceId: string, accessPointId: string): string {
  return hsdsId('service_at_location', `${serviceId}@${accessPointId}`);
}

function languageName(lang: string): { name: string; code: string } {
  const known = LANGUAGE_NAMES[lang];
  return known ? { name: known.name, code: known.code } : { name: lang, code: lang };
}

/**
 * The county, for state_province: the one county council's name without "County Council"
 * ("Northshire"); England when the directory has none or several.
 */
function stateProvince(partners: readonly Partner[]): string {
  const counties = partners.filter((p) => p.kind === 'county-council');
  const name = counties.length === 1 ? counties[0]?.name.en.replace(/\s*County Council$/i, '') : '';
  return name?.trim() || 'England';
}

/**
 * Where a service is available, when less than the whole directory: the area of the partner
 * that delivers it by default, and each area another partner delivers it in (byArea). A service
 * whose default partner has no area (a county, the NHS) is available everywhere: no areas.
 */
function serviceAreas(
  s: Service,
  serviceId: string,
  partners: ReadonlyMap<string, Partner>,
): HsdsServiceArea[] {
  const home = partners.get(s.delivery.default.partnerId);
  if (!home?.area) return [];
  const delivered = [
    { partner: home, name: home.area.name.en, prefixes: home.area.postcodePrefixes },
    ...(s.delivery.byArea ?? []).map((a) => {
      const partner = partners.get(a.owner.partnerId);
      const same =
        partner?.area &&
        [...partner.area.postcodePrefixes].sort().join() === [...a.postcodePrefixes].sort().join();
      return {
        partner,
        name:
          same && partner.area
            ? partner.area.name.en
            : `Postcodes ${a.postcodePrefixes.join(', ')}`,
        prefixes: a.postcodePrefixes,
      };
    }),
  ];
  return delivered.map(({ partner, name, prefixes }, i) => ({
    id: hsdsId('service_area', `service/${s.id}/${i}`),
    service_id: serviceId,
    name,
    description: `For people living in postcodes starting ${prefixes.join(', ')}${
      partner ? `, delivered by ${partner.name.en}` : ''
    }.`,
    extent: prefixes.join(' '),
    extent_type: 'text',
  }));
}

/** "You can use this service online, by phone or face to face at an AnyDoor access point." */
function applicationProcess(s: Service): string {
  const phrases = s.channels.map((c) => CHANNEL_PHRASES[c]);
  const list =
    phrases.length > 1 ? `${phrases.slice(0, -1).join(', ')} or ${phrases.at(-1)}` : phrases[0];
  return `You can use this service ${list}.`;
}

function latest(times: (string | undefined)[]): string | undefined {
  const ms = times.flatMap((t) => (t ? [Date.parse(t)] : [])).filter((n) => !Number.isNaN(n));
  return ms.length > 0 ? new Date(Math.max(...ms)).toISOString() : undefined;
}
