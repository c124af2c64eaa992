// What a device records at a place: contacts (one per citizen served, with the service, channel,
// tier and outcome), staff's contact notes, and calls for help with their answers. The ops that
// make them are in contact-ops.ts; these are the hub's reads.
import type { Kysely } from 'kysely';
import type { Channel } from '../../../shared/channels.ts';
import type { ContactNote } from '../../../shared/contact-note.ts';
import type { Contact, DeviceMode, HelpEvent } from '../../../shared/contact.ts';
import { queriesOn } from '../../platform/store/queries.ts';
import type {
  ContactNotesTable,
  ContactsTable,
  Database,
  HelpEventsTable,
} from '../../platform/store/schema.ts';

type Db = Kysely<Database>;

export type ContactStore = ReturnType<typeof createContactStore>;

export const createContactStore = (db: Db) => queriesOn(db, { listContacts, listContactNotes });

async function listContacts(db: Db, filter: { accessPointId?: string } = {}): Promise<Contact[]> {
  let query = db.selectFrom('contacts').selectAll();
  if (filter.accessPointId) query = query.where('access_point_id', '=', filter.accessPointId);
  const rows = await query.orderBy('received_at').orderBy('id').execute();
  return rows.map(toContact);
}

async function listContactNotes(
  db: Db,
  filter: { accessPointId?: string } = {},
): Promise<ContactNote[]> {
  let query = db.selectFrom('contact_notes').selectAll();
  if (filter.accessPointId) query = query.where('access_point_id', '=', filter.accessPointId);
  const rows = await query.orderBy('received_at').orderBy('id').execute();
  return rows.map(toContactNote);
}

/** A contact as devices receive it: the customer id stays on the hub (kiosks among them). */
export function toContact(row: ContactsTable): Contact {
  return {
    id: row.id,
    serviceId: row.service_id,
    channel: row.channel as Channel,
    tier: Number(row.tier) as Contact['tier'],
    outcome: row.outcome as Contact['outcome'],
    path: JSON.parse(row.path) as string[],
    createdAt: row.created_at,
    accessPointId: row.access_point_id,
    deviceId: row.device_id,
    mode: row.mode as DeviceMode,
    receivedAt: row.received_at,
  };
}

export function toContactNote(row: ContactNotesTable): ContactNote {
  return {
    id: row.id,
    accessPointId: row.access_point_id,
    deviceId: row.device_id,
    staffName: row.staff_name,
    serviceName: row.service_name,
    channel: row.channel as Channel,
    note: row.note,
    createdAt: row.created_at,
    receivedAt: row.received_at,
  };
}

export function toHelpEvent(row: HelpEventsTable): HelpEvent {
  return {
    id: row.id,
    kind: row.kind,
    requestId: row.request_id,
    accessPointId: row.access_point_id,
    deviceId: row.device_id,
    deviceName: row.device_name,
    createdAt: row.created_at,
    receivedAt: row.received_at,
  };
}
