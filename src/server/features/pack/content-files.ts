// The franchise pack as a folder of JSON files that a franchisor or a translator can edit and
// diff without a toolchain (the layout is described in content/README.md):
//
//   index.json                the format and the order of the records in each folder
//   partners/<id>.json        a partner and its teams
//   services/<id>.json        a service, with its commitments, process map and training modules
//   training/<id>.json        a training module for several services (or none)
//   access-points/<id>.json   a place that serves citizens
//   standards/<id>.json       a quality standard that mystery shoppers audit
//   life-events.json, topics.json
//
// Text a citizen reads is an object with a key per language, {"en": …, "cy": …} (LocalText).
// The demo seed, `npm run pack` and the studio to come read and write this one format. Each file
// is checked by the pack's own zod schemas as it is read, and every problem names the file and
// the field; the whole pack is then checked by validatePack() like any other.
import { z } from 'zod';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  commitment,
  lifeEvent,
  packAccessPoint,
  partner,
  processMap,
  service,
  slug,
  standard,
  topic,
  trainingModule,
  PACK_KINDS,
  type PackKind,
} from '../../../shared/pack/schema.ts';
import type { PackError } from '../../../shared/pack/validate-pack.ts';
import { jsonText } from './json-text.ts';

/** The repository's content folder: the demo pack and the LGSL list it is built from. */
export const CONTENT_DIR = fileURLToPath(new URL('../../../../content/', import.meta.url));
export const DEMO_PACK_DIR = join(CONTENT_DIR, 'pack');

/** A pack as its files hold it: records as written (zod input), before defaults are filled. */
export interface PackInput {
  partners: z.input<typeof partner>[];
  lifeEvents: z.input<typeof lifeEvent>[];
  topics: z.input<typeof topic>[];
  services: z.input<typeof service>[];
  commitments: z.input<typeof commitment>[];
  processMaps: z.input<typeof processMap>[];
  training: z.input<typeof trainingModule>[];
  accessPoints: z.input<typeof packAccessPoint>[];
  standards: z.input<typeof standard>[];
}
// Every kind of record has its place in the folder, and nothing else does.
type SameKeys<A, B> = [keyof A] extends [keyof B]
  ? [keyof B] extends [keyof A]
    ? true
    : never
  : never;
const everyKind: SameKeys<PackInput, Record<PackKind, unknown>> = true;
void everyKind;

/** A service's file: the service, and the records that belong to it alone. */
const serviceFile = z.strictObject({
  service,
  commitments: z.array(commitment.omit({ serviceId: true })).optional(),
  processMap: processMap.omit({ serviceId: true }).optional(),
  training: z.array(trainingModule.omit({ serviceIds: true })).optional(),
});
type ServiceFile = z.input<typeof serviceFile>;

/** The folders of one file per record, in the order index.json lists them. */
const FOLDERS = {
  partners: { dir: 'partners', schema: partner },
  services: { dir: 'services', schema: serviceFile },
  training: { dir: 'training', schema: trainingModule },
  accessPoints: { dir: 'access-points', schema: packAccessPoint },
  standards: { dir: 'standards', schema: standard },
} as const;
type Folder = keyof typeof FOLDERS;
const FOLDER_KEYS = Object.keys(FOLDERS) as Folder[];

const LISTS = {
  lifeEvents: { file: 'life-events.json', schema: z.array(lifeEvent) },
  topics: { file: 'topics.json', schema: z.array(topic) },
} as const;
const LIST_KEYS = Object.keys(LISTS) as (keyof typeof LISTS)[];

export const INDEX_FILE = 'index.json';
const CONTENT_FORMAT = 1;
const index = z.strictObject({
  format: z.literal(CONTENT_FORMAT, { message: `must be ${CONTENT_FORMAT}` }),
  /** Records listed come first, in this order; a record's file not listed follows, by name. */
  order: z.partialRecord(z.enum(FOLDER_KEYS), z.array(slug)).default({}),
});

export interface ContentProblem {
  /** The file, relative to the content folder. */
  file: string;
  /** The field, as a dotted path ("service.name.en"), or "-" for the whole file. */
  field: string;
  reason: string;
}

export class ContentError extends Error {
  readonly dir: string;
  readonly problems: ContentProblem[];

  constructor(dir: string, problems: ContentProblem[]) {
    super(
      [
        `${dir} is not a valid pack content folder: ${problems.length} problem(s)`,
        ...formatContentProblems(problems),
      ].join('\n'),
    );
    this.name = 'ContentError';
    this.dir = dir;
    this.problems = problems;
  }
}

