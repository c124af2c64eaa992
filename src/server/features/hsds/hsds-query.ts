// Query parameters of the HSDS read API (openapi.json, components/parameters) and its page
// envelope (components/schemas/Page). Parameters the spec defines but AnyDoor cannot honour
// are refused with a 400 rather than silently ignored, so a client never trusts a wrong answer.
import { z } from 'zod';

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 1000;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const id = z.string().min(1).max(100);

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  per_page: z.coerce.number().int().min(1).max(MAX_PER_PAGE).default(DEFAULT_PER_PAGE),
  search: z.string().max(200).optional(),
  /** ndjson: every match, one object a line, without pagination. */
  format: z.enum(['json', 'ndjson']).default('json'),
});

const serviceFilters = {
  taxonomy_term_id: id.optional(),
  taxonomy_id: id.optional(),
  organization_id: id.optional(),
  modified_after: z.union([z.iso.datetime({ offset: true }), z.iso.date()]).optional(),
  full: flag.default(false),
};

/**
 * Where: `postcode` keeps what is available there (service areas) and, with `proximity`
 * (metres), what is delivered within that distance of it; `lat` and `long` give the point
 * instead (Open Referral UK's form). With a point, results come nearest first.
 */
const placeFilters = {
  postcode: z.string().max(10).optional(),
  proximity: z.coerce.number().positive().max(1_000_000).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  long: z.coerce.number().min(-180).max(180).optional(),
};

interface PlaceQuery {
  postcode?: string | undefined;
  proximity?: number | undefined;
  lat?: number | undefined;
  long?: number | undefined;
}

const placeChecks: [(q: PlaceQuery) => boolean, { message: string; path: string[] }][] = [
  [
    (q) => (q.lat === undefined) === (q.long === undefined),
    { message: 'lat and long go together', path: ['lat'] },
  ],
  [
    (q) => q.proximity === undefined || q.postcode !== undefined || q.lat !== undefined,
    {
      message: 'proximity needs a postcode, or lat and long, to measure from',
      path: ['proximity'],
    },
  ],
];

export const servicesQuery = pageQuery
  .extend({ ...serviceFilters, ...placeFilters, minimal: flag.default(false) })
  .refine(...placeChecks[0]!)
  .refine(...placeChecks[1]!);

export const serviceAtLocationsQuery = pageQuery
  .extend({ ...serviceFilters, ...placeFilters })
  .refine(...placeChecks[0]!)
  .refine(...placeChecks[1]!);

export const organizationsQuery = pageQuery.extend({
  full: flag.default(false),
  full_service: flag.default(false),
});

export const organizationQuery = z.object({ full_service: flag.default(false) });

export const taxonomiesQuery = pageQuery;

export const taxonomyTermsQuery = pageQuery.extend({
  taxonomy_id: id.optional(),
  parent_id: id.optional(),
  top_only: flag.default(false),
});

export interface Page<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

/** One page of `items`; a page past the end is empty, not an error. */
export function paginate<T, R>(
  items: readonly T[],
  query: { page: number; per_page: number },
  view: (item: T) => R,
): Page<R> {
  const totalPages = Math.ceil(items.length / query.per_page);
  const start = (query.page - 1) * query.per_page;
  const contents = items.slice(start, start + query.per_page).map(view);
  return {
    total_items: items.length,
    total_pages: totalPages,
    page_number: query.page,
    size: contents.length,
    first_page: query.page === 1,
    last_page: query.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
