// Staff and volunteers, their hub sessions and their training. A person's record (with the
// hash of their PIN, never the PIN) enters the change feed for each place they work at, so
// those devices can unlock for them offline; revoking them sends a deletion the same way.
import type { Kysely } from 'kysely';
import type { StaffMember } from '../../shared/staff.ts';
import type { ValidOp } from '../../shared/sync/mutations.ts';
import type { OpResult } from '../../shared/sync/protocol.ts';
import type { Database, StaffTable } from './schema.ts';
import { accessPointScope, type Device } from './storage.ts';

export interface StaffRecord extends StaffMember {
  revokedAt: string | null;
}

export interface StaffSession {
  staff: StaffRecord;
  deviceId: string;
  expiresAt: string;
}

export interface TrainingCompletion {
  id: string;
  staffId: string;
  moduleId: string;
  score: number;
  completedAt: string;
  accessPointId: string;
}

function toStaff(row: StaffTable): StaffRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role as StaffMember['role'],
    partnerId: row.partner_id,
    teamIds: JSON.parse(row.team_ids) as string[],
    accessPointIds: JSON.parse(row.access_point_ids) as string[],
    pin: JSON.parse(row.pin) as StaffMember['pin'],
    revokedAt: row.revoked_at,
  };
}

/** Adds or changes a person; the devices of every place they work at (and stopped working at) hear. */
export async function upsertStaff(
  db: Kysely<Database>,
  member: StaffMember,
  now: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('staff')
      .selectAll()
      .where('id', '=', member.id)
      .executeTakeFirst();
    const row = {
      name: member.name,
      role: member.role,
      partner_id: member.partnerId,
      team_ids: JSON.stringify(member.teamIds),
      access_point_ids: JSON.stringify(member.accessPointIds),
      pin: JSON.stringify(member.pin),
      updated_at: now,
      revoked_at: null,
    };
    await trx
      .insertInto('staff')
      .values({ id: member.id, ...row })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
    const left = before
      ? (JSON.parse(before.access_point_ids) as string[]).filter(
          (ap) => !member.accessPointIds.includes(ap),
        )
      : [];
    const changes = [
      ...member.accessPointIds.map((ap) => ({
        scope: accessPointScope(ap),
        op: 'upsert' as const,
        data: JSON.stringify(member),
      })),
      ...left.map((ap) => ({
        scope: accessPointScope(ap),
        op: 'delete' as const,
        data: 'null',
      })),
    ];
    if (changes.length > 0) {
      await trx
        .insertInto('changes')
        .values(
          changes.map((c) => ({
            ...c,
            entity: 'staff',
            entity_id: member.id,
            origin_device: null,
            created_at: now,
          })),
        )
        .execute();
    }
  });
}

/** Revokes a person: their sessions end now and their devices forget them at the next sync. */
export async function revokeStaff(db: Kysely<Database>, id: string, now: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('staff')
      .selectAll()
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return false;
    await trx.updateTable('staff').set({ revoked_at: now }).where('id', '=', id).execute();
    await trx.deleteFrom('staff_sessions').where('staff_id', '=', id).execute();
    const places = JSON.parse(row.access_point_ids) as string[];
    if (places.length > 0) {
      await trx
        .insertInto('changes')
        .values(
          places.map((ap) => ({
            scope: accessPointScope(ap),
            entity: 'staff',
            entity_id: id,
            op: 'delete' as const,
            data: 'null',
            origin_device: null,
            created_at: now,
          })),
        )
        .execute();
    }
    return true;
  });
}

export async function findStaff(db: Kysely<Database>, id: string): Promise<StaffRecord | null> {
  const row = await db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStaff(row) : null;
}

export async function listStaff(
  db: Kysely<Database>,
  filter: { partnerId?: string | null } = {},
): Promise<StaffRecord[]> {
  let query = db.selectFrom('staff').selectAll();
  if (filter.partnerId !== undefined) {
    query =
      filter.partnerId === null
        ? query.where('partner_id', 'is', null)
        : query.where('partner_id', '=', filter.partnerId);
  }
  return (await query.orderBy('name').orderBy('id').execute()).map(toStaff);
}

export async function createStaffSession(
  db: Kysely<Database>,
  input: { tokenHash: string; staffId: string; deviceId: string; now: string; expiresAt: string },
): Promise<void> {
  // Expired sessions are cleared as new ones start, so the table stays small.
  await db.deleteFrom('staff_sessions').where('expires_at', '<', input.now).execute();
  await db
    .insertInto('staff_sessions')
    .values({
      token_hash: input.tokenHash,
      staff_id: input.staffId,
      device_id: input.deviceId,
      created_at: input.now,
      expires_at: input.expiresAt,
    })
    .execute();
}

export async function findStaffSession(
  db: Kysely<Database>,
  tokenHash: string,
  now: string,
): Promise<StaffSession | null> {
  const session = await db
    .selectFrom('staff_sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!session) return null;
  const staff = await findStaff(db, session.staff_id);
  if (!staff || staff.revokedAt) return null;
  return { staff, deviceId: session.device_id, expiresAt: session.expires_at };
}

export async function listTrainingCompletions(
  db: Kysely<Database>,
  filter: { staffIds?: readonly string[] } = {},
): Promise<TrainingCompletion[]> {
  let query = db.selectFrom('training_completions').selectAll();
  if (filter.staffIds) {
    if (filter.staffIds.length === 0) return [];
    query = query.where('staff_id', 'in', filter.staffIds);
  }
  const rows = await query.orderBy('completed_at').execute();
  return rows.map((r) => ({
    id: r.id,
    staffId: r.staff_id,
    moduleId: r.module_id,
    score: Number(r.score),
    completedAt: r.completed_at,
    accessPointId: r.access_point_id,
  }));
}

/**
 * Completed training, from `training.complete` ops: stored once, and sent to every place the
 * person works at, so any of their devices knows what they are trained for.
 */
export async function applyTrainingCompletions(
  trx: Kysely<Database>,
  device: Device,
  ops: readonly ValidOp[],
  now: string,
  results: Map<string, OpResult>,
): Promise<string[]> {
  const refused: string[] = [];
  for (const op of ops) {
    if (op.kind !== 'training.complete') continue;
    const input = op.payload;
    const person = await findStaff(trx, input.staffId);
    const inserted = person
      ? await trx
          .insertInto('training_completions')
          .values({
            id: input.id,
            staff_id: input.staffId,
            module_id: input.moduleId,
            score: input.score,
            completed_at: input.completedAt,
            access_point_id: device.accessPointId,
            device_id: device.id,
            received_at: now,
            op_id: op.id,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .executeTakeFirst()
      : undefined;
    if (!person || !inserted) {
      refused.push(op.id);
      results.set(op.id, {
        status: 'rejected',
        opId: op.id,
        code: person ? 'conflict' : 'forbidden',
        reason: person ? `training record ${input.id} exists` : 'no such person',
      });
      continue;
    }
    const data = JSON.stringify(input);
    await trx
      .insertInto('changes')
      .values(
        person.accessPointIds.map((ap) => ({
          scope: accessPointScope(ap),
          entity: 'trainingCompletion',
          entity_id: input.id,
          op: 'upsert' as const,
          data,
          origin_device: device.id,
          created_at: now,
        })),
      )
      .execute();
  }
  return refused;
}
