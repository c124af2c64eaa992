// Who may hand out which role, for the studio's people screens and the hub alike. A partner's
// manager gives their own partner's roles only: never the franchisor's (its admin, its
// auditors), so never a role above their own.
import { ROLES, type Role } from './staff.ts';

/** Roles only the franchisor hands out, and whose holders only the franchisor manages. */
export const FRANCHISOR_ROLES: readonly Role[] = ['franchisor-admin', 'auditor'];

/** The roles a person in `role` may give (the franchisor: every role). */
export function grantableRoles(role: Role, franchisor: boolean): readonly Role[] {
  if (franchisor) return ROLES;
  return role === 'partner-manager' ? ROLES.filter((r) => !FRANCHISOR_ROLES.includes(r)) : [];
}

/**
 * Whether a manager who is not the franchisor's looks after this person: their own partner's
 * people, in the partner's own roles. A manager with no partner looks after no one.
 */
export function managesPerson(
  manager: { partnerId: string | null },
  person: { partnerId: string | null; role: Role },
): boolean {
  return (
    manager.partnerId !== null &&
    person.partnerId === manager.partnerId &&
    !FRANCHISOR_ROLES.includes(person.role)
  );
}

/** Why the studio refused a change to a person, as the first of the hub's `issues`. */
export const PEOPLE_REFUSALS = [
  'duplicate-id',
  'weak-secret',
  'unknown-place',
  'other-partners-place',
  'unknown-team',
  'not-yours',
  'role-not-yours',
  'revoked',
  'yourself',
] as const;
export type PeopleRefusal = (typeof PEOPLE_REFUSALS)[number];

/** The refusal an error's issues name, if any ("unknown-place: x" names 'unknown-place'). */
export function peopleRefusal(issues: readonly string[] | undefined): PeopleRefusal | null {
  const first = issues?.[0]?.split(':')[0] ?? '';
  return (PEOPLE_REFUSALS as readonly string[]).includes(first) ? (first as PeopleRefusal) : null;
}
