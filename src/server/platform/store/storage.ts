// The one storage interface of the sync hub. SQLite and PostgreSQL both implement it and both
// pass tests/integration/storage-contract.ts; routes never see which one they talk to.
import type { AccessPoint } from '../../../shared/access-point.ts';
import type { CaseEvent, CaseOpenInput, CaseRecord } from '../../../shared/case.ts';
import type { Contact, DeviceMode } from '../../../shared/contact.ts';
import type { ContactNote } from '../../../shared/contact-note.ts';
import type { LocalPageRevision } from '../../../shared/local-page.ts';
import type { PackContent, PackKind, PackRecordOf } from '../../../shared/pack/schema.ts';
import type {
  Change,
  OpResult,
  PackRecordChange,
  PackSummary,
  PackVersionInfo,
} from '../../../shared/sync/protocol.ts';
import type { FeedEntity } from '../../../shared/sync/feed.ts';
import type { ValidOp } from '../../../shared/sync/mutations.ts';
import type { ApiKey, CaseHistory, CaseQuery } from '../../features/open311/open311-store.ts';
import type { SurveyAnswers } from '../../../shared/feedback.ts';
import type {
  FeedbackRow,
  FollowupRow,
  PendingFollowup,
  SurveyLink,
} from '../../features/feedback/feedback-store.ts';
import type { StaffMember } from '../../../shared/staff.ts';
import type {
  AuditScoreQuery,
  AuditScores,
  AuditSummary,
} from '../../features/audits/audit-store.ts';
import type {
  PinFailures,
  StaffRecord,
  StaffSession,
  TrainingCompletion,
} from '../../features/staff/staff-store.ts';
import type { ReviewDecision, ReviewInput, ReviewStatus } from '../../../shared/review.ts';
import type {
  DecideResult,
  RatingSummary,
  ReviewRecord,
} from '../../features/reviews/review-store.ts';
import type {
  CustomerDetail,
  CustomerQuery,
  CustomerSummary,
  CustomerViewer,
  MatchProposal,
  Outcome,
} from '../../features/customers/customer-store.ts';
import type { Dashboard, InsightFilter, InsightScope } from '../../../shared/insight.ts';
import type { InsightHistory } from '../../features/insight/insight-store.ts';

export interface Device {
  id: string;
  accessPointId: string;
  name: string;
  enrolledAt: string;
  revokedAt: string | null;
  mode: DeviceMode;
}

export interface PullPage {
  changes: Change[];
  /** Where the next pull starts. Unchanged (possibly null) when nothing new was visible. */
  cursor: string | null;
  hasMore: boolean;
}

export interface EnrolmentInput {
  codeHash: string;
  deviceId: string;
  deviceName: string;
  tokenHash: string;
  now: string;
  mode?: DeviceMode;
}

export interface Storage {
  readonly dialect: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  /**
   * Runs `work` while holding the store's start-up lock, so that several server processes
   * starting against one database migrate and seed one after another, not all at once.
   */
  withStartupLock<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;

  upsertAccessPoints(accessPoints: readonly AccessPoint[]): Promise<void>;
  listAccessPoints(): Promise<AccessPoint[]>;

  createEnrolmentCode(input: {
    codeHash: string;
    accessPointId: string;
    now: string;
    expiresAt: string;
  }): Promise<void>;
  /** Uses the code up and registers the device, atomically; null if the code is unknown, used or expired. */
  enrolDevice(input: EnrolmentInput): Promise<Device | null>;
  findDeviceByTokenHash(tokenHash: string): Promise<Device | null>;
  findDevice(deviceId: string): Promise<Device | null>;
  revokeDevice(deviceId: string, now: string): Promise<void>;

  /**
   * Applies each op exactly once: the op id's row in applied_ops is written in the same
   * transaction as the op's effect and its change-log entries. Ops already applied come back
   * as duplicates with their original result.
   */
  applyOps(device: Device, ops: readonly ValidOp[], now: string): Promise<OpResult[]>;
  /**
   * Whether the hub still holds what it last told a device: the newest op it acknowledged to
   * it (null: none to check) and the cursor the device holds (one of the last two issued).
   * False after a restore from an older backup.
   */
  knowsDeviceState(input: {
    deviceId: string;
    ackedOpId: string | null;
    cursor: string | null;
  }): Promise<boolean>;
  /** Remembers the cursor just issued to a device and the one it sent (it now holds one of them). */
  recordIssuedCursor(input: {
    deviceId: string;
    sent: string | null;
    issued: string;
  }): Promise<void>;
  /** Throws InvalidCursorError unless `cursor` has the shape this store issues. */
  assertCursor(cursor: string | null): void;
  /** Commit-ordered changes after `cursor` that the scopes entitle the device to see. */
  pullChanges(input: {
    scopes: readonly string[];
    excludeOriginDevice: string;
    /** Record kinds this device must never receive (a kiosk gets no personal data). */
    excludeEntities?: readonly FeedEntity[];
    cursor: string | null;
    limit: number;
  }): Promise<PullPage>;

