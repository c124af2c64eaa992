// What the studio's people routes answer (/api/staff/people, /api/staff/:id/…): the people a
// manager looks after, with their training, and the places they may be given. Typed once for
// the hub and the app. Pure types: never a PIN hash; a new secret only in the one answer that
// issued it.
import type { StaffMember } from '../staff.ts';

/** A person as the studio shows them: as their devices know them, but no verifier, ever. */
export interface PersonEntry extends Omit<StaffMember, 'pin'> {
  /** When their access was withdrawn; null while they work. */
  revokedAt: string | null;
  /** Training they completed (the screen compares it with what their role needs). */
  completed: { moduleId: string; score: number; completedAt: string }[];
}

/** A place the asker may give their people (a manager: their own partner's only). */
export interface AssignablePlace {
  id: string;
  name: string;
  partnerId: string;
}

/** GET /api/staff/people[?partner=…]: the people, and the places they may be given. */
export interface PeopleList {
  people: PersonEntry[];
  places: AssignablePlace[];
}

/**
 * POST /api/staff/people (201), POST /api/staff/:id/reset-pin, and an edit that changed
 * whether the role is privileged: `secret` is the new PIN or passphrase when the hub made it,
 * shown once and never again (the hub keeps only its hash).
 */
export interface PersonSaved {
  person: PersonEntry;
  secret?: string;
}
