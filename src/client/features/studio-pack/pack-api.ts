// The studio's calls to the hub's pack routes, each answered as what came back or why not: a
// refusal (409 someone else saved first, 422 the pack would be invalid, 400) keeps its body so
// the screen can show the other person's version or validatePack's reasons.
import type { DeviceSettings } from '../../db/database.ts';
import { hubFetch } from '../../sync/hub-session.ts';

export type Answer<T> =
  { ok: true; data: T } | { ok: false; status: number | null; reason: string; body: unknown };

export async function callHub<T>(
  device: DeviceSettings,
  staffId: string,
  path: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' = 'GET',
  body?: unknown,
): Promise<Answer<T>> {
  const sent = await hubFetch(device, staffId, path, {
    method,
    ...(body === undefined ? {} : { body }),
  });
  if (!sent.ok) {
    if (!sent.refused) return { ok: false, status: null, reason: sent.reason, body: null };
    const answer = (await sent.refused.json().catch(() => ({}))) as unknown;
    return { ok: false, status: sent.refused.status, reason: 'refused', body: answer };
  }
  try {
    return { ok: true, data: (await sent.response.json()) as T };
  } catch {
    return { ok: false, status: null, reason: 'offline', body: null };
  }
}

/** The hub's own words for a refusal, when it sent some. */
export function messageOf(body: unknown): string | null {
  if (body && typeof body === 'object' && 'message' in body) {
    const { message } = body as { message: unknown };
    if (typeof message === 'string') return message;
  }
  return null;
}
