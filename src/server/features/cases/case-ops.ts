// Cases inside the hub's write transaction: opening routes the case from the pack and fixes its
// due times; every action becomes an event with the hub's sequence. Each case and event enters
// the change feed for the access point that captured it and for the partner that owns it.
import type { Transaction } from 'kysely';
import {
  caseState,
  type CaseDue,
  type CaseOpenInput,
  type CaseEventInput,
} from '../../../shared/case.ts';
import type { Commitment, Service } from '../../../shared/pack/schema.ts';
import { caseDues, routeCase } from '../../../shared/routing.ts';
import type { OpResult } from '../../../shared/sync/protocol.ts';
import { recordChange } from '../../platform/store/change-feed.ts';
import type { Device } from '../../platform/store/device.ts';
import { refusal, type OpHandler, type OpHandlers } from '../../platform/store/op-handler.ts';
import { currentPackRecord, currentPackRecords } from '../../platform/store/pack-rows.ts';
import type { CaseEventsTable, CasesTable, Database } from '../../platform/store/schema.ts';
import { createCustomerForCase, resolveCustomerLinks } from '../customers/customer-links.ts';
import { openDueRows } from '../insight/insight-dues.ts';
import { caseScopes, eventsOfCases, toCaseEvent, toCaseRecord } from './case-rows.ts';

type Trx = Transaction<Database>;

async function commitmentFor(trx: Trx, serviceId: string): Promise<Commitment | undefined> {
  // One query for the current commitments, not one per commitment.
  const commitments = await currentPackRecords<Commitment>(trx, 'commitments');
  return commitments.find((commitment) => commitment.serviceId === serviceId);
}

/**
 * The hub routes cases and orders events, so the device that sent them needs the hub's copy
 * too: no origin filter for these.
 */
const emit = (
  trx: Trx,
  scopes: readonly string[],
  entity: 'case' | 'caseEvent',
  id: string,
  data: unknown,
  now: string,
) => recordChange(trx, { scopes, entity, id, data, origin: null, now });

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

/** Opens one case; null when opened, else why not. Open311 opens its cases here too. */
export async function openCase(
  trx: Trx,
  device: Device,
  opId: string,
  input: CaseOpenInput,
  now: string,
  /** The live customer record the case joins, already checked (see customer-links.ts). */
  customerId?: string,
): Promise<OpResult | null> {
  const clash = await trx
    .selectFrom('cases')
    .select(['id'])
    .where((eb) => eb.or([eb('id', '=', input.id), eb('reference', '=', input.reference)]))
    .executeTakeFirst();
  if (clash)
    return refusal(
      opId,
      'conflict',
      `a case with this id or reference (${input.reference}) already exists`,
    );
  const service = await currentPackRecord<Service>(trx, 'services', input.serviceId);
  if (!service)
    return refusal(opId, 'invalid-payload', `service "${input.serviceId}" is not in the pack`);
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
 * Keeping or missing a commitment, recorded when its step is completed, confirmed not done (a
 * commitment not kept, whenever that is said) or the case resolved (which settles every step
 * still open: the resolving device says first which were not done), for the insight figures.
 */
async function recordCommitmentResults(
  trx: Trx,
  found: CasesTable,
  input: CaseEventInput,
  now: string,
): Promise<void> {
  if (
    input.kind !== 'step-completed' &&
    input.kind !== 'step-not-done' &&
    input.kind !== 'resolved'
  )
    return;
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
        kept: input.kind !== 'step-not-done' && now <= d.due ? 1 : 0,
      })),
    )
    .execute();
}

async function addCaseEvent(
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
  if (!found) return refusal(opId, 'invalid-payload', 'no such case');
  // The door that captured it and the partner that owns it may act on a case; nobody else.
  const allowed =
    found.access_point_id === device.accessPointId || found.owner_partner_id === devicePartnerId;
  if (!allowed) return refusal(opId, 'forbidden', 'this device may not act on that case');
  if (
    await trx.selectFrom('case_events').select('id').where('id', '=', input.id).executeTakeFirst()
  ) {
    return refusal(opId, 'conflict', `event ${input.id} already exists`);
  }
  if (input.kind === 'escalated') {
    // A resolved case cannot jump the queue: refused when the device had seen the resolution.
    // One made offline before it (an older basedOn) is kept, and the clash shown for a person.
    const events = (await eventsOfCases(trx, [found.id])).get(found.id) ?? [];
    const resolvedAt = events.findLast((e) => e.kind === 'resolved')?.seq ?? null;
    if (
      caseState(events).status === 'resolved' &&
      resolvedAt !== null &&
      input.basedOn !== null &&
      input.basedOn >= resolvedAt
    )
      return refusal(
        opId,
        'conflict',
        'this case is resolved: reopen it before giving it priority',
      );
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

/** Case openings and actions, one at a time in the order sent (an action may follow its opening). */
const applyCases: OpHandler = async (trx, device, ops, now, results) => {
  const refused: string[] = [];
  let partnerId: string | null | undefined;
  for (const op of ops) {
    let problem: OpResult | null = null;
    if (op.kind === 'case.open') {
      let customerId: string | undefined;
      if (op.payload.customerId) {
        const verdict = (
          await resolveCustomerLinks(trx, [
            { opId: op.id, staffId: op.staffId, customerId: op.payload.customerId },
          ])
        ).get(op.id);
        if (verdict && 'refused' in verdict) {
          refused.push(op.id);
          results.set(op.id, refusal(op.id, 'invalid-payload', verdict.refused));
          continue;
        }
        customerId = verdict?.customerId;
      }
      problem = await openCase(trx, device, op.id, op.payload, now, customerId);
    } else if (op.kind === 'case.event') {
      partnerId ??=
        (
          await trx
            .selectFrom('access_points')
            .select('partner_id')
            .where('id', '=', device.accessPointId)
            .executeTakeFirst()
        )?.partner_id ?? null;
      problem = await addCaseEvent(trx, device, partnerId, op.id, op.payload, now);
    } else {
      continue;
    }
    if (problem) {
      refused.push(op.id);
      results.set(op.id, problem);
    }
  }
  return refused;
};

export const CASE_HANDLERS = {
  'case.open': applyCases,
  'case.event': applyCases,
} satisfies Partial<OpHandlers>;
