// The schema migrations, frozen in the top-level migrations/ folder (data, not the hub's code):
// each is a file of SQL per dialect, <name>.sqlite.sql and <name>.postgres.sql, run statement
// by statement in Kysely's Migrator (core-store.ts), which records <name> in anydoor_migrations
// and runs each name once. Nothing in that folder imports the application (eslint.config.js
// refuses it), so changing the hub's code can never change what a migration does: a fresh hub
// and an upgraded one end with the same schema (tests/integration/migrations.ts checks both
// against a fixture). This file only finds, checks and orders them.
//
// To change the schema, add the next NNNN-name.sqlite.sql and NNNN-name.postgres.sql (a
// dialect with nothing to do gets a file of comments), or one NNNN-name.sql when its SQL is the
// same in both dialects; never edit a file once it has shipped.
// A step SQL cannot do (0017's working time) is a frozen copy of its code in NNNN-name.ts,
// importing nothing but kysely, run after the migration's SQL.
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { readdirSync, readFileSync } from 'node:fs';
import { backfillOpenDues } from '../../../../migrations/0017-insight.ts';
import { splitStatements } from './sql-statements.ts';

export type Dialect = 'sqlite' | 'postgres';

const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

/** The repository's migrations/ folder, next to src/ in a clone (the hub runs from source). */
const FOLDER = new URL('../../../../migrations/', import.meta.url);

/** What runs after a migration's SQL, in either dialect. */
const AFTER_SQL: Record<string, (db: Kysely<unknown>) => Promise<void>> = {
  '0017-insight': backfillOpenDues,
};

const FILE = /^(\d{4}-[a-z0-9-]+)(?:\.(sqlite|postgres))?\.sql$/;

/** The migrations by name, in name order, for one dialect. Reads and checks every file now. */
export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  const files = new Set(readdirSync(FOLDER));
  const names = [...files].flatMap((file) => FILE.exec(file)?.[1] ?? []);
  const unique = [...new Set(names)].sort();
  /** A migration's file for a dialect: its own, or the one both dialects share. */
  const fileOf = (name: string, d: Dialect): string => {
    const own = `${name}.${d}.sql`;
    const shared = `${name}.sql`;
    if (files.has(own) && files.has(shared)) {
      throw new Error(`migration ${name} has both ${own} and ${shared}`);
    }
    if (files.has(own)) return own;
    if (files.has(shared)) return shared;
    throw new Error(`migration ${name} has no ${d} file`);
  };
  for (const name of unique) for (const d of DIALECTS) fileOf(name, d);
  for (const name of Object.keys(AFTER_SQL)) {
    if (!unique.includes(name)) throw new Error(`no migration ${name} to run code after`);
  }
  const migrations: Record<string, Migration> = {};
  for (const name of unique) {
    const file = new URL(fileOf(name, dialect), FOLDER);
    const statements = splitStatements(readFileSync(file, 'utf8'));
    const after = AFTER_SQL[name];
    migrations[name] = {
      async up(db: Kysely<unknown>) {
        for (const statement of statements) await sql.raw(statement).execute(db);
        if (after) await after(db);
      },
    };
  }
  return migrations;
}
