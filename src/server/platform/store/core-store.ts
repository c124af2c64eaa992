// The core store: what every feature stands on. Access points, enrolment codes and devices;
// applying ops exactly once (each kind by its feature's handler, see op-handler.ts); the
// change feed, whose commit order each database keeps its own way (the subclasses, sqlite.ts
// and postgres.ts); and the published pack versions. Each feature keeps its own store beside
// its routes (src/server/features/<feature>/), made from the same Kysely handle.
import { sql, type Kysely, type Transaction } from 'kysely';
import { Migrator } from 'kysely/migration';
import { directoryEntryOf, type AccessPoint } from '../../../shared/access-point.ts';
import { DEVICE_MODES, type DeviceMode } from '../../../shared/contact.ts';
import { canonicalJson } from '../../../shared/pack/canonical-json.ts';
import {
  PACK_KINDS,
  type PackContent,
  type PackKind,
  type PackRecordOf,
} from '../../../shared/pack/schema.ts';
import { MUTATION_KINDS, type ValidOp } from '../../../shared/sync/mutations.ts';
import type {
  DeviceHealth,
  OpResult,
  PackRecordChange,
  PackSummary,
  PackVersionInfo,
} from '../../../shared/sync/protocol.ts';
import type { PullInput, PullPage } from './change-feed.ts';
import { toDevice, type Device } from './device.ts';
import { migrationsFor, type Dialect } from './migration-files.ts';
import type { OpHandler, OpHandlers } from './op-handler.ts';
import { currentPackRecords, currentPackRows, latestPackVersion } from './pack-rows.ts';
import type { AccessPointsTable, Database, DevicesTable, PackRecordsTable } from './schema.ts';

export type { Dialect };

export interface EnrolmentInput {
  codeHash: string;
  deviceId: string;
  deviceName: string;
  tokenHash: string;
  now: string;
  mode?: DeviceMode;
}

/** The last two cursors the hub issued to a device (the restore check compares with them). */
export interface DeviceState {
  issuedCursor: string | null;
  previousCursor: string | null;
}

/**
 * The restore check: false when the hub lacks the op the device says it acknowledged
 * (`holdsAckedOp` false; null when there is none to check) or did not issue the device's
 * cursor (neither of the last two). A device from before the check has no cursor recorded:
 * nothing to compare with.
 */
export function knowsState(
  state: DeviceState,
  holdsAckedOp: boolean | null,
  cursor: string | null,
): boolean {
  if (holdsAckedOp === false) return false;
  if (cursor === null) return true;
  if (!state.issuedCursor) return true;
  return cursor === state.issuedCursor || cursor === state.previousCursor;
}

/**
 * How long one transaction of applyOps may hold the writer, ms: another device's sync waits at
 * most about this long behind a large push. The first chunk is small (its pace is unknown);
 * each next one is sized from the pace of the one before, within MIN_CHUNK..MAX_CHUNK ops.
 */
const WRITER_BUDGET_MS = 40;
const FIRST_CHUNK = 50;
const MIN_CHUNK = 10;
const MAX_CHUNK = 1000;

export abstract class CoreStore {
  abstract readonly dialect: Dialect;
  readonly db: Kysely<Database>;
  private readonly opHandlers: Partial<OpHandlers>;

  /** Partial only for the test that drops a handler: the hub passes OP_HANDLERS, all of them. */
  constructor(db: Kysely<Database>, opHandlers: Partial<OpHandlers>) {
    this.db = db;
    this.opHandlers = opHandlers;
  }

  /** Throws InvalidCursorError unless `cursor` has the shape this store issues. */
  abstract assertCursor(cursor: string | null): void;

  /** Commit-ordered changes after `cursor` that the scopes entitle the device to see. */
  abstract pullChanges(input: PullInput): Promise<PullPage>;

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

