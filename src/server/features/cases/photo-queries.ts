// Photos attached to a case: uploaded by the device that took them once the case has reached
// the hub, readable by the same devices that may act on the case.
import type { Kysely } from 'kysely';
import { MAX_PHOTOS_PER_CASE } from '../../../shared/case-photo.ts';
import type { CaseDue } from '../../../shared/case.ts';
import { recordChange } from '../../platform/store/change-feed.ts';
import type { Device } from '../../platform/store/device.ts';
import type { Database } from '../../platform/store/schema.ts';
import { caseScopes } from './case-rows.ts';

export type PhotoAccess = 'ok' | 'no-case' | 'forbidden';

export interface CasePhoto {
  id: string;
  caseId: string;
  contentType: string;
  size: number;
}

async function access(
  db: Kysely<Database>,
  caseId: string,
  device: Device,
  devicePartnerId: string | null,
): Promise<{ result: PhotoAccess; scopes: string[] }> {
  const found = await db
    .selectFrom('cases')
    .select(['access_point_id', 'owner_partner_id', 'dues'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!found) return { result: 'no-case', scopes: [] };
  const scopes = caseScopes(
    found.access_point_id,
    found.owner_partner_id,
    JSON.parse(found.dues) as CaseDue[],
  );
  const allowed =
    found.access_point_id === device.accessPointId ||
    scopes.includes(`partner:${devicePartnerId ?? ''}`);
  return { result: allowed ? 'ok' : 'forbidden', scopes };
}

/** Stores a photo once (a repeated upload of the same id is a no-op) and announces it. */
export async function storeCasePhoto(
  db: Kysely<Database>,
  input: {
    caseId: string;
    photoId: string;
    contentType: string;
    data: Uint8Array;
    device: Device;
    devicePartnerId: string | null;
    now: string;
  },
): Promise<'no-case' | 'forbidden' | 'stored' | 'exists' | 'too-many'> {
  const { result, scopes } = await access(db, input.caseId, input.device, input.devicePartnerId);
  if (result === 'no-case' || result === 'forbidden') return result;
  return db.transaction().execute(async (trx) => {
    const held = await trx
      .selectFrom('case_photos')
      .select(['id'])
      .where('case_id', '=', input.caseId)
      .execute();
    if (held.some((row) => row.id === input.photoId)) return 'exists';
    if (held.length >= MAX_PHOTOS_PER_CASE) return 'too-many';
    const inserted = await trx
      .insertInto('case_photos')
      .values({
        id: input.photoId,
        case_id: input.caseId,
        content_type: input.contentType,
        size: input.data.byteLength,
        data: Buffer.from(input.data),
        device_id: input.device.id,
        created_at: input.now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return 'exists';
    const meta: CasePhoto = {
      id: input.photoId,
      caseId: input.caseId,
      contentType: input.contentType,
      size: input.data.byteLength,
    };
    await recordChange(trx, {
      scopes,
      entity: 'casePhoto',
      id: input.photoId,
      data: meta,
      origin: input.device.id,
      now: input.now,
    });
    return 'stored';
  });
}

export async function readCasePhoto(
  db: Kysely<Database>,
  input: { caseId: string; photoId: string; device: Device; devicePartnerId: string | null },
): Promise<'no-case' | 'forbidden' | { contentType: string; data: Uint8Array }> {
  const { result } = await access(db, input.caseId, input.device, input.devicePartnerId);
  if (result === 'no-case' || result === 'forbidden') return result;
  const row = await db
    .selectFrom('case_photos')
    .select(['content_type', 'data'])
    .where('id', '=', input.photoId)
    .where('case_id', '=', input.caseId)
    .executeTakeFirst();
  if (!row) return 'no-case';
  return { contentType: row.content_type, data: new Uint8Array(row.data) };
}
