// Cases inside the hub's write transaction: opening routes the case from the pack and fixes its
// due times; every action becomes an event with the hub's sequence. Each case and event enters
// the change feed for the access point that captured it and for the partner that owns it.
import { sql, type Transaction } from 'kysely';
import {
  caseRecord,
  type CaseDue,
  type CaseEvent,
  type CaseOpenInput,
  type CaseRecord,
  type CaseEventInput,
} from '../../../shared/case.ts';
import type { Commitment, Service } from '../../../shared/pack/schema.ts';
import { caseDues, routeCase } from '../../../shared/routing.ts';
import type { OpResult } from '../../../shared/sync/protocol.ts';
import { createCustomerForCase } from '../customers/customer-store.ts';
import { currentPackRows } from '../../platform/store/pack-rows.ts';
import { openDueRows } from '../insight/insight-dues.ts';
import type { CaseEventsTable, CasesTable, Database } from '../../platform/store/schema.ts';
import { accessPointScope, partnerScope, type Device } from '../../platform/store/storage.ts';

type Trx = Transaction<Database>;

export async function currentPackRecord<T>(trx: Trx, kind: string, id: string): Promise<T | null> {
  const { rows } = await sql<{ deleted: number; data: string | null }>`
    select deleted, data from pack_records where kind = ${kind} and id = ${id}
    order by version desc limit 1`.execute(trx);
  const row = rows[0];
  return row && !Number(row.deleted) && row.data ? (JSON.parse(row.data) as T) : null;
}

async function commitmentFor(trx: Trx, serviceId: string): Promise<Commitment | undefined> {
  // One query for the current commitments, not one per commitment.
  for (const row of await currentPackRows(trx, 'commitments')) {
    if (Number(row.deleted) || !row.data) continue;
    const commitment = JSON.parse(row.data) as Commitment;
    if (commitment.serviceId === serviceId) return commitment;
  }
  return undefined;
}

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

async function emit(
  trx: Trx,
  scopes: readonly string[],
  entity: 'case' | 'caseEvent',
  id: string,
  data: unknown,
  now: string,
): Promise<void> {
  await trx
    .insertInto('changes')
    .values(
      [...new Set(scopes)].map((scope) => ({
        scope,
        entity,
        entity_id: id,
        op: 'upsert' as const,
        data: JSON.stringify(data),
        // The hub routes cases and orders events, so the device that sent them needs the
        // hub's copy too: no origin filter for these.
        origin_device: null,
        created_at: now,
      })),
    )
    .execute();
}

