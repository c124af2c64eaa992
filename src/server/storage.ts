// The hub's storage as the routes receive it: the core store (access points, devices, applied
// ops, the change feed, pack versions: platform/store/core-store.ts) and one store per feature,
// each made from the same Kysely handle. SQLite and PostgreSQL both pass every store's contract
// suite (tests/integration, one .sqlite and one .pg run each); routes never see which is used.
import type { Kysely } from 'kysely';
import type { CoreStore, Dialect } from './platform/store/core-store.ts';
import type { OpHandlers } from './platform/store/op-handler.ts';
import { openCoreStore } from './platform/store/open-storage.ts';
import { PostgresStore } from './platform/store/postgres.ts';
import type { Database } from './platform/store/schema.ts';
import { SqliteStore } from './platform/store/sqlite.ts';
import {
  createAuditStore,
  AUDIT_HANDLERS,
  type AuditStore,
} from './features/audits/audit-store.ts';
import { CASE_HANDLERS } from './features/cases/case-ops.ts';
import { createCaseStore, type CaseStore } from './features/cases/case-store.ts';
import { CONTACT_HANDLERS } from './features/contacts/contact-ops.ts';
import { createContactStore, type ContactStore } from './features/contacts/contact-store.ts';
import { createCustomerStore, type CustomerStore } from './features/customers/customer-store.ts';
import {
  createFeedbackStore,
  FEEDBACK_HANDLERS,
  type FeedbackStore,
} from './features/feedback/feedback-store.ts';
import { createInsightStore, type InsightStore } from './features/insight/insight-store.ts';
import {
  createLocalPageStore,
  LOCAL_PAGE_HANDLERS,
  type LocalPageStore,
} from './features/local-pages/local-page-store.ts';
import { createOpen311Store, type Open311Store } from './features/open311/open311-store.ts';
import {
  createReviewStore,
  REVIEW_HANDLERS,
  type ReviewStore,
} from './features/reviews/review-store.ts';
import { createStaffStore, STAFF_HANDLERS, type StaffStore } from './features/staff/staff-store.ts';

export interface Storage {
  readonly dialect: Dialect;
  readonly db: Kysely<Database>;
  readonly core: CoreStore;
  readonly contacts: ContactStore;
  readonly localPages: LocalPageStore;
  readonly cases: CaseStore;
  readonly open311: Open311Store;
  readonly staff: StaffStore;
  readonly feedback: FeedbackStore;
  readonly reviews: ReviewStore;
  readonly audits: AuditStore;
  readonly customers: CustomerStore;
  readonly insight: InsightStore;
  migrate(): Promise<void>;
  /**
   * Runs `work` while holding the store's start-up lock, so that several server processes
   * starting against one database migrate and seed one after another, not all at once.
   */
  withStartupLock<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * How the hub applies each kind of op, from the features that own them. A mutation kind
 * declared in src/shared/sync/mutations.ts without a handler here does not compile.
 */
export const OP_HANDLERS: OpHandlers = {
  ...CONTACT_HANDLERS,
  ...LOCAL_PAGE_HANDLERS,
  ...CASE_HANDLERS,
  ...STAFF_HANDLERS,
  ...FEEDBACK_HANDLERS,
  ...REVIEW_HANDLERS,
  ...AUDIT_HANDLERS,
};

/** The feature stores over a core store's database. */
export function hubStorage(core: CoreStore): Storage {
  const { db, dialect } = core;
  return {
    dialect,
    db,
    core,
    contacts: createContactStore(db),
    localPages: createLocalPageStore(db),
    cases: createCaseStore(db),
    open311: createOpen311Store(db),
    staff: createStaffStore(db),
    feedback: createFeedbackStore(db),
    reviews: createReviewStore(db),
    audits: createAuditStore(db),
    customers: createCustomerStore(db),
    insight: createInsightStore(db, dialect),
    migrate: () => core.migrate(),
    withStartupLock: (work) => core.withStartupLock(work),
    close: () => core.close(),
  };
}

/** The store main.ts and the pack CLI open: see openCoreStore for DATABASE_URL. Migrated. */
export async function openStorage(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): Promise<Storage> {
  return hubStorage(await openCoreStore({ ...options, opHandlers: OP_HANDLERS }));
}

/** An SQLite file (tests, benchmarks); not migrated yet. */
export function openSqliteStorage(
  filename: string,
  options: { checkpointInBackground?: boolean; opHandlers?: Partial<OpHandlers> } = {},
): Storage {
  const { opHandlers = OP_HANDLERS, ...rest } = options;
  return hubStorage(SqliteStore.open(filename, { ...rest, opHandlers }));
}

/** A PostgreSQL database (tests, benchmarks); not migrated yet. */
export function openPostgresStorage(connectionString: string, poolSize?: number): Storage {
  return hubStorage(
    PostgresStore.open(connectionString, {
      opHandlers: OP_HANDLERS,
      ...(poolSize !== undefined ? { poolSize } : {}),
    }),
  );
}
