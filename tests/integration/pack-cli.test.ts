// The franchisor's command line against a real store: validate, publish, export, as one JSON
// file or as a content folder (one file per service, partner, place and standard).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPackCommand } from '../../src/server/features/pack/pack-cli.ts';
import { openSqliteStorage } from '../../src/server/storage.ts';
import { smallPack } from '../helpers/pack-fixture.ts';

describe('npm run pack', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const io = () => ({
    out: (line: string) => out.push(line),
    err: (line: string) => err.push(line),
    openStorage: async () => {
      const storage = openSqliteStorage(join(dir, 'hub.sqlite'));
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
    expect(await storage.core.latestPackVersion()).toBe(0);
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

  it('publishes a content folder, and exports what was published as one', async () => {
    const file = join(dir, 'pack.json');
    writeFileSync(file, JSON.stringify(smallPack()));
    expect(await run('publish', file)).toBe(0);

    const folder = join(dir, 'content');
    expect(await run('export', '--format', 'content', '--out', folder)).toBe(0);
    expect(out.at(-1)).toMatch(/^Wrote version 1 to .*content: 1 partners, /);
    expect(readdirSync(folder).sort()).toEqual([
      'access-points',
      'index.json',
      'life-events.json',
      'partners',
      'services',
      'topics.json',
    ]);
    const serviceFile = join(folder, 'services', 'pothole.json');
    const edited = JSON.parse(readFileSync(serviceFile, 'utf8')) as {
      service: { name: { cy?: string } };
    };
    edited.service.name.cy = 'Rhoi gwybod am dwll yn y ffordd';
    writeFileSync(serviceFile, JSON.stringify(edited));
    expect(await run('validate', folder)).toBe(0);
    expect(await run('publish', folder, '--note', 'Welsh name')).toBe(0);
    expect(out.at(-1)).toBe('Published version 2: 0 added, 1 changed, 0 removed.');

    // What the folder holds is what is now published: read back, written again, the same files.
    const again = join(dir, 'again');
    expect(await run('export', '--format', 'content', '--out', again)).toBe(0);
    for (const name of ['index.json', 'services/pothole.json', 'partners/county.json']) {
      const published = readFileSync(join(again, name), 'utf8');
      if (name === 'services/pothole.json') expect(published).toContain('Rhoi gwybod');
      else expect(published).toBe(readFileSync(join(folder, name), 'utf8'));
    }
    const exported = join(dir, 'export.json');
    expect(await run('export', '--out', exported)).toBe(0);
    const pack = JSON.parse(readFileSync(exported, 'utf8')) as ReturnType<typeof smallPack>;
    expect(pack.services.find((s) => s.id === 'pothole')?.name.cy).toBe(
      'Rhoi gwybod am dwll yn y ffordd',
    );
  });

  it('refuses a content folder with a bad file, naming the file and the field', async () => {
    const file = join(dir, 'pack.json');
    writeFileSync(file, JSON.stringify(smallPack()));
    expect(await run('publish', file)).toBe(0);
    const folder = join(dir, 'content');
    expect(await run('export', '--format', 'content', '--out', folder)).toBe(0);
    const serviceFile = join(folder, 'services', 'pothole.json');
    writeFileSync(serviceFile, readFileSync(serviceFile, 'utf8').replace('"tier": 1', '"tier": 7'));

    expect(await run('publish', folder)).toBe(1);
    expect(err.join('\n')).toContain('services/pothole.json service.tier: must be 0, 1, 2 or 3');

    // A reference to nothing is found by validatePack(), and still named by its file.
    writeFileSync(serviceFile, readFileSync(serviceFile, 'utf8').replace('"tier": 7', '"tier": 1'));
    const place = join(folder, 'access-points', 'central-library.json');
    writeFileSync(
      place,
      readFileSync(place, 'utf8').replace('"partnerId": "county"', '"partnerId": "nobody"'),
    );
    err = [];
    expect(await run('validate', folder)).toBe(1);
    expect(err.join('\n')).toContain(
      'access-points/central-library.json: accessPoints central-library partnerId: partner "nobody" does not exist',
    );
    const storage = await io().openStorage();
    expect(await storage.core.latestPackVersion()).toBe(1);
    await storage.close();
  });

  it('writes the demo pack as a content folder that validates', async () => {
    const folder = join(dir, 'demo');
    expect(await run('demo', '--format', 'content', '--out', folder)).toBe(0);
    expect(readdirSync(join(folder, 'services')).length).toBeGreaterThan(900);
    expect(await run('validate', folder)).toBe(0);
    expect(out.at(-1)).toMatch(/is a valid pack: \d+ partners/);
  });

  it('explains itself when used wrongly', async () => {
    expect(await run('frobnicate')).toBe(2);
    expect(err.join('\n')).toContain('Usage: npm run pack');
    expect(await run('validate', join(dir, 'missing.json'))).toBe(2);
    expect(err.join('\n')).toContain('Cannot read');
    writeFileSync(join(dir, 'notes.txt'), 'not a pack');
    expect(await run('demo', '--format', 'content', '--out', dir)).toBe(2);
    expect(err.join('\n')).toContain('neither empty nor a pack content folder');
  });
});
