// The wire and storage shapes of staff records and the staff API (see staff.ts for the rest).
import { z } from 'zod';
import { slug } from './pack/schema.ts';
import { freeText } from './text.ts';
import {
  isPrivileged,
  ROLES,
  SECRET_MAX_LENGTH,
  secretPattern,
  wellFormedSecret,
  type PinHash,
  type StaffMember,
} from './staff.ts';

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
  /** Null for a privileged person: their verifier stays on the hub (isPrivileged in staff.ts). */
  pin: pinHash.nullable(),
});

/** A PIN, or a privileged person's longer secret; which one a person needs is checked later. */
const secret = z.string().max(SECRET_MAX_LENGTH).refine(wellFormedSecret, {
  message: 'must be a PIN of 6 to 8 digits, or a passphrase of 10 to 64 characters',
});

/** POST /api/staff/sessions: a person on an enrolled device asks the hub for a session. */
export const staffSessionRequest = z.strictObject({
  staffId: slug,
  pin: secret,
});

/** POST /api/staff: add or change a person (managers, for their own partner only). */
export const staffInput = z
  .strictObject({
    id: slug,
    name: freeText(1, 80),
    role: z.enum(ROLES),
    partnerId: slug.nullable(),
    teamIds: z.array(slug).max(50).default([]),
    accessPointIds: z.array(slug).min(1).max(100),
    pin: z.string().max(SECRET_MAX_LENGTH),
  })
  // Set or reset, a privileged person's secret is the longer kind (secretPattern in staff.ts).
  .superRefine((input, ctx) => {
    if (secretPattern(input.role).test(input.pin)) return;
    ctx.addIssue({
      code: 'custom',
      path: ['pin'],
      message: isPrivileged(input.role)
        ? `a ${input.role} needs 10 or more digits or a passphrase (10 to 64 characters)`
        : 'must be 6 to 8 digits',
    });
  });
export type StaffInput = z.infer<typeof staffInput>;
