// The staff feature's queries (people, hub sessions, wrong PINs, training), each taking the
// database handle first: the store lends them its handle (queriesOn), so every value exported
// here is one of the store's methods.
import type { Kysely } from 'kysely';
import { isPrivileged, lockoutMs, type StaffMember } from '../../../shared/staff.ts';
import type { AdminAction } from '../../../shared/api/admin-log.ts';
import { recordAdminChange, type AdminActor } from '../../platform/store/admin-log.ts';
import { accessPointScope, recordChange } from '../../platform/store/change-feed.ts';
import type { Database } from '../../platform/store/schema.ts';
import { deviceCopy, logCopy, toStaff, type StaffRecord } from './staff-rows.ts';

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

/** Who made an administrative change to a person, and what kind it was (the admin log). */
export interface StaffAudit {
  actor: AdminActor;
  action: AdminAction;
}

export interface SaveOptions {
  /** Logged in the same transaction as the change, before and after (never the PIN hash). */
  audit?: StaffAudit;
  /** 'new': refuse an id already taken (even by someone revoked); 'existing': a working person. */
  expect?: 'new' | 'existing';
  /** A new secret: every hub session ends and the hub's count of wrong PINs starts again. */
  newSecret?: boolean;
}

/** How a save went: 'exists', 'missing' and 'revoked' leave everything as it was. */
export type SaveOutcome = 'saved' | 'exists' | 'missing' | 'revoked';

/** The admin log's entries for a change of a person: one per partner it concerns. */
async function logStaffChange(
  trx: Kysely<Database>,
  audit: StaffAudit,
  before: StaffRecord | null,
  after: StaffRecord | null,
  now: string,
): Promise<void> {
  const target = (after ?? before)?.id ?? '';
  // A move between partners is written for each, so both partners' managers read it.
  const concerned = [after?.partnerId ?? before?.partnerId ?? null];
  if (before && after && before.partnerId !== after.partnerId) concerned.push(before.partnerId);
  for (const partnerId of concerned) {
    await recordAdminChange(trx, {
      ...audit,
      partnerId,
      target,
      before: before ? logCopy(before) : null,
      after: after ? logCopy(after) : null,
      at: now,
    });
  }
}

/**
 * Adds or changes a person; the devices of every place they work at (and stopped working at)
 * hear. Sessions on devices at places they no longer work at end with the move.
 */
export async function upsertStaff(
  db: Kysely<Database>,
  member: StaffMember,
  now: string,
  options: SaveOptions = {},
): Promise<SaveOutcome> {
  // The hub keeps everyone's verifier; only the devices' copies go without.
  if (!member.pin) throw new Error(`the hub needs a PIN hash for ${member.id}`);
  const pin = member.pin;
  return db.transaction().execute(async (trx): Promise<SaveOutcome> => {
    const before = await trx
      .selectFrom('staff')
      .selectAll()
      .where('id', '=', member.id)
      .executeTakeFirst();
    if (options.expect === 'new' && before) return 'exists';
    if (options.expect === 'existing') {
      if (!before) return 'missing';
      if (before.revoked_at) return 'revoked';
    }
    const row = {
      name: member.name,
      role: member.role,
      partner_id: member.partnerId,
      team_ids: JSON.stringify(member.teamIds),
      access_point_ids: JSON.stringify(member.accessPointIds),
      pin: JSON.stringify(pin),
      updated_at: now,
      revoked_at: null,
    };
    if (options.expect === 'new') {
      // Two invitations of one id at once: the second finds it taken, never overwrites.
      const added = await trx
        .insertInto('staff')
        .values({ id: member.id, ...row })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!added) return 'exists';
    } else {
      await trx
        .insertInto('staff')
        .values({ id: member.id, ...row })
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
    }
    const left = before
      ? (JSON.parse(before.access_point_ids) as string[]).filter(
          (ap) => !member.accessPointIds.includes(ap),
        )
      : [];
    if (options.newSecret) {
      await trx.deleteFrom('staff_sessions').where('staff_id', '=', member.id).execute();
      await trx.deleteFrom('staff_pin_failures').where('staff_id', '=', member.id).execute();
    } else if (left.length > 0) {
      await trx
        .deleteFrom('staff_sessions')
        .where('staff_id', '=', member.id)
        .where('device_id', 'in', (eb) =>
          eb.selectFrom('devices').select('id').where('access_point_id', 'in', left),
        )
        .execute();
    }
    const person = { entity: 'staff' as const, id: member.id, origin: null, now };
    const scopes = (places: readonly string[]) => places.map(accessPointScope);
    await recordChange(trx, {
      ...person,
      scopes: scopes(member.accessPointIds),
      data: deviceCopy(member),
    });
    await recordChange(trx, { ...person, scopes: scopes(left), op: 'delete', data: null });
    if (options.audit) {
      await logStaffChange(
        trx,
        options.audit,
        before ? toStaff(before) : null,
        { ...member, pin, revokedAt: null },
        now,
      );
    }
    return 'saved';
  });
}

