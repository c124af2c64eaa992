// Secrets the server hands out (device tokens, enrolment codes) are stored only as hashes.
import { createHash, randomBytes, randomInt } from 'node:crypto';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A survey link's secret: 256 random bits, URL-safe. Only its hash is stored. */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

// No 0/O or 1/I/L: a code is read off a screen or a printout and typed on a tablet.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** An enrolment code such as "K7QM-4TXR": 40 bits, one-time, short-lived. */
export function newEnrolmentCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Accepts the code however it was typed: any case, with or without the dash or spaces. */
export function normaliseEnrolmentCode(typed: string): string {
  const compact = typed.toUpperCase().replace(/[\s-]/g, '');
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}
