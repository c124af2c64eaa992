import { useLiveQuery } from 'dexie-react-hooks';
import { caseState, dueStatus, type CaseState, type DueStatus } from '../../../shared/case.ts';
import type { CommitmentStatus } from '../../../shared/working-time.ts';
import type { LocalCase, LocalCaseEvent } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';

export interface CaseView {
  record: LocalCase;
  events: LocalCaseEvent[];
  state: CaseState;
  /**
   * Each due step with its status now, the level-1 promise first: 'not-done' when the case was
   * resolved with the step confirmed not done.
   */
  dues: (LocalCase['dues'][number] & { status: DueStatus })[];
  /** The most urgent open step: what the queue sorts by. */
  urgency: { status: CommitmentStatus; due: string } | null;
}

const RANK: Record<CommitmentStatus, number> = {
  breached: 0,
  'at-risk': 1,
  'on-track': 2,
  done: 3,
};

/** Events the hub has not ordered yet (seq 0) come last, in the order they were made here. */
const byHubOrder = (a: LocalCaseEvent, b: LocalCaseEvent) =>
  (a.seq || Number.MAX_SAFE_INTEGER) - (b.seq || Number.MAX_SAFE_INTEGER) || (a.id < b.id ? -1 : 1);

export function viewCase(record: LocalCase, events: LocalCaseEvent[], now = new Date()): CaseView {
  const ordered = [...events].sort(byHubOrder);
  const state = caseState(ordered.map((e, i) => ({ ...e, seq: e.seq || 1e12 + i })));
  const received = new Date(record.receivedAt || record.openedAt);
  const dues = record.dues.map((d) => ({ ...d, status: dueStatus(state, d, received, now) }));
  const open = dues
    .flatMap((d) =>
      d.status === 'done' || d.status === 'not-done' ? [] : [{ ...d, status: d.status }],
    )
    .sort((a, b) => RANK[a.status] - RANK[b.status] || (a.due < b.due ? -1 : 1));
  const first = open[0];
  return {
    record,
    events: ordered,
    state,
    dues,
    urgency: first ? { status: first.status, due: first.due } : null,
  };
}

export function compareUrgency(a: CaseView, b: CaseView): number {
  const ra = a.urgency ? RANK[a.urgency.status] : 4;
  const rb = b.urgency ? RANK[b.urgency.status] : 4;
  if (a.state.escalation && !b.state.escalation) return -1;
  if (b.state.escalation && !a.state.escalation) return 1;
  return ra - rb || (a.urgency?.due ?? '9').localeCompare(b.urgency?.due ?? '9');
}

/** Cases this device may see, with their derived state, most urgent first. */
export function useCases(filter: (c: LocalCase) => boolean): CaseView[] | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const cases = (await db.cases.toArray()).filter(filter);
    const events = await db.caseEvents
      .where('caseId')
      .anyOf(cases.map((c) => c.id))
      .toArray();
    const byCase = new Map<string, LocalCaseEvent[]>();
    for (const e of events) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
    return cases.map((c) => viewCase(c, byCase.get(c.id) ?? [])).sort(compareUrgency);
  }, [db, filter]);
}

export function useCase(caseId: string): CaseView | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const record = await db.cases.get(caseId);
    if (!record) return null;
    return viewCase(record, await db.caseEvents.where('caseId').equals(caseId).toArray());
  }, [db, caseId]);
}
