import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { SqliteStorage } from '../../src/server/storage/sqlite.ts';
import { describeMigrations } from './migrations.ts';

describeMigrations('SQLite', 'sqlite', () =>
  Promise.resolve({ storage: SqliteStorage.open(':memory:') }),
);

describe('the migrations folder in lint', () => {
  it('refuses any import of the application, static or dynamic', async () => {
    const eslint = new ESLint();
    const problems = async (code: string) =>
      (
        await eslint.lintText(`${code}\nexport const probe = [x];\n`, {
          filePath: 'src/server/storage/migrations/0999-probe.ts',
        })
      ).flatMap((r) => r.messages.map((m) => m.ruleId));
    for (const code of [
      "import { ROLLUPS as x } from '../insight-rollups.ts';",
      "import type { Database as x } from '../schema.ts';",
      "import { CHANNELS as x } from '../../../shared/channels.ts';",
      "import x from 'pg';",
      "const x = await import('../insight-dues.ts');",
    ]) {
      expect(await problems(code), code).toContain(
        code.includes('await import') ? 'no-restricted-syntax' : 'no-restricted-imports',
      );
    }
    for (const code of [
      "import { sql as x } from 'kysely';",
      "import { readFileSync as x } from 'node:fs';",
      "import { splitStatements as x } from './statements.ts';",
    ]) {
      expect(await problems(code), code).toEqual([]);
    }
  });
});
