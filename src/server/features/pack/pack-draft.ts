// The studio's draft of the franchise pack, over the published version (table pack_draft,
// migration 0026). A record's effective draft is its pending row's data, else what is
// published. Revisions only grow: a save names the revision it read and is applied only if the
// row still has it (one conditional upsert, atomic on both databases), so two editors never
// overwrite each other silently. Publishing goes through publishWithDraft, which writes the
// version, settles the draft's rows and the audit log in the one transaction.
import { sql, type Kysely, type Transaction } from 'kysely';
import { canonicalJson } from '../../../shared/pack/canonical-json.ts';
import {
  PACK_KINDS,
  packRecordSchemas,
  type AnyPackRecord,
  type PackContent,
  type PackKind,
} from '../../../shared/pack/schema.ts';
import type { DraftEntry, DraftRecord } from '../../../shared/pack/studio-api.ts';
import { validatePack, type PackError } from '../../../shared/pack/validate-pack.ts';
import type { PackVersionInfo } from '../../../shared/sync/protocol.ts';
import { recordAdminChange, type AdminActor } from '../../platform/store/admin-log.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import { currentPackRows, latestPackVersion } from '../../platform/store/pack-rows.ts';
import type { Database, PackDraftTable, PackRecordsTable } from '../../platform/store/schema.ts';

const key = (kind: string, id: string) => `${kind}/${id}`;

export function isPackKind(kind: string): kind is PackKind {
  return (PACK_KINDS as string[]).includes(kind);
}

/** The draft as it stands: every record's effective content, revision and state. */
export interface DraftState {
  version: number;
  content: Record<PackKind, AnyPackRecord[]>;
  records: Map<string, DraftRecord>;
}

function titleOf(record: AnyPackRecord | null, id: string): string {
  if (!record) return id;
  const r = record as { name?: unknown; title?: unknown };
  const text = r.name ?? r.title;
  if (typeof text === 'string') return text;
  if (text && typeof text === 'object' && 'en' in text) return String(text.en);
  return id;
}

export function entryOf(r: DraftRecord): DraftEntry {
  return {
    kind: r.kind,
    id: r.id,
    title: titleOf(r.record ?? r.published, r.id),
    revision: r.revision,
    pending: r.pending,
    removed: r.pending && r.record === null,
  };
}

const parse = <T>(data: string | null): T | null =>
  data === null ? null : (JSON.parse(data) as T);

/** Reads the draft: the published records with the pending rows laid over them. */
export async function readDraft(db: Kysely<Database>): Promise<DraftState> {
  const [published, rows, version] = await Promise.all([
    currentPackRows(db),
    db.selectFrom('pack_draft').selectAll().execute(),
    latestPackVersion(db),
  ]);
  const records = new Map<string, DraftRecord>();
  for (const row of published) {
    if (Number(row.deleted) || !isPackKind(row.kind)) continue;
    const data = parse<AnyPackRecord>(row.data);
    records.set(key(row.kind, row.id), {
      kind: row.kind,
      id: row.id,
      revision: 0,
      pending: false,
      record: data,
      published: data,
      updatedBy: null,
      updatedAt: null,
    });
  }
  for (const row of rows) {
    if (!isPackKind(row.kind)) continue;
    const known = records.get(key(row.kind, row.id));
    const pending = Number(row.pending) === 1;
    const publishedRecord = known?.published ?? null;
    if (!pending && !publishedRecord) continue; // removed, and the removal published
    records.set(key(row.kind, row.id), {
      kind: row.kind,
      id: row.id,
      revision: Number(row.revision),
      pending,
      record: pending ? parse<AnyPackRecord>(row.data) : publishedRecord,
      published: publishedRecord,
      updatedBy: row.updated_by,
      updatedAt: row.updated_at,
    });
  }
  const content = Object.fromEntries(PACK_KINDS.map((k) => [k, []])) as unknown as Record<
    PackKind,
    AnyPackRecord[]
  >;
  for (const r of records.values()) if (r.record) content[r.kind].push(r.record);
  return { version, content, records };
}

