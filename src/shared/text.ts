// Free text from a person: stored as typed (the UI escapes it), but never with control
// characters, which PostgreSQL rejects (NUL) and which can hide content from a reader, nor with
// half of a UTF-16 surrogate pair, which no store can keep (it would silently become U+FFFD).
import { z } from 'zod';
import { CONTROL_CHARS, LONE_SURROGATE } from './text-chars.ts';

export function freeText(min: number, max: number) {
  return (
    z
      .string()
      .trim()
      .min(min, { message: min === 1 ? 'is required' : `needs at least ${min} characters` })
      // Characters as people count them (code points): an emoji is one, not two UTF-16 units.
      .refine((value) => codePoints(value) <= max, { message: `must be at most ${max} characters` })
      .refine((value) => !CONTROL_CHARS.test(value), { message: 'contains control characters' })
      .refine((value) => !LONE_SURROGATE.test(value), {
        message: 'contains a broken character (half of a surrogate pair)',
      })
  );
}

/** The length of a text in code points (what a person calls characters, near enough). */
export function codePoints(text: string): number {
  return [...text].length;
}
