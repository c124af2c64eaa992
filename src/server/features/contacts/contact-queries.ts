// The hub's reads of what devices record at a place, each taking the database handle first: the
// store lends them its handle (queriesOn), so every value exported here is one of the store's
// methods.
import type { Kysely } from 'kysely';
import type { ContactNote } from '../../../shared/contact-note.ts';
import type { Contact } from '../../../shared/contact.ts';
import type { Database } from '../../platform/store/schema.ts';
import { toContact, toContactNote } from './contact-rows.ts';

type Db = Kysely<Database>;

export async function listContacts(
  db: Db,
  filter: { accessPointId?: string } = {},
): Promise<Contact[]> {
  let query = db.selectFrom('contacts').selectAll();
  if (filter.accessPointId) query = query.where('access_point_id', '=', filter.accessPointId);
  const rows = await query.orderBy('received_at').orderBy('id').execute();
  return rows.map(toContact);
}

export async function listContactNotes(
  db: Db,
  filter: { accessPointId?: string } = {},
): Promise<ContactNote[]> {
  let query = db.selectFrom('contact_notes').selectAll();
  if (filter.accessPointId) query = query.where('access_point_id', '=', filter.accessPointId);
  const rows = await query.orderBy('received_at').orderBy('id').execute();
  return rows.map(toContactNote);
}
