// The content folder format: what is read is what was written, the repository's own content
// folder is exactly what the writer writes (so a franchisor's export diffs cleanly against it),
// the files are as Prettier formats them, and a bad file is named with its field.
import * as prettier from 'prettier';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validatePack } from '../../../shared/pack/validate-pack.ts';
import { buildDemoPack } from './build-demo-pack.ts';
import {
  ContentError,
  DEMO_PACK_DIR,
  readContentFolder,
  writeContentFolder,
  type ContentProblem,
  type PackInput,
} from './content-files.ts';

/** Every file below `dir`, relative to it, with its text. */
function filesOf(dir: string, under = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(join(dir, under), { withFileTypes: true })) {
    const path = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [p, text] of filesOf(dir, path)) files.set(p, text);
    else files.set(path, readFileSync(join(dir, path), 'utf8'));
  }
  return files;
}

function problemsOf(dir: string): ContentProblem[] {
  try {
    readContentFolder(dir);
  } catch (error) {
    if (error instanceof ContentError) return error.problems;
    throw error;
  }
  return [];
}

describe('pack content folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anydoor-content-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the demo content, a valid pack on its own', () => {
    const { pack, files } = readContentFolder(DEMO_PACK_DIR);
    const checked = validatePack(pack);
    expect(checked.ok ? [] : checked.errors.slice(0, 10)).toEqual([]);
    expect(pack.services.length).toBeGreaterThanOrEqual(40);
    expect(pack.commitments).toHaveLength(pack.services.length);
    expect(files.get('services blue-badge')).toBe('services/blue-badge.json');
    expect(files.get('commitments blue-badge-standard')).toBe('services/blue-badge.json');
  });

  it('writes back the repository’s content files byte for byte, as Prettier lays them out', async () => {
    const { pack } = readContentFolder(DEMO_PACK_DIR);
    const written = writeContentFolder(dir, pack);
    const ours = filesOf(DEMO_PACK_DIR);
    const theirs = filesOf(dir);
    expect([...theirs.keys()].sort()).toEqual(
      [...ours.keys()].filter((f) => f.endsWith('.json')).sort(),
    );
    expect(written.sort()).toEqual([...theirs.keys()].sort());
    for (const [file, text] of theirs) expect(text, file).toBe(ours.get(file));

    const options = { ...(await prettier.resolveConfig(join(DEMO_PACK_DIR, 'index.json'))) };
    for (const [file, text] of theirs) {
      expect(await prettier.check(text, { ...options, parser: 'json' }), file).toBe(true);
    }
  });

  it('reads what it wrote: the whole demo pack, order included', () => {
    const pack = buildDemoPack() as unknown as PackInput;
    writeContentFolder(dir, pack);
    expect(readContentFolder(dir).pack).toEqual(JSON.parse(JSON.stringify(pack)));
    // Written again over itself: the same files, and a record removed loses its file.
    const last = pack.services.at(-1)!.id;
    const fewer = { ...pack, services: pack.services.filter((s) => s.id !== last) };
    writeContentFolder(dir, fewer);
    expect(readContentFolder(dir).pack.services).toHaveLength(pack.services.length - 1);
  });

  it('keeps a training module for several services in its own file', () => {
    const { pack } = readContentFolder(DEMO_PACK_DIR);
    const shared = {
      ...pack.training[0]!,
      id: 'shared-module',
      serviceIds: ['pothole', 'blue-badge'],
    };
    writeContentFolder(dir, { ...pack, training: [...pack.training, shared] });
    expect(readdirSync(join(dir, 'training'))).toEqual(['shared-module.json']);
    expect(readContentFolder(dir).pack.training.at(-1)).toEqual(shared);
  });

  it('names the file and the field of every problem', () => {
    const { pack } = readContentFolder(DEMO_PACK_DIR);
    writeContentFolder(dir, pack);
    const edit = <T>(file: string, change: (data: T) => void) => {
      const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
      change(data);
      writeFileSync(join(dir, file), JSON.stringify(data));
    };
    type ServiceFile = {
      service: { name: Record<string, string> };
      commitments: { target: { unit: string } }[];
    };
    edit<ServiceFile>('services/pothole.json', (d) => {
      delete d.service.name.en;
      d.commitments[0]!.target.unit = 'fortnights';
    });
    edit<{ id: string }>('standards/welcome.json', (d) => {
      d.id = 'greeting';
    });
    edit<{ order: { services: string[] } }>('index.json', (d) => {
      d.order.services.push('no-such-service');
    });
    writeFileSync(join(dir, 'access-points.json'), '[]');
    writeFileSync(join(dir, 'services/blue-badge.json'), '{ "service": ');
    const problems = problemsOf(dir);
    const where = problems.map((p) => `${p.file} ${p.field}`);
    expect(where).toEqual(
      expect.arrayContaining([
        'services/pothole.json service.name.en',
        'services/pothole.json commitments.0.target.unit',
        'standards/welcome.json id',
        `index.json order.services.${pack.services.length}`,
        'access-points.json -',
        'services/blue-badge.json -',
      ]),
    );
    expect(problems).toHaveLength(6);
    expect(problems.find((p) => p.file === 'standards/welcome.json')?.reason).toContain(
      'named after its id',
    );
    expect(() => readContentFolder(dir)).toThrow(/services\/pothole\.json service\.name\.en: /);
  });

  it('refuses to write into a folder that is not a content folder, and to read one', () => {
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    expect(() => writeContentFolder(dir, readContentFolder(DEMO_PACK_DIR).pack)).toThrow(
      /neither empty nor a pack content folder/,
    );
    expect(problemsOf(dir)).toEqual([
      { file: 'index.json', field: '-', reason: 'is missing: this is not a pack content folder' },
    ]);
  });
});
