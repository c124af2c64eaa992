// Sends the bytes of this device's case photos once each case has reached the hub (a photo
// of a case the hub has not seen yet would be refused). Runs after each sync round; a photo
// waits, and is retried at the next sync, until the hub has it or refuses it for good.
import type { AnyDoorDatabase, DeviceSettings, LocalCasePhoto } from '../db/database.ts';
import { SyncError } from './sync-error.ts';

const REQUEST_TIMEOUT_MS = 60_000;

export interface PhotoUploadOutcome {
  uploaded: number;
  failed: number;
  waiting: number;
}

export async function uploadCasePhotos(
  db: AnyDoorDatabase,
  device: DeviceSettings,
  options: { baseUrl: string; fetch: typeof fetch },
): Promise<PhotoUploadOutcome> {
  const outcome: PhotoUploadOutcome = { uploaded: 0, failed: 0, waiting: 0 };
  const waiting = await db.casePhotos.where('upload').equals('waiting').toArray();
  for (const photo of waiting) {
    // The case itself is still in the outbox: the hub would answer "no such case".
    if ((await db.outbox.where('recordId').equals(photo.caseId).count()) > 0) {
      outcome.waiting++;
      continue;
    }
    if (!photo.blob) {
      await settle(db, photo, 'failed', 'the photo’s bytes are missing on this device');
      outcome.failed++;
      continue;
    }
    let res: Response;
    try {
      res = await options.fetch(`${options.baseUrl}/api/cases/${photo.caseId}/photos/${photo.id}`, {
        method: 'PUT',
        headers: { 'content-type': photo.contentType, authorization: `Bearer ${device.token}` },
        body: photo.blob,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new SyncError(
        'unreachable',
        error instanceof Error ? error.message : String(error),
        true,
      );
    }
    if (res.ok) {
      await settle(db, photo, 'done');
      outcome.uploaded++;
    } else if (res.status === 401) {
      throw new SyncError('unauthorised', 'the hub no longer knows this device', false);
    } else if (res.status === 404 || res.status >= 500) {
      // The case has not been applied yet (or the hub is unwell): try again next sync.
      outcome.waiting++;
    } else {
      const body = (await res.json().catch(() => null)) as { message?: unknown } | null;
      const reason = typeof body?.message === 'string' ? body.message : `HTTP ${res.status}`;
      await settle(db, photo, 'failed', reason);
      outcome.failed++;
    }
  }
  return outcome;
}

async function settle(
  db: AnyDoorDatabase,
  photo: LocalCasePhoto,
  upload: 'done' | 'failed',
  failure?: string,
): Promise<void> {
  await db.casePhotos.update(photo.id, { upload, ...(failure ? { failure } : {}) });
}

/** The bytes of a photo for display: held on the device, or fetched once and kept. */
export async function photoBlob(
  db: AnyDoorDatabase,
  device: DeviceSettings,
  photo: LocalCasePhoto,
  options: { baseUrl: string; fetch: typeof fetch } = { baseUrl: '', fetch: (i, o) => fetch(i, o) },
): Promise<Blob | null> {
  if (photo.blob) return photo.blob;
  try {
    const res = await options.fetch(
      `${options.baseUrl}/api/cases/${photo.caseId}/photos/${photo.id}`,
      {
        headers: { authorization: `Bearer ${device.token}` },
      },
    );
    if (!res.ok) return null;
    const blob = await res.blob();
    await db.casePhotos.update(photo.id, { blob });
    return blob;
  } catch {
    return null;
  }
}
