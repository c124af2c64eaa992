// The hub's HTTP surface: authentication, validation and idempotence, through Fastify inject.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, PROTOCOL_VERSION } from '../../src/shared/sync/protocol.ts';
import { noteOp } from '../helpers/fixtures.ts';
import { startHub, type TestHub } from '../helpers/hub.ts';

describe('sync API', () => {
  let hub: TestHub;
  let device: Awaited<ReturnType<TestHub['enrol']>>;

  beforeEach(async () => {
    hub = await startHub();
    device = await hub.enrol();
  });
  afterEach(() => hub.close());

  const sync = (body: unknown, token: string | null = device.token) =>
    hub.app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      payload: body as object,
    });
  const request = (push: unknown[], cursor: string | null = null) => ({
    type: 'sync',
    protocolVersion: PROTOCOL_VERSION,
    push,
    cursor,
  });

  it('answers health checks', async () => {
    const res = await hub.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.json()).toMatchObject({ status: 'ok', store: 'sqlite' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('applies a batch, and the same batch again only reports duplicates', async () => {
    const batch = request([noteOp(device.deviceId), noteOp(device.deviceId)]);
    const first = await sync(batch);
    expect(first.statusCode).toBe(200);
    expect(first.json().results.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'applied',
    ]);
    const second = await sync(batch);
    expect(second.json().results.map((r: { status: string }) => r.status)).toEqual([
      'duplicate',
      'duplicate',
    ]);
    expect(await hub.storage.contacts.listContactNotes()).toHaveLength(2);
  });

  it('refuses a malformed batch whole, with a clear error, storing nothing', async () => {
    const good = noteOp(device.deviceId);
    const bad = { ...noteOp(device.deviceId), id: 'not-a-uuid' };
    for (const body of [
      request([good, bad]),
      { type: 'sync', push: 'everything' },
      [1, 2, 3],
      { ...request([good]), protocolVersion: '1' },
    ]) {
      const res = await sync(body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ type: 'error', code: 'invalid-request' });
    }
    const withIssues = await sync(request([good, bad]));
    expect(withIssues.json().issues).toContain('push.1.id: must be a UUIDv7');
    const notJson = await hub.app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
      payload: '{"type":"sync",',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toMatchObject({ type: 'error' });
    expect(await hub.storage.contacts.listContactNotes()).toHaveLength(0);
    expect(await hub.storage.core.countAppliedOps()).toBe(0);
  });

  it('rejects bad ops one by one without blocking the rest of the batch', async () => {
    const ok = noteOp(device.deviceId);
    const badPayload = noteOp(device.deviceId, { channel: 'carrier-pigeon' });
    const unknownKind = { ...noteOp(device.deviceId), kind: 'case.delete-everything' };
    const foreign = noteOp('5b0b8c7e-2d1f-4c3a-9e8d-7f6a5b4c3d2e');
    const res = await sync(request([badPayload, ok, unknownKind, foreign]));
    expect(res.statusCode).toBe(200);
    expect(res.json().results).toMatchObject([
      { status: 'rejected', code: 'invalid-payload' },
      { status: 'applied', opId: ok.id },
      { status: 'rejected', code: 'unknown-kind' },
      { status: 'rejected', code: 'device-mismatch' },
    ]);
    expect(await hub.storage.contacts.listContactNotes()).toHaveLength(1);
  });

  it('turns away unknown and revoked devices with 401, applying nothing', async () => {
    expect((await sync(request([noteOp(device.deviceId)]), null)).statusCode).toBe(401);
    expect((await sync(request([noteOp(device.deviceId)]), 'x'.repeat(43))).statusCode).toBe(401);
    await hub.storage.core.revokeDevice(device.deviceId, new Date().toISOString());
    const res = await sync(request([noteOp(device.deviceId)]));
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ type: 'error', code: 'unauthorised' });
    expect(await hub.storage.core.countAppliedOps()).toBe(0);
  });

  it('asks an outdated app to update, and refuses oversized bodies and unknown cursors', async () => {
    const old = await sync({ ...request([noteOp(device.deviceId)]), protocolVersion: 99 });
    expect(old.statusCode).toBe(426);
    const huge = await sync(
      request([noteOp(device.deviceId, { note: 'x'.repeat(MAX_BODY_BYTES) })]),
    );
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: 'payload-too-large' });
    const cursor = await sync(request([noteOp(device.deviceId)], 'abc'));
    expect(cursor.statusCode).toBe(400);
    expect(await hub.storage.core.countAppliedOps()).toBe(0);
  });

  it('uses each enrolment code once', async () => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/api/devices/enrol',
      payload: {
        type: 'enrol',
        protocolVersion: PROTOCOL_VERSION,
        code: 'ABCD-EFGH',
        deviceName: 'x',
      },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'enrolment-code' });
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await hub.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ type: 'error', code: 'not-found' });
  });
});
