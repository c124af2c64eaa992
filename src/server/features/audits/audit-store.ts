// Mystery-shopping audits on the hub. An audit is applied inside the sync transaction: the
// hub rebuilds the audited place's checklist from the current pack, refuses answers to checks
// that are not on it, and scores the audit itself (the device's figure is never stored).
// Scores are aggregated in SQL, per standard, place, partner and month.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditScores, ScoreRow } from '../../../shared/api/audit-scores.ts';
import { buildChecklist, scoreAudit, type AuditResult } from '../../../shared/audit-checklist.ts';
import type { AuditSubmitInput } from '../../../shared/audit.ts';
import type { Commitment, PackAccessPoint, Standard } from '../../../shared/pack/schema.ts';
import type { OpResult } from '../../../shared/sync/protocol.ts';
import {
  refusal,
  type Device,
  type OpHandler,
  type OpHandlers,
} from '../../platform/store/core-store.ts';
import { currentPackRecords, latestPackVersion } from '../../platform/store/pack-rows.ts';
import { queriesOn } from '../../platform/store/queries.ts';
import type { Database } from '../../platform/store/schema.ts';

export type AuditStore = ReturnType<typeof createAuditStore>;

export const createAuditStore = (db: Kysely<Database>) => queriesOn(db, { auditScores, findAudit });

type Trx = Transaction<Database>;

/** The pack records a checklist is built from, read once per batch. */
interface ChecklistSource {
  version: number;
  standards: Standard[];
  commitments: Commitment[];
  places: Map<string, PackAccessPoint>;
}

async function checklistSource(trx: Trx): Promise<ChecklistSource> {
  return {
    version: await latestPackVersion(trx),
    standards: await currentPackRecords<Standard>(trx, 'standards'),
    commitments: await currentPackRecords<Commitment>(trx, 'commitments'),
    places: new Map(
      (await currentPackRecords<PackAccessPoint>(trx, 'accessPoints')).map((p) => [p.id, p]),
    ),
  };
}

const refuse = (opId: string, reason: string): OpResult => refusal(opId, 'invalid-payload', reason);

const applyAudits: OpHandler = async (trx, device, ops, now, results) => {
  const refused: string[] = [];
  let source: ChecklistSource | undefined;
  for (const op of ops) {
    if (op.kind !== 'audit.submit') continue;
    source ??= await checklistSource(trx);
    const problem = await applyAudit(trx, device, op.id, op.staffId ?? '', op.payload, now, source);
    if (problem) {
      refused.push(op.id);
      results.set(op.id, problem);
    }
  }
  return refused;
};

export const AUDIT_HANDLERS = {
  'audit.submit': applyAudits,
} satisfies Partial<OpHandlers>;

async function applyAudit(
  trx: Trx,
  device: Device,
  opId: string,
  auditorId: string,
  input: AuditSubmitInput,
  now: string,
  source: ChecklistSource,
): Promise<OpResult | null> {
  const place = await trx
    .selectFrom('access_points')
    .select(['id', 'kind', 'partner_id'])
    .where('id', '=', input.accessPointId)
    .executeTakeFirst();
  if (!place) return refuse(opId, `there is no access point called ${input.accessPointId}`);
  const offered = source.places.get(place.id)?.faceToFaceServiceIds ?? [];
  const checklist = new Map(
    buildChecklist(source, {
      kind: place.kind as PackAccessPoint['kind'],
      faceToFaceServiceIds: offered,
    }).map((item) => [item.id, item]),
  );
  const unknown = input.items.filter((i) => !checklist.has(i.checkId)).map((i) => i.checkId);
  if (unknown.length > 0) {
    const listed = unknown.slice(0, 3).join(', ') + (unknown.length > 3 ? ', …' : '');
    return refuse(
      opId,
      `not on the checklist for ${place.id} in pack version ${source.version}: ${listed}`,
    );
  }
  const scored = input.items.map((i) => ({
    ...i,
    weight: checklist.get(i.checkId)?.weight ?? 1,
  }));
  const score = scoreAudit(scored);
  if (score === null) {
    return refuse(opId, 'every check was marked not applicable, so there is nothing to score');
  }
  const inserted = await trx
    .insertInto('audits')
    .values({
      id: input.id,
      access_point_id: place.id,
      partner_id: place.partner_id,
      auditor_id: auditorId,
      device_id: device.id,
      op_id: opId,
      // Normalised to UTC so date ranges and months compare as text on both stores.
      visited_at: new Date(input.visitedAt).toISOString(),
      received_at: now,
      score,
      pack_version: source.version,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    return refusal(opId, 'conflict', `audit ${input.id} exists`);
  }
  await trx
    .insertInto('audit_items')
    .values(
      scored.map((i) => ({
        audit_id: input.id,
        check_id: i.checkId,
        standard_id: checklist.get(i.checkId)?.standardId ?? '',
        service_id: checklist.get(i.checkId)?.serviceId ?? null,
        result: i.result,
        note: i.note ?? null,
        weight: i.weight,
      })),
    )
    .execute();
  return null;
}

// --- Scores ------------------------------------------------------------------------------

export interface AuditScoreQuery {
  /** Visits on or after this instant (ISO). */
  from?: string;
  /** Visits before this instant (ISO). */
  to?: string;
  /** Only these partners' places (a partner's manager); absent: every partner. */
  partnerIds?: readonly string[];
  accessPointId?: string;
}

// The scores are what GET /api/staff/audits/scores answers, typed once for hub and app.
export type { AuditScores, ScoreRow } from '../../../shared/api/audit-scores.ts';

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

async function auditScores(db: Kysely<Database>, query: AuditScoreQuery): Promise<AuditScores> {
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

async function findAudit(db: Kysely<Database>, id: string): Promise<AuditSummary | null> {
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
