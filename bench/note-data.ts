// The records both engines push: contact notes of about 500 bytes of JSON each.
import type { Channel } from '../src/shared/channels.ts';
import type { ContactNoteInput } from '../src/shared/contact-note.ts';
import { newId } from '../src/shared/ids.ts';

export const NOTE_CHARS = 400;

const STAFF = ['Priya Shah', 'Tom Evans', 'Grace Okafor', 'Dev Patel', 'Alun Morgan'];
const SERVICES = [
  'Missed bin collection',
  'Blue badge application',
  'Council tax reduction',
  'Housing repair',
  "Older person's bus pass",
];
const CHANNELS: Channel[] = ['face-to-face', 'phone', 'email'];
const FILLER =
  'Citizen came to the counter about the service; we checked the details together, ' +
  'reported it on their behalf, gave them the reference number and explained what happens ' +
  'next and how long it usually takes. They will come back if nothing has changed by then. ';

function noteText(index: number): string {
  let text = `Note ${index}. `;
  while (text.length < NOTE_CHARS) text += FILLER;
  // No trailing space: the schema trims free text, and the note must round-trip unchanged.
  return text
    .slice(0, NOTE_CHARS - 1)
    .trimEnd()
    .padEnd(NOTE_CHARS, '.');
}

/** `count` distinct notes, oldest first, with UUIDv7 ids as the app makes them. */
export function makeNotes(count: number, now = new Date()): ContactNoteInput[] {
  const notes: ContactNoteInput[] = [];
  for (let i = 0; i < count; i++) {
    const createdAt = new Date(now.getTime() - (count - i) * 1000).toISOString();
    notes.push({
      id: newId(),
      staffName: STAFF[i % STAFF.length] ?? 'Staff',
      serviceName: SERVICES[i % SERVICES.length] ?? 'Service',
      channel: CHANNELS[i % CHANNELS.length] ?? 'face-to-face',
      note: noteText(i),
      createdAt,
    });
  }
  return notes;
}

/** Mean size of one note's JSON, in bytes. */
export function meanRecordBytes(notes: readonly ContactNoteInput[]): number {
  if (notes.length === 0) return 0;
  let total = 0;
  for (const note of notes) total += Buffer.byteLength(JSON.stringify(note));
  return total / notes.length;
}
