// Table types for Kysely. Timestamps are ISO-8601 UTC strings in both stores, so they compare
// as text and read the same on SQLite and PostgreSQL.
import type { Generated } from 'kysely';

export interface AccessPointsTable {
  id: string;
  name: string;
  kind: string;
  partner_id: string;
  address: string;
}

export interface DevicesTable {
  id: string;
  access_point_id: string;
  name: string;
  token_hash: string;
  enrolled_at: string;
  revoked_at: string | null;
  mode: string;
}

export interface EnrolmentCodesTable {
  code_hash: string;
  access_point_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  device_id: string | null;
}

export interface AppliedOpsTable {
  op_id: string;
  device_id: string;
  kind: string;
  /** JSON of the op's original result, returned again when the op is repeated. */
  result: string;
  applied_at: string;
}

export interface ContactNotesTable {
  id: string;
  access_point_id: string;
  device_id: string;
  op_id: string;
  staff_name: string;
  service_name: string;
  channel: string;
  note: string;
  created_at: string;
  received_at: string;
}

export interface ChangesTable {
  /** SQLite: the feed position. PostgreSQL: a tie-breaker within one transaction (see postgres.ts). */
  seq: Generated<number | string>;
  scope: string;
  entity: string;
  entity_id: string;
  op: 'upsert' | 'delete';
  data: string;
  origin_device: string | null;
  created_at: string;
}

export interface PackVersionsTable {
  version: number;
  published_at: string;
  /** JSON PackSummary. */
  summary: string;
}

export interface PackRecordsTable {
  kind: string;
  id: string;
  version: number;
  /** 1 for a tombstone (the record was removed in this version), else 0. */
  deleted: number;
  /** Canonical JSON of the record; null for a tombstone. */
  data: string | null;
}

export interface LocalPageRevisionsTable {
  id: string;
  page_id: string;
  access_point_id: string;
  device_id: string;
  op_id: string;
  /** JSON array of the revision ids this one replaces. */
  base_revision_ids: string;
  title: string;
  /** Sanitised rich text (see src/shared/rich-text.ts). */
  body: string;
  author: string;
  created_at: string;
  received_at: string;
}

export interface ContactsTable {
  id: string;
  access_point_id: string;
  device_id: string;
  op_id: string;
  mode: string;
  service_id: string;
  channel: string;
  tier: number;
  outcome: string;
  /** JSON array of "step" / "step:answer" ids. */
  path: string;
  created_at: string;
  received_at: string;
}

export interface HelpEventsTable {
  id: string;
  kind: 'request' | 'answer';
  request_id: string | null;
  access_point_id: string;
  device_id: string;
  device_name: string;
  op_id: string;
  created_at: string;
  received_at: string;
}

export interface CasesTable {
  id: string;
  reference: string;
  type: string;
  service_id: string;
  channel: string;
  details: string;
  /** JSON, or null. */
  location: string | null;
  /** JSON (personal data, given with consent), or null. */
  contact: string | null;
  author: string;
  opened_at: string;
  access_point_id: string;
  device_id: string;
  op_id: string;
  received_at: string;
  owner_partner_id: string;
  owner_team_id: string;
  /** JSON CaseDue[]. */
  dues: string;
}

export interface CaseEventsTable {
  /** The hub's order of a case's events. */
  seq: Generated<number | string>;
  id: string;
  case_id: string;
  kind: string;
  note: string | null;
  step_id: string | null;
  reason: string | null;
  author: string;
  based_on: number | null;
  created_at: string;
  received_at: string;
  device_id: string;
  op_id: string | null;
}

export interface CommitmentResultsTable {
  case_id: string;
  step_id: string;
  level: number;
  owner: string;
  service_id: string;
  due: string;
  done_at: string;
  /** 1 when done by the due time, 0 when missed. */
  kept: number;
}

export interface CasePhotosTable {
  id: string;
  case_id: string;
  content_type: string;
  size: number;
  data: Buffer;
  device_id: string;
  created_at: string;
}

export interface Database {
  access_points: AccessPointsTable;
  devices: DevicesTable;
  enrolment_codes: EnrolmentCodesTable;
  applied_ops: AppliedOpsTable;
  contact_notes: ContactNotesTable;
  changes: ChangesTable;
  pack_versions: PackVersionsTable;
  pack_records: PackRecordsTable;
  local_page_revisions: LocalPageRevisionsTable;
  contacts: ContactsTable;
  help_events: HelpEventsTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  commitment_results: CommitmentResultsTable;
  case_photos: CasePhotosTable;
}
