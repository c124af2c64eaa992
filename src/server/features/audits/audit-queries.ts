// Mystery-shopping scores, aggregated in SQL per standard, place, partner and month, and one
// audit as stored. Each query takes the database handle first: the store lends them its handle
// (queriesOn), so every value exported here is one of the store's methods.
import { sql, type Kysely } from 'kysely';
import type { AuditScores, ScoreRow } from '../../../shared/api/audit-scores.ts';
import type { AuditResult } from '../../../shared/audit-checklist.ts';
import type { Database } from '../../platform/store/schema.ts';

export interface AuditScoreQuery {
  /** Visits on or after this instant (ISO). */
  from?: string;
  /** Visits before this instant (ISO). */
  to?: string;
  /** Only these partners' places (a partner's manager); absent: every partner. */
  partnerIds?: readonly string[];
  accessPointId?: string;
}

export interface AuditSummary {
  id: string;
  accessPointId: string;
  partnerId: string;
  auditorId: string;
  visitedAt: string;
  receivedAt: string;
  score: number;
  packVersion: number | null;
  items: {
    checkId: string;
    standardId: string;
    serviceId: string | null;
    result: AuditResult;
    note: string | null;
    weight: number;
  }[];
}

const round = (value: unknown): number | null =>
  value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10;

export async function auditScores(
  db: Kysely<Database>,
  query: AuditScoreQuery,
): Promise<AuditScores> {
  // One filter for every aggregate, on the audits table (aliased "a").
  const where = sql.join(
    [
      sql`1 = 1`,
      ...(query.from ? [sql`a.visited_at >= ${query.from}`] : []),
      ...(query.to ? [sql`a.visited_at < ${query.to}`] : []),
      ...(query.accessPointId ? [sql`a.access_point_id = ${query.accessPointId}`] : []),
      ...(query.partnerIds
        ? query.partnerIds.length > 0
          ? [sql`a.partner_id in (${sql.join(query.partnerIds)})`]
          : [sql`1 = 0`]
        : []),
    ],
    sql` and `,
  );
  type Row = { audits: number | string; score: number | string | null };
  const toRow = (r: Row): ScoreRow => ({ audits: Number(r.audits), score: round(r.score) });

  const overall = await sql<Row>`
    select count(*) as audits, avg(a.score) as score from audits a where ${where}`.execute(db);
  const byStandard = await sql<Row & { standard_id: string; checks: number | string }>`
    select i.standard_id, count(distinct a.id) as audits, count(*) as checks,
      100.0 * sum(case i.result when 'met' then i.weight when 'partly' then 0.5 * i.weight
        else 0 end) / sum(i.weight) as score
    from audit_items i join audits a on a.id = i.audit_id
    where i.result <> 'not-applicable' and ${where}
    group by i.standard_id order by i.standard_id`.execute(db);
  const byAccessPoint = await sql<
    Row & { access_point_id: string; name: string | null; partner_id: string; last: string }
  >`
    select a.access_point_id, p.name, a.partner_id, count(*) as audits, avg(a.score) as score,
      max(a.visited_at) as last
    from audits a left join access_points p on p.id = a.access_point_id
    where ${where}
    group by a.access_point_id, p.name, a.partner_id order by score desc, a.access_point_id`.execute(
    db,
  );
  const byPartner = await sql<Row & { partner_id: string }>`
    select a.partner_id, count(*) as audits, avg(a.score) as score from audits a
    where ${where} group by a.partner_id order by score desc, a.partner_id`.execute(db);
  const byAccessPointMonth = await sql<Row & { access_point_id: string; month: string }>`
    select a.access_point_id, substr(a.visited_at, 1, 7) as month, count(*) as audits,
      avg(a.score) as score
    from audits a where ${where}
    group by a.access_point_id, substr(a.visited_at, 1, 7)
    order by a.access_point_id, month`.execute(db);
  const byMonth = await sql<Row & { month: string }>`
    select substr(a.visited_at, 1, 7) as month, count(*) as audits, avg(a.score) as score
    from audits a where ${where}
    group by substr(a.visited_at, 1, 7) order by month`.execute(db);

  return {
    overall: toRow(overall.rows[0] ?? { audits: 0, score: null }),
    byStandard: byStandard.rows.map((r) => ({
      ...toRow(r),
      standardId: r.standard_id,
      checks: Number(r.checks),
    })),
    byAccessPoint: byAccessPoint.rows.map((r) => ({
      ...toRow(r),
      accessPointId: r.access_point_id,
      name: r.name ?? r.access_point_id,
      partnerId: r.partner_id,
      lastVisitedAt: r.last,
    })),
    byPartner: byPartner.rows.map((r) => ({ ...toRow(r), partnerId: r.partner_id })),
    byMonth: byMonth.rows.map((r) => ({ ...toRow(r), month: r.month })),
    byAccessPointMonth: byAccessPointMonth.rows.map((r) => ({
      ...toRow(r),
      accessPointId: r.access_point_id,
      month: r.month,
    })),
  };
}

export async function findAudit(db: Kysely<Database>, id: string): Promise<AuditSummary | null> {
  const row = await db.selectFrom('audits').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const items = await db
    .selectFrom('audit_items')
    .selectAll()
    .where('audit_id', '=', id)
    .orderBy('check_id')
    .execute();
  return {
    id: row.id,
    accessPointId: row.access_point_id,
    partnerId: row.partner_id,
    auditorId: row.auditor_id,
    visitedAt: row.visited_at,
    receivedAt: row.received_at,
    score: Number(row.score),
    packVersion: row.pack_version === null ? null : Number(row.pack_version),
    items: items.map((i) => ({
      checkId: i.check_id,
      standardId: i.standard_id,
      serviceId: i.service_id,
      result: i.result as AuditResult,
      note: i.note,
      weight: Number(i.weight),
    })),
  };
}
