// What SQLite and PostgreSQL share: every query but the change feed's ordering, which each
// subclass implements (see sqlite.ts and postgres.ts for why they differ).
import { sql, type Kysely, type Transaction } from 'kysely';
import { Migrator } from 'kysely/migration';
import { directoryEntryOf, type AccessPoint } from '../../../shared/access-point.ts';
import {
  DEVICE_MODES,
  type Contact,
  type DeviceMode,
  type HelpEvent,
} from '../../../shared/contact.ts';
import type { CaseEvent, CaseOpenInput, CaseRecord } from '../../../shared/case.ts';
import type { ContactNote } from '../../../shared/contact-note.ts';
import type { LocalPageRevision } from '../../../shared/local-page.ts';
import type { Channel } from '../../../shared/channels.ts';
import { canonicalJson } from '../../../shared/pack/canonical-json.ts';
import {
  PACK_KINDS,
  type PackContent,
  type PackKind,
  type PackRecordOf,
} from '../../../shared/pack/schema.ts';
import type {
  OpResult,
  PackRecordChange,
  PackSummary,
  PackVersionInfo,
} from '../../../shared/sync/protocol.ts';
import type { FeedEntity } from '../../../shared/sync/feed.ts';
import { MUTATION_KINDS, type MutationKind, type ValidOp } from '../../../shared/sync/mutations.ts';
import { migrationsFor } from './migrations/index.ts';
import {
  addCaseEvent,
  openCase,
  toCaseEvent,
  toCaseRecord,
} from '../../features/cases/case-store.ts';
import { currentPackRows } from './pack-rows.ts';
import { readCasePhoto, storeCasePhoto } from '../../features/cases/photo-store.ts';
import * as customers from '../../features/customers/customer-store.ts';
import * as open311 from '../../features/open311/open311-store.ts';
import * as audits from '../../features/audits/audit-store.ts';
import * as staff from '../../features/staff/staff-store.ts';
import * as feedback from '../../features/feedback/feedback-store.ts';
import type { SurveyAnswers } from '../../../shared/feedback.ts';
import * as reviews from '../../features/reviews/review-store.ts';
import * as insight from '../../features/insight/insight-store.ts';
import { foldInsightDeltas, vacuumDeltas } from '../../features/insight/insight-rollups.ts';
import type { StaffMember } from '../../../shared/staff.ts';
import type {
  CaseEventsTable,
  ContactNotesTable,
  ContactsTable,
  Database,
  DevicesTable,
  HelpEventsTable,
  PackRecordsTable,
} from './schema.ts';
import {
  accessPointScope,
  GLOBAL_SCOPE,
  type Device,
  type EnrolmentInput,
  type PullPage,
  type Storage,
} from './storage.ts';

/** Applies ops of its kinds, in the order sent; returns the ids of the ops it refused. */
export type OpHandler = (
  trx: Transaction<Database>,
  device: Device,
  ops: readonly ValidOp[],
  now: string,
  results: Map<string, OpResult>,
) => Promise<string[]>;

/** A delta table is vacuumed after this many of its rows were folded out (a few hundred pages). */
const VACUUM_AFTER_FOLDED = 50_000;

export abstract class KyselyStorage implements Storage {
  abstract readonly dialect: 'sqlite' | 'postgres';
  readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  abstract assertCursor(cursor: string | null): void;

  abstract pullChanges(input: {
    scopes: readonly string[];
    excludeOriginDevice: string;
    excludeEntities?: readonly FeedEntity[];
    cursor: string | null;
    limit: number;
  }): Promise<PullPage>;

  async migrate(): Promise<void> {
    const migrations = migrationsFor(this.dialect);
    const migrator = new Migrator({
      db: this.db,
      provider: { getMigrations: () => Promise.resolve(migrations) },
      migrationTableName: 'anydoor_migrations',
      migrationLockTableName: 'anydoor_migrations_lock',
    });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
  }

