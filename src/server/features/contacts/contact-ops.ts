// The ops that record what happened at a place: `contact.record`, `contactNote.create`,
// `help.request` and `help.answer`. Each makes one record, inserted in bulk with its batch;
// a record id already taken refuses its op as a conflict. Each new record enters the change
// feed for its place (and, for calls for help, the places that answer them).
import type { Transaction } from 'kysely';
import type { FeedEntity } from '../../../shared/sync/feed.ts';
import type { MutationKind, ValidOp } from '../../../shared/sync/mutations.ts';
import type { OpResult } from '../../../shared/sync/protocol.ts';
import { accessPointScope } from '../../platform/store/change-feed.ts';
import type { Device } from '../../platform/store/device.ts';
import {
  conflict,
  refusal,
  type OpHandler,
  type OpHandlers,
} from '../../platform/store/op-handler.ts';
import type {
  ContactNotesTable,
  ContactsTable,
  Database,
  HelpEventsTable,
} from '../../platform/store/schema.ts';
import { resolveCustomerLinks } from '../customers/customer-links.ts';
import { toContact, toContactNote, toHelpEvent } from './contact-rows.ts';

type Trx = Transaction<Database>;

interface RecordSpec<K extends MutationKind, Row extends { id: string; op_id: string }> {
  kind: K;
  table: 'contact_notes' | 'contacts' | 'help_events';
  entity: FeedEntity;
  /** Other access points whose devices also receive the record (a kiosk's call for help). */
  alsoHeardAt?: (trx: Trx, device: Device) => Promise<string[]>;
  toRow: (op: Extract<ValidOp, { kind: K }>, device: Device, now: string) => Row;
  toData: (row: Row) => unknown;
}

/** Inserts the records of one kind of op, in bulk; returns the ids of the ops refused. */
async function insertRecords<K extends MutationKind, Row extends { id: string; op_id: string }>(
  trx: Trx,
  device: Device,
  ops: readonly ValidOp[],
  now: string,
  results: Map<string, OpResult>,
  spec: RecordSpec<K, Row>,
): Promise<string[]> {
  const rejected: string[] = [];
  const byRecordId = new Map<string, Extract<ValidOp, { kind: K }>>();
  for (const op of ops) {
    if (op.kind !== spec.kind) continue;
    const typed = op as Extract<ValidOp, { kind: K }>;
    if (byRecordId.has(typed.payload.id)) {
      rejected.push(op.id);
      results.set(op.id, conflict(op.id, typed.payload.id));
    } else {
      byRecordId.set(typed.payload.id, typed);
    }
  }
  if (byRecordId.size === 0) return rejected;
  const rows = [...byRecordId.values()].map((op) => spec.toRow(op, device, now));
  const inserted = new Set(
    (
      await trx
        .insertInto(spec.table)
        .values(rows as never)
        .onConflict((oc) => oc.column('id' as never).doNothing())
        .returning('id' as never)
        .execute()
    ).map((r) => (r as { id: string }).id),
  );
  const changes = [];
  const scopes = [
    accessPointScope(device.accessPointId),
    ...(spec.alsoHeardAt ? await spec.alsoHeardAt(trx, device) : []).map(accessPointScope),
  ];
  for (const row of rows) {
    if (!inserted.has(row.id)) {
      rejected.push(row.op_id);
      results.set(row.op_id, conflict(row.op_id, row.id));
      continue;
    }
    for (const scope of scopes) {
      changes.push({
        scope,
        entity: spec.entity,
        entity_id: row.id,
        op: 'upsert' as const,
        data: JSON.stringify(spec.toData(row)),
        origin_device: device.id,
        created_at: now,
      });
    }
  }
  // One insert for the batch's feed rows (a busy door sends many records in one sync).
  if (changes.length > 0) await trx.insertInto('changes').values(changes).execute();
  return rejected;
}

/** The columns every record's row shares: which record, from which op, heard where and when. */
const heard = (
  op: { id: string; payload: { id: string; createdAt: string } },
  device: Device,
  now: string,
) => ({
  id: op.payload.id,
  access_point_id: device.accessPointId,
  device_id: device.id,
  op_id: op.id,
  created_at: op.payload.createdAt,
  received_at: now,
});

/** A handler for one kind of record. */
const records =
  <K extends MutationKind, Row extends { id: string; op_id: string }>(
    spec: RecordSpec<K, Row>,
  ): OpHandler =>
  (trx, device, ops, now, results) =>
    insertRecords(trx, device, ops, now, results, spec);