export function formatContentProblems(problems: readonly ContentProblem[]): string[] {
  return problems.map((p) => `  ${p.file} ${p.field}: ${p.reason}`);
}

export interface ContentFolder {
  pack: PackInput;
  /** The file each record was read from, relative to the folder, by `${kind} ${id}`. */
  files: Map<string, string>;
}

/** Where validatePack()'s errors come from, for a pack read from a content folder. */
export function fileOfPackError(folder: ContentFolder, error: PackError): string | undefined {
  return folder.files.get(`${error.kind} ${error.record}`);
}

export function isContentFolder(dir: string): boolean {
  return existsSync(join(dir, INDEX_FILE));
}

const jsonFile = (name: string) => name.endsWith('.json');
const stem = (name: string) => name.slice(0, -'.json'.length);

/**
 * Reads a content folder into a pack, checking every file against its zod schema. The records
 * are returned as their files hold them (no defaults filled), in the order index.json gives.
 * Throws a ContentError listing every problem, each with its file and field.
 */
export function readContentFolder(dir: string): ContentFolder {
  const problems: ContentProblem[] = [];
  const pack = Object.fromEntries(PACK_KINDS.map((kind) => [kind, []])) as unknown as PackInput;
  const files = new Map<string, string>();
  const record = (kind: PackKind, id: string, file: string) => files.set(`${kind} ${id}`, file);

  const read = <S extends z.ZodType>(file: string, schema: S): z.input<S> | undefined => {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      problems.push({ file, field: '-', reason: messageOf(error) });
      return undefined;
    }
    const checked = schema.safeParse(raw);
    if (checked.success) return raw as z.input<S>;
    for (const issue of checked.error.issues) {
      problems.push({
        file,
        field: issue.path.map(String).join('.') || '-',
        reason: issue.message,
      });
    }
    return undefined;
  };

  if (!isContentFolder(dir)) {
    throw new ContentError(dir, [
      { file: INDEX_FILE, field: '-', reason: 'is missing: this is not a pack content folder' },
    ]);
  }
  const order = read(INDEX_FILE, index)?.order ?? {};
  const expected = new Set<string>([INDEX_FILE, ...LIST_KEYS.map((k) => LISTS[k].file)]);
  const folders = new Set<string>(FOLDER_KEYS.map((k) => FOLDERS[k].dir));
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const known = entry.isDirectory() ? folders.has(entry.name) : expected.has(entry.name);
    if (!known && (entry.isDirectory() || jsonFile(entry.name))) {
      problems.push({
        file: entry.name,
        field: '-',
        reason: `is not part of the pack content format (${[...expected, ...folders].join(', ')})`,
      });
    }
  }

  for (const kind of LIST_KEYS) {
    const { file, schema } = LISTS[kind];
    if (!existsSync(join(dir, file))) continue;
    const list = read(file, schema) ?? [];
    pack[kind] = list;
    for (const item of list) record(kind, item.id, file);
  }

  for (const kind of FOLDER_KEYS) {
    for (const file of folderFiles(dir, kind, order[kind] ?? [], problems)) {
      const id = stem(file.slice(FOLDERS[kind].dir.length + 1));
      const idField = kind === 'services' ? 'service.id' : 'id';
      const sameId = (actual: string) => {
        if (actual === id) return true;
        problems.push({
          file,
          field: idField,
          reason: `is "${actual}": a record's file is named after its id ("${actual}.json")`,
        });
        return false;
      };
      if (kind === 'services') {
        const data = read(file, serviceFile);
        if (data && sameId(data.service.id)) addService(pack, data, (k, i) => record(k, i, file));
        continue;
      }
      const data = read(file, FOLDERS[kind].schema);
      if (!data || !sameId(data.id)) continue;
      (pack[kind] as unknown[]).push(data);
      record(kind, id, file);
    }
  }
  if (problems.length > 0) throw new ContentError(dir, problems);
  return { pack, files };
}

/** The files of one folder: those index.json orders first, then the rest by name. */
function folderFiles(
  dir: string,
  kind: Folder,
  order: string[],
  problems: ContentProblem[],
): string[] {
  const folder = FOLDERS[kind].dir;
  const names = existsSync(join(dir, folder))
    ? readdirSync(join(dir, folder)).filter(jsonFile).sort()
    : [];
  const present = new Set(names.map(stem));
  const listed = new Set<string>();
  order.forEach((id, i) => {
    const field = `order.${kind}.${i}`;
    if (listed.has(id)) problems.push({ file: INDEX_FILE, field, reason: `lists "${id}" twice` });
    else if (!present.has(id))
      problems.push({ file: INDEX_FILE, field, reason: `there is no ${folder}/${id}.json` });
    listed.add(id);
  });
  const ids = [
    ...[...listed].filter((id) => present.has(id)),
    ...names.map(stem).filter((id) => !listed.has(id)),
  ];
  return ids.map((id) => `${folder}/${id}.json`);
}

