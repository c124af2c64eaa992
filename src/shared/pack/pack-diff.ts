// The difference between two packs (two published versions, or the published pack and the
// draft): which records were added, removed or changed, and for a changed record each field
// that differs, as a dotted path with its value before and after. Pure, for hub and app.
import { canonicalJson } from './canonical-json.ts';
import { PACK_KINDS, type PackKind } from './schema.ts';

export interface FieldChange {
  /** "name.cy", "steps.2.staff.en"; "-" for the whole record. */
  path: string;
  before: unknown;
  after: unknown;
}

export interface RecordDifference {
  kind: PackKind;
  id: string;
  change: 'added' | 'removed' | 'changed';
  fields: FieldChange[];
}

export interface PackDifference {
  records: RecordDifference[];
  /** More records differ than are listed. */
  truncated: boolean;
}

type Records = Partial<Record<PackKind, readonly { id: string }[]>>;

/** Field changes listed per record at most: a rewritten record says so without a wall of text. */
const MAX_FIELDS = 60;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every leaf that differs between `a` and `b`, by dotted path. */
export function fieldChanges(a: unknown, b: unknown, path = ''): FieldChange[] {
  if (canonicalJson(a) === canonicalJson(b)) return [];
  const here = path || '-';
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: FieldChange[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      out.push(...fieldChanges(a[i], b[i], path ? `${path}.${i}` : String(i)));
    }
    return out;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((key) => fieldChanges(a[key], b[key], path ? `${path}.${key}` : key));
  }
  return [{ path: here, before: a, after: b }];
}

export function packDifference(before: Records, after: Records, limit = 2000): PackDifference {
  const records: RecordDifference[] = [];
  let truncated = false;
  for (const kind of PACK_KINDS) {
    const was = new Map((before[kind] ?? []).map((r) => [r.id, r]));
    const now = new Map((after[kind] ?? []).map((r) => [r.id, r]));
    const ids = [...new Set([...was.keys(), ...now.keys()])].sort();
    for (const id of ids) {
      const a = was.get(id);
      const b = now.get(id);
      if (a && b && canonicalJson(a) === canonicalJson(b)) continue;
      if (records.length >= limit) {
        truncated = true;
        continue;
      }
      const change = !a ? 'added' : !b ? 'removed' : 'changed';
      const fields = change === 'changed' ? fieldChanges(a, b) : [];
      records.push({ kind, id, change, fields: fields.slice(0, MAX_FIELDS) });
    }
  }
  return { records, truncated };
}
