// Photos arrive after their case: only real images, within the size limit, from a device that
// may act on the case, stored once however often they are sent.
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_CASE } from '../../src/shared/case-photo.ts';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import { newId } from '../../src/shared/ids.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';
import { newReference } from '../../src/shared/reference.ts';
import { PROTOCOL_VERSION } from '../../src/shared/sync/protocol.ts';
import { startHubOn, type TestHub } from '../helpers/hub.ts';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe.each(['sqlite', 'postgres'] as const)('case photos on %s', (store) => {
  let hub: TestHub;
  afterEach(() => hub.close());

  async function withCase() {
    hub = await startHubOn(store);
    const checked = validatePack(buildDemoPack());
    if (!checked.ok) throw new Error('invalid demo pack');
    await hub.storage.core.publishPack(checked.pack, { now: new Date().toISOString() });
    const tablet = await hub.enrol('mobile-library-2');
    const caseId = newId();
    await hub.app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { authorization: `Bearer ${tablet.token}` },
      payload: {
        type: 'sync',
        protocolVersion: PROTOCOL_VERSION,
        cursor: null,
        push: [
          {
            id: newId(),
            deviceId: tablet.deviceId,
            kind: 'case.open',
            clientTime: new Date().toISOString(),
            payload: {
              id: caseId,
              reference: newReference(),
              type: 'complaint',
              serviceId: 'fly-tipping',
              channel: 'face-to-face',
              details: 'Mattress by the bus shelter.',
              author: 'Sam',
              openedAt: new Date().toISOString(),
            },
          },
        ],
      },
    });
    return { tablet, caseId };
  }

  const put = (token: string, caseId: string, photoId: string, body: Buffer, type = 'image/png') =>
    hub.app.inject({
      method: 'PUT',
      url: `/api/cases/${caseId}/photos/${photoId}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      payload: body,
    });

  it('stores a real image once and serves it back to devices that may see the case', async () => {
    const { tablet, caseId } = await withCase();
    const photoId = newId();
    expect((await put(tablet.token, caseId, photoId, PNG)).statusCode).toBe(201);
    expect((await put(tablet.token, caseId, photoId, PNG)).statusCode).toBe(200);
    const council = await hub.enrol('civic-centre');
    const got = await hub.app.inject({
      method: 'GET',
      url: `/api/cases/${caseId}/photos/${photoId}`,
      headers: { authorization: `Bearer ${council.token}` },
    });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(got.rawPayload, PNG)).toBe(0);
    const clinic = await hub.enrol('riverside-health-centre');
    const denied = await hub.app.inject({
      method: 'GET',
      url: `/api/cases/${caseId}/photos/${photoId}`,
      headers: { authorization: `Bearer ${clinic.token}` },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('refuses what is not an image, too large, for no case, or from nobody', async () => {
    const { tablet, caseId } = await withCase();
    const script = Buffer.from('<script>alert(1)</script>');
    expect((await put(tablet.token, caseId, newId(), script)).statusCode).toBe(400);
    expect((await put(tablet.token, caseId, newId(), PNG, 'text/html')).statusCode).toBe(415);
    expect((await put(tablet.token, caseId, newId(), PNG, 'image/jpeg')).statusCode).toBe(400);
    const huge = Buffer.concat([PNG, Buffer.alloc(MAX_PHOTO_BYTES)]);
    expect((await put(tablet.token, caseId, newId(), huge)).statusCode).toBe(413);
    expect((await put(tablet.token, newId(), newId(), PNG)).statusCode).toBe(404);
    expect((await put('x'.repeat(43), caseId, newId(), PNG)).statusCode).toBe(401);
    expect((await put(tablet.token, 'not-a-uuid', newId(), PNG)).statusCode).toBe(400);
    // At most MAX_PHOTOS_PER_CASE; a repeat of one already held is still a harmless no-op.
    const held: string[] = [];
    for (let i = 0; i < MAX_PHOTOS_PER_CASE; i++) {
      held.push(newId());
      expect((await put(tablet.token, caseId, held.at(-1)!, PNG)).statusCode).toBe(201);
    }
    const extra = await put(tablet.token, caseId, newId(), PNG);
    expect(extra.statusCode).toBe(409);
    expect(extra.json().message).toContain(`at most ${MAX_PHOTOS_PER_CASE} photos`);
    expect((await put(tablet.token, caseId, held[0]!, PNG)).statusCode).toBe(200);
  });
});
