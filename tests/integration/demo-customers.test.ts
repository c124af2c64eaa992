// The demo's customers make the single customer view worth opening on `npm start`: about forty
// records linked to cases and contacts at several doors, the likely duplicates proposed to
// Northam's manager, one erased record with nothing personal left.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/server/demo-data.ts';
import { openSqliteStorage } from '../../src/server/storage.ts';

describe('demo customers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anydoor-demo-customers-'));
  const storage = openSqliteStorage(join(dir, 'demo.sqlite'));
  beforeAll(async () => {
    await storage.migrate();
    await seedDemoData(storage);
  });
  afterAll(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('links about forty people to cases and contacts at several doors over months', async () => {
    // The insight cohort (demo-insight.ts) adds customers with contacts only; the people of
    // this demo are the ones with cases.
    const cases = await storage.db
      .selectFrom('cases')
      .select(['customer_id'])
      .where('customer_id', 'is not', null)
      .execute();
    const people = new Set(cases.map((c) => c.customer_id!));
    expect(people.size).toBeGreaterThanOrEqual(38);
    const contacts = (
      await storage.db
        .selectFrom('contacts')
        .select(['customer_id', 'access_point_id', 'created_at'])
        .where('customer_id', 'is not', null)
        .execute()
    ).filter((c) => people.has(c.customer_id!));
    expect(contacts.length).toBeGreaterThan(people.size * 2);
    expect(new Set(contacts.map((c) => c.access_point_id)).size).toBeGreaterThan(6);
    const times = contacts.map((c) => Date.parse(c.created_at)).sort((a, b) => a - b);
    expect((times.at(-1)! - times[0]!) / 86_400_000).toBeGreaterThan(100);
  });

  it('proposes the likely duplicates, Northam’s to Northam', async () => {
    const all = await storage.customers.customerMatches({
      staffId: 'alex-morgan',
      partnerId: null,
    });
    const names = all.map((m) => [m.a.name, m.b.name].sort().join(' / '));
    expect(names).toEqual(
      expect.arrayContaining([
        'Kasia Nowak / Katarzyna Nowak',
        "Sean O'Brien / Sean OBrien",
        'Bob Taylor / Robert Taylor',
        'Mohammed Ali / Muhammad Ali',
      ]),
    );
    const northam = await storage.customers.customerMatches({
      staffId: 'priya-shah',
      partnerId: 'northam-district-council',
    });
    expect(northam.map((m) => [m.a.name, m.b.name].sort().join(' / '))).toContain(
      'Kasia Nowak / Katarzyna Nowak',
    );
  });

  it('has one erased record with nothing personal left', async () => {
    const erased = await storage.db
      .selectFrom('customers')
      .selectAll()
      .where('erased_at', 'is not', null)
      .execute();
    expect(erased).toHaveLength(1);
    expect(erased[0]).toMatchObject({ name: null, phone: null, email: null, postcode: null });
    const feed = JSON.stringify(await storage.db.selectFrom('changes').select('data').execute());
    expect(feed.includes('Gareth Morris')).toBe(false);
  });
});
