// `npm run pack -- <command>`: the franchisor's command line for the franchise pack.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PACK_KINDS, type PackContent } from '../../../shared/pack/schema.ts';
import { validatePack, type PackError } from '../../../shared/pack/validate-pack.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import { fromHsds } from '../hsds/from-hsds.ts';
import { exportHsds } from '../hsds/hsds-export.ts';
import { readHsdsDir } from '../hsds/hsds-files.ts';
import type { ReviewStore } from '../reviews/review-store.ts';
import { buildDemoPack, readLgsl } from './build-demo-pack.ts';
import {
  ContentError,
  fileOfPackError,
  formatContentProblems,
  readContentFolder,
  writeContentFolder,
  type ContentFolder,
  type PackInput,
} from './content-files.ts';
import { publishWithDraft } from './pack-draft.ts';

/** Who the audit log says published from the command line (it has no hub session). */
const COMMAND_LINE = { id: 'command-line', role: 'franchisor-admin' } as const;

/** The stores this file uses: the pack's versions, and the ratings an HSDS export carries. */
type Stores = { readonly core: CoreStore; readonly reviews: ReviewStore };

export const USAGE = `Usage: npm run pack -- <command> [options]

  A pack is one JSON file, or a content folder: one JSON file per service, partner, access
  point and standard, as in content/pack (see content/README.md).

  validate <pack.json|folder>          check a pack; lists every error
  publish <pack.json|folder> [--note TEXT]
                                       validate, then publish it as the next version
  export [--format json] [--out FILE]  write the published pack (stdout without --out)
  export --format content --out <dir>  write the published pack as a content folder
  export --format hsds --out <dir>     write the published directory as Open Referral HSDS 3.0
                                       JSON files (services.json, organizations.json, …)
  import --format lgsl <services.csv> --out <pack.json>
                                       build a pack from a Local Government Service List CSV
  import --format hsds <dir> --out <pack.json>
                                       build a pack from an HSDS 3.0 dataset (export's layout)
  demo --out <pack.json>               write the demo pack, a starting point for editing
  demo --format content --out <dir>    the same, as a content folder

The store is the server's: DATABASE_URL, or the SQLite file in DATA_DIR (default ./data).`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  openStorage: () => Promise<Stores & { close(): Promise<void> }>;
}

/** One line per error; a pack read from a content folder names the file each record is in. */
export function formatPackErrors(
  errors: readonly PackError[],
  folder?: ContentFolder | undefined,
): string[] {
  return errors.map((e) => {
    const file = folder && fileOfPackError(folder, e);
    return `  ${file ? `${file}: ` : ''}${e.kind} ${e.record} ${e.field}: ${e.reason}`;
  });
}

/** A pack to validate or publish: a content folder, else one JSON file. */
type PackSource =
  { ok: true; pack: unknown; folder?: ContentFolder } | { ok: false; problems: string[] };