const CONTACT_NOTES: RecordSpec<'contactNote.create', ContactNotesTable> = {
  kind: 'contactNote.create',
  table: 'contact_notes',
  entity: 'contactNote',
  toRow: (op, device, now) => ({
    ...heard(op, device, now),
    staff_name: op.payload.staffName,
    service_name: op.payload.serviceName,
    channel: op.payload.channel,
    note: op.payload.note,
  }),
  toData: toContactNote,
};

const CONTACTS: RecordSpec<'contact.record', ContactsTable> = {
  kind: 'contact.record',
  table: 'contacts',
  entity: 'contact',
  toRow: (op, device, now) => ({
    ...heard(op, device, now),
    mode: device.mode,
    service_id: op.payload.serviceId,
    channel: op.payload.channel,
    tier: op.payload.tier,
    outcome: op.payload.outcome,
    path: JSON.stringify(op.payload.path),
    customer_id: op.payload.customerId ?? null,
  }),
  // The customer id stays on the hub: devices (kiosks among them) never receive it.
  toData: toContact,
};

type HelpKind = 'help.request' | 'help.answer';

/** Calls for help and their answers: one table, heard at the places `alsoHeardAt` names too. */
const helpEvents = (
  kind: HelpKind,
  alsoHeardAt: (trx: Trx, device: Device) => Promise<string[]>,
): RecordSpec<HelpKind, HelpEventsTable> => ({
  kind,
  table: 'help_events',
  entity: 'helpEvent',
  alsoHeardAt,
  toRow: (op, device, now) => ({
    ...heard(op, device, now),
    kind: op.kind === 'help.request' ? 'request' : 'answer',
    request_id: op.kind === 'help.answer' ? op.payload.requestId : null,
    device_name: device.name,
  }),
  toData: toHelpEvent,
});

// A call for help is heard by the devices of the same access point and, for a kiosk with no
// staff of its own, by those of the place that answers for it (the pack's `helpFrom`).
const HELP_REQUESTS = helpEvents('help.request', async (trx, device) =>
  (
    await trx
      .selectFrom('access_points')
      .select('help_from')
      .where('id', '=', device.accessPointId)
      .where('help_from', 'is not', null)
      .execute()
  ).map((r) => r.help_from as string),
);

// An answer reaches this place's devices and the kiosks it answers for (one of which asked).
const HELP_ANSWERS = helpEvents('help.answer', async (trx, device) =>
  (
    await trx
      .selectFrom('access_points')
      .select('id')
      .where('help_from', '=', device.accessPointId)
      .execute()
  ).map((r) => r.id),
);

/**
 * Contacts that name a customer record: checked and resolved before they are inserted (see
 * customer-links.ts). Returns the ops with each such contact's live customer id, and the refused.
 */
async function attachCustomers(
  trx: Trx,
  ops: readonly ValidOp[],
  results: Map<string, OpResult>,
): Promise<{ ops: ValidOp[]; refused: string[] }> {
  const wanted = ops.flatMap((op) =>
    op.kind === 'contact.record' && op.payload.customerId
      ? [{ opId: op.id, staffId: op.staffId, customerId: op.payload.customerId }]
      : [],
  );
  if (wanted.length === 0) return { ops: [...ops], refused: [] };
  const verdicts = await resolveCustomerLinks(trx, wanted);
  const refused: string[] = [];
  const ready = ops.flatMap((op): ValidOp[] => {
    const verdict = verdicts.get(op.id);
    if (!verdict || op.kind !== 'contact.record') return [op];
    if ('refused' in verdict) {
      refused.push(op.id);
      results.set(op.id, refusal(op.id, 'invalid-payload', verdict.refused));
      return [];
    }
    return [{ ...op, payload: { ...op.payload, customerId: verdict.customerId } }];
  });
  return { ops: ready, refused };
}

export const CONTACT_HANDLERS = {
  'contactNote.create': records(CONTACT_NOTES),
  'contact.record': async (trx, device, ops, now, results) => {
    const attached = await attachCustomers(trx, ops, results);
    return [
      ...attached.refused,
      ...(await insertRecords(trx, device, attached.ops, now, results, CONTACTS)),
    ];
  },
  'help.request': records(HELP_REQUESTS),
  'help.answer': records(HELP_ANSWERS),
} satisfies Partial<OpHandlers>;
