// The studio's pack routes, for the franchisor ('pack.author'): the draft over the published
// version (read, save a record with the revision it was based on, remove, validate as you
// type), publish with a note, the versions, the difference between any two, roll back, and
// import from an LGSL CSV or an HSDS dataset. Every write is in the audit log, in the write's
// own transaction; publishing is atomic and never publishes an invalid pack.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { canonicalJson } from '../../../shared/pack/canonical-json.ts';
import { packDifference } from '../../../shared/pack/pack-diff.ts';
import type { PackKind } from '../../../shared/pack/schema.ts';
import type {
  DraftConflict,
  DraftIndex,
  DraftKind,
  DraftRefused,
  DraftSaved,
  DraftValidation,
  ImportReport,
  PublishResult,
  VersionDiff,
  VersionList,
} from '../../../shared/pack/studio-api.ts';
import type { PackError } from '../../../shared/pack/validate-pack.ts';
import { sendError, validOr400 } from '../../platform/errors.ts';
import { staffCaller } from '../../platform/staff-caller.ts';
import { recordAdminChange } from '../../platform/store/admin-log.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import { fromHsds } from '../hsds/from-hsds.ts';
import type { HsdsInput } from '../hsds/hsds-files.ts';
import type { StaffCallerStores } from '../staff/staff-store.ts';
import { lgslServices, parseLgsl } from './build-demo-pack.ts';
import type { PackInput } from './content-files.ts';
import {
  contentAt,
  draftErrors,
  draftRecordOf,
  entryOf,
  isPackKind,
  newErrors,
  parseRecord,
  publishWithDraft,
  readDraft,
  saveDraftRow,
  withRecord,
  type DraftState,
} from './pack-draft.ts';

/** The stores these routes use. */
type Stores = StaffCallerStores & { readonly core: CoreStore };

const revisionSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const saveBody = z.strictObject({ revision: revisionSchema, record: z.unknown() });
const SEND_SAVE = 'Send { revision, record }.';
const validateBody = z.strictObject({
  kind: z.string().optional(),
  id: z.string().optional(),
  record: z.unknown().optional(),
});
const note = z.string().trim().min(1, { message: 'say what changed' }).max(500);
const publishBody = z.strictObject({ note });
const rollbackBody = z.strictObject({ version: z.number().int().min(1), note });
/** What the 400 asks for when a body does not fit. */
const ASK = {
  publish: 'Say what this version changes.',
  rollback: 'Name the version, and say why.',
  import: 'Send an LGSL CSV or an HSDS dataset.',
};
const importBody = z.discriminatedUnion('format', [
  z.strictObject({ format: z.literal('lgsl'), csv: z.string().min(1).max(3_000_000) }),
  z.strictObject({ format: z.literal('hsds'), files: z.record(z.string(), z.unknown()) }),
]);

export function refused(reply: FastifyReply, message: string, errors: PackError[]): FastifyReply {
  const body: DraftRefused = { type: 'error', code: 'invalid-pack', message, errors };
  return reply.code(422).send(body);
}

export function conflictWith(
  reply: FastifyReply,
  state: DraftState,
  kind: PackKind,
  id: string,
): FastifyReply {
  const body: DraftConflict = {
    type: 'conflict',
    message: 'Someone else changed this record since you opened it: here is their version.',
    current: draftRecordOf(state, kind, id),
  };
  return reply.code(409).send(body);
}

/** The routes about one kind of record (and one record of it, and its revision when removed). */
type KindRoute = {
  Params: { kind: string; id?: string };
  Querystring: { revision?: string };
};

