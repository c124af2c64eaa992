// The studio's people actions at the hub: a POST with the hub session, and when the hub says
// no, why (PEOPLE_REFUSALS, the first of its issues), so the screen says it in the reader's
// language rather than the hub's English.
import { peopleRefusal, type PeopleRefusal } from '../../../shared/people.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { hubFetch } from '../../sync/hub-session.ts';

export type PeopleFailure =
  | 'offline'
  | 'no-session'
  | 'forbidden'
  | 'failed'
  | PeopleRefusal
  // Found by the screen before anything is sent.
  | 'name-missing'
  | 'bad-id'
  | 'no-place';

export type PeopleAnswer<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      reason: PeopleFailure;
      /** What the refusal is about (a place's or team's id, the id taken). */
      detail: string;
    };

export async function sendPeople<T>(
  device: DeviceSettings,
  staffId: string,
  path: string,
  body: unknown = {},
): Promise<PeopleAnswer<T>> {
  const sent = await hubFetch(device, staffId, path, { method: 'POST', body });
  if (sent.ok) {
    try {
      return { ok: true, data: (await sent.response.json()) as T };
    } catch {
      return { ok: false, reason: 'offline', detail: '' };
    }
  }
  const said = sent.refused ?? sent.denied;
  if (!said) return { ok: false, reason: sent.reason, detail: '' };
  const answer = (await said.json().catch(() => ({}))) as { issues?: string[] };
  const first = answer.issues?.[0] ?? '';
  return {
    ok: false,
    reason: peopleRefusal(answer.issues) ?? sent.reason,
    detail: first.slice(first.indexOf(':') + 1).trim(),
  };
}

/** A staff id from a name: lower-case letters, digits and dashes (the hub's `slug`). */
export function idFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

export const STAFF_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
