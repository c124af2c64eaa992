// The franchise pack reaching devices: whole pack first, then only what changed; staged so an
// interrupted download never leaves a half-new pack in use.
import { afterEach, describe, expect, it } from 'vitest';
import { getPackSettings } from '../../src/client/db/database.ts';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';
import { openDevice } from '../helpers/client.ts';
import { staffAt, startHub, type TestHub } from '../helpers/hub.ts';
import { smallPack } from '../helpers/pack-fixture.ts';

const now = () => new Date().toISOString();

describe('pack sync', () => {
  let hub: TestHub;
  afterEach(() => hub.close());

  it('pulls the whole pack, then only the records a new version changed', async () => {
    hub = await startHub();
    const pack = smallPack();
    await hub.storage.core.publishPack(pack, { now: now(), note: 'Launch' });
    const device = await openDevice(hub.url, await hub.enrol());
    const first = await device.engine.syncOnce();
    // The pack's records, plus the staff who work at the device's place.
    expect(first.received).toBe(8 + staffAt('central-library'));
    expect(await device.db.services.count()).toBe(2);
    expect(await device.db.processMaps.get('pothole-map')).toMatchObject({ start: 'danger' });
    expect(await getPackSettings(device.db)).toMatchObject({
      version: 1,
      history: [{ version: 1 }],
    });

    const [pothole] = pack.services;
    await hub.storage.core.publishPack(
      { ...pack, services: [{ ...pothole!, tier: 2 }], commitments: [], processMaps: [] },
      { now: now(), note: 'Gritting retired' },
    );
    const second = await device.engine.syncOnce();
    // pothole changed; gritting, the commitment and the map removed.
    expect(second.received).toBe(4);
    expect(await device.db.services.toArray()).toMatchObject([{ id: 'pothole', tier: 2 }]);
    expect(await device.db.processMaps.count()).toBe(0);
    const settings = await getPackSettings(device.db);
    expect(settings.version).toBe(2);
    expect(settings.history.at(-1)?.summary).toMatchObject({
      changed: 1,
      removed: 3,
      note: 'Gritting retired',
    });

    // Up to date: a sync is one request again.
    expect((await device.engine.syncOnce()).requests).toBe(1);
  });

  it('keeps the old version in use when a download is interrupted, then resumes it', async () => {
    hub = await startHub();
    const pack = smallPack();
    await hub.storage.core.publishPack(pack, { now: now() });
    let packPages = 0;
    let failAt = 0;
    const flaky: typeof fetch = async (input, init) => {
      if (String(input).includes('/api/pack/delta')) {
        packPages++;
        if (packPages === failAt) throw new TypeError('connection reset');
      }
      return fetch(input, init);
    };
    const device = await openDevice(hub.url, await hub.enrol(), { fetch: flaky, packPageSize: 3 });
    await device.engine.syncOnce();
    expect(await getPackSettings(device.db)).toMatchObject({ version: 1 });

    await hub.storage.core.publishPack(
      { ...pack, topics: [{ id: 'roads', name: { en: 'Roads and pavements' } }], lifeEvents: [] },
      { now: now() },
    );
    // Two changed records arrive in a page of 3, so make the delta longer than one page.
    await hub.storage.core.publishPack(
      {
        ...pack,
        topics: [{ id: 'roads', name: { en: 'Roads and pavements' } }],
        lifeEvents: [],
        services: pack.services.map((s) => ({
          ...s,
          description: { en: `${s.description.en} Updated.` },
        })),
        accessPoints: [],
      },
      { now: now() },
    );
    packPages = 0;
    failAt = 2;
    await expect(device.engine.syncOnce()).rejects.toMatchObject({ key: 'unreachable' });
    // Half a download is staged, but the device still uses version 1 in full.
    expect(await getPackSettings(device.db)).toMatchObject({ version: 1 });
    expect(await device.db.lifeEvents.count()).toBe(1);
    expect((await device.db.topics.get('roads'))?.name.en).toBe('Roads');
    expect(await device.db.packStaging.count()).toBe(3);

    packPages = 0;
    failAt = 0;
    await device.engine.syncOnce();
    expect(packPages).toBe(1); // resumed after the staged page, not from the start
    expect(await getPackSettings(device.db)).toMatchObject({ version: 3 });
    expect(await device.db.lifeEvents.count()).toBe(0);
    expect(await device.db.accessPoints.count()).toBe(0);
    expect((await device.db.services.get('pothole'))?.description.en).toMatch(/Updated\.$/);
    expect(await device.db.packStaging.count()).toBe(0);
  });

  it('refuses a malformed record from the hub and switches nothing', async () => {
    hub = await startHub();
    await hub.storage.core.publishPack(smallPack(), { now: now() });
    const tampering: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('/api/pack/delta')) return res;
      const body = (await res.json()) as { records: { kind: string; data: { tier?: unknown } }[] };
      for (const r of body.records) if (r.kind === 'services') r.data.tier = 'seven';
      return new Response(JSON.stringify(body), { status: 200 });
    };
    const device = await openDevice(hub.url, await hub.enrol(), { fetch: tampering });
    await expect(device.engine.syncOnce()).rejects.toMatchObject({ key: 'bad-response' });
    expect(await getPackSettings(device.db)).toMatchObject({ version: 0 });
    expect(await device.db.services.count()).toBe(0);
  });

  it('delivers the whole demo pack to a new device', async () => {
    hub = await startHub();
    const checked = validatePack(buildDemoPack());
    if (!checked.ok) throw new Error('demo pack invalid');
    await hub.storage.core.publishPack(checked.pack, { now: now() });
    const device = await openDevice(hub.url, await hub.enrol());
    await device.engine.syncOnce();
    expect(await device.db.services.count()).toBe(checked.pack.services.length);
    expect(await device.db.accessPoints.count()).toBe(checked.pack.accessPoints.length);
    expect(await device.db.processMaps.count()).toBe(checked.pack.processMaps.length);
    expect(await device.db.services.where('lgsl').equals(528).count()).toBe(1);
  });

  it('serves deltas only to enrolled devices and only for published versions', async () => {
    hub = await startHub();
    await hub.storage.core.publishPack(smallPack(), { now: now() });
    const device = await hub.enrol();
    const get = (url: string, token: string | null = device.token) =>
      hub.app.inject({
        method: 'GET',
        url,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    expect((await get('/api/pack/delta?since=0&to=1', null)).statusCode).toBe(401);
    expect((await get('/api/pack/delta?since=0&to=2')).statusCode).toBe(404);
    expect((await get('/api/pack/delta?since=x&to=1')).statusCode).toBe(400);
    expect((await get("/api/pack/delta?since=0&to=1&after=services/'or'1")).statusCode).toBe(400);
    const ok = await get('/api/pack/delta?since=0&to=1&limit=2');
    expect(ok.json()).toMatchObject({ type: 'pack-delta', next: expect.any(String) });
  });
});
