// API keys for Open311 GeoReport v2 integrations. A key is shown once, to whoever issues it; the
// hub keeps only its SHA-256 hash (see tokens.ts) and its first characters, to tell keys apart.
// Keys are issued and revoked in the studio (open311-key-routes.ts) or, for the demo and
// scripts, here.
import type { Transaction } from 'kysely';
import { randomBytes } from 'node:crypto';
import { OPEN311_KEY_NAME } from '../../../shared/api/open311-keys.ts';
import type { Database } from '../../platform/store/schema.ts';
import { hashSecret } from '../../platform/tokens.ts';
import type { ApiKey } from './open311-rows.ts';
import type { Open311Store } from './open311-store.ts';

/** The stores this file uses. */
type Stores = { readonly open311: Open311Store };

const PREFIX_LENGTH = 9; // "o311_" and four characters of the random part

/** A new key: the secret itself, and what is stored of it. */
export function newApiKeySecret(): { key: string; keyHash: string; keyPrefix: string } {
  const key = `o311_${randomBytes(32).toString('base64url')}`;
  return { key, keyHash: hashSecret(key), keyPrefix: key.slice(0, PREFIX_LENGTH) };
}

/**
 * Issues a key named `name` for `partnerId` (null: every partner's Open311 services), and
 * `withinTransaction` (the audit log's entry) with it; null when the name is taken.
 */
export async function mintApiKey(
  storage: Stores,
  input: { name: string; partnerId: string | null; now: Date; createdBy: string | null },
  withinTransaction?: (trx: Transaction<Database>, key: ApiKey) => Promise<void>,
): Promise<{ key: string; apiKey: ApiKey } | null> {
  if (!OPEN311_KEY_NAME.test(input.name)) {
    throw new Error('an API key name must be lower-case letters, digits and dashes (max 60)');
  }
  const { key, keyHash, keyPrefix } = newApiKeySecret();
  const apiKey = await storage.open311.createApiKey(
    {
      keyHash,
      keyPrefix,
      name: input.name,
      partnerId: input.partnerId,
      createdBy: input.createdBy,
      now: input.now.toISOString(),
    },
    withinTransaction,
  );
  return apiKey ? { key, apiKey } : null;
}

/**
 * Issues a new API key (for scripts, tests and the demo) and returns the key itself. Names are
 * unique: one key per integration; a taken name throws.
 */
export async function issueApiKey(
  storage: Stores,
  name: string,
  partnerId: string | null = null,
  now = new Date(),
): Promise<string> {
  const made = await mintApiKey(storage, { name, partnerId, now, createdBy: null });
  if (!made) throw new Error(`an API key named ${name} already exists`);
  return made.key;
}
