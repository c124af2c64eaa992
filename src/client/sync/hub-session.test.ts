// The hub session opened at unlock: views asking straight away wait for it instead of asking
// for the PIN again, and a lock while it is on its way throws it away. fetch is stubbed: the
// hub's side is covered by the staff integration tests and the e2e suite.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeviceSettings } from '../db/database.ts';
import { closeHubSession, hubGet, hubPost, openHubSession } from './hub-session.ts';

const device = { token: 'device-token' } as DeviceSettings;

/** A hub that opens sessions after `delayMs` and answers GETs with the session it was sent. */
function stubHub(delayMs: number) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
    calls.push(`${init.method ?? 'GET'} ${path}`);
    if (path === '/api/staff/sessions') {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return Response.json({ token: 'hub-session', expiresAt: '2999-01-01T00:00:00Z' });
    }
    const session = new Headers(init.headers).get('x-staff-session');
    if (session !== 'hub-session') return Response.json({}, { status: 401 });
    if (path === '/refuse') {
      return Response.json({ message: 'Already merged.' }, { status: 409 });
    }
    return Response.json({ path });
  });
  return calls;
}

afterEach(() => {
  closeHubSession();
  vi.unstubAllGlobals();
});

describe('hub session', () => {
  it('lets a view opened right after unlock wait for the session being opened', async () => {
    stubHub(30);
    void openHubSession(device, 'sam', '124578');
    expect(await hubGet(device, 'sam', '/api/staff/overview')).toEqual({
      ok: true,
      data: { path: '/api/staff/overview' },
    });
  });

  it('throws away a session that arrives after a lock', async () => {
    const calls = stubHub(30);
    const opened = openHubSession(device, 'sam', '124578');
    closeHubSession();
    expect(await opened).toBe(false);
    expect(await hubGet(device, 'sam', '/api/staff/overview')).toEqual({
      ok: false,
      reason: 'no-session',
    });
    expect(calls).toEqual(['POST /api/staff/sessions']);
  });

  it('is one person’s: someone else on the device has none', async () => {
    stubHub(0);
    expect(await openHubSession(device, 'sam', '124578')).toBe(true);
    expect(await hubGet(device, 'priya', '/x')).toEqual({ ok: false, reason: 'no-session' });
  });

  it('passes on the hub’s own words when it refuses', async () => {
    stubHub(0);
    await openHubSession(device, 'sam', '124578');
    expect(await hubPost(device, 'sam', '/refuse', { a: 1 })).toEqual({
      ok: false,
      reason: 'refused',
      message: 'Already merged.',
    });
  });
});
