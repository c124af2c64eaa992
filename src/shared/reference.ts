// Case references a citizen can read aloud, write on a slip and type on a phone: 8 symbols
// from an alphabet without 0/O, 1/I/L or U, in two groups, plus a check symbol that catches
// any single mistyped symbol and any swap of neighbours (e.g. "K7QM-4TXR-B").
// Generated on the device, so a citizen leaves with a reference even when the door is offline.

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'; // 30 symbols; 30^8 ≈ 6.6e11 references
const BASE = ALPHABET.length;
// A prime modulus larger than the alphabet makes a weighted sum detect single errors and
// adjacent transpositions; the check symbol is drawn from the same alphabet plus one extra.
const CHECK_ALPHABET = `${ALPHABET}*`;
const MODULUS = 31;

function checkSymbol(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * ALPHABET.indexOf(body[i] as string);
  return CHECK_ALPHABET[sum % MODULUS] as string;
}

export function newReference(random: (n: number) => number = randomInt): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += ALPHABET[random(BASE)];
  return `${body.slice(0, 4)}-${body.slice(4)}-${checkSymbol(body)}`;
}

function randomInt(n: number): number {
  const bytes = new Uint32Array(1);
  crypto.getRandomValues(bytes);
  return (bytes[0] as number) % n;
}

/** Accepts what a person typed (any case, with or without spaces and dashes); null if wrong. */
export function normaliseReference(typed: string): string | null {
  const compact = typed.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== 9) return null;
  const body = compact.slice(0, 8);
  if ([...body].some((c) => !ALPHABET.includes(c))) return null;
  const check = compact[8] as string;
  if (check !== checkSymbol(body)) return null;
  return `${body.slice(0, 4)}-${body.slice(4)}-${check}`;
}

export const REFERENCE_PATTERN =
  /^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z*]$/;

export function isValidReference(reference: string): boolean {
  return REFERENCE_PATTERN.test(reference) && normaliseReference(reference) === reference;
}
