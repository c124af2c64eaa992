// Proves the PostgreSQL change feed is commit-ordered: a transaction that took an earlier
// sequence value but commits later is still delivered, exactly once (see postgres.ts).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCESS_POINTS } from '../../src/server/demo-data.ts';
import { openPostgresStorage, type Storage } from '../../src/server/storage.ts';
import { accessPointScope, GLOBAL_SCOPE } from '../../src/server/platform/store/change-feed.ts';
import { createTestDatabase } from '../helpers/pg.ts';

const SCOPE = accessPointScope('central-library');

describe('PostgreSQL feed under overlapping transactions', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let storage: Storage;

  beforeAll(async () => {
    database = await createTestDatabase();
    storage = openPostgresStorage(database.url, 8);
    await storage.migrate();
    await storage.core.upsertAccessPoints(DEMO_ACCESS_POINTS);
  });
  afterAll(async () => {
    await storage.close();
    await database.drop();
  });

  async function connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    return client;
  }

  async function insertChange(client: pg.Client, id: string): Promise<number> {
    const { rows } = await client.query<{ seq: string }>(
      `insert into changes (scope, entity, entity_id, op, data, origin_device, created_at)
       values ($1, 'contactNote', $2, 'upsert', '{}', null, $3) returning seq`,
      [SCOPE, id, new Date().toISOString()],
    );
    return Number(rows[0]?.seq);
  }

  const pull = (cursor: string | null) =>
    storage.core.pullChanges({
      scopes: [GLOBAL_SCOPE, SCOPE],
      excludeOriginDevice: 'reader',
      cursor,
      limit: 100,
    });

  /**
   * Pulls page after page from `cursor` until `want` changes have come or 20 s pass. A commit
   * becomes visible to pulls once no older transaction in the whole PostgreSQL cluster is still
   * running, so other test files' databases on the same server can hold it back for a while:
   * the pull comes round again, as a device's does, instead of expecting it at once.
   */
  async function drain(cursor: string | null, want: number, limit = 100) {
    const ids: string[] = [];
    const deadline = Date.now() + 20_000;
    let at = cursor;
    for (;;) {
      const page = await storage.core.pullChanges({
        scopes: [GLOBAL_SCOPE, SCOPE],
        excludeOriginDevice: 'reader',
        cursor: at,
        limit,
      });
      ids.push(...page.changes.map((c) => c.id));
      at = page.cursor;
      if (page.hasMore) continue;
      if (ids.length >= want || Date.now() > deadline) return { ids, cursor: at };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('does not skip a transaction that commits after a later one', async () => {
    const slow = await connect();
    const fast = await connect();
    try {
      await slow.query('begin');
      const slowSeq = await insertChange(slow, 'slow');
      await fast.query('begin');
      const fastSeq = await insertChange(fast, 'fast');
      await fast.query('commit');
      expect(slowSeq).toBeLessThan(fastSeq);

      // A plain "seq > cursor" reader would now see only 'fast' and move past 'slow' for good.
      const naive = await storage.db
        .selectFrom('changes')
        .select(['seq', 'entity_id'])
        .orderBy('seq')
        .execute();
      expect(naive.map((r) => r.entity_id)).toEqual(['fast']);

      const before = await pull(null);
      expect(before.changes.map((c) => c.id)).toEqual([]);

      await slow.query('commit');
      const after = await drain(before.cursor, 2);
      expect(after.ids).toEqual(['slow', 'fast']);
      const caughtUp = await pull(after.cursor);
      expect(caughtUp.changes).toEqual([]);
    } finally {
      await slow.end();
      await fast.end();
    }
  });

  it('delivers every change exactly once while many writers overlap', async () => {
    const start = await pull(null);
    const writers = 6;
    const perWriter = 15;
    const clients = await Promise.all(Array.from({ length: writers }, connect));
    const seen: string[] = [];
    let cursor = start.cursor;
    let writing = true;

    const reader = (async () => {
      while (writing) {
        const page = await pull(cursor);
        seen.push(...page.changes.map((c) => c.id));
        cursor = page.cursor;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();

    const expected: string[] = [];
    await Promise.all(
      clients.map(async (client) => {
        for (let i = 0; i < perWriter; i++) {
          const id = randomUUID();
          expected.push(id);
          await client.query('begin');
          await insertChange(client, id);
          // Hold some transactions open so commits interleave out of sequence order.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
          await client.query('commit');
        }
      }),
    );
    writing = false;
    await reader;
    await Promise.all(clients.map((c) => c.end()));
    seen.push(...(await drain(cursor, writers * perWriter - seen.length)).ids);

    expect(seen).toHaveLength(writers * perWriter);
    expect(new Set(seen)).toEqual(new Set(expected));
  });

  it('pages in numeric order where sequence numbers gain a digit', async () => {
    const start = await pull(null);
    // Move the sequence to just below the next power of ten, then write across it.
    const head = await storage.db
      .selectFrom('changes')
      .select((eb) => eb.fn.max('seq').as('max'))
      .executeTakeFirst();
    const boundary = 10 ** String(Number(head?.max ?? 0) + 5).length;
    const client = await connect();
    const written: string[] = [];
    try {
      await client.query(`select setval('changes_seq_seq', $1)`, [boundary - 5]);
      await client.query('begin');
      for (let i = 0; i < 10; i++) {
        const id = `digit-${i}`;
        written.push(id);
        await insertChange(client, id);
      }
      await client.query('commit');
    } finally {
      await client.end();
    }

    const { ids: seen, cursor } = await drain(start.cursor, written.length, 3);
    expect(seen).toEqual(written);
    const after = await pull(cursor);
    expect(after.changes).toEqual([]);
  });
});
