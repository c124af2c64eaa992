// What SQLite and PostgreSQL share: every query but the change feed's ordering, which each
// subclass implements (see sqlite.ts and postgres.ts for why they differ).
import type { Kysely, Transaction } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { AccessPoint } from '../../shared/access-point.ts';
import type { ContactNote } from '../../shared/contact-note.ts';
import type { Channel } from '../../shared/channels.ts';
import type { OpResult } from '../../shared/sync/protocol.ts';
import type { ValidOp } from '../../shared/sync/mutations.ts';
import { migrationsFor } from './migrations.ts';
import type { Database, DevicesTable } from './schema.ts';
import {
  accessPointScope,
  type Device,
  type EnrolmentInput,
  type PullPage,
  type Storage,
} from './storage.ts';

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

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async upsertAccessPoints(accessPoints: readonly AccessPoint[]): Promise<void> {
    if (accessPoints.length === 0) return;
    await this.db
      .insertInto('access_points')
      .values(
        accessPoints.map((ap) => ({
          id: ap.id,
          name: ap.name,
          kind: ap.kind,
          partner_id: ap.partnerId,
          address: ap.address,
        })),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          kind: eb.ref('excluded.kind'),
          partner_id: eb.ref('excluded.partner_id'),
          address: eb.ref('excluded.address'),
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
      const rejectedIds = await this.applyContactNotes(trx, device, fresh, now, results);
      if (rejectedIds.length > 0) {
        // A rejected op leaves no trace, so the same op is judged the same way if it comes again.
        await trx.deleteFrom('applied_ops').where('op_id', 'in', rejectedIds).execute();
      }

      const earlier = unique.filter((op) => !claimed.has(op.id)).map((op) => op.id);
      if (earlier.length > 0) {
        for (const id of earlier) results.set(id, { status: 'duplicate', opId: id });
      }
      for (const op of fresh) {
        if (!results.has(op.id)) results.set(op.id, { status: 'applied', opId: op.id });
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

  /** Inserts the notes of `ops`; returns the op ids rejected because their note id was taken. */
  private async applyContactNotes(
    trx: Transaction<Database>,
    device: Device,
    ops: readonly ValidOp[],
    now: string,
    results: Map<string, OpResult>,
  ): Promise<string[]> {
    const rejected: string[] = [];
    const byNoteId = new Map<string, ValidOp>();
    for (const op of ops) {
      if (op.kind !== 'contactNote.create') continue;
      if (byNoteId.has(op.payload.id)) {
        rejected.push(op.id);
        results.set(op.id, conflict(op.id, op.payload.id));
      } else {
        byNoteId.set(op.payload.id, op);
      }
    }
    if (byNoteId.size === 0) return rejected;

    const rows = [...byNoteId.values()].map((op) => ({
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
    }));
    const inserted = new Set(
      (
        await trx
          .insertInto('contact_notes')
          .values(rows)
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .execute()
      ).map((r) => r.id),
    );
    const changes = [];
    for (const row of rows) {
      if (!inserted.has(row.id)) {
        rejected.push(row.op_id);
        results.set(row.op_id, conflict(row.op_id, row.id));
        continue;
      }
      changes.push({
        scope: accessPointScope(device.accessPointId),
        entity: 'contactNote',
        entity_id: row.id,
        op: 'upsert' as const,
        data: JSON.stringify(toContactNote(row)),
        origin_device: device.id,
        created_at: now,
      });
    }
    if (changes.length > 0) await trx.insertInto('changes').values(changes).execute();
    return rejected;
  }

  async listContactNotes(filter: { accessPointId?: string } = {}): Promise<ContactNote[]> {
    let query = this.db.selectFrom('contact_notes').selectAll();
    if (filter.accessPointId) query = query.where('access_point_id', '=', filter.accessPointId);
    const rows = await query.orderBy('received_at').orderBy('id').execute();
    return rows.map(toContactNote);
  }

  async countAppliedOps(): Promise<number> {
    const row = await this.db
      .selectFrom('applied_ops')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
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
