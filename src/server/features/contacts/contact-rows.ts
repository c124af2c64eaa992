// A contact, a contact note and a call for help as devices receive them, from the hub's rows:
// what the hub's reads return and what the ops send to the change feed.
import type { Channel } from '../../../shared/channels.ts';
import type { ContactNote } from '../../../shared/contact-note.ts';
import type { Contact, DeviceMode, HelpEvent } from '../../../shared/contact.ts';
import type {
  ContactNotesTable,
  ContactsTable,
  HelpEventsTable,
} from '../../platform/store/schema.ts';

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
