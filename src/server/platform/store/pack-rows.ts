// Reading the current state of the published pack, shared by the storage class and case routing.
import { sql, type Kysely } from 'kysely';
import type { Database, PackRecordsTable } from './schema.ts';

/** The newest row of every pack record (of one kind, if given), tombstones included. */
export async function currentPackRows(
  db: Kysely<Database>,
  kind?: string,
): Promise<PackRecordsTable[]> {
  const filter = kind === undefined ? sql`` : sql`where kind = ${kind}`;
  const { rows } = await sql<PackRecordsTable>`
    select r.kind, r.id, r.version, r.deleted, r.data from pack_records r
    join (select kind, id, max(version) as v from pack_records ${filter} group by kind, id) m
      on r.kind = m.kind and r.id = m.id and r.version = m.v
    order by r.kind, r.id`.execute(db);
  return rows;
}