async function insertEvent(
  trx: Trx,
  row: Omit<CaseEventsTable, 'seq'>,
  scopes: readonly string[],
  now: string,
): Promise<void> {
  const inserted = await trx
    .insertInto('case_events')
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow();
  await emit(
    trx,
    scopes,
    'caseEvent',
    row.id,
    toCaseEvent(inserted as CaseEventsTable & { seq: number }),
    now,
  );
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

const rejected = (
  opId: string,
  code: 'invalid-payload' | 'forbidden' | 'conflict',
  reason: string,
): OpResult => ({
  status: 'rejected',
  opId,
  code,
  reason,
});

export async function openCase(
  trx: Trx,
  device: Device,
  opId: string,
  input: CaseOpenInput,
  now: string,
  /** The live customer record the case joins, already checked (see customer-store.ts). */
  customerId?: string,
): Promise<OpResult | null> {
  const clash = await trx
    .selectFrom('cases')
    .select(['id'])
    .where((eb) => eb.or([eb('id', '=', input.id), eb('reference', '=', input.reference)]))
    .executeTakeFirst();
  if (clash)
    return rejected(
      opId,
      'conflict',
      `a case with this id or reference (${input.reference}) already exists`,
    );
  const service = await currentPackRecord<Service>(trx, 'services', input.serviceId);
  if (!service)
    return rejected(opId, 'invalid-payload', `service "${input.serviceId}" is not in the pack`);
  const owner = routeCase(service, input.location?.postcode);
  const dues = caseDues(
    await commitmentFor(trx, service.id),
    owner,
    new Date(now),
    service.delivery.default,
  );
  const row: CasesTable = {
    id: input.id,
    reference: input.reference,
    type: input.type,
    service_id: input.serviceId,
    channel: input.channel,
    details: input.details,
    location: input.location ? JSON.stringify(input.location) : null,
    contact: input.contact ? JSON.stringify(input.contact) : null,
    author: input.author,
    opened_at: input.openedAt,
    access_point_id: device.accessPointId,
    device_id: device.id,
    op_id: opId,
    received_at: now,
    owner_partner_id: owner.partnerId,
    owner_team_id: owner.teamId,
    dues: JSON.stringify(dues),
    // Only with the second consent ("keep one record of me across services").
    customer_id:
      customerId ??
      (input.contact?.keepRecord ? await createCustomerForCase(trx, input.contact, now) : null),
  };
  await trx.insertInto('cases').values(row).execute();
  // Insight: the open commitments ("at risk now"), settled by a trigger on their results.
  if (dues.length > 0)
    await trx.insertInto('insight_open_dues').values(openDueRows(row, dues)).execute();
  const scopes = caseScopes(device.accessPointId, owner.partnerId, dues);
  await emit(trx, scopes, 'case', row.id, toCaseRecord(row), now);
  const base = {
    case_id: row.id,
    note: null,
    step_id: null,
    reason: null,
    based_on: null,
    created_at: input.openedAt,
    received_at: now,
    device_id: device.id,
  };
  await insertEvent(
    trx,
    { ...base, id: `${row.id}:opened`, kind: 'opened', author: input.author, op_id: opId },
    scopes,
    now,
  );
  await insertEvent(
    trx,
    {
      ...base,
      id: `${row.id}:routed`,
      kind: 'routed',
      author: 'AnyDoor',
      note: `${owner.partnerId}/${owner.teamId}`,
      op_id: null,
    },
    scopes,
    now,
  );
  return null;
}

/**
 * Keeping or missing a commitment, recorded when its step is completed or the case resolved
 * (which settles every open step), for the insight figures.
 */
async function recordCommitmentResults(
  trx: Trx,
  found: CasesTable,
  input: CaseEventInput,
  now: string,
): Promise<void> {
  if (input.kind !== 'step-completed' && input.kind !== 'resolved') return;
  const dues = JSON.parse(found.dues) as CaseDue[];
  const settled = new Set(
    (
      await trx
        .selectFrom('commitment_results')
        .select('step_id')
        .where('case_id', '=', found.id)
        .execute()
    ).map((r) => r.step_id),
  );
  const closing = dues.filter(
    (d) => !settled.has(d.stepId) && (input.kind === 'resolved' || d.stepId === input.stepId),
  );
  if (closing.length === 0) return;
  await trx
    .insertInto('commitment_results')
    .values(
      closing.map((d) => ({
        case_id: found.id,
        step_id: d.stepId,
        level: d.level,
        owner: d.owner,
        service_id: found.service_id,
        due: d.due,
        done_at: now,
        kept: now <= d.due ? 1 : 0,
      })),
    )
    .execute();
}

export async function addCaseEvent(
  trx: Trx,
  device: Device,
  devicePartnerId: string | null,
  opId: string,
  input: CaseEventInput,
  now: string,
): Promise<OpResult | null> {
  const found = await trx
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', input.caseId)
    .executeTakeFirst();
  if (!found) return rejected(opId, 'invalid-payload', 'no such case');
  // The door that captured it and the partner that owns it may act on a case; nobody else.
  const allowed =
    found.access_point_id === device.accessPointId || found.owner_partner_id === devicePartnerId;
  if (!allowed) return rejected(opId, 'forbidden', 'this device may not act on that case');
  if (
    await trx.selectFrom('case_events').select('id').where('id', '=', input.id).executeTakeFirst()
  ) {
    return rejected(opId, 'conflict', `event ${input.id} already exists`);
  }
  await insertEvent(
    trx,
    {
      id: input.id,
      case_id: input.caseId,
      kind: input.kind,
      note: input.note ?? null,
      step_id: input.stepId ?? null,
      reason: input.reason ?? null,
      author: input.author,
      based_on: input.basedOn,
      created_at: input.createdAt,
      received_at: now,
      device_id: device.id,
      op_id: opId,
    },
    caseScopes(found.access_point_id, found.owner_partner_id, JSON.parse(found.dues) as CaseDue[]),
    now,
  );
  await recordCommitmentResults(trx, found, input, now);
  return null;
}
