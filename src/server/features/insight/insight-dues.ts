// The commitments still open, kept for the dashboards' "at risk now" and "breached now": a row
// per due when a case opens (with the instant it will be at risk, worked out once in working
// time), removed by a trigger when its result is recorded (migration 0017).
import type { CaseDue } from '../../../shared/case.ts';
import { atRiskFrom } from '../../../shared/working-time.ts';
import type { InsightOpenDuesTable } from '../../platform/store/schema.ts';

/** A case's open commitments as rows, written in the transaction that opens the case. */
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
