// The shapes the HSDS API returns, built from the dataset's flat objects: list items carry only
// one-to-one fields, detail views nest related objects (a service its organization and its
// locations), as openapi.json describes.
import type { PackContent } from '../../../shared/pack/schema.ts';
import { hsdsId } from './hsds-ids.ts';
import type {
  HsdsDataset,
  HsdsLocation,
  HsdsOrganization,
  HsdsService,
  HsdsServiceAtLocation,
  HsdsTaxonomy,
  HsdsTaxonomyTerm,
} from './hsds-types.ts';

export interface HsdsIndex {
  /** The pack version the dataset was mapped from. */
  version: number;
  dataset: HsdsDataset;
  services: Map<string, HsdsService>;
  organizations: Map<string, HsdsOrganization>;
  locations: Map<string, HsdsLocation>;
  serviceAtLocations: Map<string, HsdsServiceAtLocation>;
  taxonomies: Map<string, HsdsTaxonomy>;
  taxonomyTerms: Map<string, HsdsTaxonomyTerm>;
  salsByService: Map<string, HsdsServiceAtLocation[]>;
  servicesByOrganization: Map<string, HsdsService[]>;
  locationsByOrganization: Map<string, HsdsLocation[]>;
  /** Lower-case text a search matches a service on. */
  serviceText: Map<string, string>;
}

export function indexDataset(
  dataset: HsdsDataset,
  version: number,
  packServices: PackContent['services'] = [],
): HsdsIndex {
  const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((o) => [o.id, o]));
  const groupBy = <T>(list: T[], key: (item: T) => string) => {
    const groups = new Map<string, T[]>();
    for (const item of list) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
    return groups;
  };
  // Search also finds a service by its other-language names and everyday keywords ("bins"),
  // though HSDS shows only the English text.
  const extraWords = new Map(
    packServices.map((s) => [
      hsdsId('service', s.id),
      [...Object.values(s.name), ...Object.values(s.keywords).flat()].join(' '),
    ]),
  );
  return {
    version,
    dataset,
    services: byId(dataset.services),
    organizations: byId(dataset.organizations),
    locations: byId(dataset.locations),
    serviceAtLocations: byId(dataset.service_at_locations),
    taxonomies: byId(dataset.taxonomies),
    taxonomyTerms: byId(dataset.taxonomy_terms),
    salsByService: groupBy(dataset.service_at_locations, (sal) => sal.service_id),
    servicesByOrganization: groupBy(dataset.services, (s) => s.organization_id),
    locationsByOrganization: groupBy(dataset.locations, (l) => l.organization_id),
    serviceText: new Map(
      dataset.services.map((s) => [
        s.id,
        `${s.name} ${s.description} ${extraWords.get(s.id) ?? ''}`.toLowerCase(),
      ]),
    ),
  };
}

/** An object without its arrays and nested objects: what the API's list endpoints return. */
export type OneToOne<T> = {
  [K in keyof T as NonNullable<T[K]> extends object ? never : K]: T[K];
};

export function oneToOne<T extends object>(value: T): OneToOne<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v === null || typeof v !== 'object'),
  ) as OneToOne<T>;
}

/** Every search word appears in the text (case-insensitive). */
export function matchesSearch(text: string, search: string | undefined): boolean {
  if (!search) return true;
  const lower = text.toLowerCase();
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => lower.includes(word));
}

export interface ServiceFilter {
  search?: string | undefined;
  taxonomy_term_id?: string | undefined;
  taxonomy_id?: string | undefined;
  organization_id?: string | undefined;
  /** ISO date or date-time: services whose last_modified is on or after it. */
  modified_after?: string | undefined;
}

export function serviceMatches(index: HsdsIndex, s: HsdsService, filter: ServiceFilter): boolean {
  const terms = (s.attributes ?? []).map((a) => a.taxonomy_term_id);
  const since = filter.modified_after ? Date.parse(filter.modified_after) : undefined;
  return (
    (!filter.organization_id || s.organization_id === filter.organization_id) &&
    (!filter.taxonomy_term_id || terms.includes(filter.taxonomy_term_id)) &&
    (!filter.taxonomy_id ||
      terms.some((t) => index.taxonomyTerms.get(t)?.taxonomy_id === filter.taxonomy_id)) &&
    (since === undefined ||
      (s.last_modified !== undefined && Date.parse(s.last_modified) >= since)) &&
    matchesSearch(index.serviceText.get(s.id) ?? '', filter.search)
  );
}

/** GET /services/{id}: the service with its organization and every location it is offered at. */
export function fullService(index: HsdsIndex, s: HsdsService) {
  return {
    ...serviceWithOrganization(index, s),
    service_at_locations: (index.salsByService.get(s.id) ?? []).map((sal) => ({
      ...sal,
      location: index.locations.get(sal.location_id),
    })),
  };
}

function serviceWithOrganization(index: HsdsIndex, s: HsdsService) {
  const organization = index.organizations.get(s.organization_id);
  return { ...s, ...(organization ? { organization } : {}) };
}

/** GET /organizations/{id}: its own details, its locations and its services. */
export function fullOrganization(index: HsdsIndex, o: HsdsOrganization, fullServices: boolean) {
  const services = index.servicesByOrganization.get(o.id) ?? [];
  return {
    ...o,
    locations: index.locationsByOrganization.get(o.id) ?? [],
    services: services.map((s) => (fullServices ? fullService(index, s) : oneToOne(s))),
  };
}

/** A list item: the link, with the one-to-one fields of the service and the location. */
export function serviceAtLocationItem(index: HsdsIndex, sal: HsdsServiceAtLocation) {
  const service = index.services.get(sal.service_id);
  const location = index.locations.get(sal.location_id);
  return {
    ...sal,
    ...(service ? { service: oneToOne(service) } : {}),
    ...(location ? { location: oneToOne(location) } : {}),
  };
}

/** GET /service_at_locations/{id}: the service (with its organization) and the full location. */
export function fullServiceAtLocation(index: HsdsIndex, sal: HsdsServiceAtLocation) {
  const service = index.services.get(sal.service_id);
  const location = index.locations.get(sal.location_id);
  return {
    ...sal,
    ...(service ? { service: serviceWithOrganization(index, service) } : {}),
    ...(location ? { location } : {}),
  };
}

/** The text a service_at_location search matches: the service's and the place's. */
export function serviceAtLocationText(index: HsdsIndex, sal: HsdsServiceAtLocation): string {
  const location = index.locations.get(sal.location_id);
  const address = location?.addresses[0];
  return [
    index.serviceText.get(sal.service_id) ?? '',
    location?.name ?? '',
    address ? `${address.address_1} ${address.city} ${address.postal_code}` : '',
  ].join(' ');
}
