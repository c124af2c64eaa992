// Photos from the device's side: held in IndexedDB with the case (offline), sent once the hub
// has the case, retried while it has not, and fetched (then kept) by the owning council's device.
import { afterEach, describe, expect, it } from 'vitest';
import { openCase, InvalidWriteError } from '../../src/client/db/writes.ts';
import { photoBlob } from '../../src/client/sync/photo-uploader.ts';
import { MAX_PHOTO_BYTES } from '../../src/shared/case-photo.ts';
import { openDevice } from '../helpers/client.ts';
import { startHub, type TestHub } from '../helpers/hub.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const complaint = {
  type: 'complaint' as const,
  serviceId: 'fly-tipping',
  channel: 'face-to-face' as const,
  details: 'Mattress by the bus shelter.',
  author: 'Sam (volunteer)',
};

describe('case photos on the device', () => {
  let hub: TestHub;
  afterEach(async () => hub.close());

  async function setUp() {
    hub = await startHub();
    await hub.publishDemoPack();
  }

  it('keeps a photo taken offline, sends it after its case and lets the council see it', async () => {
    await setUp();
    let offline = true;
    const requests: string[] = [];
    const fetchThrough: typeof fetch = async (input, init) => {
      if (offline) throw new TypeError('Failed to fetch');
      requests.push(`${init?.method ?? 'GET'} ${String(input).replace(hub.url, '')}`);
      return fetch(input, init);
    };
    const tablet = await openDevice(hub.url, await hub.enrol('mobile-library-2', 'tablet'), {
      fetch: fetchThrough,
    });
    const photo = new Blob([PNG], { type: 'image/png' });
    const record = await openCase(tablet.db, complaint, { tier: 2 }, new Date(), [photo]);
    await expect(tablet.engine.syncOnce()).rejects.toThrow();
    const [held] = await tablet.db.casePhotos.toArray();
    expect(held).toMatchObject({ caseId: record.id, upload: 'waiting', size: PNG.byteLength });

    offline = false;
    await tablet.engine.syncOnce();
    // The case went first, in the sync request, then the photo's bytes.
    const sync = requests.indexOf('POST /api/sync');
    const upload = requests.findIndex((r) => r.startsWith('PUT /api/cases/'));
    expect(sync).toBeGreaterThanOrEqual(0);
    expect(upload).toBeGreaterThan(sync);
    expect((await tablet.db.casePhotos.get(held!.id))?.upload).toBe('done');

    const council = await openDevice(hub.url, await hub.enrol('civic-centre'));
    await council.engine.syncOnce();
    const remote = await council.db.casePhotos.get(held!.id);
    expect(remote).toMatchObject({ caseId: record.id, upload: 'remote' });
    expect(remote?.blob).toBeUndefined();
    const device = await council.db.settings.get('device');
    if (device?.key !== 'device') throw new Error('not enrolled');
    const blob = await photoBlob(council.db, device, remote!, {
      baseUrl: hub.url,
      fetch: (i, o) => fetch(i, o),
    });
    expect(Buffer.compare(Buffer.from(await blob!.arrayBuffer()), PNG)).toBe(0);
    // Kept for showing offline later.
    expect((await council.db.casePhotos.get(held!.id))?.blob?.size).toBe(PNG.byteLength);
  });

  it('a photo reaching a door twice (once per scope) never stops that door syncing', async () => {
    await setUp();
    const first = await openDevice(hub.url, await hub.enrol('civic-centre'), {
      signedIn: 'alun-davies',
    });
    const photo = new Blob([PNG], { type: 'image/png' });
    const record = await openCase(
      first.db,
      { ...complaint, serviceId: 'fly-tipping' },
      { tier: 2 },
      new Date(),
      [photo],
    );
    await first.engine.syncOnce();
    expect((await first.db.casePhotos.toArray())[0]?.upload).toBe('done');

    // A second device at the same door, enrolled afterwards, with a write waiting: the case's
    // photo reaches it under the place's scope and the partner's, in the same page.
    const second = await openDevice(hub.url, await hub.enrol('civic-centre'));
    await second.write('Waiting to go');
    await second.engine.syncOnce();
    expect(await second.db.outbox.count()).toBe(0);
    expect((await second.db.casePhotos.where('caseId').equals(record.id).toArray()).length).toBe(1);
    // Its staff list arrived, so somebody can unlock it; later changes keep arriving.
    expect(await second.db.staff.count()).toBeGreaterThan(0);
    await first.write('After the photo');
    await first.engine.syncOnce();
    await second.engine.syncOnce();
    const notes = (await second.db.contactNotes.toArray()).map((n) => n.note);
    expect(notes).toContain('After the photo');
    expect(await second.db.unappliedChanges.count()).toBe(0);
  });

  it('retries a photo while the hub has not applied its case, and records a refusal', async () => {
    await setUp();
    const tablet = await openDevice(hub.url, await hub.enrol('mobile-library-2', 'tablet'));
    const record = await openCase(tablet.db, complaint, { tier: 2 }, new Date(), [
      new Blob([PNG], { type: 'image/png' }),
    ]);
    // A photo whose case never reached the hub (as if the case's op were still queued
    // elsewhere): the hub answers 404 and the photo waits rather than failing.
    await tablet.db.casePhotos.add({
      id: '019a0000-0000-7000-8000-000000000001',
      caseId: '019a0000-0000-7000-8000-0000000000ff',
      contentType: 'image/png',
      size: PNG.byteLength,
      upload: 'waiting',
      blob: new Blob([PNG], { type: 'image/png' }),
      createdAt: new Date().toISOString(),
    });
    // Bytes that are not the image they claim to be: refused for good, with the hub's reason.
    await tablet.db.casePhotos.add({
      id: '019a0000-0000-7000-8000-000000000002',
      caseId: record.id,
      contentType: 'image/png',
      size: 10,
      upload: 'waiting',
      blob: new Blob(['<script>x</script>'], { type: 'image/png' }),
      createdAt: new Date().toISOString(),
    });
    await tablet.engine.syncOnce();
    const byId = new Map((await tablet.db.casePhotos.toArray()).map((p) => [p.id, p]));
    expect(byId.get('019a0000-0000-7000-8000-000000000001')?.upload).toBe('waiting');
    expect(byId.get('019a0000-0000-7000-8000-000000000002')).toMatchObject({
      upload: 'failed',
      failure: expect.stringContaining('not the image'),
    });
    expect([...byId.values()].filter((p) => p.upload === 'done')).toHaveLength(1);
  });

  it('refuses a photo past the limit with nothing written', async () => {
    await setUp();
    const tablet = await openDevice(hub.url, await hub.enrol('mobile-library-2', 'tablet'));
    const huge = new Blob([new Uint8Array(MAX_PHOTO_BYTES + 1)], { type: 'image/jpeg' });
    await expect(
      openCase(tablet.db, complaint, { tier: 2 }, new Date(), [huge]),
    ).rejects.toBeInstanceOf(InvalidWriteError);
    const svg = new Blob(['<svg/>'], { type: 'image/svg+xml' });
    await expect(
      openCase(tablet.db, complaint, { tier: 2 }, new Date(), [svg]),
    ).rejects.toBeInstanceOf(InvalidWriteError);
    expect(await tablet.db.cases.count()).toBe(0);
    expect(await tablet.db.outbox.count()).toBe(0);
    expect(await tablet.db.casePhotos.count()).toBe(0);
    expect(await tablet.db.contacts.count()).toBe(0);
  });
});
