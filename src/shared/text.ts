// Free text from a person: stored as typed (the UI escapes it), but never with control
// characters, which PostgreSQL rejects (NUL) and which can hide content from a reader.
import { z } from 'zod';

// Tab, line feed and carriage return are ordinary in a note; every other C0/C1 control is not.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export function freeText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min, { message: min === 1 ? 'is required' : `needs at least ${min} characters` })
    .max(max, { message: `must be at most ${max} characters` })
    .refine((value) => !CONTROL_CHARS.test(value), { message: 'contains control characters' });
}
