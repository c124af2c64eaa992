// What the studio's audit log answers (GET /api/studio/admin-log): every administrative change,
// who made it, when, and the record before and after. Typed once for the hub and the app.
import type { Role } from '../staff.ts';

/** What was changed: `<record kind>.<verb>`, e.g. `device.revoke`, `pack.publish`. */
export type AdminAction = `${string}.${string}`;

export interface AdminLogEntry {
  id: string;
  /** The hub's clock. */
  at: string;
  actorId: string;
  actorRole: Role;
  /** The partner the change concerns; null when it is network-wide (the pack, a new partner). */
  partnerId: string | null;
  action: AdminAction;
  /** The record changed: a device, code, person, key, pack record or version id. */
  target: string;
  /** The record as it was, and as it is; null where it did not exist. Secrets never appear. */
  before: unknown;
  after: unknown;
}

/** GET /api/studio/admin-log answers one page, newest first; `next` asks for the older ones. */
export interface AdminLogPage {
  entries: AdminLogEntry[];
  next: string | null;
}