/** A record as the draft has it; a never-seen id is a new record at revision 0. */
export function draftRecordOf(state: DraftState, kind: PackKind, id: string): DraftRecord {
  return (
    state.records.get(key(kind, id)) ?? {
      kind,
      id,
      revision: 0,
      pending: false,
      record: null,
      published: null,
      updatedBy: null,
      updatedAt: null,
    }
  );
}

/** The draft's content with one record replaced (null: removed). */
export function withRecord(
  content: Record<PackKind, AnyPackRecord[]>,
  kind: PackKind,
  id: string,
  record: unknown,
): Record<PackKind, unknown[]> {
  const list: unknown[] = content[kind].filter((r) => r.id !== id);
  if (record !== null) {
    const at = content[kind].findIndex((r) => r.id === id);
    list.splice(at < 0 ? list.length : at, 0, record);
  }
  return { ...content, [kind]: list };
}

const errorKey = (e: PackError) => `${e.kind}|${e.record}|${e.field}|${e.reason}`;

/** validatePack's errors of `content`, [] when it is valid. */
export function draftErrors(content: Record<PackKind, unknown[]>): PackError[] {
  const result = validatePack(content);
  return result.ok ? [] : result.errors;
}

/**
 * What a change adds to the draft's errors: a save is refused when it makes the draft worse
 * (a branch to a missing step, a reference to nothing), so the draft stays publishable while
 * errors it already had (from an older publish) do not block unrelated work.
 */
export function newErrors(before: PackError[], after: PackError[]): PackError[] {
  const had = new Set(before.map(errorKey));
  return after.filter((e) => !had.has(errorKey(e)));
}

/** The record parsed by its kind's schema (defaults filled), or the schema's errors. */
export function parseRecord(
  kind: PackKind,
  id: string,
  record: unknown,
): { ok: true; record: AnyPackRecord } | { ok: false; errors: PackError[] } {
  const parsed = packRecordSchemas[kind].safeParse(record);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({
        kind,
        record: id,
        field: issue.path.map(String).join('.') || '-',
        reason: issue.message,
      })),
    };
  }
  if (parsed.data.id !== id) {
    return {
      ok: false,
      errors: [{ kind, record: id, field: 'id', reason: 'must be the id in the address' }],
    };
  }
  return { ok: true, record: parsed.data };
}

/**
 * Saves one record (null: removes it) if its row still has `revision`. Returns the new
 * revision, or null when someone else saved first. Call inside the change's transaction.
 */
export async function saveDraftRow(
  trx: Kysely<Database>,
  input: {
    kind: PackKind;
    id: string;
    revision: number;
    record: AnyPackRecord | null;
    published: AnyPackRecord | null;
    by: string;
    now: string;
  },
): Promise<{ revision: number; pending: boolean } | null> {
  const same =
    input.record === null
      ? input.published === null
      : input.published !== null && canonicalJson(input.record) === canonicalJson(input.published);
  const pending = same ? 0 : 1;
  const data = pending && input.record ? JSON.stringify(input.record) : null;
  const next = input.revision + 1;
  const row: PackDraftTable = {
    kind: input.kind,
    id: input.id,
    revision: next,
    pending,
    data,
    updated_at: input.now,
    updated_by: input.by,
  };
  // Revision 0 means "the draft never had this row": an insert that a concurrent insert beats.
  const saved = await trx
    .insertInto('pack_draft')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['kind', 'id'])
        .doUpdateSet({
          revision: next,
          pending,
          data,
          updated_at: input.now,
          updated_by: input.by,
        })
        .where('pack_draft.revision', '=', input.revision),
    )
    .returning('revision')
    .executeTakeFirst();
  if (!saved || Number(saved.revision) !== next) return null;
  return { revision: next, pending: pending === 1 };
}

/**
 * After a publish, in its transaction: a pending row the version now holds is settled (same
 * revision: what editors saw did not change); any other record the version changed (a file
 * from the command line, a roll back, a place) gets a new revision, so an editor who read it
 * before is told instead of overwriting it. A pending row the version does not match stays.
 */
