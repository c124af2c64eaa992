// The commitments still open, kept for the dashboards' "at risk now" and "breached now": a row
// per due when a case opens (with the instant it will be at risk, worked out once in working
// time), removed by a trigger when its result is recorded (migration 0017).
import type { Kysely } from 'kysely';
import type { CaseDue } from '../../../shared/case.ts';
import { atRiskFrom } from '../../../shared/working-time.ts';
import type { InsightOpenDuesTable } from '../../platform/store/schema.ts';

export function openDueRows(
  caseRow: { id: string; service_id: string; access_point_id: string; received_at: string },
  dues: readonly CaseDue[],
): InsightOpenDuesTable[] {
  const received = new Date(caseRow.received_at);
  return dues.map((d) => {
    const slash = d.owner.indexOf('/');
    return {
      case_id: caseRow.id,
      step_id: d.stepId,
      partner_id: slash < 0 ? d.owner : d.owner.slice(0, slash),
      team_id: slash < 0 ? '' : d.owner.slice(slash + 1),
      service_id: caseRow.service_id,
      access_point_id: caseRow.access_point_id,
      level: d.level,
      at_risk_at: atRiskFrom(received, new Date(d.due)).toISOString(),
      due: d.due,
    };
  });
}

/** For a hub upgraded with cases: every due without a result yet. */
export async function backfillOpenDues(db: Kysely<unknown>): Promise<void> {
  const typed = db as unknown as Kysely<{
    cases: {
      id: string;
      service_id: string;
      access_point_id: string;
      received_at: string;
      dues: string;
    };
    commitment_results: { case_id: string; step_id: string };
    insight_open_dues: InsightOpenDuesTable;
  }>;
  const settled = new Set(
    (await typed.selectFrom('commitment_results').select(['case_id', 'step_id']).execute()).map(
      (r) => `${r.case_id}\n${r.step_id}`,
    ),
  );
  const cases = await typed
    .selectFrom('cases')
    .select(['id', 'service_id', 'access_point_id', 'received_at', 'dues'])
    .execute();
  const rows = cases.flatMap((c) =>
    openDueRows(c, JSON.parse(c.dues) as CaseDue[]).filter(
      (r) => !settled.has(`${r.case_id}\n${r.step_id}`),
    ),
  );
  for (let i = 0; i < rows.length; i += 500) {
    await typed
      .insertInto('insight_open_dues')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}
