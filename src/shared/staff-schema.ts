// The wire and storage shapes of staff records and the staff API (see staff.ts for the rest).
import { z } from 'zod';
import { slug } from './pack/schema.ts';
import { freeText } from './text.ts';
import { PIN_PATTERN, ROLES, type PinHash, type StaffMember } from './staff.ts';

export const pinHash: z.ZodType<PinHash> = z.strictObject({
  algorithm: z.literal('PBKDF2-SHA256'),
  iterations: z.number().int().min(100_000).max(10_000_000),
  /** base64 */
  salt: z.string().min(16).max(64),
  /** base64 of 32 bytes */
  hash: z.string().min(40).max(64),
});

/** A person as the devices of their places know them. */
export const staffMember: z.ZodType<StaffMember> = z.strictObject({
  id: slug,
  name: z.string().min(1).max(80),
  role: z.enum(ROLES),
  /** The partner they work for; null for the franchisor's own staff. */
  partnerId: slug.nullable(),
  /** Teams within the partner (back-office officers work a team's queue). */
  teamIds: z.array(slug).default([]),
  accessPointIds: z.array(slug),
  pin: pinHash,
});

/** POST /api/staff/sessions: a person on an enrolled device asks the hub for a session. */
export const staffSessionRequest = z.strictObject({
  staffId: slug,
  pin: z.string().regex(PIN_PATTERN, { message: 'must be 6 to 8 digits' }),
});

export const staffSessionResponse = z.strictObject({
  token: z.string(),
  expiresAt: z.string(),
  staff: z.strictObject({
    id: slug,
    name: z.string(),
    role: z.enum(ROLES),
    partnerId: slug.nullable(),
  }),
});
export type StaffSessionResponse = z.infer<typeof staffSessionResponse>;

/** POST /api/staff: add or change a person (managers, for their own partner only). */
export const staffInput = z.strictObject({
  id: slug,
  name: freeText(1, 80),
  role: z.enum(ROLES),
  partnerId: slug.nullable(),
  teamIds: z.array(slug).max(50).default([]),
  accessPointIds: z.array(slug).min(1).max(100),
  pin: z.string().regex(PIN_PATTERN, { message: 'must be 6 to 8 digits' }),
});
export type StaffInput = z.infer<typeof staffInput>;
