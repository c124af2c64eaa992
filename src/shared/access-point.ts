import { z } from 'zod';

export const ACCESS_POINT_KINDS = [
  'library',
  'clinic',
  'post-office',
  'council-office',
  'charity-shop',
  'mobile-library',
  'kiosk',
] as const;

export const accessPoint = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{2,64}$/),
  name: z.string().min(1).max(200),
  kind: z.enum(ACCESS_POINT_KINDS),
  partnerId: z.string().min(1).max(64),
  address: z.string().max(500),
  /** The staffed access point whose devices hear this one's calls for help (a kiosk's host). */
  helpFrom: z
    .string()
    .regex(/^[a-z0-9-]{2,64}$/)
    .optional(),
});
export type AccessPoint = z.infer<typeof accessPoint>;

/**
 * The entry devices are enrolled to, from the pack's fuller description of the place (a
 * PackAccessPoint: typed by the fields read here, as the pack's schema builds on this file).
 */
export function directoryEntryOf(
  ap: Omit<AccessPoint, 'address'> & { address: { line1: string; town: string; postcode: string } },
): AccessPoint {
  return {
    id: ap.id,
    name: ap.name,
    kind: ap.kind,
    partnerId: ap.partnerId,
    address: `${ap.address.line1}, ${ap.address.town} ${ap.address.postcode}`,
    ...(ap.helpFrom ? { helpFrom: ap.helpFrom } : {}),
  };
}
