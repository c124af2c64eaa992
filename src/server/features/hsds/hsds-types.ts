// The HSDS 3.0 objects AnyDoor emits, limited to the fields it fills. These types only help the
// compiler; the official JSON Schemas in ./schema are the authority, and the tests validate
// every emitted object against them.

export interface HsdsPhone {
  id: string;
  organization_id?: string;
  service_id?: string;
  location_id?: string;
  number: string;
  type?: string;
}

export interface HsdsTaxonomy {
  id: string;
  name: string;
  description: string;
  uri?: string;
  version?: string;
}

export interface HsdsTaxonomyTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  taxonomy_id: string;
  /** Free text naming an established taxonomy (set for LGSL). */
  taxonomy?: string;
  language?: string;
  term_uri?: string;
}

export interface HsdsAttribute {
  id: string;
  link_id: string;
  link_type: string;
  link_entity: string;
  taxonomy_term_id: string;
  value?: string;
  taxonomy_term?: HsdsTaxonomyTerm;
}

export interface HsdsOrganization {
  id: string;
  name: string;
  description: string;
  website?: string;
  phones?: HsdsPhone[];
  attributes?: HsdsAttribute[];
}

export interface HsdsServiceArea {
  id: string;
  service_id: string;
  name: string;
  description: string;
  /** Postcode districts or areas, space-separated (extent_type "text"). */
  extent: string;
  extent_type: 'text';
}

export interface HsdsLanguage {
  id: string;
  service_id?: string;
  location_id?: string;
  name: string;
  /** ISO 639-1 where there is one, else ISO 639-3 (BSL: "bfi"). */
  code: string;
  note?: string;
}

export interface HsdsRequiredDocument {
  id: string;
  service_id: string;
  document: string;
}

export interface HsdsService {
  id: string;
  organization_id: string;
  name: string;
  description: string;
  url?: string;
  status: 'active' | 'inactive' | 'defunct' | 'temporarily closed';
  application_process?: string;
  eligibility_description?: string;
  fees_description?: string;
  last_modified?: string;
  phones?: HsdsPhone[];
  service_areas?: HsdsServiceArea[];
  languages?: HsdsLanguage[];
  required_documents?: HsdsRequiredDocument[];
  attributes?: HsdsAttribute[];
}

export interface HsdsAddress {
  id: string;
  location_id: string;
  address_1: string;
  city: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical' | 'postal' | 'virtual';
}

export interface HsdsSchedule {
  id: string;
  location_id?: string;
  freq: 'WEEKLY' | 'MONTHLY';
  byday: string;
  /** The dates (inclusive) this schedule holds for: one UK clock period (see schedules.ts). */
  valid_from?: string;
  valid_to?: string;
  /** Hours ahead of UTC in that period. */
  timezone?: number;
  /** "09:00Z", "09:00+01:00". */
  opens_at: string;
  closes_at: string;
  description?: string;
  notes?: string;
}

export interface HsdsAccessibility {
  id: string;
  location_id: string;
  description: string;
}

export interface HsdsLocation {
  id: string;
  location_type: 'physical' | 'postal' | 'virtual';
  organization_id: string;
  name: string;
  description?: string;
  latitude?: number;
  longitude?: number;
  addresses: HsdsAddress[];
  phones?: HsdsPhone[];
  languages?: HsdsLanguage[];
  schedules: HsdsSchedule[];
  accessibility: HsdsAccessibility[];
  attributes: HsdsAttribute[];
}

export interface HsdsServiceAtLocation {
  id: string;
  service_id: string;
  location_id: string;
  description?: string;
}

/**
 * A whole directory in HSDS form, one array per file of the export. Each object carries the
 * children only it owns (a service its phones, documents and attributes); links between
 * objects are ids, which the API nests on request (see hsds-views.ts).
 */
export interface HsdsDataset {
  organizations: HsdsOrganization[];
  services: HsdsService[];
  locations: HsdsLocation[];
  service_at_locations: HsdsServiceAtLocation[];
  taxonomies: HsdsTaxonomy[];
  taxonomy_terms: HsdsTaxonomyTerm[];
}