async function settleDraft(
  trx: Transaction<Database>,
  changed: readonly PackRecordsTable[],
  by: string,
  now: string,
): Promise<void> {
  for (const row of changed) {
    const draft = await trx
      .selectFrom('pack_draft')
      .selectAll()
      .where('kind', '=', row.kind)
      .where('id', '=', row.id)
      .executeTakeFirst();
    const published = Number(row.deleted) ? null : row.data;
    if (draft && Number(draft.pending) === 1) {
      const same =
        draft.data === null
          ? published === null
          : published !== null && canonicalJson(JSON.parse(draft.data)) === published;
      if (same) {
        await trx
          .updateTable('pack_draft')
          .set({ pending: 0, data: null })
          .where('kind', '=', row.kind)
          .where('id', '=', row.id)
          .execute();
      }
      continue;
    }
    await trx
      .insertInto('pack_draft')
      .values({
        kind: row.kind,
        id: row.id,
        revision: 1,
        pending: 0,
        data: null,
        updated_at: now,
        updated_by: by,
      })
      .onConflict((oc) =>
        oc.columns(['kind', 'id']).doUpdateSet({
          revision: sql`pack_draft.revision + 1`,
          pending: 0,
          data: null,
          updated_at: now,
          updated_by: by,
        }),
      )
      .execute();
  }
}

export type PublishOutcome =
  | { ok: true; published: PackVersionInfo }
  | { ok: false; reason: 'invalid'; errors: PackError[] }
  | { ok: false; reason: 'unchanged' }
  | { ok: false; reason: 'conflict' };

class RevisionMoved extends Error {}

export interface PublishInput {
  actor: AdminActor;
  note: string;
  /** The audit log's action and record: a publish, a roll back, or one place saved. */
  action?: 'pack.publish' | 'pack.rollback' | 'place.save' | 'partner.save';
  target?: string;
  partnerId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Publish only if this record's draft revision is still this (a place saved directly). */
  expect?: { kind: PackKind; id: string; revision: number };
}

/**
 * Validates `content` and publishes it as the next version, with the draft settled and the
 * publish in the audit log, all in one transaction. An invalid pack is never published.
 */
export async function publishWithDraft(
  core: CoreStore,
  content: unknown,
  input: PublishInput,
): Promise<PublishOutcome> {
  const checked = validatePack(content);
  if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
  const now = new Date().toISOString();
  try {
    const published = await core.publishPack(checked.pack, {
      now,
      ...(input.note ? { note: input.note } : {}),
      within: async (trx, info, changed) => {
        const { expect } = input;
        if (expect) {
          const row = await trx
            .selectFrom('pack_draft')
            .select(['revision', 'pending'])
            .where('kind', '=', expect.kind)
            .where('id', '=', expect.id)
            .executeTakeFirst();
          if (Number(row?.revision ?? 0) !== expect.revision || Number(row?.pending ?? 0) === 1)
            throw new RevisionMoved();
        }
        await settleDraft(trx, changed, input.actor.id, now);
        await recordAdminChange(trx, {
          actor: input.actor,
          partnerId: input.partnerId ?? null,
          action: input.action ?? 'pack.publish',
          target: input.target ?? `version/${info.version}`,
          before: input.before,
          after: input.after ?? { note: input.note, summary: info.summary },
          at: now,
        });
      },
    });
    return published ? { ok: true, published } : { ok: false, reason: 'unchanged' };
  } catch (error) {
    if (error instanceof RevisionMoved) return { ok: false, reason: 'conflict' };
    throw error;
  }
}

/** The content of published version `version`: each record's newest row up to it. */
export async function contentAt(db: Kysely<Database>, version: number): Promise<PackContent> {
  const { rows } = await sql<PackRecordsTable>`
    select r.kind, r.id, r.version, r.deleted, r.data from pack_records r
    join (
      select kind, id, max(version) as v from pack_records where version <= ${version}
      group by kind, id
    ) m on r.kind = m.kind and r.id = m.id and r.version = m.v
    order by r.kind, r.id`.execute(db);
  const content = Object.fromEntries(PACK_KINDS.map((k) => [k, []])) as unknown as Record<
    PackKind,
    unknown[]
  >;
  for (const row of rows) {
    if (Number(row.deleted) || row.data === null || !isPackKind(row.kind)) continue;
    content[row.kind].push(JSON.parse(row.data));
  }
  return content as unknown as PackContent;
}
