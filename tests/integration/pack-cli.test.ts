// The franchisor's command line against a real store: validate, publish, export.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPackCommand } from '../../src/server/pack/pack-cli.ts';
import { SqliteStorage } from '../../src/server/storage/sqlite.ts';
import { smallPack } from '../helpers/pack-fixture.ts';

describe('npm run pack', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const io = () => ({
    out: (line: string) => out.push(line),
    err: (line: string) => err.push(line),
    openStorage: async () => {
      const storage = SqliteStorage.open(join(dir, 'hub.sqlite'));
      await storage.migrate();
      return storage;
    },
  });
  const run = (...argv: string[]) => runPackCommand(argv, io());

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anydoor-cli-'));
    out = [];
    err = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses an invalid pack with every error, and publishes nothing', async () => {
    const pack = JSON.parse(JSON.stringify(smallPack())) as Record<
      string,
      Record<string, unknown>[]
    >;
    pack.services![0]!.tier = 7;
    pack.accessPoints![0]!.partnerId = 'nobody';
    pack.processMaps![0]!.start = 'nowhere';
    pack.commitments!.push({ ...pack.commitments![0]! });
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(pack));

    expect(await run('publish', file)).toBe(1);
    const text = err.join('\n');
    expect(text).toContain('services pothole tier: must be 0, 1, 2 or 3');
    expect(text).toContain(
      'accessPoints central-library partnerId: partner "nobody" does not exist',
    );
    expect(text).toContain('start step "nowhere" does not exist');
    expect(text).toContain(
      'commitments pothole-standard id: the same id is used by another record',
    );
    const storage = await io().openStorage();
    expect(await storage.latestPackVersion()).toBe(0);
    await storage.close();
  });

  it('publishes a valid pack once, then exports what was published', async () => {
    const file = join(dir, 'pack.json');
    writeFileSync(file, JSON.stringify(smallPack()));
    expect(await run('validate', file)).toBe(0);
    expect(await run('publish', file, '--note', 'Winter update')).toBe(0);
    expect(out.at(-1)).toBe('Published version 1: 8 added, 0 changed, 0 removed.');
    expect(await run('publish', file)).toBe(0);
    expect(out.at(-1)).toMatch(/Nothing changed since version 1/);

    const exported = join(dir, 'export.json');
    expect(await run('export', '--out', exported)).toBe(0);
    const byId = (pack: Record<string, { id: string }[]>) =>
      Object.fromEntries(
        Object.entries(pack).map(([kind, list]) => [
          kind,
          [...list].sort((a, b) => a.id.localeCompare(b.id)),
        ]),
      );
    expect(byId(JSON.parse(readFileSync(exported, 'utf8')))).toEqual(byId(smallPack()));
  });

  it('explains itself when used wrongly', async () => {
    expect(await run('frobnicate')).toBe(2);
    expect(err.join('\n')).toContain('Usage: npm run pack');
    expect(await run('validate', join(dir, 'missing.json'))).toBe(2);
    expect(err.join('\n')).toContain('Cannot read');
  });
});
