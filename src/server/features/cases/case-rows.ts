// A case's rows as the hub and devices see them, the events of many cases at once, and who
// receives a case: used by the case ops, the photos, Open311 and the customer record, which all
// read cases.
import type { Kysely, Transaction } from 'kysely';
import { caseRecord, type CaseDue, type CaseEvent, type CaseRecord } from '../../../shared/case.ts';
import { accessPointScope, partnerScope } from '../../platform/store/change-feed.ts';
import type { CaseEventsTable, CasesTable, Database } from '../../platform/store/schema.ts';

export function toCaseRecord(row: CasesTable): CaseRecord {
  return caseRecord.parse({
    id: row.id,
    reference: row.reference,
    type: row.type,
    serviceId: row.service_id,
    channel: row.channel,
    details: row.details,
    ...(row.location ? { location: JSON.parse(row.location) as unknown } : {}),
    ...(row.contact ? { contact: JSON.parse(row.contact) as unknown } : {}),
    author: row.author,
    openedAt: row.opened_at,
    accessPointId: row.access_point_id,
    deviceId: row.device_id,
    receivedAt: row.received_at,
    ownerPartnerId: row.owner_partner_id,
    ownerTeamId: row.owner_team_id,
    dues: JSON.parse(row.dues) as unknown,
  });
}

export function toCaseEvent(row: CaseEventsTable & { seq: number | string }): CaseEvent {
  return {
    id: row.id,
    caseId: row.case_id,
    seq: Number(row.seq),
    kind: row.kind as CaseEvent['kind'],
    ...(row.note !== null ? { note: row.note } : {}),
    ...(row.step_id !== null ? { stepId: row.step_id } : {}),
    ...(row.reason !== null ? { reason: row.reason } : {}),
    author: row.author,
    basedOn: row.based_on === null ? null : Number(row.based_on),
    createdAt: row.created_at,
    receivedAt: row.received_at,
    deviceId: row.device_id,
  };
}

/**
 * Who receives a case: the door that captured it, the partner that owns it, and every partner
 * owning one of its commitment steps (so an escalation reaches every team with work on it).
 */
export function caseScopes(
  accessPointId: string,
  ownerPartnerId: string,
  dues: readonly CaseDue[],
): string[] {
  const partners = new Set([
    ownerPartnerId,
    ...dues.map((d) => d.owner.split('/')[0] ?? ownerPartnerId),
  ]);
  return [accessPointScope(accessPointId), ...[...partners].map(partnerScope)];
}

/** The events of each case, in the hub's order (also the customer record's cases). */
export async function eventsOfCases(
  db: Kysely<Database> | Transaction<Database>,
  caseIds: readonly string[],
): Promise<Map<string, CaseEvent[]>> {
  const events = new Map<string, CaseEvent[]>();
  for (let i = 0; i < caseIds.length; i += 500) {
    const batch = await db
      .selectFrom('case_events')
      .selectAll()
      .where('case_id', 'in', caseIds.slice(i, i + 500))
      .orderBy('seq')
      .execute();
    for (const row of batch) {
      const event = toCaseEvent(row as CaseEventsTable & { seq: number });
      const list = events.get(event.caseId) ?? [];
      list.push(event);
      events.set(event.caseId, list);
    }
  }
  return events;
}
