// Reading the published pack as it stands: the core store, case routing, reviews, audits and
// the dashboards' names all read the newest row of a record.
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

/** One record as the newest pack version has it; null when it was never published or removed. */
export async function currentPackRecord<T>(
  db: Kysely<Database>,
  kind: string,
  id: string,
): Promise<T | null> {
  const { rows } = await sql<{ deleted: number; data: string | null }>`
    select deleted, data from pack_records where kind = ${kind} and id = ${id}
    order by version desc limit 1`.execute(db);
  const row = rows[0];
  return row && !Number(row.deleted) && row.data ? (JSON.parse(row.data) as T) : null;
}

/** The current records of one kind, parsed (removed ones left out). */
export async function currentPackRecords<T>(db: Kysely<Database>, kind: string): Promise<T[]> {
  return (await currentPackRows(db, kind)).flatMap((row) =>
    Number(row.deleted) || !row.data ? [] : [JSON.parse(row.data) as T],
  );
}

/** The newest published version's number (0 before the first publish). */
export async function latestPackVersion(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('pack_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}
