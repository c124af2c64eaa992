// Feedback from a device (Dexie over fake-indexeddb) to a real hub: queued offline in one
// transaction, sent once, and — from a kiosk, or when it names an address — nothing of it kept
// on the device once the hub has answered (no journal, no attention entry).
import { afterEach, describe, expect, it } from 'vitest';
import { getDevice, type AnyDoorDatabase } from '../../src/client/db/database.ts';
import { giveFeedback, InvalidWriteError } from '../../src/client/db/writes.ts';
import { openDevice } from '../helpers/client.ts';
import { startHub, type TestHub } from '../helpers/hub.ts';

const SECRET = 'Kowalska 07700 900123';

async function setMode(db: AnyDoorDatabase, mode: 'kiosk' | 'counter') {
  const device = await getDevice(db);
  if (!device) throw new Error('not enrolled');
  await db.settings.put({ ...device, mode });
}

/** Every row of every table of the device's database, as one string to search. */
async function everything(db: AnyDoorDatabase): Promise<string> {
  const parts: string[] = [];
  for (const table of db.tables) parts.push(JSON.stringify(await table.toArray()));
  return parts.join('\n');
}

describe('feedback from a device', () => {
  let hub: TestHub;
  afterEach(() => hub.close());

  it('a kiosk queues feedback offline, sends it once, and keeps nothing of it afterwards', async () => {
    hub = await startHub();
    const kiosk = await openDevice(hub.url, await hub.enrol('civic-centre', 'kiosk'));
    await setMode(kiosk.db, 'kiosk');
    const [id] = await giveFeedback(kiosk.db, {
      feedback: {
        rating: 2,
        reason: 'waited-too-long',
        comment: `No personal details, but: ${SECRET}`,
        serviceId: 'missed-bin-collection',
        channel: 'kiosk',
      },
    });
    // Offline: it waits in the outbox, and only there.
    expect(await kiosk.db.outbox.count()).toBe(1);
    await expect(
      giveFeedback(kiosk.db, {
        followup: { channel: 'kiosk', addressKind: 'email', address: 'a@b.org', language: 'en' },
      }),
    ).rejects.toBeInstanceOf(InvalidWriteError);

    const outcome = await kiosk.engine.syncOnce();
    expect(outcome.sent).toBe(1);
    expect(await kiosk.db.outbox.count()).toBe(0);
    expect(await kiosk.db.journal.count()).toBe(0);
    expect(await everything(kiosk.db)).not.toContain(SECRET);
    const [row] = await hub.storage.feedback.listFeedback({ accessPointId: 'civic-centre' });
    expect(row).toMatchObject({ id, rating: 2, mode: 'kiosk', channel: 'kiosk' });
    expect(row?.comment).toContain(SECRET);
  });

  it('a counter journals anonymous feedback but never the address of a follow-up', async () => {
    hub = await startHub();
    const counter = await openDevice(hub.url, await hub.enrol('central-library'), {
      signedIn: 'tom-evans',
    });
    await setMode(counter.db, 'counter');
    const [feedbackId, followupId] = await giveFeedback(counter.db, {
      feedback: { rating: 4, reason: 'helpful-staff', channel: 'face-to-face' },
      followup: {
        channel: 'face-to-face',
        addressKind: 'sms',
        address: '07700 900123',
        language: 'pl',
      },
    });
    expect(await counter.db.outbox.count()).toBe(2);
    await counter.engine.syncOnce();
    expect(await counter.db.outbox.count()).toBe(0);
    const journal = await counter.db.journal.toArray();
    expect(journal.map((j) => j.recordId)).toEqual([feedbackId]);
    expect(await everything(counter.db)).not.toContain('900123');
    const [followup] = await hub.storage.feedback.listFollowups();
    expect(followup).toMatchObject({ id: followupId, address: '+447700900123', language: 'pl' });
  });

  it('refuses a bad address on the device, queueing nothing of the write', async () => {
    hub = await startHub();
    const counter = await openDevice(hub.url, await hub.enrol('central-library'));
    await expect(
      giveFeedback(counter.db, {
        feedback: { rating: 3, channel: 'face-to-face' },
        followup: {
          channel: 'face-to-face',
          addressKind: 'email',
          address: 'not an email',
          language: 'en',
        },
      }),
    ).rejects.toThrow(/address/);
    expect(await counter.db.outbox.count()).toBe(0);
  });
});