export function packStudioRoutes(app: FastifyInstance, storage: Stores): void {
  const author = (request: Parameters<typeof staffCaller>[1], reply: FastifyReply) =>
    staffCaller(storage, request, reply, 'pack.author');
  /** A POST only a pack author may make: the handler gets the author and the body `schema` read. */
  const authoredPost = <T>(
    path: string,
    schema: z.ZodType<T>,
    message: string,
    handle: (
      who: NonNullable<Awaited<ReturnType<typeof author>>>,
      body: T,
      reply: FastifyReply,
    ) => Promise<unknown>,
  ) =>
    app.post(path, async (request, reply) => {
      const who = await author(request, reply);
      const body = who && validOr400(reply, schema, request.body, message);
      return who && body ? handle(who, body, reply) : reply;
    });
  /** A route about one kind of pack record, for authors only: the handler gets both, checked. */
  const onKind = (
    method: 'GET' | 'PUT' | 'DELETE',
    url: string,
    handle: (
      who: NonNullable<Awaited<ReturnType<typeof author>>>,
      kind: PackKind,
      request: FastifyRequest<KindRoute>,
      reply: FastifyReply,
    ) => Promise<unknown>,
  ) =>
    app.route<KindRoute>({
      method,
      url,
      handler: async (request, reply) => {
        const who = await author(request, reply);
        if (!who) return reply;
        const { kind } = request.params;
        if (!isPackKind(kind)) return sendError(reply, 404, 'not-found', 'No such kind of record.');
        return handle(who, kind, request, reply);
      },
    });
  const { db } = storage.core;

  app.get('/api/studio/pack/draft', async (request, reply) => {
    if (!(await author(request, reply))) return reply;
    const state = await readDraft(db);
    const body: DraftIndex = {
      version: state.version,
      entries: [...state.records.values()].map(entryOf),
      errors: draftErrors(state.content),
    };
    return body;
  });

  onKind('GET', '/api/studio/pack/draft/:kind', async (_who, kind) => {
    const state = await readDraft(db);
    const body: DraftKind = {
      kind,
      records: [...state.records.values()].filter((r) => r.kind === kind),
    };
    return body;
  });

  onKind('GET', '/api/studio/pack/draft/:kind/:id', async (_who, kind, request, reply) => {
    const record = draftRecordOf(await readDraft(db), kind, request.params.id ?? '');
    if (record.revision === 0 && !record.record) {
      return sendError(reply, 404, 'not-found', 'The draft has no such record.');
    }
    return record;
  });

  /** Saves (record) or removes (null) one record of the draft, if nobody changed it since. */
  const save = async (
    reply: FastifyReply,
    who: { id: string; role: Parameters<typeof recordAdminChange>[1]['actor']['role'] },
    kind: PackKind,
    id: string,
    revision: number,
    input: unknown,
  ) => {
    const state = await readDraft(db);
    const current = draftRecordOf(state, kind, id);
    if (current.revision !== revision) return conflictWith(reply, state, kind, id);
    let record = null;
    if (input !== null) {
      const parsed = parseRecord(kind, id, input);
      if (!parsed.ok) return refused(reply, 'The record is not valid.', parsed.errors);
      record = parsed.record;
    }
    const worse = newErrors(
      draftErrors(state.content),
      draftErrors(withRecord(state.content, kind, id, record)),
    );
    if (worse.length > 0) {
      return refused(reply, 'Not saved: the change would make the pack invalid.', worse);
    }
    const saved = await db.transaction().execute(async (trx) => {
      const done = await saveDraftRow(trx, {
        kind,
        id,
        revision,
        record,
        published: current.published,
        by: who.id,
        now: new Date().toISOString(),
      });
      if (done) {
        await recordAdminChange(trx, {
          actor: who,
          partnerId: null,
          action: record === null ? 'pack.draft-remove' : 'pack.draft-save',
          target: `${kind}/${id}`,
          before: current.record,
          after: record,
        });
      }
      return done;
    });
    if (!saved) return conflictWith(reply, await readDraft(db), kind, id);
    const after = await readDraft(db);
    const body: DraftSaved = { ...saved, errors: draftErrors(after.content) };
    return body;
  };

  onKind('PUT', '/api/studio/pack/draft/:kind/:id', async (who, kind, request, reply) => {
    const body = validOr400(reply, saveBody, request.body, SEND_SAVE);
    if (!body) return reply;
    if (body.record === undefined || body.record === null) {
      return sendError(reply, 400, 'invalid-request', SEND_SAVE);
    }
    return save(reply, who.staff, kind, request.params.id ?? '', body.revision, body.record);
  });

  onKind('DELETE', '/api/studio/pack/draft/:kind/:id', async (who, kind, request, reply) => {
    const revision = Number(request.query.revision);
    if (!revisionSchema.safeParse(revision).success) {
      return sendError(reply, 400, 'invalid-request', '“revision” is the one you read.');
    }
    return save(reply, who.staff, kind, request.params.id ?? '', revision, null);
  });

  app.post('/api/studio/pack/draft/validate', async (request, reply) => {
    if (!(await author(request, reply))) return reply;
    const body = validOr400(reply, validateBody, request.body ?? {}, 'Send { kind, id, record }.');
    if (!body) return reply;
    const { kind, id, record } = body;
    const state = await readDraft(db);
    let content: Record<PackKind, unknown[]> = state.content;
    if (kind !== undefined && id !== undefined && record !== undefined) {
      if (!isPackKind(kind)) return sendError(reply, 404, 'not-found', 'No such kind of record.');
      content = withRecord(state.content, kind, id, record);
    }
    const answer: DraftValidation = { errors: draftErrors(content) };
    return answer;
  });

  authoredPost('/api/studio/pack/publish', publishBody, ASK.publish, async (who, body, reply) => {
    const state = await readDraft(db);
    const outcome = await publishWithDraft(storage.core, state.content, {
      actor: who.staff,
      note: body.note,
    });
    return answerPublish(
      reply,
      outcome,
      'Not published: the draft is not valid.',
      'Nothing has changed since the last version.',
    );
  });

  app.get('/api/studio/pack/versions', async (request, reply) => {
    if (!(await author(request, reply))) return reply;
    const latest = await storage.core.latestPackVersion();
    const versions = await storage.core.listPackVersions({ after: 0, upTo: latest });
    const body: VersionList = { versions: versions.reverse() };
    return body;
  });

  app.get<{ Querystring: { from?: string; to?: string } }>(
    '/api/studio/pack/diff',
    async (request, reply) => {
      if (!(await author(request, reply))) return reply;
      const latest = await storage.core.latestPackVersion();
      const { from: rawFrom, to: rawTo = 'draft' } = request.query;
      const from = Number(rawFrom);
      const to = rawTo === 'draft' ? 'draft' : Number(rawTo);
      const known = (v: number) => Number.isInteger(v) && v >= 0 && v <= latest;
      if (!known(from) || (to !== 'draft' && !known(to))) {
        return sendError(reply, 404, 'not-found', 'Compare two published versions (or the draft).');
      }
      const before = await contentAt(db, from);
      const after = to === 'draft' ? (await readDraft(db)).content : await contentAt(db, to);
      const body: VersionDiff = {
        from,
        to: to === 'draft' ? -1 : to,
        difference: packDifference(before, after),
      };
      return body;
    },
  );

  authoredPost(
    '/api/studio/pack/rollback',
    rollbackBody,
    ASK.rollback,
    async (who, body, reply) => {
      const latest = await storage.core.latestPackVersion();
      const { version } = body;
      if (version > latest) {
        return sendError(reply, 404, 'not-found', `Version ${version} has not been published.`);
      }
      const outcome = await publishWithDraft(storage.core, await contentAt(db, version), {
        actor: who.staff,
        note: `${body.note} (back to version ${version})`,
        action: 'pack.rollback',
      });
      return answerPublish(
        reply,
        outcome,
        `Version ${version} is no longer a valid pack.`,
        `The pack is already as version ${version}.`,
      );
    },
  );

  authoredPost('/api/studio/pack/import', importBody, ASK.import, async (who, body, reply) => {
    const state = await readDraft(db);
    const warnings: string[] = [];
    let records: { kind: PackKind; record: { id: string } }[];
    try {
      if (body.format === 'lgsl') {
        const rows = parseLgsl(body.csv);
        records = lgslServices(rows, state.content as unknown as PackInput).map((record) => ({
          kind: 'services',
          record,
        }));
      } else {
        const files = body.files;
        const list = (name: string) => (Array.isArray(files[name]) ? files[name] : []);
        const input: HsdsInput = {
          organizations: list('organizations'),
          services: list('services'),
          locations: list('locations'),
          service_at_locations: list('service_at_locations'),
          taxonomies: list('taxonomies'),
          taxonomy_terms: list('taxonomy_terms'),
        };
        if (input.services.length === 0) throw new Error('has no services');
        const built = fromHsds(input);
        warnings.push(...built.warnings.slice(0, 50));
        records = Object.entries(built.pack).flatMap(([kind, list]) =>
          (list as { id: string }[]).map((record) => ({ kind: kind as PackKind, record })),
        );
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return sendError(reply, 400, 'invalid-request', `The file cannot be read: ${reason}.`);
    }
    const report: ImportReport = {
      imported: false,
      added: 0,
      changed: 0,
      unchanged: 0,
      warnings,
      errors: [],
    };
    const changes: { kind: PackKind; id: string; record: NonNullable<unknown> }[] = [];
    let content: Record<PackKind, unknown[]> = state.content;
    for (const { kind, record } of records) {
      const parsed = parseRecord(kind, record.id, record);
      if (!parsed.ok) {
        report.errors.push(...parsed.errors);
        continue;
      }
      const current = draftRecordOf(state, kind, record.id);
      if (current.record && canonicalJson(current.record) === canonicalJson(parsed.record)) {
        report.unchanged++;
        continue;
      }
      report[current.record ? 'changed' : 'added']++;
      changes.push({ kind, id: record.id, record: parsed.record });
      content = withRecord(content as DraftState['content'], kind, record.id, parsed.record);
    }
    report.errors.push(...newErrors(draftErrors(state.content), draftErrors(content)));
    if (report.errors.length > 0 || changes.length === 0) return report;
    const now = new Date().toISOString();
    await db.transaction().execute(async (trx) => {
      for (const change of changes) {
        const current = draftRecordOf(state, change.kind, change.id);
        const saved = await saveDraftRow(trx, {
          kind: change.kind,
          id: change.id,
          revision: current.revision,
          record: change.record as never,
          published: current.published,
          by: who.staff.id,
          now,
        });
        if (!saved) throw new Error(`${change.kind}/${change.id} changed during the import`);
      }
      await recordAdminChange(trx, {
        actor: who.staff,
        partnerId: null,
        action: 'pack.import',
        target: body.format,
        after: { added: report.added, changed: report.changed },
        at: now,
      });
    });
    report.imported = true;
    return report;
  });
}

/** What a publish or a rollback answers: the version it made, or why it made none. */
function answerPublish(
  reply: FastifyReply,
  outcome: Awaited<ReturnType<typeof publishWithDraft>>,
  invalid: string,
  unchanged: string,
) {
  if (outcome.ok) {
    const answer: PublishResult = { published: outcome.published };
    return answer;
  }
  return outcome.reason === 'invalid'
    ? refused(reply, invalid, outcome.errors)
    : sendError(reply, 409, 'invalid-request', unchanged);
}