function readPackSource(path: string): PackSource {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (error) {
    throw new CliError(`Cannot read ${path}: ${messageOf(error)}`);
  }
  if (isFolder) {
    try {
      const folder = readContentFolder(path);
      return { ok: true, pack: folder.pack, folder };
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      return { ok: false, problems: formatContentProblems(error.problems) };
    }
  }
  try {
    return { ok: true, pack: JSON.parse(readFileSync(path, 'utf8')) as unknown };
  } catch (error) {
    throw new CliError(`Cannot read ${path}: ${messageOf(error)}`);
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Writes a pack as one JSON file or, with --format content, as a content folder. */
function writePack(out: string, pack: PackContent | PackInput, format: string | undefined): void {
  if (format !== 'content') return writeFileSync(out, `${JSON.stringify(pack, null, 2)}\n`);
  try {
    writeContentFolder(out, pack as PackInput);
  } catch (error) {
    throw new CliError(`Cannot write ${out}: ${messageOf(error)}`);
  }
}

class CliError extends Error {}

/** Runs one command; resolves to the process exit code. */
export async function runPackCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      note: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, file] = positionals;
  if (values.help || !command) {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  try {
    switch (command) {
      case 'validate': {
        if (!file) throw new CliError('validate needs a pack file or folder');
        const source = readPackSource(file);
        if (!source.ok) {
          io.err(`${file} is not a valid pack: ${source.problems.length} problem(s)`);
          source.problems.forEach((line) => io.err(line));
          return 1;
        }
        const result = validatePack(source.pack);
        if (!result.ok) {
          io.err(`${file} is not a valid pack: ${result.errors.length} error(s)`);
          formatPackErrors(result.errors, source.folder).forEach((line) => io.err(line));
          return 1;
        }
        io.out(`${file} is a valid pack: ${describeCounts(result.pack)}`);
        return 0;
      }
      case 'publish': {
        if (!file) throw new CliError('publish needs a pack file or folder');
        const source = readPackSource(file);
        if (!source.ok) {
          io.err(`Not published. ${file} has ${source.problems.length} problem(s):`);
          source.problems.forEach((line) => io.err(line));
          return 1;
        }
        const result = validatePack(source.pack);
        if (!result.ok) {
          io.err(`Not published. ${file} has ${result.errors.length} error(s):`);
          formatPackErrors(result.errors, source.folder).forEach((line) => io.err(line));
          return 1;
        }
        const storage = await io.openStorage();
        try {
          // Through the studio's publish: the draft's revisions move on (an editor who read a
          // record this file changed is told) and the audit log names the command line.
          const outcome = await publishWithDraft(storage.core, result.pack, {
            actor: COMMAND_LINE,
            note: values.note ?? '',
          });
          if (!outcome.ok && outcome.reason === 'invalid') {
            io.err(`Not published. ${file} has ${outcome.errors.length} error(s):`);
            formatPackErrors(outcome.errors, source.folder).forEach((line) => io.err(line));
            return 1;
          }
          const published = outcome.ok ? outcome.published : null;
          if (!published) {
            io.out(
              `Nothing changed since version ${await storage.core.latestPackVersion()}; not published.`,
            );
            return 0;
          }
          const { summary } = published;
          io.out(
            `Published version ${published.version}: ${summary.added} added, ${summary.changed} changed, ${summary.removed} removed.`,
          );
          return 0;
        } finally {
          await storage.close();
        }
      }
      case 'export': {
        if (values.format === 'hsds') return await exportHsdsTo(values.out, io);
        if (!['json', 'content'].includes(values.format ?? 'json'))
          throw new CliError(`unknown export format "${values.format}"`);
        if (values.format === 'content' && !values.out)
          throw new CliError('export --format content needs --out <dir>');
        const storage = await io.openStorage();
        try {
          const pack = await exportPack(storage);
          if (values.out) {
            writePack(values.out, pack, values.format);
            io.out(
              `Wrote version ${await storage.core.latestPackVersion()} to ${values.out}: ${describeCounts(pack)}`,
            );
          } else {
            io.out(`${JSON.stringify(pack, null, 2)}\n`);
          }
          return 0;
        } finally {
          await storage.close();
        }
      }
      case 'import': {
        if (values.format === 'hsds') return importHsdsFrom(file, values.out, io);
        if (values.format !== 'lgsl') throw new CliError('import needs --format lgsl or hsds');
        if (!file || !values.out) throw new CliError('import needs a source file and --out');
        const pack = buildDemoPack(readLgsl(file));
        writeFileSync(values.out, `${JSON.stringify(pack, null, 2)}\n`);
        io.out(`Wrote ${values.out}: ${describeCounts(pack)}`);
        return 0;
      }
      case 'demo': {
        if (!values.out) throw new CliError('demo needs --out');
        if (!['json', 'content'].includes(values.format ?? 'json'))
          throw new CliError(`unknown demo format "${values.format}"`);
        const pack = buildDemoPack();
        writePack(values.out, pack, values.format);
        io.out(`Wrote ${values.out}: ${describeCounts(pack)}`);
        return 0;
      }
      default:
        throw new CliError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.err(error.message);
    io.err(USAGE);
    return 2;
  }
}

export async function exportPack(storage: Stores): Promise<PackContent> {
  const pack = {} as Record<string, unknown[]>;
  for (const kind of PACK_KINDS) pack[kind] = await storage.core.listPackRecords(kind);
  return pack as unknown as PackContent;
}

async function exportHsdsTo(dir: string | undefined, io: CliIo): Promise<number> {
  if (!dir) throw new CliError('export --format hsds needs --out <dir>');
  const storage = await io.openStorage();
  try {
    const { version, summary } = await exportHsds(storage, dir);
    io.out(`Wrote version ${version} as HSDS 3.0 to ${dir}: ${summary}`);
    return 0;
  } finally {
    await storage.close();
  }
}

const MAX_WARNINGS_SHOWN = 20;

function importHsdsFrom(dir: string | undefined, out: string | undefined, io: CliIo): number {
  if (!dir || !out) throw new CliError('import needs a source directory and --out');
  let input: ReturnType<typeof readHsdsDir>;
  try {
    input = readHsdsDir(dir);
  } catch (error) {
    throw new CliError(`Cannot read ${dir}: ${messageOf(error)}`);
  }
  const { pack, warnings } = fromHsds(input);
  warnings.slice(0, MAX_WARNINGS_SHOWN).forEach((w) => io.err(`  warning: ${w}`));
  if (warnings.length > MAX_WARNINGS_SHOWN) {
    io.err(`  … and ${warnings.length - MAX_WARNINGS_SHOWN} more warning(s)`);
  }
  // The import only fills defaults; the pack must still pass the same checks as any other.
  const result = validatePack(pack);
  if (!result.ok) {
    io.err(`The pack built from ${dir} is not valid: ${result.errors.length} error(s)`);
    formatPackErrors(result.errors).forEach((line) => io.err(line));
    return 1;
  }
  writeFileSync(out, `${JSON.stringify(result.pack, null, 2)}\n`);
  io.out(`Wrote ${out}: ${describeCounts(result.pack)}`);
  return 0;
}

function describeCounts(pack: PackContent): string {
  return PACK_KINDS.map((kind) => `${pack[kind].length} ${kind}`).join(', ');
}
