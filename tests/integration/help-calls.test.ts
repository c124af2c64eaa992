// A kiosk's call for help reaches the people who can come: the devices of its own place and,
// for a kiosk with no staff of its own (the pack's `helpFrom`), those of the place that answers
// for it; the answer comes back to the kiosk. Devices as the app runs them, on both stores.
import { afterEach, describe, expect, it } from 'vitest';
import { sendHelpEvent } from '../../src/client/db/writes.ts';
import { openDevice, type TestDevice } from '../helpers/client.ts';
import { startHubOn, type TestHub } from '../helpers/hub.ts';

describe.each(['sqlite', 'postgres'] as const)('calls for help on %s', (store) => {
  let hub: TestHub;
  afterEach(() => hub.close());

  async function start() {
    hub = await startHubOn(store);
  }

  async function device(place: string, mode: 'kiosk' | 'counter', signedIn?: string) {
    const opened = await openDevice(
      hub.url,
      await hub.enrol(place, mode),
      signedIn ? { signedIn } : {},
    );
    const settings = await opened.db.settings.get('device');
    if (settings?.key === 'device') await opened.db.settings.put({ ...settings, mode });
    return opened;
  }

  const calls = async (d: TestDevice) =>
    (await d.db.helpEvents.toArray()).filter((e) => e.kind === 'request');
  /**
   * What a device holds once it has synced until `read` says it has something: on PostgreSQL a
   * commit reaches pulls once no older transaction on the whole server is still running, which
   * other test files' databases can delay, so the device comes round again, as the app does.
   */
  const afterSync = <T>(d: TestDevice, read: () => Promise<T[]>) =>
    expect.poll(
      async () => {
        await d.engine.syncOnce();
        return read();
      },
      { timeout: 20_000, interval: 100 },
    );

  it('the foyer kiosk’s call reaches the Civic Centre’s counter, and the answer comes back', async () => {
    await start();
    const kiosk = await device('civic-centre-kiosk', 'kiosk');
    const counter = await device('civic-centre', 'counter', 'alun-davies');
    const elsewhere = await device('central-library', 'counter', 'tom-evans');
    for (const d of [kiosk, counter, elsewhere]) await d.engine.syncOnce();

    const requestId = await sendHelpEvent(kiosk.db, null);
    await kiosk.engine.syncOnce();
    await afterSync(counter, () => calls(counter)).toMatchObject([
      { id: requestId, accessPointId: 'civic-centre-kiosk' },
    ]);
    await elsewhere.engine.syncOnce();
    expect(await calls(elsewhere)).toEqual([]);

    await sendHelpEvent(counter.db, requestId);
    await counter.engine.syncOnce();
    await afterSync(kiosk, () =>
      kiosk.db.helpEvents.where('requestId').equals(requestId).toArray(),
    ).toHaveLength(1);
    // The answer went to no other place.
    await elsewhere.engine.syncOnce();
    expect(await elsewhere.db.helpEvents.count()).toBe(0);
  });

  it('a kiosk inside a staffed place is heard there, and only there', async () => {
    await start();
    const kiosk = await device('central-library', 'kiosk');
    const counter = await device('central-library', 'counter', 'tom-evans');
    const civic = await device('civic-centre', 'counter', 'alun-davies');
    const requestId = await sendHelpEvent(kiosk.db, null);
    await kiosk.engine.syncOnce();
    await afterSync(counter, async () => (await calls(counter)).map((e) => e.id)).toEqual([
      requestId,
    ]);
    await civic.engine.syncOnce();
    expect(await calls(civic)).toEqual([]);
  });

  it('the hub keeps which place answers for a kiosk, from the pack', async () => {
    await start();
    expect(await hub.storage.core.getAccessPoint('civic-centre-kiosk')).toMatchObject({
      helpFrom: 'civic-centre',
    });
    expect(await hub.storage.core.getAccessPoint('civic-centre')).not.toHaveProperty('helpFrom');
  });
});
