// API keys for Open311 GeoReport v2 integrations (POST /open311/v2/requests). The key is shown
// once, to whoever issues it; the hub keeps only its SHA-256 hash (see tokens.ts).
import { randomBytes } from 'node:crypto';
import { hashSecret } from '../../platform/tokens.ts';
import type { Open311Store } from './open311-store.ts';

/** The stores this file uses. */
type Stores = { readonly open311: Open311Store };

/** Becomes the integration's device id (`open311:<name>`) and the author of its cases. */
const KEY_NAME = /^[a-z0-9][a-z0-9-]{0,59}$/;

/**
 * Issues a new API key for an integration (`partnerId` when a partner runs it, else null) and
 * returns the key itself, which is never stored. Names are unique: one key per integration.
 */
export async function issueApiKey(
  storage: Stores,
  name: string,
  partnerId: string | null = null,
  now = new Date(),
): Promise<string> {
  if (!KEY_NAME.test(name)) {
    throw new Error('an API key name must be lower-case letters, digits and dashes (max 60)');
  }
  const key = `o311_${randomBytes(32).toString('base64url')}`;
  await storage.open311.createApiKey({
    keyHash: hashSecret(key),
    name,
    partnerId,
    now: now.toISOString(),
  });
  return key;
}
