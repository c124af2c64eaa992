// Photos of a case (a pothole, a broken lamp, a letter). The bytes travel outside the sync
// feed, once the case has reached the hub; the feed carries only this description of them.
import { z } from 'zod';
import { uuidV7 } from './ids.ts';

/** One photo, on a tablet's camera or from a file; larger ones are refused with a message. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** At most this many photos on one case, so a capture stays quick to send from a van. */
export const MAX_PHOTOS_PER_CASE = 6;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

export function isPhotoType(value: string): value is PhotoType {
  return (PHOTO_TYPES as readonly string[]).includes(value);
}

export const casePhotoMeta = z.strictObject({
  id: uuidV7,
  caseId: uuidV7,
  contentType: z.enum(PHOTO_TYPES),
  size: z.number().int().min(1).max(MAX_PHOTO_BYTES),
});
export type CasePhotoMeta = z.infer<typeof casePhotoMeta>;

/** Photo bytes must be what their type says: a JPEG, PNG or WebP, nothing else. */
export function sniffImage(data: Uint8Array): PhotoType | null {
  const at = (i: number) => data[i] ?? -1;
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return 'image/png';
  const riff = String.fromCharCode(...data.slice(0, 4));
  const webp = String.fromCharCode(...data.slice(8, 12));
  if (riff === 'RIFF' && webp === 'WEBP') return 'image/webp';
  return null;
}
