import type { CoreStore } from '../../platform/store/core-store.ts';
import { hashSecret, newEnrolmentCode } from '../../platform/tokens.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore };

const DAY_MS = 24 * 3600_000;

/** Issues a one-time code that enrols one device to `accessPointId` within `ttlMs`. */
export async function issueEnrolmentCode(
  storage: Stores,
  accessPointId: string,
  now = new Date(),
  ttlMs = DAY_MS,
): Promise<string> {
  const code = newEnrolmentCode();
  await storage.core.createEnrolmentCode({
    codeHash: hashSecret(code),
    accessPointId,
    now: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
  });
  return code;
}
