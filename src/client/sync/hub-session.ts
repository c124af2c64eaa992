// The hub session of the person signed in, for the few views that need the hub itself (every
// partner's cases, the training roster, insight, customers). Kept in memory only: a reload or a
// lock ends it, and the hub ends it after STAFF_SESSION_MS anyway.
import type { StaffSessionResponse } from '../../shared/api/staff.ts';
import type { DeviceSettings } from '../db/database.ts';

let current: { staffId: string; token: string; expiresAt: number } | null = null;
/** The session being opened right after an unlock: hub views wait for it rather than ask again. */
let opening: Promise<boolean> | null = null;
/** Bumped by every close, so an opening that answers after a lock is thrown away. */
let generation = 0;

/** How a sign-in at the hub went, for a lock screen that must say why it did not. */
export type HubSignIn =
  | { ok: true }
  | { ok: false; reason: 'offline' | 'refused' | 'failed' }
  /** Too many wrong secrets for this person here (or too many sign-ins from this device). */
  | { ok: false; reason: 'locked-out'; until: number };

/** Asks the hub for a session with the PIN just typed; quietly does nothing when offline. */
export function openHubSession(
  device: DeviceSettings,
  staffId: string,
  pin: string,
): Promise<boolean> {
  return signInAtHub(device, staffId, pin).then((result) => result.ok);
}

/** As openHubSession, saying why not: the way in for a person the device has no verifier for. */
export function signInAtHub(
  device: DeviceSettings,
  staffId: string,
  pin: string,
): Promise<HubSignIn> {
  const started = generation;
  const attempt = (async (): Promise<HubSignIn> => {
    try {
      const res = await fetch('/api/staff/sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
        body: JSON.stringify({ staffId, pin }),
      });
      if (res.status === 429) {
        const wait = Number(res.headers.get('retry-after'));
        return {
          ok: false,
          reason: 'locked-out',
          until: Date.now() + (Number.isFinite(wait) ? wait : 60) * 1000,
        };
      }
      if (res.status === 400 || res.status === 401) return { ok: false, reason: 'refused' };
      if (!res.ok) return { ok: false, reason: 'failed' };
      const body = (await res.json()) as StaffSessionResponse;
      if (generation !== started) return { ok: false, reason: 'failed' };
      current = { staffId, token: body.token, expiresAt: Date.parse(body.expiresAt) };
      return { ok: true };
    } catch {
      return { ok: false, reason: 'offline' };
    }
  })();
  const settled = attempt.then((result) => result.ok);
  opening = settled;
  void settled.finally(() => {
    if (opening === settled) opening = null;
  });
  return attempt;
}

export function closeHubSession(): void {
  generation++;
  current = null;
  opening = null;
}

type HubFailure = 'offline' | 'no-session' | 'forbidden' | 'failed';

export type HubResult<T> = { ok: true; data: T } | { ok: false; reason: HubFailure };

export type HubPostResult<T> =
  | HubResult<T>
  /** The hub refused the request (4xx) and said why, in its own words. */
  | { ok: false; reason: 'refused'; message: string };

type Sent =
  | { ok: true; response: Response }
  /** `refused`: a 4xx other than 401 and 403; `denied`: a 403, for a screen that says why. */
  | { ok: false; reason: HubFailure; refused?: Response; denied?: Response };

/** Any request to a staff route with the session (a CSV download, saving settings). */
export async function hubFetch(
  device: DeviceSettings,
  staffId: string,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Sent> {
  if (opening) await opening;
  const session = current;
  if (!session || session.staffId !== staffId || session.expiresAt < Date.now()) {
    return { ok: false, reason: 'no-session' };
  }
  try {
    const response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${device.token}`,
        'x-staff-session': session.token,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    if (response.status === 401) {
      if (current === session) current = null;
      return { ok: false, reason: 'no-session' };
    }
    if (response.status === 403) return { ok: false, reason: 'forbidden', denied: response };
    if (response.status >= 400 && response.status < 500) {
      return { ok: false, reason: 'failed', refused: response };
    }
    if (!response.ok) return { ok: false, reason: 'failed' };
    return { ok: true, response };
  } catch {
    return { ok: false, reason: 'offline' };
  }
}

/** GET from a staff route with the session; says why when it cannot. */
export async function hubGet<T>(
  device: DeviceSettings,
  staffId: string,
  path: string,
): Promise<HubResult<T>> {
  const sent = await hubFetch(device, staffId, path);
  if (!sent.ok) return { ok: false, reason: sent.reason };
  try {
    return { ok: true, data: (await sent.response.json()) as T };
  } catch {
    return { ok: false, reason: 'offline' };
  }
}

/** POST to a staff route with the session (for the hub-only views' actions). */
export async function hubPost<T>(
  device: DeviceSettings,
  staffId: string,
  path: string,
  body?: unknown,
): Promise<HubPostResult<T>> {
  const sent = await hubFetch(device, staffId, path, { method: 'POST', body });
  if (!sent.ok) {
    if (!sent.refused) return { ok: false, reason: sent.reason };
    const answer = (await sent.refused.json().catch(() => ({}))) as { message?: string };
    return { ok: false, reason: 'refused', message: answer.message ?? sent.refused.statusText };
  }
  try {
    return { ok: true, data: (await sent.response.json()) as T };
  } catch {
    return { ok: false, reason: 'offline' };
  }
}
