// What contacts and cases need of customer records, inside the op's own transaction: a record
// made with the citizen's second consent when their case opens, and a record staff attached
// at the counter, checked and followed to the record it was merged into. Who may see a record
// is decided here too (the customer store's searches use the same rule).
import { sql, type Kysely, type Transaction } from 'kysely';
import { nameKey, normaliseIdentity } from '../../../shared/customer.ts';
import { newId } from '../../../shared/ids.ts';
import type { Database } from '../../platform/store/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Who is asking: a partner's staff, or the franchisor (partnerId null: everyone). */
export interface CustomerViewer {
  staffId: string;
  partnerId: string | null;
}

export const likePattern = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * SQL true when the partner has dealt with `customers.id`: a contact at one of its places, or a
 * case it captured, owns, or has a commitment step in (`dues` holds `"owner":"partner/team"`).
 */
export function visibleTo(partnerId: string) {
  const step = `%"owner":"${likePattern(partnerId)}/%`;
  return sql<boolean>`(
    exists (select 1 from contacts ct join access_points ap on ap.id = ct.access_point_id
            where ct.customer_id = customers.id and ap.partner_id = ${partnerId})
    or exists (select 1 from cases cs where cs.customer_id = customers.id and (
            cs.owner_partner_id = ${partnerId}
            or cs.dues like ${step} escape '\\'
            or cs.access_point_id in (select id from access_points where partner_id = ${partnerId}))))`;
}

export async function findVisible(db: Db, id: string, viewer: CustomerViewer) {
  let query = db.selectFrom('customers').selectAll().where('id', '=', id);
  if (viewer.partnerId !== null) query = query.where(visibleTo(viewer.partnerId));
  return (await query.executeTakeFirst()) ?? null;
}

/** Called inside the case's own transaction, when the citizen gave the second consent. */
export async function createCustomerForCase(
  trx: Transaction<Database>,
  contact: {
    name?: string | undefined;
    phone?: string | undefined;
    email?: string | undefined;
    dateOfBirth?: string | undefined;
    postcode?: string | undefined;
  },
  now: string,
): Promise<string> {
  const identity = normaliseIdentity(contact);
  const id = newId();
  await trx
    .insertInto('customers')
    .values({
      id,
      name: identity.name,
      name_key: nameKey(identity.name),
      date_of_birth: identity.dateOfBirth,
      postcode: identity.postcode,
      phone: identity.phone,
      email: identity.email,
      consented_at: now,
      created_at: now,
      updated_at: now,
      merged_into: null,
      erased_at: null,
    })
    .execute();
  return id;
}

/**
 * Contacts and cases that name a customer (staff attached the record at the counter): it must
 * exist, be unerased and be one the person's partner may see. A record merged since is followed
 * to the one it was merged into, so contacts.customer_id always names a live record.
 * Returns, per op id, the customer to store or the reason to refuse.
 */
export async function resolveCustomerLinks(
  trx: Transaction<Database>,
  ops: readonly { opId: string; staffId: string | undefined; customerId: string }[],
): Promise<Map<string, { customerId: string } | { refused: string }>> {
  const out = new Map<string, { customerId: string } | { refused: string }>();
  for (const op of ops) {
    const person = op.staffId
      ? await trx
          .selectFrom('staff')
          .select('partner_id')
          .where('id', '=', op.staffId)
          .executeTakeFirst()
      : undefined;
    if (!person) {
      out.set(op.opId, { refused: 'attaching a customer needs a signed-in member of staff' });
      continue;
    }
    const viewer = { staffId: op.staffId ?? '', partnerId: person.partner_id };
    const byId = (id: string) =>
      trx.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
    let row = await byId(op.customerId);
    for (let hops = 0; row?.merged_into && hops < 20; hops++) row = await byId(row.merged_into);
    // Visibility is judged on the live record: a merge moved the rows that made it visible.
    const live = row && !row.merged_into ? await findVisible(trx, row.id, viewer) : null;
    if (!live) out.set(op.opId, { refused: 'no such customer' });
    else if (live.erased_at) out.set(op.opId, { refused: 'that customer record was erased' });
    else out.set(op.opId, { customerId: live.id });
  }
  return out;
}