  /** One process owns an SQLite file (single writer), so there is nobody to wait for. */
  async withStartupLock<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async upsertAccessPoints(
    accessPoints: readonly AccessPoint[],
    executor: Kysely<Database> = this.db,
  ): Promise<void> {
    if (accessPoints.length === 0) return;
    await executor
      .insertInto('access_points')
      .values(
        accessPoints.map((ap) => ({
          id: ap.id,
          name: ap.name,
          kind: ap.kind,
          partner_id: ap.partnerId,
          address: ap.address,
          help_from: ap.helpFrom ?? null,
        })),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          kind: eb.ref('excluded.kind'),
          partner_id: eb.ref('excluded.partner_id'),
          address: eb.ref('excluded.address'),
          help_from: eb.ref('excluded.help_from'),
        })),
      )
      .execute();
  }

  async listAccessPoints(): Promise<AccessPoint[]> {
    const rows = await this.db.selectFrom('access_points').selectAll().orderBy('name').execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind as AccessPoint['kind'],
      partnerId: r.partner_id,
      address: r.address,
      ...(r.help_from ? { helpFrom: r.help_from } : {}),
    }));
  }

  async createEnrolmentCode(input: {
    codeHash: string;
    accessPointId: string;
    now: string;
    expiresAt: string;
  }): Promise<void> {
    await this.db
      .insertInto('enrolment_codes')
      .values({
        code_hash: input.codeHash,
        access_point_id: input.accessPointId,
        created_at: input.now,
        expires_at: input.expiresAt,
        used_at: null,
        device_id: null,
      })
      .execute();
  }

  async enrolDevice(input: EnrolmentInput): Promise<Device | null> {
    return this.db.transaction().execute(async (trx) => {
      // One conditional UPDATE claims the code, so two devices racing for it cannot both win.
      const claimed = await trx
        .updateTable('enrolment_codes')
        .set({ used_at: input.now, device_id: input.deviceId })
        .where('code_hash', '=', input.codeHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', input.now)
        .returning('access_point_id')
        .executeTakeFirst();
      if (!claimed) return null;
      const row: DevicesTable = {
        id: input.deviceId,
        access_point_id: claimed.access_point_id,
        name: input.deviceName,
        token_hash: input.tokenHash,
        enrolled_at: input.now,
        revoked_at: null,
        mode: input.mode ?? 'counter',
      };
      await trx.insertInto('devices').values(row).execute();
      return toDevice(row);
    });
  }

  async findDeviceByTokenHash(tokenHash: string): Promise<Device | null> {
    const row = await this.db
      .selectFrom('devices')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toDevice(row) : null;
  }

  async findDevice(deviceId: string): Promise<Device | null> {
    const row = await this.db
      .selectFrom('devices')
      .selectAll()
      .where('id', '=', deviceId)
      .executeTakeFirst();
    return row ? toDevice(row) : null;
  }

  async revokeDevice(deviceId: string, now: string): Promise<void> {
    await this.db
      .updateTable('devices')
      .set({ revoked_at: now })
      .where('id', '=', deviceId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async applyOps(device: Device, ops: readonly ValidOp[], now: string): Promise<OpResult[]> {
    if (ops.length === 0) return [];
    return this.db.transaction().execute(async (trx) => {
      const results = new Map<string, OpResult>();
      // An op id repeated inside one batch is applied once; the repeats are duplicates.
      const unique = [...new Map(ops.map((op) => [op.id, op])).values()];

      // Claim every op id; an id that is already present was applied by an earlier request.
      const claimed = new Set(
        (
          await trx
            .insertInto('applied_ops')
            .values(
              unique.map((op) => ({
                op_id: op.id,
                device_id: device.id,
                kind: op.kind,
                result: JSON.stringify({ status: 'applied', opId: op.id }),
                applied_at: now,
              })),
            )
            .onConflict((oc) => oc.column('op_id').doNothing())
            .returning('op_id')
            .execute()
        ).map((r) => r.op_id),
      );

      const fresh = unique.filter((op) => claimed.has(op.id));
      // Every kind goes to the handler its declaration names; each handler runs once, with its
      // kinds' ops in the order sent. An op is acknowledged as applied only after its handler ran.
      const handlers = this.opHandlers();
      const byHandler = new Map<OpHandler, ValidOp[]>();
      for (const kind of MUTATION_KINDS) {
        const handler = handlers[kind] as OpHandler | undefined;
        if (handler && !byHandler.has(handler)) byHandler.set(handler, []);
      }
      const rejectedIds: string[] = [];
      const handled = new Set<string>();
      for (const op of fresh) {
        const handler = Object.hasOwn(handlers, op.kind) ? handlers[op.kind] : undefined;
        const queue = handler ? byHandler.get(handler) : undefined;
        if (!queue) {
          // No handler: refused, never acknowledged and lost.
          rejectedIds.push(op.id);
          results.set(op.id, {
            status: 'rejected',
            opId: op.id,
            code: 'unknown-kind',
            reason: `this hub cannot apply "${op.kind}"`,
          });
          continue;
        }
        queue.push(op);
      }
      for (const [handler, queued] of byHandler) {
        if (queued.length === 0) continue;
        rejectedIds.push(...(await handler(trx, device, queued, now, results)));
        for (const op of queued) handled.add(op.id);
      }
      if (rejectedIds.length > 0) {
        // A rejected op leaves no trace, so the same op is judged the same way if it comes again.
        await trx.deleteFrom('applied_ops').where('op_id', 'in', rejectedIds).execute();
      }

      const earlier = unique.filter((op) => !claimed.has(op.id)).map((op) => op.id);
      if (earlier.length > 0) {
        for (const id of earlier) results.set(id, { status: 'duplicate', opId: id });
      }
      for (const op of fresh) {
        if (!results.has(op.id) && handled.has(op.id)) {
          results.set(op.id, { status: 'applied', opId: op.id });
        }
      }

      const seen = new Set<string>();
      return ops.map((op) => {
        const result = results.get(op.id);
        if (!result) throw new Error(`no result for op ${op.id}`);
        if (seen.has(op.id) && result.status === 'applied') {
          return { status: 'duplicate', opId: op.id } satisfies OpResult;
        }
        seen.add(op.id);
        return result;
      });
    });
  }

  /**
   * The hub's handler for every mutation kind (declared in src/shared/sync/mutations.ts). The
   * mapped type makes a kind without a handler a compile error; kinds handled together (a case's
   * opening and its actions, which may follow each other in one batch) share one function.
   */
  protected opHandlers(): { readonly [K in MutationKind]: OpHandler } {
    const cases: OpHandler = (trx, device, ops, now, results) =>
      this.applyCases(trx, device, ops, now, results);
    return {
      'contactNote.create': (trx, device, ops, now, results) =>
        this.insertRecords(trx, device, ops, now, results, CONTACT_NOTES),
      'contact.record': async (trx, device, ops, now, results) => {
        const attached = await attachCustomers(trx, ops, results);
        return [
          ...attached.refused,
          ...(await this.insertRecords(trx, device, attached.ops, now, results, CONTACTS)),
        ];
      },
      'help.request': (trx, device, ops, now, results) =>
        this.insertRecords(trx, device, ops, now, results, HELP_REQUESTS),
      'help.answer': (trx, device, ops, now, results) =>
        this.insertRecords(trx, device, ops, now, results, HELP_ANSWERS),
      'localPage.save': (trx, device, ops, now, results) =>
        this.applyLocalPages(trx, device, ops, now, results),
      'case.open': cases,
      'case.event': cases,
      'training.complete': staff.applyTrainingCompletions,
      'feedback.give': feedback.applyFeedbackOps,
      'followup.consent': feedback.applyFeedbackOps,
      'review.submit': reviews.applyReviews,
      'audit.submit': audits.applyAudits,
    };
  }

  /**
   * Inserts the records that a kind of op creates, in bulk: a record id already taken (by an
   * earlier op or earlier in this batch) rejects the op as a conflict. Each new record also
   * enters the change feed under `spec.scope`.
   */
  private async insertRecords<K extends MutationKind, Row extends { id: string; op_id: string }>(
    trx: Transaction<Database>,
    device: Device,
    ops: readonly ValidOp[],
    now: string,
    results: Map<string, OpResult>,
    spec: RecordSpec<K, Row>,
  ): Promise<string[]> {
    const rejected: string[] = [];
    const byRecordId = new Map<string, Extract<ValidOp, { kind: K }>>();
    for (const op of ops) {
      if (op.kind !== spec.kind) continue;
      const typed = op as Extract<ValidOp, { kind: K }>;
      if (byRecordId.has(typed.payload.id)) {
        rejected.push(op.id);
        results.set(op.id, conflict(op.id, typed.payload.id));
      } else {
        byRecordId.set(typed.payload.id, typed);
      }
    }
    if (byRecordId.size === 0) return rejected;
    const rows = [...byRecordId.values()].map((op) => spec.toRow(op, device, now));
    const inserted = new Set(
      (
        await trx
          .insertInto(spec.table)
          .values(rows as never)
          .onConflict((oc) => oc.column('id' as never).doNothing())
          .returning('id' as never)
          .execute()
      ).map((r) => (r as { id: string }).id),
    );
    const changes = [];
    const scopes = [
      spec.scope(device),
      ...(spec.alsoHeardAt ? await spec.alsoHeardAt(trx, device) : []).map(accessPointScope),
    ];
    for (const row of rows) {
      if (!inserted.has(row.id)) {
        rejected.push(row.op_id);
        results.set(row.op_id, conflict(row.op_id, row.id));
        continue;
      }
      for (const scope of scopes) {
        changes.push({
          scope,
          entity: spec.entity,
          entity_id: row.id,
          op: 'upsert' as const,
          data: JSON.stringify(spec.toData(row)),
          origin_device: device.id,
          created_at: now,
        });
      }
    }
    if (changes.length > 0) await trx.insertInto('changes').values(changes).execute();
    return rejected;
  }

  async publishPack(
    pack: PackContent,
    input: { now: string; note?: string },
  ): Promise<PackVersionInfo | null> {
    return this.db.transaction().execute(async (trx) => {
      const latest = await latestVersion(trx);
      const current = new Map(
        (await currentPackRows(trx))
          .filter((r) => !Number(r.deleted))
          .map((r) => [`${r.kind}/${r.id}`, r.data]),
      );
      const version = latest + 1;
      const summary: PackSummary = { added: 0, changed: 0, removed: 0, byKind: {} };
      const count = (kind: string, what: 'added' | 'changed' | 'removed') => {
        summary[what]++;
        const entry = (summary.byKind[kind] ??= { added: 0, changed: 0, removed: 0 });
        entry[what]++;
      };
      const rows: PackRecordsTable[] = [];
      for (const kind of PACK_KINDS) {
        for (const record of pack[kind]) {
          const key = `${kind}/${record.id}`;
          const data = canonicalJson(record);
          const before = current.get(key);
          current.delete(key);
          if (before === data) continue;
          count(kind, before === undefined ? 'added' : 'changed');
          rows.push({ kind, id: record.id, version, deleted: 0, data });
        }
      }
      for (const key of current.keys()) {
        const [kind = '', id = ''] = key.split('/');
        count(kind, 'removed');
        rows.push({ kind, id, version, deleted: 1, data: null });
      }
      if (rows.length === 0) return null;
      if (input.note) summary.note = input.note;
      // Claiming the version number first makes two concurrent publishes fail fast, not merge.
      await trx
        .insertInto('pack_versions')
        .values({ version, published_at: input.now, summary: JSON.stringify(summary) })
        .execute();
      for (let i = 0; i < rows.length; i += 200) {
        await trx
          .insertInto('pack_records')
          .values(rows.slice(i, i + 200))
          .execute();
      }
      await this.upsertAccessPoints(pack.accessPoints.map(directoryEntryOf), trx);
      return { version, publishedAt: input.now, summary };
    });
  }

  async latestPackVersion(): Promise<number> {
    return latestVersion(this.db);
  }

  async listPackVersions(input: { after: number; upTo: number }): Promise<PackVersionInfo[]> {
    const rows = await this.db
      .selectFrom('pack_versions')
      .selectAll()
      .where('version', '>', input.after)
      .where('version', '<=', input.upTo)
      .orderBy('version')
      .execute();
    return rows.map((r) => ({
      version: Number(r.version),
      publishedAt: r.published_at,
      summary: JSON.parse(r.summary) as PackSummary,
    }));
  }

  async packDelta(input: {
    since: number;
    to: number;
    after: { kind: string; id: string } | null;
    limit: number;
  }): Promise<{ records: PackRecordChange[]; next: { kind: string; id: string } | null }> {
    const after = input.after
      ? sql`and (r.kind, r.id) > (${input.after.kind}, ${input.after.id})`
      : sql``;
    const { rows } = await sql<PackRecordsTable>`
      select r.kind, r.id, r.version, r.deleted, r.data from pack_records r
      join (
        select kind, id, max(version) as v from pack_records
        where version > ${input.since} and version <= ${input.to}
        group by kind, id
      ) m on r.kind = m.kind and r.id = m.id and r.version = m.v
      where 1 = 1 ${after}
      order by r.kind, r.id
      limit ${input.limit + 1}`.execute(this.db);
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      records: page.map((r) => ({
        kind: r.kind,
        id: r.id,
        version: Number(r.version),
        deleted: Number(r.deleted) === 1,
        data: r.data === null ? null : (JSON.parse(r.data) as unknown),
      })),
      next: rows.length > input.limit && last ? { kind: last.kind, id: last.id } : null,
    };
  }

  async listPackRecords<K extends PackKind>(kind: K): Promise<PackRecordOf<K>[]> {
    const rows = (await currentPackRows(this.db, kind)).filter((r) => !Number(r.deleted));
    return rows.map((r) => JSON.parse(r.data ?? 'null') as PackRecordOf<K>);
  }

  /** Case openings and actions, one at a time in the order sent (an action may follow its opening). */
  private async applyCases(
    trx: Transaction<Database>,
    device: Device,
    ops: readonly ValidOp[],
    now: string,
    results: Map<string, OpResult>,
  ): Promise<string[]> {
    const refused: string[] = [];
    let partnerId: string | null | undefined;
    for (const op of ops) {
      let problem: OpResult | null = null;
      if (op.kind === 'case.open') {
        let customerId: string | undefined;
        if (op.payload.customerId) {
          const verdict = (
            await customers.resolveCustomerLinks(trx, [
              { opId: op.id, staffId: op.staffId, customerId: op.payload.customerId },
            ])
          ).get(op.id);
          if (verdict && 'refused' in verdict) {
            refused.push(op.id);
            results.set(op.id, rejected(op.id, 'invalid-payload', verdict.refused));
            continue;
          }
          customerId = verdict?.customerId;
        }
        problem = await openCase(trx, device, op.id, op.payload, now, customerId);
      } else if (op.kind === 'case.event') {
        partnerId ??=
          (
            await trx
              .selectFrom('access_points')
              .select('partner_id')
              .where('id', '=', device.accessPointId)
              .executeTakeFirst()
          )?.partner_id ?? null;
        problem = await addCaseEvent(trx, device, partnerId, op.id, op.payload, now);
      } else {
        continue;
      }
      if (problem) {
        refused.push(op.id);
        results.set(op.id, problem);
      }
    }
    return refused;
  }

  // --- Mystery shopping (audits): see audit-store.ts ---
  async auditScores(query: audits.AuditScoreQuery): Promise<audits.AuditScores> {
    return audits.auditScores(this.db, query);
  }

  async findAudit(id: string): Promise<audits.AuditSummary | null> {
    return audits.findAudit(this.db, id);
  }

  async getAccessPoint(id: string): Promise<AccessPoint | null> {
    const row = await this.db
      .selectFrom('access_points')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row
      ? {
          id: row.id,
          name: row.name,
          kind: row.kind as AccessPoint['kind'],
          partnerId: row.partner_id,
          address: row.address,
          ...(row.help_from ? { helpFrom: row.help_from } : {}),
        }
      : null;
  }

  async findCaseByReference(
    reference: string,
  ): Promise<{ record: CaseRecord; events: CaseEvent[] } | null> {
    const row = await this.db
      .selectFrom('cases')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirst();
    if (!row) return null;
    const events = await this.db
      .selectFrom('case_events')
      .selectAll()
      .where('case_id', '=', row.id)
      .orderBy('seq')
      .execute();
    return {
      record: toCaseRecord(row),
      events: events.map((e) => toCaseEvent(e as CaseEventsTable & { seq: number })),
    };
  }

  async listCases(filter: { ownerPartnerId?: string } = {}): Promise<CaseRecord[]> {
    let query = this.db.selectFrom('cases').selectAll();
    if (filter.ownerPartnerId) query = query.where('owner_partner_id', '=', filter.ownerPartnerId);
    return (await query.orderBy('received_at').execute()).map(toCaseRecord);
  }

  /**
   * Page revisions, one at a time in the order sent (a revision may build on one sent just
   * before it). A page belongs to the access point that created it: only its devices edit it.
   */
  private async applyLocalPages(
    trx: Transaction<Database>,
    device: Device,
    ops: readonly ValidOp[],
    now: string,
    results: Map<string, OpResult>,
  ): Promise<string[]> {
    const refused: string[] = [];
    for (const op of ops) {
      if (op.kind !== 'localPage.save') continue;
      const problem = await this.checkPageRevision(trx, device, op);
      if (problem) {
        refused.push(op.id);
        results.set(op.id, problem);
        continue;
      }
      const row = {
        id: op.payload.id,
        page_id: op.payload.pageId,
        access_point_id: device.accessPointId,
        device_id: device.id,
        op_id: op.id,
        base_revision_ids: JSON.stringify(op.payload.baseRevisionIds),
        title: op.payload.title,
        body: op.payload.body,
        author: op.payload.author,
        created_at: op.payload.createdAt,
        received_at: now,
      };
      await trx.insertInto('local_page_revisions').values(row).execute();
      await trx
        .insertInto('changes')
        .values({
          // Local information is public and useful at every door, so every device gets it.
          scope: GLOBAL_SCOPE,
          entity: 'localPageRevision',
          entity_id: row.id,
          op: 'upsert',
          data: JSON.stringify(toPageRevision(row)),
          origin_device: device.id,
          created_at: now,
        })
        .execute();
    }
    return refused;
  }

  private async checkPageRevision(
    trx: Transaction<Database>,
    device: Device,
    op: PageOp,
  ): Promise<OpResult | null> {
    const { id, pageId, baseRevisionIds } = op.payload;
    const existing = await trx
      .selectFrom('local_page_revisions')
      .select(['id', 'access_point_id'])
      .where('page_id', '=', pageId)
      .orderBy('received_at')
      .orderBy('id')
      .execute();
    if (
      await trx
        .selectFrom('local_page_revisions')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst()
    ) {
      return conflict(op.id, id);
    }
    const owner = existing[0]?.access_point_id;
    if (owner && owner !== device.accessPointId) {
      return rejected(
        op.id,
        'forbidden',
        'only devices at the access point that owns this page can edit it',
      );
    }
    const known = new Set(existing.map((r) => r.id));
    const unknown = baseRevisionIds.filter((base) => !known.has(base));
    if (unknown.length > 0) {
      return rejected(
        op.id,
        'invalid-payload',
        `base revision ${unknown.join(', ')} is not a revision of this page`,
      );
    }
    return null;
  }

  async listPageRevisions(pageId: string): Promise<LocalPageRevision[]> {
    const rows = await this.db
      .selectFrom('local_page_revisions')
      .selectAll()
      .where('page_id', '=', pageId)
      .orderBy('received_at')
      .orderBy('id')
      .execute();
    return rows.map(toPageRevision);
  }

  async listContacts(filter: { accessPointId?: string } = {}): Promise<Contact[]> {
    let query = this.db.selectFrom('contacts').selectAll();
    if (filter.accessPointId) query = query.where('access_point_id', '=', filter.accessPointId);
    const rows = await query.orderBy('received_at').orderBy('id').execute();
    return rows.map(toContact);
  }

  upsertStaff(member: StaffMember, now: string) {
    return staff.upsertStaff(this.db, member, now);
  }

  revokeStaff(id: string, now: string) {
    return staff.revokeStaff(this.db, id, now);
  }

  findStaff(id: string) {
    return staff.findStaff(this.db, id);
  }

  listStaff(filter?: { partnerId?: string | null }) {
    return staff.listStaff(this.db, filter);
  }

  createStaffSession(input: Parameters<Storage['createStaffSession']>[0]) {
    return staff.createStaffSession(this.db, input);
  }

  findStaffSession(tokenHash: string, now: string) {
    return staff.findStaffSession(this.db, tokenHash, now);
  }

  findPinFailures(staffId: string, accessPointId: string) {
    return staff.findPinFailures(this.db, staffId, accessPointId);
  }

  countPinFailure(input: Parameters<Storage['countPinFailure']>[0]) {
    return staff.countPinFailure(this.db, input);
  }

  clearPinFailures(staffId: string, accessPointId: string) {
    return staff.clearPinFailures(this.db, staffId, accessPointId);
  }

  listTrainingCompletions(filter?: { staffIds?: readonly string[] }) {
    return staff.listTrainingCompletions(this.db, filter);
  }

  storeCasePhoto(input: Parameters<Storage['storeCasePhoto']>[0]) {
    return storeCasePhoto(this.db, input);
  }

  readCasePhoto(input: Parameters<Storage['readCasePhoto']>[0]) {
    return readCasePhoto(this.db, input);
  }

  async listContactNotes(filter: { accessPointId?: string } = {}): Promise<ContactNote[]> {
    let query = this.db.selectFrom('contact_notes').selectAll();
    if (filter.accessPointId) query = query.where('access_point_id', '=', filter.accessPointId);
    const rows = await query.orderBy('received_at').orderBy('id').execute();
    return rows.map(toContactNote);
  }

  async knowsDeviceState(input: {
    deviceId: string;
    ackedOpId: string | null;
    cursor: string | null;
  }): Promise<boolean> {
    // One round trip (it runs on every sync): the device's cursors and whether its op is here.
    const ackedOpId = input.ackedOpId;
    const row = await this.db
      .selectFrom('devices')
      .select(['issued_cursor', 'previous_cursor'])
      .$if(ackedOpId !== null, (q) =>
        q.select((eb) =>
          eb
            .exists(
              eb
                .selectFrom('applied_ops')
                .select('op_id')
                .where('op_id', '=', ackedOpId as string)
                .where('device_id', '=', input.deviceId),
            )
            .as('has_op'),
        ),
      )
      .where('id', '=', input.deviceId)
      .executeTakeFirst();
    // SQLite answers 0/1, PostgreSQL true/false.
    if (ackedOpId !== null && !(row?.has_op === true || row?.has_op === 1)) return false;
    if (input.cursor === null) return true;
    // Nothing recorded yet (a device from before the check): nothing to compare with.
    if (!row?.issued_cursor) return true;
    return input.cursor === row.issued_cursor || input.cursor === row.previous_cursor;
  }

  async recordIssuedCursor(input: {
    deviceId: string;
    sent: string | null;
    issued: string;
  }): Promise<void> {
    await this.db
      .updateTable('devices')
      .set({ issued_cursor: input.issued, previous_cursor: input.sent })
      .where('id', '=', input.deviceId)
      .execute();
  }

  async countAppliedOps(): Promise<number> {
    const row = await this.db
      .selectFrom('applied_ops')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  // ---- Single customer view (customer-store.ts) ----
  searchCustomers(query: customers.CustomerQuery, viewer: customers.CustomerViewer) {
    return customers.searchCustomers(this.db, query, viewer);
  }

  customerDetail(id: string, viewer: customers.CustomerViewer) {
    return customers.customerDetail(this.db, id, viewer);
  }

  customerMatches(viewer: customers.CustomerViewer) {
    return customers.matchProposals(this.db, viewer);
  }

  mergeCustomers(input: Parameters<Storage['mergeCustomers']>[0]) {
    return customers.mergeCustomers(this.db, input);
  }

  undoCustomerMerge(input: Parameters<Storage['undoCustomerMerge']>[0]) {
    return customers.undoMerge(this.db, input);
  }

  rejectCustomerMatch(input: Parameters<Storage['rejectCustomerMatch']>[0]) {
    return customers.rejectMatch(this.db, input);
  }

  exportCustomer(input: Parameters<Storage['exportCustomer']>[0]) {
    return customers.exportCustomer(this.db, input);
  }

  eraseCustomer(input: Parameters<Storage['eraseCustomer']>[0]) {
    return customers.eraseCustomer(this.db, input);
  }

  async createApiKey(input: {
    keyHash: string;
    name: string;
    partnerId: string | null;
    now: string;
  }): Promise<void> {
    await open311.createApiKey(this.db, input);
  }

  async findApiKey(keyHash: string): Promise<open311.ApiKey | null> {
    return open311.findApiKey(this.db, keyHash);
  }

  async openIntegrationCase(
    key: open311.ApiKey,
    input: CaseOpenInput,
    now: string,
  ): Promise<OpResult | null> {
    return open311.openIntegrationCase(this.db, key, input, now);
  }

  async listCaseHistories(query: open311.CaseQuery): Promise<open311.CaseHistory[]> {
    return open311.listCaseHistories(this.db, query);
  }

  // --- Feedback and the 48-hour follow-up (feedback-store.ts) ---------------------------------

  async listFeedback(filter?: { accessPointId?: string }): Promise<feedback.FeedbackRow[]> {
    return feedback.listFeedback(this.db, filter);
  }

  async listFollowups(): Promise<feedback.FollowupRow[]> {
    return feedback.listFollowups(this.db);
  }

  async listPendingFollowups(since: string, limit: number): Promise<feedback.PendingFollowup[]> {
    return feedback.listPendingFollowups(this.db, since, limit);
  }

  async claimFollowup(id: string, tokenHash: string, now: string): Promise<boolean> {
    return feedback.claimFollowup(this.db, id, tokenHash, now);
  }

  async settleFollowup(id: string, sent: boolean): Promise<void> {
    return feedback.settleFollowup(this.db, id, sent);
  }

  async expireFollowups(before: string): Promise<number> {
    return feedback.expireFollowups(this.db, before);
  }

  async findSurvey(tokenHash: string): Promise<feedback.SurveyLink | null> {
    return feedback.findSurvey(this.db, tokenHash);
  }

  async answerSurvey(
    tokenHash: string,
    answers: SurveyAnswers,
    now: string,
  ): Promise<'answered' | 'already' | 'closed' | 'unknown'> {
    return feedback.answerSurvey(this.db, tokenHash, answers, now);
  }

  // --- Reviews (review-store.ts) ---
  listReviews(filter: Parameters<Storage['listReviews']>[0]) {
    return reviews.listReviews(this.db, filter);
  }

  decideReview(input: Parameters<Storage['decideReview']>[0]) {
    return reviews.decideReview(this.db, input);
  }

  submitPublicReview(input: Parameters<Storage['submitPublicReview']>[0], now: string) {
    return reviews.submitPublicReview(this.db, input, now);
  }

  ratingSummaries() {
    return reviews.ratingSummaries(this.db);
  }

  reviewsRevision() {
    return reviews.reviewsRevision(this.db);
  }

  // ---- Insight dashboards: the rollups are kept by triggers (insight-rollups.ts) ----
  insightDashboard(...args: Parameters<Storage['insightDashboard']>) {
    return insight.insightDashboard(this.db, this.dialect, ...args);
  }

  loadUnitCosts() {
    return insight.loadUnitCosts(this.db);
  }

  saveUnitCosts(costs: Record<string, number>, by: string, now: string) {
    return insight.saveUnitCosts(this.db, costs, by, now);
  }

  insertInsightHistory(history: insight.InsightHistory) {
    return insight.insertInsightHistory(this.db, history);
  }

  /** Delta rows folded out of each table since its last vacuum (see vacuumDeltas). */
  private readonly foldedSinceVacuum = new Map<string, number>();

  async foldInsight(): Promise<number> {
    const db = this.db as Kysely<unknown>;
    const moved = await foldInsightDeltas(db, this.dialect);
    const due: string[] = [];
    for (const [table, n] of moved) {
      const total = (this.foldedSinceVacuum.get(table) ?? 0) + n;
      this.foldedSinceVacuum.set(table, total >= VACUUM_AFTER_FOLDED ? 0 : total);
      if (total >= VACUUM_AFTER_FOLDED) due.push(table);
    }
    await vacuumDeltas(db, due);
    return [...moved.values()].reduce((a, b) => a + b, 0);
  }
}

/**
 * Contacts that name a customer record: checked and resolved before they are inserted (see
 * customer-store.ts). Returns the ops with each such contact's live customer id, and the refused.
 */
async function attachCustomers(
  trx: Transaction<Database>,
  ops: readonly ValidOp[],
  results: Map<string, OpResult>,
): Promise<{ ops: ValidOp[]; refused: string[] }> {
  const wanted = ops.flatMap((op) =>
    op.kind === 'contact.record' && op.payload.customerId
      ? [{ opId: op.id, staffId: op.staffId, customerId: op.payload.customerId }]
      : [],
  );
  if (wanted.length === 0) return { ops: [...ops], refused: [] };
  const verdicts = await customers.resolveCustomerLinks(trx, wanted);
  const refused: string[] = [];
  const ready = ops.flatMap((op): ValidOp[] => {
    const verdict = verdicts.get(op.id);
    if (!verdict || op.kind !== 'contact.record') return [op];
    if ('refused' in verdict) {
      refused.push(op.id);
      results.set(op.id, rejected(op.id, 'invalid-payload', verdict.refused));
      return [];
    }
    return [{ ...op, payload: { ...op.payload, customerId: verdict.customerId } }];
  });
  return { ops: ready, refused };
}

async function latestVersion(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('pack_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

type PageOp = Extract<ValidOp, { kind: 'localPage.save' }>;

interface RecordSpec<K extends MutationKind, Row extends { id: string; op_id: string }> {
  kind: K;
  table: 'contact_notes' | 'contacts' | 'help_events';
  entity: FeedEntity;
  scope: (device: Device) => string;
  /** Other access points whose devices also receive the record (a kiosk's call for help). */
  alsoHeardAt?: (trx: Transaction<Database>, device: Device) => Promise<string[]>;
  toRow: (op: Extract<ValidOp, { kind: K }>, device: Device, now: string) => Row;
  toData: (row: Row) => unknown;
}

const CONTACT_NOTES: RecordSpec<'contactNote.create', ContactNotesTable> = {
  kind: 'contactNote.create',
  table: 'contact_notes',
  entity: 'contactNote',
  scope: (device) => accessPointScope(device.accessPointId),
  toRow: (op, device, now) => ({
    id: op.payload.id,
    access_point_id: device.accessPointId,
    device_id: device.id,
    op_id: op.id,
    staff_name: op.payload.staffName,
    service_name: op.payload.serviceName,
    channel: op.payload.channel,
    note: op.payload.note,
    created_at: op.payload.createdAt,
    received_at: now,
  }),
  toData: (row) => toContactNote(row),
};

const CONTACTS: RecordSpec<'contact.record', ContactsTable> = {
  kind: 'contact.record',
  table: 'contacts',
  entity: 'contact',
  scope: (device) => accessPointScope(device.accessPointId),
  toRow: (op, device, now) => ({
    id: op.payload.id,
    access_point_id: device.accessPointId,
    device_id: device.id,
    op_id: op.id,
    mode: device.mode,
    service_id: op.payload.serviceId,
    channel: op.payload.channel,
    tier: op.payload.tier,
    outcome: op.payload.outcome,
    path: JSON.stringify(op.payload.path),
    created_at: op.payload.createdAt,
    received_at: now,
    customer_id: op.payload.customerId ?? null,
  }),
  // The customer id stays on the hub: devices (kiosks among them) never receive it.
  toData: (row) => toContact(row),
};

const helpRow = (
  op: { id: string; payload: { id: string; createdAt: string } },
  device: Device,
  now: string,
  kind: 'request' | 'answer',
  requestId: string | null,
): HelpEventsTable => ({
  id: op.payload.id,
  kind,
  request_id: requestId,
  access_point_id: device.accessPointId,
  device_id: device.id,
  device_name: device.name,
  op_id: op.id,
  created_at: op.payload.createdAt,
  received_at: now,
});

const toHelpEvent = (row: HelpEventsTable): HelpEvent => ({
  id: row.id,
  kind: row.kind,
  requestId: row.request_id,
  accessPointId: row.access_point_id,
  deviceId: row.device_id,
  deviceName: row.device_name,
  createdAt: row.created_at,
  receivedAt: row.received_at,
});

// A call for help is heard by the devices of the same access point and, for a kiosk with no
// staff of its own, by those of the place that answers for it (the pack's `helpFrom`).
const HELP_REQUESTS: RecordSpec<'help.request', HelpEventsTable> = {
  kind: 'help.request',
  table: 'help_events',
  entity: 'helpEvent',
  scope: (device) => accessPointScope(device.accessPointId),
  alsoHeardAt: async (trx, device) =>
    (
      await trx
        .selectFrom('access_points')
        .select('help_from')
        .where('id', '=', device.accessPointId)
        .where('help_from', 'is not', null)
        .execute()
    ).map((r) => r.help_from as string),
  toRow: (op, device, now) => helpRow(op, device, now, 'request', null),
  toData: toHelpEvent,
};

// An answer reaches this place's devices and the kiosks it answers for (one of which asked).
const HELP_ANSWERS: RecordSpec<'help.answer', HelpEventsTable> = {
  kind: 'help.answer',
  table: 'help_events',
  entity: 'helpEvent',
  scope: (device) => accessPointScope(device.accessPointId),
  alsoHeardAt: async (trx, device) =>
    (
      await trx
        .selectFrom('access_points')
        .select('id')
        .where('help_from', '=', device.accessPointId)
        .execute()
    ).map((r) => r.id),
  toRow: (op, device, now) => helpRow(op, device, now, 'answer', op.payload.requestId),
  toData: toHelpEvent,
};

function toContact(row: ContactsTable): Contact {
  return {
    id: row.id,
    serviceId: row.service_id,
    channel: row.channel as Channel,
    tier: Number(row.tier) as Contact['tier'],
    outcome: row.outcome as Contact['outcome'],
    path: JSON.parse(row.path) as string[],
    createdAt: row.created_at,
    accessPointId: row.access_point_id,
    deviceId: row.device_id,
    mode: row.mode as DeviceMode,
    receivedAt: row.received_at,
  };
}

function rejected(opId: string, code: 'invalid-payload' | 'forbidden', reason: string): OpResult {
  return { status: 'rejected', opId, code, reason };
}

function conflict(opId: string, recordId: string): OpResult {
  return {
    status: 'rejected',
    opId,
    code: 'conflict',
    reason: `a record with id ${recordId} already exists`,
  };
}

function toDevice(row: DevicesTable): Device {
  return {
    id: row.id,
    accessPointId: row.access_point_id,
    name: row.name,
    enrolledAt: row.enrolled_at,
    revokedAt: row.revoked_at,
    mode: (DEVICE_MODES as readonly string[]).includes(row.mode)
      ? (row.mode as DeviceMode)
      : 'counter',
  };
}

function toPageRevision(row: Database['local_page_revisions']): LocalPageRevision {
  return {
    id: row.id,
    pageId: row.page_id,
    baseRevisionIds: JSON.parse(row.base_revision_ids) as string[],
    title: row.title,
    body: row.body,
    author: row.author,
    createdAt: row.created_at,
    accessPointId: row.access_point_id,
    deviceId: row.device_id,
    receivedAt: row.received_at,
  };
}

function toContactNote(row: Database['contact_notes']): ContactNote {
  return {
    id: row.id,
    accessPointId: row.access_point_id,
    deviceId: row.device_id,
    staffName: row.staff_name,
    serviceName: row.service_name,
    channel: row.channel as Channel,
    note: row.note,
    createdAt: row.created_at,
    receivedAt: row.received_at,
  };
}