function addService(
  pack: PackInput,
  file: ServiceFile,
  record: (kind: PackKind, id: string) => void,
): void {
  const serviceId = file.service.id;
  pack.services.push(file.service);
  record('services', serviceId);
  for (const c of file.commitments ?? []) {
    pack.commitments.push({ ...c, serviceId });
    record('commitments', c.id);
  }
  if (file.processMap) {
    pack.processMaps.push({ ...file.processMap, serviceId });
    record('processMaps', file.processMap.id);
  }
  for (const t of file.training ?? []) {
    pack.training.push({ ...t, serviceIds: [serviceId] });
    record('training', t.id);
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Writes a pack as a content folder: `dir` is created, or must be empty or a content folder
 * already, whose record files are then replaced (a record's file that is no longer in the pack
 * is deleted; files that are not the format's own are left alone). A commitment or a process
 * map goes in its service's file, as does a training module for that one service. Returns the
 * files written, relative to `dir`.
 */
export function writeContentFolder(dir: string, pack: PackInput): string[] {
  if (existsSync(dir) && readdirSync(dir).length > 0 && !isContentFolder(dir)) {
    throw new Error(`${dir} is neither empty nor a pack content folder (it has no ${INDEX_FILE})`);
  }
  const byService = new Map<string, ServiceFile>(
    pack.services.map((s) => [s.id, { service: s } as ServiceFile]),
  );
  const fileOf = (serviceId: string, what: string) => {
    const file = byService.get(serviceId);
    if (!file) throw new Error(`${what} names service "${serviceId}", which is not in the pack`);
    return file;
  };
  for (const { serviceId, ...rest } of pack.commitments) {
    (fileOf(serviceId, `commitment "${rest.id}"`).commitments ??= []).push(rest);
  }
  for (const { serviceId, ...rest } of pack.processMaps) {
    const file = fileOf(serviceId, `process map "${rest.id}"`);
    if (file.processMap) throw new Error(`service "${serviceId}" has two process maps`);
    file.processMap = rest;
  }
  const sharedTraining: PackInput['training'] = [];
  for (const module of pack.training) {
    const { serviceIds, ...rest } = module;
    const only = serviceIds?.length === 1 ? byService.get(serviceIds[0]!) : undefined;
    if (only) (only.training ??= []).push(rest);
    else sharedTraining.push(module);
  }

  const records: Record<Folder, { id: string; value: unknown }[]> = {
    partners: pack.partners.map((p) => ({ id: p.id, value: p })),
    services: [...byService].map(([id, value]) => ({ id, value })),
    training: sharedTraining.map((t) => ({ id: t.id, value: t })),
    accessPoints: pack.accessPoints.map((a) => ({ id: a.id, value: a })),
    standards: pack.standards.map((s) => ({ id: s.id, value: s })),
  };
  for (const kind of FOLDER_KEYS) {
    for (const { id } of records[kind]) {
      if (!slug.safeParse(id).success) throw new Error(`${kind} "${id}": an id must be a slug`);
    }
  }
  const written: string[] = [];
  const write = (file: string, value: unknown, schema: z.ZodType) => {
    writeFileSync(join(dir, file), jsonText(value, schema));
    written.push(file);
  };
  mkdirSync(dir, { recursive: true });
  const order = Object.fromEntries(
    FOLDER_KEYS.map((kind) => [kind, records[kind].map((r) => r.id)]),
  );
  write(INDEX_FILE, { format: CONTENT_FORMAT, order }, index);
  for (const kind of LIST_KEYS) write(LISTS[kind].file, pack[kind], LISTS[kind].schema);
  for (const kind of FOLDER_KEYS) {
    const { dir: folder, schema } = FOLDERS[kind];
    const path = join(dir, folder);
    const keep = new Set(records[kind].map((r) => `${r.id}.json`));
    if (existsSync(path)) {
      for (const name of readdirSync(path).filter(jsonFile)) {
        if (!keep.has(name)) rmSync(join(path, name));
      }
    }
    if (records[kind].length === 0) continue;
    mkdirSync(path, { recursive: true });
    for (const { id, value } of records[kind]) write(`${folder}/${id}.json`, value, schema);
  }
  return written;
}
