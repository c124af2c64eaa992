// A contact note: the first record kind, written at a counter (often offline) and synced.
import { z } from 'zod';
import { CHANNELS } from './channels.ts';
import { uuidV7 } from './ids.ts';
import { freeText } from './text.ts';

/** What the device sends: everything the person typed, plus the note's own id. */
export const contactNoteInput = z.strictObject({
  id: uuidV7,
  staffName: freeText(1, 80),
  serviceName: freeText(1, 120),
  channel: z.enum(CHANNELS),
  note: freeText(0, 2000),
  /** The device clock at writing time: shown to people, never used for ordering. */
  createdAt: z.iso.datetime({ offset: true }),
});
export type ContactNoteInput = z.infer<typeof contactNoteInput>;

/** The note as the server holds it: the access point and device come from the device's token. */
export const contactNote = contactNoteInput.extend({
  accessPointId: z.string(),
  deviceId: z.string(),
  receivedAt: z.iso.datetime({ offset: true }),
});
export type ContactNote = z.infer<typeof contactNote>;