  /**
   * Publishes a validated pack as the next version: only records that differ from the current
   * version are stored. Returns null when nothing changed. Also refreshes the access points
   * devices can be enrolled to.
   */
  publishPack(
    pack: PackContent,
    input: { now: string; note?: string },
  ): Promise<PackVersionInfo | null>;
  latestPackVersion(): Promise<number>;
  listPackVersions(input: { after: number; upTo: number }): Promise<PackVersionInfo[]>;
  /** The latest state, after `since` and up to `to`, of every record changed in between. */
  packDelta(input: {
    since: number;
    to: number;
    after: { kind: string; id: string } | null;
    limit: number;
  }): Promise<{ records: PackRecordChange[]; next: { kind: string; id: string } | null }>;
  /** The current records of one kind (for the directory APIs and export). */
  listPackRecords<K extends PackKind>(kind: K): Promise<PackRecordOf<K>[]>;

  /** Every revision of one local information page, in the order the hub received them. */
  listPageRevisions(pageId: string): Promise<LocalPageRevision[]>;

  listContacts(filter?: { accessPointId?: string }): Promise<Contact[]>;

  getAccessPoint(id: string): Promise<AccessPoint | null>;
  /** A case and its events in the hub's order (for the public tracking page). */
  findCaseByReference(
    reference: string,
  ): Promise<{ record: CaseRecord; events: CaseEvent[] } | null>;
  listCases(filter?: { ownerPartnerId?: string }): Promise<CaseRecord[]>;

  /** Stores a case photo sent by a device allowed to act on the case (idempotent by photo id). */
  /** Adds or changes a person; their places' devices receive the record (PIN hash only). */
  upsertStaff(member: StaffMember, now: string): Promise<void>;
  /** Ends a person's sessions and tells their places' devices to forget them; false if unknown. */
  revokeStaff(id: string, now: string): Promise<boolean>;
  findStaff(id: string): Promise<StaffRecord | null>;
  listStaff(filter?: { partnerId?: string | null }): Promise<StaffRecord[]>;
  createStaffSession(input: {
    tokenHash: string;
    staffId: string;
    deviceId: string;
    now: string;
    expiresAt: string;
  }): Promise<void>;
  /** The live session behind a token: null when unknown, expired, or its person revoked. */
  findStaffSession(tokenHash: string, now: string): Promise<StaffSession | null>;
  /** Wrong PINs typed at the hub for a person at a place (shared by every server process). */
  findPinFailures(staffId: string, accessPointId: string): Promise<PinFailures | null>;
  /** Counts one more wrong PIN, atomically; the lockout it returns only ever moves later. */
  countPinFailure(input: {
    staffId: string;
    accessPointId: string;
    now: string;
  }): Promise<PinFailures>;
  clearPinFailures(staffId: string, accessPointId: string): Promise<void>;
  listTrainingCompletions(filter?: { staffIds?: readonly string[] }): Promise<TrainingCompletion[]>;

  storeCasePhoto(input: {
    caseId: string;
    photoId: string;
    contentType: string;
    data: Uint8Array;
    device: Device;
    devicePartnerId: string | null;
    now: string;
  }): Promise<'stored' | 'exists' | 'no-case' | 'forbidden' | 'too-many'>;
  readCasePhoto(input: {
    caseId: string;
    photoId: string;
    device: Device;
    devicePartnerId: string | null;
  }): Promise<'no-case' | 'forbidden' | { contentType: string; data: Uint8Array }>;

  listContactNotes(filter?: { accessPointId?: string }): Promise<ContactNote[]>;
  /** How many distinct ops were ever applied (tests count lost and duplicated writes with it). */
  countAppliedOps(): Promise<number>;

  /** Open311 integrations (see open311-store.ts): keys are stored only as SHA-256 hashes. */
  createApiKey(input: {
    keyHash: string;
    name: string;
    partnerId: string | null;
    now: string;
  }): Promise<void>;
  findApiKey(keyHash: string): Promise<ApiKey | null>;
  /** Opens a case for an integration, exactly as openCase does for a door; null when opened. */
  openIntegrationCase(key: ApiKey, input: CaseOpenInput, now: string): Promise<OpResult | null>;
  /** Cases with their events, newest opened first, for the Open311 read API. */
  listCaseHistories(query: CaseQuery): Promise<CaseHistory[]>;

