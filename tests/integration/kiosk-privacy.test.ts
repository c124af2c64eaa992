// A kiosk keeps nothing a citizen typed once the hub has it — checked for EVERY kind a kiosk
// may send (KIOSK_KINDS, from the per-kind declaration), through the app's own write functions
// and its real sync engine against the real hub. A new kind a kiosk may send does not compile
// here until it has a writer, so it is covered without anyone remembering to.
// (The browser side — finish and clear, the idle wipe, Cache Storage, the DOM — is
// tests/e2e/kiosk-privacy.test.ts.)
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyDoorDatabase } from '../../src/client/db/database.ts';
import {
  giveFeedback,
  openKioskCase,
  recordContact,
  sendHelpEvent,
  submitReview,
} from '../../src/client/db/writes.ts';
import { KIOSK_KINDS, type KioskKind } from '../../src/shared/sync/mutations.ts';
import { openDevice } from '../helpers/client.ts';
import { startHub, type TestHub } from '../helpers/hub.ts';

const SERVICE = 'missed-bin-collection';

/**
 * Writes one op of the kind as a citizen at the kiosk would, with distinctive text in every
 * field they can type; returns what they typed.
 */
const KIOSK_WRITERS: {
  readonly [K in KioskKind]: (db: AnyDoorDatabase, marker: string) => Promise<string[]>;
} = {
  'contact.record': async (db, marker) => {
    // A path is step and answer ids, never free text; it still says what the citizen chose.
    const step = `${marker.toLowerCase().replace(/[^a-z]/g, '')}-step`;
    await recordContact(db, {
      serviceId: SERVICE,
      channel: 'kiosk',
      tier: 0,
      outcome: 'self-serve',
      path: [step],
    });
    return [step];
  },
  'help.request': async (db) => {
    await sendHelpEvent(db, null);
    return [];
  },
  'case.open': async (db, marker) => {
    const typed = {
      name: `${marker} Name`,
      phone: '07700 900' + String(marker.length).padStart(3, '0'),
      email: `${marker.toLowerCase().replace(/[^a-z]/g, '')}@example.org`,
      address: `${marker} Cottage`,
      details: `${marker} details of the request`,
    };
    await openKioskCase(
      db,
      {
        type: 'request',
        serviceId: SERVICE,
        details: typed.details,
        location: { address: typed.address },
        contact: { name: typed.name, phone: typed.phone, email: typed.email },
      },
      { tier: 1, path: [] },
    );
    return Object.values(typed);
  },
  'feedback.give': async (db, marker) => {
    await giveFeedback(db, {
      feedback: {
        rating: 2,
        reason: 'waited-too-long',
        comment: `${marker} comment`,
        channel: 'kiosk',
        serviceId: SERVICE,
      },
    });
    return [`${marker} comment`];
  },
  'review.submit': async (db, marker) => {
    await submitReview(db, {
      targetKind: 'service',
      targetId: SERVICE,
      rating: 4,
      title: `${marker} title`,
      body: `${marker} body of the review`,
      displayName: `${marker} Display`,
    });
    return [`${marker} title`, `${marker} body of the review`, `${marker} Display`];
  },
};

/** Every row of every table, as text (blobs as their size), with where it was found. */
async function everything(db: AnyDoorDatabase): Promise<{ table: string; text: string }[]> {
  const rows: { table: string; text: string }[] = [];
  for (const table of db.tables) {
    for (const row of await table.toArray()) {
      rows.push({
        table: table.name,
        text: JSON.stringify(row, (_key, value: unknown) =>
          value instanceof Blob ? `blob:${value.size}` : value,
        ),
      });
    }
  }
  return rows;
}

describe('a kiosk keeps nothing a citizen typed once the hub has it', () => {
  let hub: TestHub;
  afterEach(async () => hub?.close());

  it.each(KIOSK_KINDS)('%s', async (kind) => {
    hub = await startHub();
    await hub.publishDemoPack();
    const kiosk = await openDevice(hub.url, await hub.enrol('civic-centre-kiosk', 'kiosk'));
    const device = await kiosk.db.settings.get('device');
    if (device?.key !== 'device') throw new Error('not enrolled');
    await kiosk.db.settings.put({ ...device, mode: 'kiosk' });

    const marker = `Zebedee${kind.replace(/[^a-z]/gi, '')}Quartz`;
    const typed = await KIOSK_WRITERS[kind](kiosk.db, marker);
    expect(await kiosk.db.outbox.count()).toBeGreaterThan(0);
    const outcome = await kiosk.engine.syncOnce();
    expect(outcome.rejected, `${kind} was refused by the hub`).toBe(0);
    expect(await kiosk.db.outbox.count()).toBe(0);

    const rows = await everything(kiosk.db);
    for (const text of typed) {
      const found = rows.filter((row) => row.text.includes(text)).map((row) => row.table);
      expect(found, `"${text}" is still on the kiosk`).toEqual([]);
    }
    // Nothing of the op is journalled or kept for attention either.
    expect(await kiosk.db.attention.count()).toBe(0);
    if (typed.length > 0) expect(await kiosk.db.journal.count()).toBe(0);
  });
});
