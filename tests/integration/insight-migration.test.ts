// Migration 0018 rebuilds SQLite's insight rollups in key order (WITHOUT ROWID) on a hub that
// already has history: every row is kept, and the triggers go on counting afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/server/seed/demo-data.ts';
import {
  ROLLUPS,
  rawRollupSql,
  storedRollupSql,
  type RollupSpec,
} from '../../src/server/storage/insight-rollups.ts';
import { migrationsFor } from '../../src/server/storage/migrations.ts';
import { SqliteStorage } from '../../src/server/storage/sqlite.ts';

describe('migration 0018 on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anydoor-insight-migration-'));
  const storage = SqliteStorage.open(join(dir, 'hub.sqlite'));
  afterAll(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const snapshot = async () => {
    const out: Record<string, string[]> = {};
    for (const spec of Object.values(ROLLUPS) as RollupSpec[]) {
      for (const grain of spec.grains) {
        const rows = async (text: string) =>
          ((await sql.raw(text).execute(storage.db)).rows as Record<string, unknown>[]).map((r) =>
            Object.values(r).map(String).join('|'),
          );
        const stored = await rows(storedRollupSql(spec, grain, 'sqlite'));
        expect(stored, `${spec.table} ${grain}`).toEqual(
          await rows(rawRollupSql(spec, 'sqlite', grain)),
        );
        out[`${spec.table} ${grain}`] = stored;
      }
    }
    return out;
  };

  it('keeps every rollup row, stores the tables in key order, and keeps counting', async () => {
    const migrator = new Migrator({
      db: storage.db,
      provider: { getMigrations: () => Promise.resolve(migrationsFor('sqlite')) },
      migrationTableName: 'anydoor_migrations',
      migrationLockTableName: 'anydoor_migrations_lock',
    });
    expect((await migrator.migrateTo('0017-insight')).error).toBeUndefined();
    await seedDemoData(storage);
    const before = await snapshot();
    expect(before['insight_customer_months month']?.length).toBeGreaterThan(100);

    await storage.migrate();
    expect(await snapshot()).toEqual(before);
    const { rows } = await sql<{ name: string; sql: string }>`
      select name, sql from sqlite_master where type = 'table' and name like 'insight_%'
        and name not in ('insight_open_dues', 'insight_unit_costs')`.execute(storage.db);
    expect(rows.map((r) => r.name).sort()).toEqual(
      (Object.values(ROLLUPS) as RollupSpec[]).map((s) => s.table).sort(),
    );
    for (const row of rows) expect(row.sql, row.name).toMatch(/without rowid\s*$/i);

    // The triggers were put back: a contact moved to another customer is counted again.
    const contact = await storage.db
      .selectFrom('contacts')
      .select(['id', 'customer_id'])
      .where('customer_id', 'is not', null)
      .executeTakeFirstOrThrow();
    await storage.db
      .updateTable('contacts')
      .set({ customer_id: null })
      .where('id', '=', contact.id)
      .execute();
    const after = await snapshot();
    expect(after).not.toEqual(before);
  });
});
