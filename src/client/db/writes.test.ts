// A citizen served is one contact, and a kiosk's request lives in the outbox only.
import { describe, expect, it } from 'vitest';
import { AnyDoorDatabase } from './database.ts';
import { InvalidWriteError, openCase, openKioskCase } from './writes.ts';

async function enrolled(mode: 'counter' | 'kiosk') {
  const db = new AnyDoorDatabase(`test-${crypto.randomUUID()}`);
  await db.settings.put({
    key: 'device',
    deviceId: crypto.randomUUID(),
    token: 't',
    deviceName: 'Foyer kiosk',
    accessPointId: 'civic-centre-kiosk',
    accessPointName: 'Civic Centre foyer',
    mode,
    enrolledAt: new Date().toISOString(),
  });
  return db;
}

const PATH = ['check-address', 'put-out:on-time', 'assisted:assisted-yes', 'capture-priority'];

describe('writes', () => {
  it('a capture handed over from a guided flow is one contact, carrying the flow’s path', async () => {
    const db = await enrolled('counter');
    await openCase(
      db,
      {
        type: 'request',
        serviceId: 'missed-bin-collection',
        channel: 'face-to-face',
        details: 'Green bin missed',
        author: 'Alun',
      },
      { tier: 1, path: PATH },
    );
    const contacts = await db.contacts.toArray();
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ outcome: 'captured', path: PATH });
    const kinds = (await db.outbox.toArray()).map((e) => e.op.kind).sort();
    expect(kinds).toEqual(['case.open', 'contact.record']);
  });

  it('a kiosk request waits in the outbox only: no case, event, photo or contact row', async () => {
    const db = await enrolled('kiosk');
    const typed = {
      name: 'Zofia-Unique-Name',
      phone: '07700 900555',
      email: 'zofia.unique@example.org',
      address: '17 Unique Lane',
      details: 'Bin-Unique-Details',
    };
    const made = await openKioskCase(
      db,
      {
        type: 'request',
        serviceId: 'missed-bin-collection',
        details: typed.details,
        location: { address: typed.address, postcode: 'NM1 1AA' },
        contact: { name: typed.name, phone: typed.phone, email: typed.email },
        // The kiosk's language: the hub writes to them in it when the case is resolved.
        language: 'pl',
      },
      { tier: 1, path: PATH },
    );
    expect(made.reference).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z*]$/);
    expect(await db.cases.count()).toBe(0);
    expect(await db.caseEvents.count()).toBe(0);
    expect(await db.casePhotos.count()).toBe(0);
    expect(await db.contacts.count()).toBe(0);
    const outbox = await db.outbox.toArray();
    expect(outbox.map((e) => e.op.kind)).toEqual(['case.open', 'contact.record']);
    expect(outbox[0]?.op).toMatchObject({
      payload: {
        id: made.id,
        reference: made.reference,
        channel: 'kiosk',
        author: 'Foyer kiosk',
        contact: {
          name: typed.name,
          phone: typed.phone,
          email: typed.email,
          consent: true,
          language: 'pl',
        },
      },
    });
    expect(outbox[0]?.op.staffId).toBeUndefined();
    expect(outbox[1]?.op).toMatchObject({
      payload: { channel: 'kiosk', outcome: 'captured', path: PATH },
    });
    // Everything the citizen typed is in the case.open entry and nowhere else.
    for (const table of db.tables) {
      const rows = JSON.stringify(await table.toArray());
      for (const value of Object.values(typed)) {
        if (table.name === 'outbox') expect(rows.split(value)).toHaveLength(2);
        else expect(rows, `${table.name} holds ${value}`).not.toContain(value);
      }
    }
  });

  it('refuses a kiosk request on a staff device, and a malformed one whole', async () => {
    const counter = await enrolled('counter');
    const request = { type: 'request' as const, serviceId: 'missed-bin-collection', details: 'x' };
    await expect(openKioskCase(counter, request, { tier: 1, path: [] })).rejects.toThrow(
      InvalidWriteError,
    );
    const kiosk = await enrolled('kiosk');
    await expect(
      openKioskCase(
        kiosk,
        { ...request, contact: { phone: 'not a phone' } },
        { tier: 1, path: [] },
      ),
    ).rejects.toThrow(InvalidWriteError);
    expect(await kiosk.outbox.count()).toBe(0);
  });
});