  /**
   * Runs `work` while holding the store's start-up lock, so that several server processes
   * starting against one database migrate and seed one after another, not all at once. One
   * process owns an SQLite file (single writer), so there is nobody to wait for.
   */
  async withStartupLock<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  // ---- Access points: the places devices are enrolled to (from the published pack) ----

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
    return rows.map(toAccessPoint);
  }

  async getAccessPoint(id: string): Promise<AccessPoint | null> {
    const row = await this.db
      .selectFrom('access_points')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toAccessPoint(row) : null;
  }

  // ---- Enrolment codes and devices ----

  async createEnrolmentCode(input: {
    codeHash: string;
    accessPointId: string;
    now: string;
    expiresAt: string;
    /** The mode it enrols in, whatever the browser asks; absent: the browser chooses. */
    mode?: DeviceMode;
    /** Who issued it (the studio); absent: the console. */
    issuedBy?: string;
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
        mode: input.mode ?? null,
        issued_by: input.issuedBy ?? null,
      })
      .execute();
  }

  /** Uses the code up and registers the device, atomically; null if the code is unknown, used or expired. */
  async enrolDevice(input: EnrolmentInput): Promise<Device | null> {
    return this.db.transaction().execute(async (trx) => {
      // One conditional UPDATE claims the code, so two devices racing for it cannot both win.
      const claimed = await trx
        .updateTable('enrolment_codes')
        .set({ used_at: input.now, device_id: input.deviceId })
        .where('code_hash', '=', input.codeHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', input.now)
        .returning(['access_point_id', 'mode'])
        .executeTakeFirst();
      if (!claimed) return null;
      // A code that fixes a mode (issued in the studio) wins over what the browser asked for.
      const fixed = (DEVICE_MODES as readonly (string | null | undefined)[]).includes(claimed.mode)
        ? (claimed.mode as DeviceMode)
        : undefined;
      const row: DevicesTable = {
        id: input.deviceId,
        access_point_id: claimed.access_point_id,
        name: input.deviceName,
        token_hash: input.tokenHash,
        enrolled_at: input.now,
        revoked_at: null,
        mode: fixed ?? input.mode ?? 'counter',
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

  // ---- Applying ops exactly once ----

  /**
   * Applies each op exactly once: the op id's row in applied_ops is written in the same
   * transaction as the op's effect and its change-log entries. Ops already applied come back
   * as duplicates with their original result.
   *
   * A large batch is applied in several transactions, in the order sent, each sized to hold
   * the writer for about WRITER_BUDGET_MS: SQLite has one writer (and the hub one connection
   * to it), so one device pushing 1,000 cases in one transaction made every other device's
   * sync wait seconds behind it; on PostgreSQL a long transaction holds back the feed horizon
   * for everybody. Exactly-once is per op, so it does not need the batch in one transaction:
   * if the request fails after some chunks committed, the device sends the batch again and
   * those ops come back as duplicates.
   */
  async applyOps(device: Device, ops: readonly ValidOp[], now: string): Promise<OpResult[]> {
    if (ops.length === 0) return [];
    const results = new Map<string, OpResult>();
    // An op id repeated inside one batch is applied once; the repeats are duplicates.
    const unique = [...new Map(ops.map((op) => [op.id, op])).values()];
    let size = FIRST_CHUNK;
    for (let start = 0; start < unique.length;) {
      const chunk = unique.slice(start, start + size);
      // Timed inside the transaction: waiting for the writer is not this chunk's pace.
      const held = await this.db.transaction().execute(async (trx) => {
        const began = performance.now();
        await this.applyChunk(trx, device, chunk, now, results);
        return performance.now() - began;
      });
      start += chunk.length;
      // Let the event loop in before the next chunk. better-sqlite3 runs each statement
      // synchronously and a transaction's awaits are only microtasks, so without this no other
      // request would even be read off its socket until the whole batch was applied.
      if (start < unique.length) await new Promise((resolve) => setImmediate(resolve));
      // The next chunk as large as fits the budget at the pace this one went.
      const perOp = held / chunk.length;
      size = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.floor(WRITER_BUDGET_MS / perOp)));
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
  }

  /** One transaction of applyOps: claims the ops' ids, applies the new ones, sets results. */
  private async applyChunk(
    trx: Transaction<Database>,
    device: Device,
    unique: readonly ValidOp[],
    now: string,
    results: Map<string, OpResult>,
  ): Promise<void> {
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
    const handlers = this.opHandlers;
    const byHandler = new Map<OpHandler, ValidOp[]>();
    for (const kind of MUTATION_KINDS) {
      const handler = handlers[kind];
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

    for (const op of unique) {
      if (!claimed.has(op.id)) results.set(op.id, { status: 'duplicate', opId: op.id });
      else if (!results.has(op.id) && handled.has(op.id)) {
        results.set(op.id, { status: 'applied', opId: op.id });
      }
    }
  }

  /** How many distinct ops were ever applied (tests count lost and duplicated writes with it). */
  async countAppliedOps(): Promise<number> {
    const row = await this.db
      .selectFrom('applied_ops')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  // ---- What the hub last told each device (the restore check) ----

  /**
   * Whether the hub still holds what it last told a device: the newest op it acknowledged to
   * it (null: none to check) and the cursor the device holds (one of the last two issued).
   * False after a restore from an older backup.
   */
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
      .$if(ackedOpId !== null, (q) => q.select(holdsOp(ackedOpId as string, 'devices.id')))
      .where('id', '=', input.deviceId)
      .executeTakeFirst();
    return knowsState(
      { issuedCursor: row?.issued_cursor ?? null, previousCursor: row?.previous_cursor ?? null },
      ackedOpId === null ? null : row?.has_op === true || row?.has_op === 1,
      input.cursor,
    );
  }

  /**
   * What a sync needs before it applies or pulls, in one round trip (on PostgreSQL each is a
   * network round trip, and node-postgres cannot pipeline): the device behind the token (null
   * if none or revoked), its place's partner (the feed scope for cases), the latest pack
   * version, and what the restore check compares, whether the hub holds `ackedOpId` (null:
   * nothing to check) from this device and the last two cursors issued to it.
   */
  async syncContext(
    tokenHash: string,
    ackedOpId: string | null,
  ): Promise<{
    device: Device;
    partnerId: string | null;
    packVersion: number;
    /** The restore check's inputs: see knowsDeviceState. */
    state: DeviceState;
    holdsAckedOp: boolean | null;
  } | null> {
    const row = await this.db
      .selectFrom('devices as d')
      .leftJoin('access_points as ap', 'ap.id', 'd.access_point_id')
      .selectAll('d')
      .select('ap.partner_id')
      .select((eb) =>
        eb
          .selectFrom('pack_versions')
          .select((sub) => sub.fn.max('version').as('v'))
          .as('pack_version'),
      )
      .$if(ackedOpId !== null, (q) => q.select(holdsOp(ackedOpId as string, 'd.id')))
      .where('d.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row || row.revoked_at !== null) return null;
    return {
      device: toDevice(row),
      partnerId: row.partner_id ?? null,
      packVersion: Number(row.pack_version ?? 0),
      state: {
        issuedCursor: row.issued_cursor ?? null,
        previousCursor: row.previous_cursor ?? null,
      },
      // SQLite answers 0/1, PostgreSQL true/false.
      holdsAckedOp: ackedOpId === null ? null : row.has_op === true || row.has_op === 1,
    };
  }

  /** Remembers the cursor just issued to a device and the one it sent (it now holds one of them). */
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

  /**
   * The sync's one write to the device row: the cursor just issued (when it moved) and what the
   * device reported of itself (when it did), in a single UPDATE; nothing when neither.
   */
  async recordDeviceSync(input: {
    deviceId: string;
    cursor?: { sent: string | null; issued: string };
    health?: DeviceHealth;
    now: string;
  }): Promise<void> {
    const { cursor, health } = input;
    if (!cursor && !health) return;
    await this.db
      .updateTable('devices')
      .set({
        ...(cursor ? { issued_cursor: cursor.issued, previous_cursor: cursor.sent } : {}),
        ...(health
          ? {
              last_sync_at: input.now,
              outbox_size: health.outbox,
              pack_version: health.packVersion,
              app_version: health.appVersion ?? null,
              storage_persisted:
                health.storagePersisted === undefined ? null : health.storagePersisted ? 1 : 0,
              // Who was signed in last: a locked device keeps the name of the one before.
              ...(health.staffId ? { last_staff_id: health.staffId } : {}),
            }
          : {}),
      })
      .where('id', '=', input.deviceId)
      .execute();
  }

  // ---- The franchise pack's published versions ----

  /**
   * Publishes a validated pack as the next version: only records that differ from the current
   * version are stored. Returns null when nothing changed. Also refreshes the access points
   * devices can be enrolled to. `within` runs in the same transaction once the version is
   * written (the studio's draft and audit log commit with the publish, or neither does).
   */
  async publishPack(
    pack: PackContent,
    input: {
      now: string;
      note?: string;
      within?: (
        trx: Transaction<Database>,
        published: PackVersionInfo,
        changed: readonly PackRecordsTable[],
      ) => Promise<void>;
    },
  ): Promise<PackVersionInfo | null> {
    return this.db.transaction().execute(async (trx) => {
      const latest = await latestPackVersion(trx);
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
      const published = { version, publishedAt: input.now, summary };
      await input.within?.(trx, published, rows);
      return published;
    });
  }

  async latestPackVersion(): Promise<number> {
    return latestPackVersion(this.db);
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

  /** The latest state, after `since` and up to `to`, of every record changed in between. */
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

  /** The current records of one kind (for the directory APIs and export). */
  async listPackRecords<K extends PackKind>(kind: K): Promise<PackRecordOf<K>[]> {
    return currentPackRecords<PackRecordOf<K>>(this.db, kind);
  }
}

/** `has_op`: whether the device whose id is the column `deviceId` sent the op `opId` (1/true). */
function holdsOp(opId: string, deviceId: 'devices.id' | 'd.id') {
  return sql<boolean | number>`exists (select op_id from applied_ops
    where op_id = ${opId} and device_id = ${sql.ref(deviceId)})`.as('has_op');
}

function toAccessPoint(row: AccessPointsTable): AccessPoint {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as AccessPoint['kind'],
    partnerId: row.partner_id,
    address: row.address,
    ...(row.help_from ? { helpFrom: row.help_from } : {}),
  };
}
