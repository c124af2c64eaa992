// Reviews on devices through the real hub (fake-indexeddb): written offline at a kiosk, they
// wait in the outbox only and leave the kiosk once the hub has answered (no journal, nothing
// kept for attention); once a moderator publishes one, every device holds it, and a withdrawn
// one leaves every device. A counter keeps its acknowledged reviews in the journal as usual.
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyDoorDatabase } from '../../src/client/db/database.ts';
import { submitReview } from '../../src/client/db/writes.ts';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';
import { openDevice } from '../helpers/client.ts';
import { startHub, type TestHub } from '../helpers/hub.ts';

const SECRET = 'Kiosk-typed-review-4711';

/** Everything a device's database holds, as one string to search. */
async function everything(db: AnyDoorDatabase): Promise<string> {
  const parts = await Promise.all(db.tables.map((table) => table.toArray()));
  return JSON.stringify(parts);
}

describe('reviews on devices', () => {
  let hub: TestHub;
  afterEach(() => hub.close());

  it('a kiosk review waits offline, then leaves the kiosk; once published every device shows it', async () => {
    hub = await startHub();
    const pack = validatePack(buildDemoPack());
    if (!pack.ok) throw new Error('invalid demo pack');
    await hub.storage.core.publishPack(pack.pack, { now: new Date().toISOString() });
    let offline = true;
    const kiosk = await openDevice(hub.url, await hub.enrol('civic-centre', 'kiosk'), {
      fetch: (input, init) =>
        offline ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init),
    });
    const device = await kiosk.db.settings.get('device');
    if (device?.key !== 'device') throw new Error('no device');
    await kiosk.db.settings.put({ ...device, mode: 'kiosk' });
    const counter = await openDevice(hub.url, await hub.enrol('central-library'), {
      signedIn: 'tom-evans',
    });

    const reviewId = await submitReview(kiosk.db, {
      targetKind: 'service',
      targetId: 'missed-bin-collection',
      rating: 4,
      body: `Quick and kind. ${SECRET}`,
    });
    const refused = await submitReview(kiosk.db, {
      targetKind: 'service',
      targetId: 'no-such-service',
      rating: 1,
      body: `Refused by the hub. ${SECRET}`,
    });
    await expect(kiosk.engine.syncOnce()).rejects.toThrow();
    // Offline: only the outbox holds it, and no op names a person.
    const waiting = await kiosk.db.outbox.toArray();
    expect(waiting.map((e) => e.recordId)).toEqual([reviewId, refused]);
    expect(waiting.every((e) => e.op.staffId === undefined)).toBe(true);
    expect(await kiosk.db.reviews.count()).toBe(0);

    offline = false;
    const outcome = await kiosk.engine.syncOnce();
    expect(outcome).toMatchObject({ sent: 1, rejected: 1 });
    // Answered: gone from the kiosk, in neither the journal nor the attention list.
    expect(await kiosk.db.outbox.count()).toBe(0);
    expect(await kiosk.db.journal.count()).toBe(0);
    expect(await kiosk.db.attention.count()).toBe(0);
    expect(await everything(kiosk.db)).not.toContain(SECRET);

    // A counter's review is journalled like any other acknowledged write.
    await counter.engine.syncOnce();
    const counterReview = await submitReview(counter.db, {
      targetKind: 'partner',
      targetId: 'northam-district-council',
      rating: 5,
      body: 'Friendly at every door.',
      displayName: 'Ann',
    });
    await counter.engine.syncOnce();
    expect((await counter.db.journal.toArray()).map((e) => e.recordId)).toContain(counterReview);
    expect(
      (await counter.db.outbox.toArray()).find((e) => e.recordId === counterReview),
    ).toBeUndefined();
    expect(await counter.db.reviews.count()).toBe(0);

    // A moderator publishes the kiosk's review: every device gets it, the kiosk too.
    const decided = await hub.storage.reviews.decideReview({
      id: reviewId,
      decision: { decision: 'approve', reason: '' },
      staff: { id: 'alex-morgan', name: 'Alex Morgan' },
      partnerId: null,
      now: new Date().toISOString(),
    });
    expect(decided.ok).toBe(true);
    for (const d of [kiosk, counter]) {
      await d.engine.syncOnce();
      expect(await d.db.reviews.get(reviewId)).toMatchObject({
        targetKind: 'service',
        targetId: 'missed-bin-collection',
        rating: 4,
        body: `Quick and kind. ${SECRET}`,
      });
    }
    expect(
      await counter.db.reviews
        .where('[targetKind+targetId]')
        .equals(['service', 'missed-bin-collection'])
        .count(),
    ).toBe(1);

    // Withdrawn: it leaves every device at the next sync.
    await hub.storage.reviews.decideReview({
      id: reviewId,
      decision: { decision: 'reject', reason: 'Withdrawn at the author’s request.' },
      staff: { id: 'alex-morgan', name: 'Alex Morgan' },
      partnerId: null,
      now: new Date().toISOString(),
    });
    for (const d of [kiosk, counter]) {
      await d.engine.syncOnce();
      expect(await d.db.reviews.get(reviewId)).toBeUndefined();
    }
  });
});
