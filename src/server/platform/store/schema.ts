// Table types for Kysely. Timestamps are ISO-8601 UTC strings in both stores, so they compare
// as text and read the same on SQLite and PostgreSQL.
import type { Generated } from 'kysely';
import type { FeedEntity } from '../../../shared/sync/feed.ts';

export interface AccessPointsTable {
  id: string;
  name: string;
  kind: string;
  partner_id: string;
  address: string;
  /** The staffed place that answers this one's calls for help (migration 0021). */
  help_from?: string | null;
}

export interface DevicesTable {
  id: string;
  access_point_id: string;
  name: string;
  token_hash: string;
  enrolled_at: string;
  revoked_at: string | null;
  mode: string;
  /** The feed cursor last issued to the device, and the one it sent with that request. */
  issued_cursor?: string | null;
  previous_cursor?: string | null;
  // What the device last reported when it synced (migration 0024); null until it has.
  last_sync_at?: string | null;
  last_staff_id?: string | null;
  outbox_size?: number | null;
  app_version?: string | null;
  pack_version?: number | null;
  /** 1 persisted, 0 the browser may evict it, null unknown. */
  storage_persisted?: number | null;
}

export interface EnrolmentCodesTable {
  code_hash: string;
  access_point_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  device_id: string | null;
  /** The mode the code enrols in (migration 0023); null: the enrolling browser chooses. */
  mode?: string | null;
  /** Who issued it in the studio; null: the console. */
  issued_by?: string | null;
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
  /** Only the change feed's declared entities (src/shared/sync/feed.ts). */
  entity: FeedEntity;
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
  /** The customer record, when the citizen consented to one (single customer view). */
  customer_id?: string | null;
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
  customer_id?: string | null;
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

/** The studio's administrative changes (migration 0022): read by platform/store/admin-log.ts. */
export interface AdminLogTable {
  seq: Generated<number | string>;
  id: string;
  at: string;
  actor_id: string;
  actor_role: string;
  partner_id: string | null;
  action: string;
  target: string;
  /** JSON, secrets removed; null when the record did not exist before / after. */
  before: string | null;
  after: string | null;
}

/**
 * The studio's draft of the pack (migration 0026): a row per record edited or republished;
 * revision only grows, pending while data differs from the published record (null: removed).
 */
export interface PackDraftTable {
  kind: string;
  id: string;
  revision: number;
  pending: number;
  data: string | null;
  updated_at: string;
  updated_by: string;
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
  staff: StaffTable;
  staff_sessions: StaffSessionsTable;
  staff_hub_sign_ins: StaffHubSignInsTable;
  staff_pin_failures: StaffPinFailuresTable;
  training_completions: TrainingCompletionsTable;
  feedback: FeedbackTable;
  followups: FollowupsTable;
  case_notices: CaseNoticesTable;
  audits: AuditsTable;
  audit_items: AuditItemsTable;
  customers: CustomersTable;
  reviews: ReviewsTable;
  review_decisions: ReviewDecisionsTable;
  customer_merges: CustomerMergesTable;
  customer_match_rejections: CustomerMatchRejectionsTable;
  customer_audit: CustomerAuditTable;
  admin_log: AdminLogTable;
  pack_draft: PackDraftTable;
  // Insight dashboards (migration 0017): rollups kept by triggers, open dues, unit costs.
  insight_contacts: InsightContactsTable;
  insight_contact_services: InsightContactServicesTable;
  insight_contact_service_totals: InsightServiceTotalsTable & { n: number; first_contact: number };
  insight_customer_months: InsightCustomerMonthsTable;
  insight_feedback: InsightFeedbackTable;
  insight_feedback_services: InsightFeedbackServicesTable;
  insight_feedback_service_totals: InsightServiceTotalsTable & { n: number; satisfied: number };
  insight_commitments: InsightCommitmentsTable;
  insight_commitment_services: InsightCommitmentServicesTable;
  insight_commitment_service_totals: InsightServiceTotalsTable & { kept: number; missed: number };
  insight_open_dues: InsightOpenDuesTable;
  insight_unit_costs: InsightUnitCostsTable;
}

/** One merge of two customer records; undone_at set when it was reversed. */
export interface CustomerMergesTable {
  id: string;
  kept_id: string;
  merged_id: string;
  staff_id: string;
  merged_at: string;
  /** JSON string[]: the contacts whose customer_id moved from merged_id to kept_id. */
  contact_ids: string;
  /** JSON string[]: the cases that moved. */
  case_ids: string;
  undone_at: string | null;
  undone_by: string | null;
}

/** "Not the same person": a proposal staff turned down, never proposed again. */
export interface CustomerMatchRejectionsTable {
  first_id: string;
  second_id: string;
  staff_id: string;
  rejected_at: string;
}

/** Who did what to a customer record: merge, undo, reject, export, erase. */
export interface CustomerAuditTable {
  id: string;
  customer_id: string;
  action: string;
  staff_id: string;
  at: string;
  /** JSON; never personal data. */
  detail: string | null;
}

/** A four-face rating given at the moment of the interaction. No personal data. */
export interface FeedbackTable {
  id: string;
  contact_id: string | null;
  access_point_id: string;
  /** The access point's partner, kept so the dashboards filter without a join. */
  partner_id: string;
  device_id: string;
  op_id: string;
  mode: string;
  service_id: string | null;
  channel: string;
  /** 4 very good, 3 good, 2 poor, 1 very poor. */
  rating: number;
  reason: string | null;
  comment: string | null;
  created_at: string;
  received_at: string;
}

/**
 * A resolution a citizen is told of (migration 0029): inserted as the claim before the message
 * is sent, so each resolution is told once. No address: that stays in the case's contact.
 */
export interface CaseNoticesTable {
  /** The 'resolved' case event told of. */
  event_id: string;
  case_id: string;
  /** 'email', 'sms', or 'none' when the contact has no address a message can go to. */
  channel: string;
  claimed_at: string;
  sent_at: string | null;
}

/** A 48-hour follow-up survey for a citizen who agreed to be asked. */
export interface FollowupsTable {
  id: string;
  contact_id: string | null;
  access_point_id: string;
  partner_id: string;
  service_id: string | null;
  channel: string;
  /** 'email' or 'sms'. */
  address_kind: string;
  /** Personal data: cleared once the survey is answered or expires. */
  address: string | null;
  language: string;
  /** SHA-256 of the survey link's token; the token itself is never stored. */
  token_hash: string;
  consented_at: string;
  created_at: string;
  sent_at: string | null;
  answered_at: string | null;
  /** 1 yes, 0 no, null not answered. */
  courteous: number | null;
  /** 1 yes, 0.5 partly, 0 no (migration 0013), null not answered. */
  solved: number | null;
  comment: string | null;
}

/** One mystery-shopping visit; score is 0–100 over the items that applied. */
export interface AuditsTable {
  id: string;
  access_point_id: string;
  partner_id: string;
  auditor_id: string;
  device_id: string;
  op_id: string;
  visited_at: string;
  received_at: string;
  score: number;
  /** The pack version whose checklist the hub scored it against (0015-audits). */
  pack_version: number | null;
}

export interface AuditItemsTable {
  audit_id: string;
  check_id: string;
  standard_id: string;
  service_id: string | null;
  /** 'met' | 'partly' | 'not-met' | 'not-applicable'. */
  result: string;
  note: string | null;
  /** The check's weight when the hub scored the audit (0015-audits). */
  weight: Generated<number>;
}

/** Single customer view: a person known across doors, with their consent. */
export interface CustomersTable {
  id: string;
  name: string | null;
  /** Normalised name for matching (lower case, no accents or punctuation). */
  name_key: string | null;
  date_of_birth: string | null;
  postcode: string | null;
  phone: string | null;
  email: string | null;
  consented_at: string;
  created_at: string;
  updated_at: string;
  /** Set when this record was merged into another (reversible). */
  merged_into: string | null;
  erased_at: string | null;
}

export interface StaffTable {
  id: string;
  name: string;
  role: string;
  partner_id: string | null;
  /** JSON arrays of ids. */
  team_ids: string;
  access_point_ids: string;
  /** JSON PinHash: never the PIN. */
  pin: string;
  updated_at: string;
  revoked_at: string | null;
}

export interface StaffSessionsTable {
  token_hash: string;
  staff_id: string;
  device_id: string;
  created_at: string;
  expires_at: string;
}

/** The newest hub session each person opened on each device (migration 0020). */
export interface StaffHubSignInsTable {
  staff_id: string;
  device_id: string;
  opened_at: string;
}

/** Wrong PINs typed at the hub, per person and place (migration 0020). */
export interface StaffPinFailuresTable {
  staff_id: string;
  access_point_id: string;
  failures: number;
  locked_until: string;
  updated_at: string;
}

export interface TrainingCompletionsTable {
  id: string;
  staff_id: string;
  module_id: string;
  score: number;
  completed_at: string;
  access_point_id: string;
  device_id: string;
  received_at: string;
  op_id: string;
}

/** A citizen's review of a service or a partner; see review-store.ts. */
export interface ReviewsTable {
  id: string;
  /** 'service' | 'partner'. */
  target_kind: string;
  target_id: string;
  /** Who answers for it: the service's delivering partner, or the partner reviewed. */
  partner_id: string;
  /** 1 to 5. */
  rating: number;
  title: string | null;
  body: string;
  display_name: string | null;
  /** JSON array of the screening flags (review-screen.ts), for the moderator. */
  flags: string;
  /** 'pending' | 'published' | 'rejected'. */
  status: string;
  access_point_id: string;
  device_id: string;
  op_id: string;
  mode: string;
  created_at: string;
  received_at: string;
  /** The hub's clock at the approval that published it; null unless published. */
  published_at: string | null;
}

/** Every moderation decision, kept: who decided, when and why. */
export interface ReviewDecisionsTable {
  id: string;
  review_id: string;
  /** 'approve' | 'reject'. */
  decision: string;
  reason: string;
  staff_id: string;
  staff_name: string;
  decided_at: string;
}

/** A rollup row: a month ("YYYY-MM") or a day ("YYYY-MM-DD"); see insight-rollups.ts. */
interface Period {
  grain: 'month' | 'day';
  period: string;
}

export interface InsightContactsTable extends Period {
  partner_id: string;
  access_point_id: string;
  channel: string;
  tier: number;
  n: number;
  first_contact: number;
}

export interface InsightContactServicesTable extends Period {
  partner_id: string;
  access_point_id: string;
  service_id: string;
  n: number;
  first_contact: number;
}

/** A service's sums across every partner and place (the franchisor's unfiltered view). */
export interface InsightServiceTotalsTable extends Period {
  service_id: string;
}

/** Each customer's contacts per month and place, one column per channel: channel shift. */
export interface InsightCustomerMonthsTable extends Period {
  customer_id: string;
  partner_id: string;
  access_point_id: string;
  ch_face_to_face: number;
  ch_phone: number;
  ch_web: number;
  ch_kiosk: number;
  ch_letter: number;
  ch_sms: number;
  ch_email: number;
}

export interface InsightFeedbackTable extends Period {
  partner_id: string;
  access_point_id: string;
  channel: string;
  rating: number;
  reason: string;
  n: number;
}

export interface InsightFeedbackServicesTable extends Period {
  partner_id: string;
  access_point_id: string;
  service_id: string;
  n: number;
  satisfied: number;
}

export interface InsightCommitmentsTable extends Period {
  partner_id: string;
  team_id: string;
  access_point_id: string;
  kept: number;
  missed: number;
}

export interface InsightCommitmentServicesTable extends Period {
  partner_id: string;
  service_id: string;
  access_point_id: string;
  kept: number;
  missed: number;
}

/** A commitment not yet kept or missed; gone once its result is recorded. */
export interface InsightOpenDuesTable {
  case_id: string;
  step_id: string;
  partner_id: string;
  team_id: string;
  service_id: string;
  access_point_id: string;
  level: number;
  /** When 80 % of its working time is used (commitmentStatus's "at risk"). */
  at_risk_at: string;
  due: string;
}

/** Cost per contact by channel, in pence, set by the franchisor. */
export interface InsightUnitCostsTable {
  channel: string;
  pence: number;
  updated_at: string;
  updated_by: string | null;
}
