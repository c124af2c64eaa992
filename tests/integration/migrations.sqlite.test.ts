import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/server/platform/store/sql-statements.ts';
import { openSqliteStorage } from '../../src/server/storage.ts';
import { describeMigrations } from './migrations.ts';

describeMigrations('SQLite', 'sqlite', () =>
  Promise.resolve({ storage: openSqliteStorage(':memory:') }),
);

describe('the migrations folder in lint', () => {
  it('refuses any import of the application, static or dynamic', async () => {
    const eslint = new ESLint();
    const problems = async (code: string) =>
      (
        await eslint.lintText(`${code}\nexport const probe = [x];\n`, {
          filePath: 'migrations/0999-probe.ts',
        })
      ).flatMap((r) => r.messages.map((m) => m.ruleId));
    for (const code of [
      "import { ROLLUPS as x } from '../src/server/features/insight/insight-rollups.ts';",
      "import type { Database as x } from '../src/server/platform/store/schema.ts';",
      "import { CHANNELS as x } from '../src/shared/channels.ts';",
      "import x from 'pg';",
      "const x = await import('../src/server/features/insight/insight-dues.ts');",
    ]) {
      expect(await problems(code), code).toContain(
        code.includes('await import') ? 'no-restricted-syntax' : 'no-restricted-imports',
      );
    }
    for (const code of [
      "import { sql as x } from 'kysely';",
      "import { readFileSync as x } from 'node:fs';",
      "import { backfillOpenDues as x } from './0017-insight.ts';",
    ]) {
      expect(await problems(code), code).toEqual([]);
    }
  });
});

describe('a migration file split into statements', () => {
  it('ends a statement only at a ; outside quotes, comments, dollar quotes and trigger bodies', () => {
    const file = [
      '-- a comment; with a semicolon',
      "insert into t values ('a;b', 'it''s; fine', \"odd;name\");",
      '/* block; comment */ create table "x;y" (a text);',
      'create function f() returns trigger language plpgsql as $$ begin delete from t; return null; end $$;',
      'create function g() returns int language sql as $body$ select 1; $body$;',
      'create trigger t_ins after insert on t begin',
      '  insert into u select case when new.a then 1 else 0 end as n;',
      '  delete from v; end;',
      'create trigger t_pg after insert on t for each statement execute function f();',
      '-- trailing comment',
    ].join('\n');
    expect(splitStatements(file)).toEqual([
      "insert into t values ('a;b', 'it''s; fine', \"odd;name\")",
      'create table "x;y" (a text)',
      'create function f() returns trigger language plpgsql as $$ begin delete from t; return null; end $$',
      'create function g() returns int language sql as $body$ select 1; $body$',
      'create trigger t_ins after insert on t begin\n  insert into u select case when new.a then 1 else 0 end as n;\n  delete from v; end',
      'create trigger t_pg after insert on t for each statement execute function f()',
    ]);
    expect(() => splitStatements('create table a (b text)')).toThrow(/no closing/);
    expect(() => splitStatements("select 'open;")).toThrow(/unclosed quote/);
    expect(() => splitStatements('select $$ open;')).toThrow(/unclosed dollar quote/);
  });
});
