// JSON text for files people edit and diff: keys in the order of the record's zod schema (id
// first, then as the schema lists them; languages en, cy, pl, ar, zh-Hans, zh-Hant), two-space
// indent, and arrays laid out as Prettier lays them out (this repo's printWidth of 100), so a
// file written by the CLI and the same file after `prettier --write` are byte for byte the same.
import type { z } from 'zod';

/** The parts of a zod schema's definition that say which keys an object has, and in what order. */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  entries?: Record<string, string>;
  getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType): SchemaDef =>
  (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch']);

function unwrap(schema: z.ZodType): SchemaDef {
  let def = defOf(schema);
  for (;;) {
    if (WRAPPERS.has(def.type) && def.innerType) def = defOf(def.innerType);
    else if (def.type === 'pipe' && def.in) def = defOf(def.in);
    else if (def.type === 'lazy' && def.getter) def = defOf(def.getter());
    else return def;
  }
}

/** The union member an object belongs to: the first whose keys include all of the object's. */
function objectDefFor(def: SchemaDef, value: Record<string, unknown>): SchemaDef | undefined {
  if (def.type === 'object' || def.type === 'record') return def;
  if (def.type !== 'union' || !def.options) return undefined;
  const objects = def.options.map(unwrap).filter((d) => d.type === 'object' && d.shape);
  return objects.find((d) => Object.keys(value).every((key) => key in d.shape!)) ?? objects.at(0);
}

/**
 * A copy of `value` with every object's keys in the order its schema declares them (keys the
 * schema does not know keep their place after those); values are not changed or defaulted.
 */
export function inSchemaOrder(schema: z.ZodType | undefined, value: unknown): unknown {
  const def = schema ? unwrap(schema) : undefined;
  if (Array.isArray(value)) {
    const element = def?.type === 'array' ? def.element : undefined;
    return value.map((item) => inSchemaOrder(element, item));
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const objectDef = def && objectDefFor(def, record);
  let known: string[] = [];
  const childSchema = (key: string): z.ZodType | undefined =>
    objectDef?.type === 'object' ? objectDef.shape?.[key] : objectDef?.valueType;
  if (objectDef?.type === 'object' && objectDef.shape) known = Object.keys(objectDef.shape);
  if (objectDef?.type === 'record' && objectDef.keyType) {
    known = Object.values(unwrap(objectDef.keyType).entries ?? {});
  }
  const keys = [
    ...known.filter((key) => Object.hasOwn(record, key)),
    ...Object.keys(record).filter((key) => !known.includes(key)),
  ];
  return Object.fromEntries(keys.map((key) => [key, inSchemaOrder(childSchema(key), record[key])]));
}

const PRINT_WIDTH = 100;

/** Characters Prettier counts as two columns (East Asian wide and full-width). */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

function columns(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0x300 && code <= 0x36f))
      continue;
    width += WIDE.test(char) ? 2 : 1;
  }
  return width;
}

const isScalar = (value: unknown) => value === null || typeof value !== 'object';

/**
 * `value` at `indent` spaces, after `lead` columns of its line (indent, key), followed on the
 * same line by `trail` columns (a comma, or nothing).
 */
function print(value: unknown, indent: number, lead: number, trail: number): string {
  if (isScalar(value)) return JSON.stringify(value);
  const inner = ' '.repeat(indent + 2);
  const close = `\n${' '.repeat(indent)}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isScalar)) {
      const items = value.map((item) => JSON.stringify(item));
      const flat = `[${items.join(', ')}]`;
      if (lead + columns(flat) + trail <= PRINT_WIDTH) return flat;
      if (value.every((item) => typeof item === 'number')) return fill(items, indent);
    }
    const lines = value.map(
      (item, i) => inner + print(item, indent + 2, indent + 2, i < value.length - 1 ? 1 : 0),
    );
    return `[\n${lines.join(',\n')}${close}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, item], i) => {
    const head = `${inner}${JSON.stringify(key)}: `;
    return head + print(item, indent + 2, columns(head), i < entries.length - 1 ? 1 : 0);
  });
  return `{\n${lines.join(',\n')}${close}}`;
}

/** A long list of numbers, as many to a line as fit (Prettier's "fill"). */
function fill(items: string[], indent: number): string {
  const inner = ' '.repeat(indent + 2);
  const lines: string[] = [];
  let line = '';
  items.forEach((item, i) => {
    const piece = i < items.length - 1 ? `${item},` : item;
    if (line && columns(`${inner}${line} ${piece}`) > PRINT_WIDTH) {
      lines.push(line);
      line = piece;
    } else line = line ? `${line} ${piece}` : piece;
  });
  lines.push(line);
  return `[\n${lines.map((l) => inner + l).join('\n')}\n${' '.repeat(indent)}]`;
}

/** The file text of `value`: keys in `schema`'s order, laid out as Prettier would, newline-ended. */
export function jsonText(value: unknown, schema?: z.ZodType): string {
  return `${print(inSchemaOrder(schema, value), 0, 0, 0)}\n`;
}