  // --- Feedback and the 48-hour follow-up (feedback-store.ts) ---------------------------------
  listFeedback(filter?: { accessPointId?: string }): Promise<FeedbackRow[]>;
  /** Every follow-up as stored (addresses included: hub-internal, for tests and the job). */
  listFollowups(): Promise<FollowupRow[]>;
  /** Consented, unsent follow-ups received at or after `since`, oldest first. */
  listPendingFollowups(since: string, limit: number): Promise<PendingFollowup[]>;
  /** Marks one sent with its link's token hash; false if already claimed (another process). */
  claimFollowup(id: string, tokenHash: string, now: string): Promise<boolean>;
  /** Sent: the address is cleared. Not sent: it goes back in the queue. */
  settleFollowup(id: string, sent: boolean): Promise<void>;
  /** Clears the address of unsent follow-ups received before `before`; how many. */
  expireFollowups(before: string): Promise<number>;
  /** The survey behind a link's token hash (sent ones only). */
  findSurvey(tokenHash: string): Promise<SurveyLink | null>;
  /** Stores the answers once, while the link is open (SURVEY_OPEN_MS), and clears the address. */
  answerSurvey(
    tokenHash: string,
    answers: SurveyAnswers,
    now: string,
  ): Promise<'answered' | 'already' | 'closed' | 'unknown'>;
  // --- Reviews (review-store.ts): citizens' reviews, moderation, published ratings ---
  /** Reviews in one state; `partnerId` limits them to those a partner answers for (null: all). */
  listReviews(filter: {
    status: ReviewStatus;
    partnerId: string | null;
    limit: number;
  }): Promise<ReviewRecord[]>;
  /** Publishes or rejects a review, with the decision kept and the change feed told. */
  decideReview(input: {
    id: string;
    decision: ReviewDecision;
    staff: { id: string; name: string };
    partnerId: string | null;
    now: string;
  }): Promise<DecideResult>;
  /** A review from the public web form (no device), held for moderation like any other. */
  submitPublicReview(input: ReviewInput, now: string): Promise<'stored' | 'no-target' | 'exists'>;
  /** Average and count of published ratings per reviewed service or partner. */
  ratingSummaries(): Promise<RatingSummary[]>;
  /** Changes with every moderation decision (a cache key for published ratings). */
  reviewsRevision(): Promise<string>;
  // --- Mystery shopping (audits): see audit-store.ts ---
  /** Audit scores per standard, place, partner and month, aggregated in the database. */
  auditScores(query: AuditScoreQuery): Promise<AuditScores>;
  /** One audit as the hub scored it, with its answers (null if unknown). */
  findAudit(id: string): Promise<AuditSummary | null>;
  // ---- Single customer view (customer-store.ts): `viewer.partnerId` null sees everyone ----
  /** Live, unerased records matching every field given. */
  searchCustomers(
    query: CustomerQuery,
    viewer: CustomerViewer,
  ): Promise<Outcome<CustomerSummary[]>>;
  /** Null when unknown or not the viewer's partner's to see. */
  customerDetail(id: string, viewer: CustomerViewer): Promise<CustomerDetail | null>;
  /** Pairs likely to be one person, for staff to decide; turned-down pairs never return. */
  customerMatches(viewer: CustomerViewer): Promise<MatchProposal[]>;
  mergeCustomers(input: {
    keepId: string;
    mergeId: string;
    viewer: CustomerViewer;
    now: string;
  }): Promise<Outcome<{ mergeId: string; contacts: number; cases: number }>>;
  undoCustomerMerge(input: {
    mergeId: string;
    viewer: CustomerViewer;
    now: string;
  }): Promise<Outcome<{ keptId: string; restoredId: string; contacts: number; cases: number }>>;
  rejectCustomerMatch(input: {
    aId: string;
    bId: string;
    viewer: CustomerViewer;
    now: string;
  }): Promise<Outcome<null>>;
  exportCustomer(input: {
    id: string;
    viewer: CustomerViewer;
    now: string;
  }): Promise<Outcome<unknown>>;
  eraseCustomer(input: {
    id: string;
    viewer: CustomerViewer;
    now: string;
  }): Promise<Outcome<{ records: number; cases: number }>>;
  // ---- Insight dashboards (insight-store.ts) ----
  /** Every figure of the dashboards for a filter, within what the caller may see. */
  insightDashboard(filter: InsightFilter, scope: InsightScope, now: string): Promise<Dashboard>;
  /** Cost per contact by channel, in pence. */
  loadUnitCosts(): Promise<Record<string, number>>;
  saveUnitCosts(costs: Record<string, number>, by: string, now: string): Promise<void>;
  /** Loads history in bulk (the demo seed, benchmarks); the rollups follow by trigger. */
  insertInsightHistory(history: InsightHistory): Promise<void>;
  /** Moves the rollups' pending deltas into them (PostgreSQL; see insight-rollups.ts). */
  foldInsight(): Promise<number>;
}

/** Change-log scopes: a device sees the global scope and its own access point's. */
export const GLOBAL_SCOPE = '*';
export function accessPointScope(accessPointId: string): string {
  return `ap:${accessPointId}`;
}
/** Cases owned by a partner reach the devices at that partner's access points. */
export function partnerScope(partnerId: string): string {
  return `partner:${partnerId}`;
}

export type { PackSummary };

export class InvalidCursorError extends Error {
  constructor(cursor: string) {
    super(`cursor "${cursor}" was not issued by this server`);
  }
}
