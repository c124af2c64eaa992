// The studio's people requests (invite, edit, move, reset a PIN), checked the same way by the
// screen and the hub. Which secret a role needs is secretPattern in staff.ts; a secret left
// out is made by the hub and shown once.
import { z } from 'zod';
import { slug } from './pack/schema.ts';
import { isPrivileged, ROLES, SECRET_MAX_LENGTH, secretPattern, type Role } from './staff.ts';
import { freeText } from './text.ts';

const teamIds = z.array(slug).max(50);
const accessPointIds = z.array(slug).min(1).max(100);
const optionalSecret = z.string().max(SECRET_MAX_LENGTH).optional();

/** Why a secret does not suit a role, or null when it does. */
export function weakSecret(role: Role, secret: string): string | null {
  if (secretPattern(role).test(secret)) return null;
  return isPrivileged(role)
    ? `a ${role} needs 10 or more digits or a passphrase (10 to 64 characters)`
    : 'a PIN is 6 to 8 digits';
}

const secretFits = (input: { role: Role; pin?: string | undefined }, ctx: z.RefinementCtx) => {
  if (input.pin === undefined) return;
  const weak = weakSecret(input.role, input.pin);
  if (weak) ctx.addIssue({ code: 'custom', path: ['pin'], message: weak });
};

/** POST /api/staff/people: a new person; no `pin` and the hub makes one. */
export const inviteInput = z
  .strictObject({
    id: slug,
    name: freeText(1, 80),
    role: z.enum(ROLES),
    partnerId: slug.nullable(),
    teamIds: teamIds.default([]),
    accessPointIds,
    pin: optionalSecret,
  })
  .superRefine(secretFits);
export type InviteInput = z.infer<typeof inviteInput>;

/** POST /api/staff/:id/edit: name, role and teams (a change of privilege needs a new secret). */
export const editInput = z.strictObject({
  name: freeText(1, 80),
  role: z.enum(ROLES),
  teamIds,
  pin: optionalSecret,
});
export type EditInput = z.infer<typeof editInput>;

/** POST /api/staff/:id/move: the places they work at (and, for the franchisor, the partner). */
export const moveInput = z.strictObject({
  accessPointIds,
  partnerId: slug.nullable().optional(),
});
export type MoveInput = z.infer<typeof moveInput>;

/** POST /api/staff/:id/reset-pin: a new secret, given or (left out) made by the hub. */
export const resetPinInput = z.strictObject({ pin: optionalSecret });
