// Where a directory search is: a postcode (full, "EB1 3GH", or its district, "EB1") or a
// point, and the service areas and distances the /hsds lists filter and sort by.
//
// AnyDoor holds no postcode gazetteer, and the hub reaches no postcode service. A postcode's
// point is worked out from the places the directory itself knows: a place at that very
// postcode, else the middle of the places in its district ("EB1"), else in its area ("EB").
// That is exact for the directory's own postcodes and close enough for "near me" elsewhere in
// its area; a postcode in none of them has no point, and proximity search then says so.
import { normalisePostcode } from '../../../shared/customer.ts';
import type { HsdsLocation, HsdsService } from './hsds-types.ts';

export interface Point {
  lat: number;
  long: number;
}

/** "EB1 3GH" → "EB1 3GH"; "eb1" → "EB1"; null when neither a postcode nor a district. */
export function searchPostcode(typed: string): string | null {
  const full = normalisePostcode(typed);
  if (full) return full;
  const district = typed.toUpperCase().replace(/\s+/g, '');
  return /^[A-Z]{1,2}\d[A-Z\d]?$/.test(district) ? district : null;
}

const outward = (postcode: string) => postcode.split(' ')[0] ?? '';
const areaLetters = (postcode: string) => /^[A-Z]+/.exec(postcode)?.[0] ?? '';

/** Matched as case routing matches byArea: a district exactly, or an area's letters. */
export function inPrefixes(postcode: string, prefixes: readonly string[]): boolean {
  const district = outward(postcode);
  return prefixes.some(
    (prefix) => district === prefix || (district.startsWith(prefix) && !/\d/.test(prefix)),
  );
}

/** Whether a service is available at a postcode: it has no areas, or one covers it. */
export function serviceCovers(service: HsdsService, postcode: string): boolean {
  const areas = service.service_areas ?? [];
  return areas.length === 0 || areas.some((a) => inPrefixes(postcode, a.extent.split(/\s+/)));
}

export function pointOf(location: HsdsLocation | undefined): Point | undefined {
  return location?.latitude !== undefined && location.longitude !== undefined
    ? { lat: location.latitude, long: location.longitude }
    : undefined;
}

/** A postcode's point from the directory's own places (see the top of this file). */
export function postcodePoint(
  locations: readonly HsdsLocation[],
  postcode: string,
): Point | undefined {
  const placed = locations.flatMap((l) => {
    const point = pointOf(l);
    const code = normalisePostcode(l.addresses[0]?.postal_code);
    return point && code ? [{ point, code }] : [];
  });
  const tiers = [
    (code: string) => code === postcode,
    (code: string) => outward(code) === outward(postcode),
    (code: string) => areaLetters(code) === areaLetters(postcode),
  ];
  for (const matches of tiers) {
    const points = placed.filter((p) => matches(p.code)).map((p) => p.point);
    if (points.length > 0) {
      return {
        lat: points.reduce((sum, p) => sum + p.lat, 0) / points.length,
        long: points.reduce((sum, p) => sum + p.long, 0) / points.length,
      };
    }
  }
  return undefined;
}

/** Great-circle distance in metres (haversine; plenty for a county). */
export function distanceMetres(a: Point, b: Point): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLong = rad(b.long - a.long);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLong / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}