/** Revokes a person: their sessions end now and their devices forget them at the next sync. */
export async function revokeStaff(
  db: Kysely<Database>,
  id: string,
  now: string,
  audit?: StaffAudit,
): Promise<boolean> {
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
    await recordChange(trx, {
      scopes: places.map(accessPointScope),
      entity: 'staff',
      id,
      op: 'delete',
      data: null,
      origin: null,
      now,
    });
    if (audit) {
      const before = toStaff(row);
      await logStaffChange(trx, audit, before, { ...before, revokedAt: now }, now);
    }
    return true;
  });
}

export async function findStaff(db: Kysely<Database>, id: string): Promise<StaffRecord | null> {
  const row = await db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const person = toStaff(row);
  if (!isPrivileged(person.role)) return person;
  const signIns = await db
    .selectFrom('staff_hub_sign_ins')
    .select(['device_id', 'opened_at'])
    .where('staff_id', '=', id)
    .execute();
  return {
    ...person,
    hubSignIns: Object.fromEntries(signIns.map((s) => [s.device_id, s.opened_at])),
  };
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
  // The newest opening per person and device outlives the session: a privileged person's ops
  // from this device are applied for a while after it (privileged-session.ts).
  await db
    .insertInto('staff_hub_sign_ins')
    .values({ staff_id: input.staffId, device_id: input.deviceId, opened_at: input.now })
    .onConflict((oc) => oc.columns(['staff_id', 'device_id']).doUpdateSet({ opened_at: input.now }))
    .execute();
}

/** Wrong PINs typed at the hub for a person at one place, and until when they are locked out. */
export interface PinFailures {
  count: number;
  lockedUntil: string;
}

export async function findPinFailures(
  db: Kysely<Database>,
  staffId: string,
  accessPointId: string,
): Promise<PinFailures | null> {
  const row = await db
    .selectFrom('staff_pin_failures')
    .select(['failures', 'locked_until'])
    .where('staff_id', '=', staffId)
    .where('access_point_id', '=', accessPointId)
    .executeTakeFirst();
  return row ? { count: Number(row.failures), lockedUntil: row.locked_until } : null;
}

/**
 * Counts one more wrong PIN for a person at a place. The increment is one statement, so
 * concurrent requests (on any number of server processes) each count; the lockout it starts
 * only ever moves later.
 */
export async function countPinFailure(
  db: Kysely<Database>,
  input: { staffId: string; accessPointId: string; now: string },
): Promise<PinFailures> {
  const counted = await db
    .insertInto('staff_pin_failures')
    .values({
      staff_id: input.staffId,
      access_point_id: input.accessPointId,
      failures: 1,
      locked_until: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc.columns(['staff_id', 'access_point_id']).doUpdateSet((eb) => ({
        failures: eb('staff_pin_failures.failures', '+', 1),
        updated_at: input.now,
      })),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
  const count = Number(counted.failures);
  const until = new Date(Date.parse(input.now) + lockoutMs(count)).toISOString();
  if (until <= counted.locked_until) return { count, lockedUntil: counted.locked_until };
  // Timestamps are ISO strings of one length, so text order is time order on both stores.
  await db
    .updateTable('staff_pin_failures')
    .set({ locked_until: until })
    .where('staff_id', '=', input.staffId)
    .where('access_point_id', '=', input.accessPointId)
    .where('locked_until', '<', until)
    .execute();
  return { count, lockedUntil: until };
}

/** A right PIN at a place clears that place's count (not other places'). */
export async function clearPinFailures(
  db: Kysely<Database>,
  staffId: string,
  accessPointId: string,
): Promise<void> {
  await db
    .deleteFrom('staff_pin_failures')
    .where('staff_id', '=', staffId)
    .where('access_point_id', '=', accessPointId)
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
