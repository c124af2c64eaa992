// The studio's writes and reads of enrolment codes and devices. Each write records itself in
// the audit log inside its own transaction (platform/store/admin-log.ts), so the change and its
// entry commit together or not at all. A code is returned once and kept only as its hash.
// Each query takes the database handle first: the store lends them its handle (queriesOn), so
// every value exported here is one of the store's methods.
import type { Kysely, Transaction } from 'kysely';
import type { AccessPoint } from '../../../shared/access-point.ts';
import type { DeviceMode } from '../../../shared/contact.ts';
import type { IssuedCode } from '../../../shared/api/studio-devices.ts';
import { recordAdminChange, type AdminActor } from '../../platform/store/admin-log.ts';
import type { Database, DevicesTable } from '../../platform/store/schema.ts';
import { hashSecret, newEnrolmentCode } from '../../platform/tokens.ts';

export interface CodeInput {
  place: AccessPoint;
  mode: DeviceMode;
  expiresInHours: number;
  actor: AdminActor;
  now: Date;
}

/** The device as the log shows it: never its token's hash. */
const logged = (row: DevicesTable) => ({
  id: row.id,
  name: row.name,
  accessPointId: row.access_point_id,
  mode: row.mode,
  enrolledAt: row.enrolled_at,
  revokedAt: row.revoked_at,
});

async function insertCode(trx: Transaction<Database>, input: CodeInput): Promise<IssuedCode> {
  const code = newEnrolmentCode();
  const expiresAt = new Date(input.now.getTime() + input.expiresInHours * 3600_000).toISOString();
  await trx
    .insertInto('enrolment_codes')
    .values({
      code_hash: hashSecret(code),
      access_point_id: input.place.id,
      created_at: input.now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
      device_id: null,
      mode: input.mode,
      issued_by: input.actor.id,
    })
    .execute();
  return {
    code,
    accessPointId: input.place.id,
    accessPointName: input.place.name,
    mode: input.mode,
    expiresAt,
  };
}

/** A new one-time code for a place that enrols in `mode`, logged (without the code). */
export async function issueCode(db: Kysely<Database>, input: CodeInput): Promise<IssuedCode> {
  return db.transaction().execute(async (trx) => {
    const issued = await insertCode(trx, input);
    await recordAdminChange(trx, {
      actor: input.actor,
      partnerId: input.place.partnerId,
      action: 'enrolment-code.issue',
      target: input.place.id,
      after: {
        accessPointId: issued.accessPointId,
        mode: issued.mode,
        expiresAt: issued.expiresAt,
      },
      at: input.now.toISOString(),
    });
    return issued;
  });
}

async function revokeIn(
  trx: Transaction<Database>,
  deviceId: string,
  at: string,
): Promise<{ before: DevicesTable; after: DevicesTable } | null> {
  const before = await trx
    .selectFrom('devices')
    .selectAll()
    .where('id', '=', deviceId)
    .executeTakeFirst();
  if (!before) return null;
  if (before.revoked_at !== null) return { before, after: before };
  await trx
    .updateTable('devices')
    .set({ revoked_at: at })
    .where('id', '=', deviceId)
    .where('revoked_at', 'is', null)
    .execute();
  return { before, after: { ...before, revoked_at: at } };
}

/**
 * Revokes a device: its token is refused from its next request on. Logged once; revoking a
 * revoked device changes nothing and logs nothing. Null when there is no such device.
 */
export async function revokeAndLog(
  db: Kysely<Database>,
  input: { deviceId: string; partnerId: string; actor: AdminActor; now: Date },
): Promise<DevicesTable | null> {
  return db.transaction().execute(async (trx) => {
    const at = input.now.toISOString();
    const revoked = await revokeIn(trx, input.deviceId, at);
    if (!revoked) return null;
    if (revoked.before.revoked_at === null) {
      await recordAdminChange(trx, {
        actor: input.actor,
        partnerId: input.partnerId,
        action: 'device.revoke',
        target: input.deviceId,
        before: logged(revoked.before),
        after: logged(revoked.after),
        at,
      });
    }
    return revoked.after;
  });
}

/**
 * Replaces a device: revokes it (if it is not already) and issues a code for the same place and
 * mode, in one transaction with its log entry. Null when there is no such device.
 */
export async function replaceDevice(
  db: Kysely<Database>,
  input: Omit<CodeInput, 'mode'> & { deviceId: string },
): Promise<{ device: DevicesTable; code: IssuedCode } | null> {
  return db.transaction().execute(async (trx) => {
    const at = input.now.toISOString();
    const revoked = await revokeIn(trx, input.deviceId, at);
    if (!revoked) return null;
    const mode = revoked.before.mode as DeviceMode;
    const code = await insertCode(trx, { ...input, mode });
    await recordAdminChange(trx, {
      actor: input.actor,
      partnerId: input.place.partnerId,
      action: 'device.replace',
      target: input.deviceId,
      before: logged(revoked.before),
      after: {
        ...logged(revoked.after),
        replacement: { accessPointId: code.accessPointId, mode, expiresAt: code.expiresAt },
      },
      at,
    });
    return { device: revoked.after, code };
  });
}

/** Every device enrolled at these places, newest first. */
export async function devicesAt(db: Kysely<Database>, placeIds: readonly string[]) {
  if (placeIds.length === 0) return [];
  return db
    .selectFrom('devices')
    .selectAll()
    .where('access_point_id', 'in', placeIds)
    .orderBy('enrolled_at', 'desc')
    .orderBy('id')
    .execute();
}

/** Codes issued for these places that are still unused and unexpired at `now`. */
export async function pendingCodesAt(
  db: Kysely<Database>,
  placeIds: readonly string[],
  now: string,
) {
  if (placeIds.length === 0) return [];
  return db
    .selectFrom('enrolment_codes')
    .select(['access_point_id', 'mode', 'created_at', 'expires_at', 'issued_by'])
    .where('access_point_id', 'in', placeIds)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at')
    .execute();
}
