// What the hub's single-customer-view routes answer (/api/customers…), typed once for the hub
// (the routes' responses) and the app (its customer pages): a change on one side fails to
// compile on the other. Pure types: the app does not validate these answers.
import type { CustomerIdentity, MatchField } from '../customer.ts';

/** GET /api/customers answers a list of these; a record as search and matches show it. */
export interface CustomerSummary extends CustomerIdentity {
  id: string;
  createdAt: string;
  mergedInto: string | null;
  erasedAt: string | null;
}

/** One contact of a customer, at any partner's door (no notes: what happened, where, when). */
export interface CustomerContactView {
  id: string;
  serviceId: string;
  channel: string;
  outcome: string;
  accessPointId: string;
  accessPointName: string;
  partnerId: string;
  createdAt: string;
}

/** A case as a customer's page shows it: in full for the viewer's partner, else a summary. */
export interface CustomerCaseView {
  id: string;
  serviceId: string;
  status: 'open' | 'acknowledged' | 'resolved';
  openedAt: string;
  resolvedAt: string | null;
  ownerPartnerId: string;
  /** Present only when the viewer's partner captured, owns or has a step in the case. */
  full?: {
    reference: string;
    type: string;
    details: string;
    accessPointId: string;
    ownerTeamId: string;
  };
}

/** A record merged into another, and how many rows moved with it (an undo moves them back). */
export interface CustomerMergeView {
  id: string;
  keptId: string;
  mergedId: string;
  mergedName: string | null;
  staffId: string;
  mergedAt: string;
  contactCount: number;
  caseCount: number;
}

/** GET /api/customers/:id */
export interface CustomerDetail {
  customer: CustomerSummary;
  contacts: CustomerContactView[];
  cases: CustomerCaseView[];
  /** Records merged into this one (undoable), newest first. */
  merges: CustomerMergeView[];
}

/** GET /api/customers/matches answers a list of these: a possible duplicate, never merged. */
export interface MatchProposal {
  a: CustomerSummary;
  b: CustomerSummary;
  score: number;
  agree: MatchField[];
  disagree: MatchField[];
}

/** POST /api/customers/merges (201) */
export interface CustomerMergeResult {
  mergeId: string;
  contacts: number;
  cases: number;
}

/** POST /api/customers/merges/:id/undo */
export interface CustomerUndoResult {
  keptId: string;
  restoredId: string;
  contacts: number;
  cases: number;
}

/** POST /api/customers/:id/erase */
export interface CustomerEraseResult {
  records: number;
  cases: number;
}

/** POST /api/customers/matches/reject: nothing to say but that it was done. */
export interface CustomerDone {
  ok: true;
}
