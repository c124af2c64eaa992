// The insight feature's store: the dashboards (insight-dashboard.ts, read through the rollups
// of insight-rollups.ts), the unit costs they price contacts with, the fold that keeps the
// PostgreSQL rollups short, and bulk loads of history (the demo seed, the benchmarks).
import type { Kysely } from 'kysely';
import {
  DEFAULT_UNIT_COSTS,
  type InsightFilter,
  type InsightScope,
} from '../../../shared/insight.ts';
import type { Dialect } from '../../platform/store/core-store.ts';
import { queriesOn } from '../../platform/store/queries.ts';
import type {
  AuditItemsTable,
  AuditsTable,
  CaseEventsTable,
  CasesTable,
  CommitmentResultsTable,
  ContactsTable,
  CustomersTable,
  Database,
  FeedbackTable,
  FollowupsTable,
  InsightOpenDuesTable,
} from '../../platform/store/schema.ts';
import { insightDashboard } from './insight-dashboard.ts';
import { num } from './insight-reads.ts';
import { foldInsight } from './insight-rollups.ts';

type Db = Kysely<Database>;

export type InsightStore = ReturnType<typeof createInsightStore>;

export function createInsightStore(db: Db, dialect: Dialect) {
  /** Delta rows folded out of each table since its last vacuum (see foldInsight). */
  const foldedSinceVacuum = new Map<string, number>();
  return {
    ...queriesOn(db, { loadUnitCosts, saveUnitCosts, insertInsightHistory }),
    /** Every figure of the dashboards for a filter, within what the caller may see. */
    insightDashboard: async (filter: InsightFilter, scope: InsightScope, now: string) =>
      insightDashboard(db, dialect, await loadUnitCosts(db), filter, scope, now),
    /** Moves the rollups' pending deltas into them (PostgreSQL; see insight-rollups.ts). */
    foldInsight: () => foldInsight(db as Kysely<unknown>, dialect, foldedSinceVacuum),
  };
}

async function loadUnitCosts(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('insight_unit_costs').select(['channel', 'pence']).execute();
  const costs: Record<string, number> = { ...DEFAULT_UNIT_COSTS };
  for (const row of rows) costs[row.channel] = num(row.pence);
  return costs;
}

async function saveUnitCosts(
  db: Db,
  costs: Record<string, number>,
  by: string,
  now: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [channel, pence] of Object.entries(costs)) {
      await trx
        .insertInto('insight_unit_costs')
        .values({ channel, pence, updated_at: now, updated_by: by })
        .onConflict((oc) =>
          oc.column('channel').doUpdateSet({ pence, updated_at: now, updated_by: by }),
        )
        .execute();
    }
  });
}

export interface InsightHistory {
  customers?: CustomersTable[];
  contacts?: ContactsTable[];
  feedback?: FeedbackTable[];
  followups?: FollowupsTable[];
  cases?: CasesTable[];
  caseEvents?: Omit<CaseEventsTable, 'seq'>[];
  commitmentResults?: CommitmentResultsTable[];
  openDues?: InsightOpenDuesTable[];
  audits?: AuditsTable[];
  auditItems?: AuditItemsTable[];
}

/** Loads history in bulk (the demo seed, benchmarks); the rollups follow by trigger. */
async function insertInsightHistory(db: Db, history: InsightHistory): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // In this order: a commitment result's trigger looks up its case's door.
    const tables = [
      ['customers', history.customers],
      ['contacts', history.contacts],
      ['feedback', history.feedback],
      ['followups', history.followups],
      ['cases', history.cases],
      ['case_events', history.caseEvents],
      ['insight_open_dues', history.openDues],
      ['commitment_results', history.commitmentResults],
      ['audits', history.audits],
      ['audit_items', history.auditItems],
    ] as const;
    for (const [table, rows] of tables) {
      // 500 rows of up to 20 columns stays under SQLite's 32,766 bound parameters.
      for (let i = 0; rows && i < rows.length; i += 500) {
        await trx
          .insertInto(table)
          .values(rows.slice(i, i + 500) as never)
          .execute();
      }
    }
  });
}
