// What the hub's staff routes answer (/api/staff/…): a hub session, the case overview and the
// training roster. Typed once for the hub's routes and the app (sync/hub-session.ts, the team
// overview and the roster): a change on one side fails to compile on the other. Pure types,
// so the first load may import them (they are erased).
import type { CaseStatus, DueStatus } from '../case.ts';
import type { Role } from '../staff.ts';

/** POST /api/staff/sessions (201): a session for the person who typed their PIN here. */
export interface StaffSessionResponse {
  /** Sent back as `x-staff-session` with each staff request. */
  token: string;
  expiresAt: string;
  staff: { id: string; name: string; role: Role; partnerId: string | null };
}

/** GET /api/staff/cases answers a list of these: a case without personal data. */
export interface StaffCaseSummary {
  id: string;
  reference: string;
  type: string;
  serviceId: string;
  ownerPartnerId: string;
  ownerTeamId: string;
  status: CaseStatus;
  escalated: boolean;
  openedAt: string;
  dues: { stepId: string; owner: string; due: string; status: DueStatus }[];
}

/** GET /api/staff/case-lookup/:reference: one case for the counter's look-up, or none. */
export type CaseLookup = { found: false } | { found: true; summary: StaffCaseSummary };

/** GET /api/staff/roster answers a list of these: a person and the training they passed. */
export interface RosterEntry {
  id: string;
  name: string;
  role: Role;
  partnerId: string | null;
  accessPointIds: string[];
  completed: { moduleId: string; score: number; completedAt: string }[];
}

/** POST /api/staff (201 added, 200 changed). */
export interface StaffSaved {
  id: string;
}

/** POST /api/staff/:id/revoke */
export interface Revoked {
  id: string;
  revoked: true;
}
