// The hub session of the person signed in, for the few views that need the hub itself (every
// partner's cases, the training roster). Kept in memory only: a reload or a lock ends it, and
// the hub ends it after STAFF_SESSION_MS anyway.
import type { DeviceSettings } from '../db/database.ts';

let current: { staffId: string; token: string; expiresAt: number } | null = null;

/** Asks the hub for a session with the PIN just typed; quietly does nothing when offline. */
export async function openHubSession(
  device: DeviceSettings,
  staffId: string,
  pin: string,
): Promise<boolean> {
  try {
    const res = await fetch('/api/staff/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
      body: JSON.stringify({ staffId, pin }),
    });
    if (!res.ok) return false;
    const body = (await res.json()) as { token: string; expiresAt: string };
    current = { staffId, token: body.token, expiresAt: Date.parse(body.expiresAt) };
    return true;
  } catch {
    return false;
  }
}

export function closeHubSession(): void {
  current = null;
}

export type HubResult<T> =
  { ok: true; data: T } | { ok: false; reason: 'offline' | 'no-session' | 'forbidden' | 'failed' };

/** GET from a staff route with the session; says why when it cannot. */
export async function hubGet<T>(
  device: DeviceSettings,
  staffId: string,
  path: string,
): Promise<HubResult<T>> {
  if (!current || current.staffId !== staffId || current.expiresAt < Date.now()) {
    return { ok: false, reason: 'no-session' };
  }
  try {
    const res = await fetch(path, {
      headers: { authorization: `Bearer ${device.token}`, 'x-staff-session': current.token },
    });
    if (res.status === 401) {
      current = null;
      return { ok: false, reason: 'no-session' };
    }
    if (res.status === 403) return { ok: false, reason: 'forbidden' };
    if (!res.ok) return { ok: false, reason: 'failed' };
    return { ok: true, data: (await res.json()) as T };
  } catch {
    return { ok: false, reason: 'offline' };
  }
}

export type HubPostResult<T> =
  | { ok: true; data: T }
  | { ok: false; reason: 'offline' | 'no-session' | 'forbidden' | 'failed' }
  /** The hub refused the request (4xx) and said why, in its own words. */
  | { ok: false; reason: 'refused'; message: string };

/** POST to a staff route with the session (for the hub-only views' actions). */
export async function hubPost<T>(
  device: DeviceSettings,
  staffId: string,
  path: string,
  body?: unknown,
): Promise<HubPostResult<T>> {
  if (!current || current.staffId !== staffId || current.expiresAt < Date.now()) {
    return { ok: false, reason: 'no-session' };
  }
  try {
    const res = await fetch(path, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${device.token}`,
        'x-staff-session': current.token,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status === 401) {
      current = null;
      return { ok: false, reason: 'no-session' };
    }
    if (res.status === 403) return { ok: false, reason: 'forbidden' };
    if (res.status >= 400 && res.status < 500) {
      const answer = (await res.json().catch(() => ({}))) as { message?: string };
      return { ok: false, reason: 'refused', message: answer.message ?? res.statusText };
    }
    if (!res.ok) return { ok: false, reason: 'failed' };
    return { ok: true, data: (await res.json()) as T };
  } catch {
    return { ok: false, reason: 'offline' };
  }
}

/** Any request to a staff route with the session (a CSV download, saving settings). */
export async function hubFetch(
  device: DeviceSettings,
  staffId: string,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ ok: true; response: Response } | { ok: false; reason: HubFailure }> {
  if (!current || current.staffId !== staffId || current.expiresAt < Date.now()) {
    return { ok: false, reason: 'no-session' };
  }
  try {
    const response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${device.token}`,
        'x-staff-session': current.token,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    if (response.status === 401) {
      current = null;
      return { ok: false, reason: 'no-session' };
    }
    if (response.status === 403) return { ok: false, reason: 'forbidden' };
    if (!response.ok) return { ok: false, reason: 'failed' };
    return { ok: true, response };
  } catch {
    return { ok: false, reason: 'offline' };
  }
}

type HubFailure = 'offline' | 'no-session' | 'forbidden' | 'failed';
