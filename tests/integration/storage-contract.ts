// The core store's contract (platform/store/core-store.ts: enrolment, devices, ops applied
// exactly once, the change feed, pack versions). Run against SQLite and PostgreSQL by
// storage.sqlite.test.ts and storage.pg.test.ts; each feature's store has its own suite.
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCESS_POINTS } from '../../src/server/demo-data.ts';
import { InvalidCursorError } from '../../src/server/platform/store/change-feed.ts';
import type { Storage } from '../../src/server/storage.ts';
import { newId } from '../../src/shared/ids.ts';
import { validNoteOp } from '../helpers/fixtures.ts';
import { smallPack } from '../helpers/pack-fixture.ts';
import { storeForEachTest, type StorageFactory } from '../helpers/store-contract.ts';

export function describeStorageContract(name: string, factory: StorageFactory): void {
  describe(`core store contract: ${name}`, () => {
    const { store, now, enrol, pullAll, tokenOf } = storeForEachTest(factory);
    let storage: Storage;
    beforeEach(() => {
      storage = store();
    });

    it('migrates idempotently', async () => {
      await storage.migrate();
      expect(await storage.core.listAccessPoints()).toHaveLength(DEMO_ACCESS_POINTS.length);
    });

    it('enrols with a one-time code exactly once, and never with an expired one', async () => {
      await storage.core.createEnrolmentCode({
        codeHash: 'one',
        accessPointId: 'civic-centre',
        now: now(),
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
      const input = { codeHash: 'one', deviceName: 'x', now: now() };
      const first = await storage.core.enrolDevice({
        ...input,
        deviceId: randomUUID(),
        tokenHash: 't1',
      });
      expect(first?.accessPointId).toBe('civic-centre');
      expect(
        await storage.core.enrolDevice({ ...input, deviceId: randomUUID(), tokenHash: 't2' }),
      ).toBeNull();

      await storage.core.createEnrolmentCode({
        codeHash: 'old',
        accessPointId: 'civic-centre',
        now: now(),
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      });
      expect(
        await storage.core.enrolDevice({
          ...input,
          codeHash: 'old',
          deviceId: randomUUID(),
          tokenHash: 't3',
        }),
      ).toBeNull();
      expect(await storage.core.findDeviceByTokenHash('t1')).toMatchObject({
        id: first?.id,
        revokedAt: null,
      });
      expect(await storage.core.findDeviceByTokenHash('t2')).toBeNull();
    });

    it('records revocation', async () => {
      const device = await enrol();
      await storage.core.revokeDevice(device.id, now());
      const row = await storage.core.findDeviceByTokenHash(tokenOf(device));
      expect(row?.id).toBe(device.id);
      expect(row?.revokedAt).not.toBeNull();
    });

    it('applies each op exactly once, however often it is sent', async () => {
      const device = await enrol();
      const ops = [validNoteOp(device.id), validNoteOp(device.id), validNoteOp(device.id)];
      const first = await storage.core.applyOps(device, ops, now());
      expect(first.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      const again = await storage.core.applyOps(device, ops, now());
      expect(again.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
      // The same op twice inside one batch, beside a new one.
      const fresh = validNoteOp(device.id);
      const mixed = await storage.core.applyOps(device, [fresh, ops[0]!, fresh], now());
      expect(mixed.map((r) => r.status)).toEqual(['applied', 'duplicate', 'duplicate']);
      expect(await storage.contacts.listContactNotes()).toHaveLength(4);
      expect(await storage.core.countAppliedOps()).toBe(4);
    });

    it('applies a large batch in several transactions, so another device’s pull need not wait for all of it', async () => {
      const pusher = await enrol();
      const reader = await enrol();
      const ops = Array.from({ length: 1000 }, () => validNoteOp(pusher.id));
      let pushed = false;
      const push = storage.core.applyOps(pusher, ops, now()).then((results) => {
        pushed = true;
        return results;
      });
      // Queued behind the push's first transaction: answered before the last one commits.
      await pullAll(reader);
      expect(pushed).toBe(false);
      const results = await push;
      expect(results.every((r) => r.status === 'applied')).toBe(true);
      expect(await storage.core.countAppliedOps()).toBe(1000);
      expect((await pullAll(reader)).changes).toHaveLength(1000);
      // Sent again whole (as after a lost response): every op a duplicate, nothing applied twice.
      const again = await storage.core.applyOps(pusher, ops, now());
      expect(again.every((r) => r.status === 'duplicate')).toBe(true);
      expect(await storage.contacts.listContactNotes()).toHaveLength(1000);
    });

    it('stamps the note with the device’s access point, not anything the client says', async () => {
      const device = await enrol('riverside-health-centre');
      await storage.core.applyOps(device, [validNoteOp(device.id)], now());
      const [note] = await storage.contacts.listContactNotes();
      expect(note).toMatchObject({ accessPointId: 'riverside-health-centre', deviceId: device.id });
    });

    it('rejects a second op that reuses a record id, and leaves no trace of it', async () => {
      const device = await enrol();
      const first = validNoteOp(device.id);
      const clash = validNoteOp(device.id, { id: first.payload.id });
      const inBatch = validNoteOp(device.id);
      const twin = validNoteOp(device.id, { id: inBatch.payload.id });
      const results = await storage.core.applyOps(device, [first, clash, inBatch, twin], now());
      expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied', 'rejected']);
      expect(results[1]).toMatchObject({ code: 'conflict' });
      expect(await storage.contacts.listContactNotes()).toHaveLength(2);
      expect(await storage.core.countAppliedOps()).toBe(2);
      // Judged the same way when it comes again.
      expect((await storage.core.applyOps(device, [clash], now()))[0]?.status).toBe('rejected');
    });

    it('keeps text exactly as typed, markup and all', async () => {
      const device = await enrol();
      const hostile = `<img src=x onerror=alert(1)> '); DROP TABLE contact_notes;-- مرحبا 你好`;
      await storage.core.applyOps(device, [validNoteOp(device.id, { note: hostile })], now());
      expect((await storage.contacts.listContactNotes())[0]?.note).toBe(hostile);
    });

    it('pulls in order, pages without gaps, and only what the access point may see', async () => {
      const writer = await enrol('central-library');
      const reader = await enrol('central-library');
      const elsewhere = await enrol('civic-centre');
      for (let i = 0; i < 5; i++) {
        await storage.core.applyOps(
          writer,
          [validNoteOp(writer.id), validNoteOp(writer.id)],
          now(),
        );
        await storage.core.applyOps(elsewhere, [validNoteOp(elsewhere.id)], now());
      }
      const all = await pullAll(reader, null, 3);
      expect(all.changes).toHaveLength(10);
      const notes = await storage.contacts.listContactNotes({ accessPointId: 'central-library' });
      expect(all.changes.map((c) => c.id)).toEqual(notes.map((n) => n.id));
      expect(
        all.changes.every(
          (c) => (c.data as { accessPointId: string }).accessPointId === 'central-library',
        ),
      ).toBe(true);

      // The writer does not get its own notes back, but its cursor still moves to the head.
      const own = await pullAll(writer);
      expect(own.changes).toHaveLength(0);
      expect(own.cursor).not.toBeNull();

      // Caught up: nothing more, cursor unchanged; then one new change arrives once.
      const again = await pullAll(reader, all.cursor);
      expect(again.changes).toHaveLength(0);
      await storage.core.applyOps(writer, [validNoteOp(writer.id)], now());
      expect((await pullAll(reader, all.cursor)).changes).toHaveLength(1);

      const other = await pullAll(elsewhere);
      expect(other.changes).toHaveLength(0);
    });

    it('knows a device’s state only when it holds the device’s op and a cursor it issued', async () => {
      const device = await enrol();
      const other = await enrol();
      const mine = validNoteOp(device.id);
      const theirs = validNoteOp(other.id);
      await storage.core.applyOps(device, [mine], now());
      await storage.core.applyOps(other, [theirs], now());
      const knows = (ackedOpId: string | null, cursor: string | null) =>
        storage.core.knowsDeviceState({ deviceId: device.id, ackedOpId, cursor });
      expect(await knows(mine.id, null)).toBe(true);
      expect(await knows(null, null)).toBe(true);
      expect(await knows(newId(), null)).toBe(false);
      expect(await knows(theirs.id, null)).toBe(false);
      // No cursor issued yet (a device from before the check): any cursor is taken on trust.
      expect(await knows(mine.id, 'c1')).toBe(true);
      await storage.core.recordIssuedCursor({ deviceId: device.id, sent: 'c1', issued: 'c2' });
      expect(await knows(mine.id, 'c2')).toBe(true);
      expect(await knows(mine.id, 'c1')).toBe(true);
      expect(await knows(null, 'c2')).toBe(true);
      expect(await knows(mine.id, 'c3')).toBe(false);
      expect(await knows(newId(), 'c2')).toBe(false);
    });

    it('refuses a cursor it did not issue', async () => {
      expect(() => storage.core.assertCursor('not-a-cursor')).toThrow(InvalidCursorError);
      expect(() => storage.core.assertCursor(null)).not.toThrow();
    });

    describe('franchise pack', () => {
      it('publishes only what changed, and says what that was', async () => {
        const pack = smallPack();
        const v1 = await storage.core.publishPack(pack, { now: now(), note: 'first' });
        expect(v1).toMatchObject({ version: 1, summary: { added: 8, changed: 0, removed: 0 } });
        expect(await storage.core.publishPack(pack, { now: now() })).toBeNull();
        expect(await storage.core.latestPackVersion()).toBe(1);

        const [pothole, gritting] = pack.services;
        const next = {
          ...pack,
          services: [
            { ...pothole!, name: { ...pothole!.name, cy: 'Rhoi gwybod am dwll yn y ffordd' } },
            { ...gritting!, id: 'winter-gritting' },
          ],
        };
        const v2 = await storage.core.publishPack(next, { now: now() });
        expect(v2?.summary).toMatchObject({
          added: 1,
          changed: 1,
          removed: 1,
          byKind: { services: { added: 1, changed: 1, removed: 1 } },
        });
        const delta = await storage.core.packDelta({ since: 1, to: 2, after: null, limit: 100 });
        expect(delta.records.map((r) => [r.id, r.deleted])).toEqual([
          ['gritting', true],
          ['pothole', false],
          ['winter-gritting', false],
        ]);
        expect(delta.records[1]?.data).toMatchObject({
          name: { cy: 'Rhoi gwybod am dwll yn y ffordd' },
        });
        expect((await storage.core.listPackRecords('services')).map((s) => s.id).sort()).toEqual([
          'pothole',
          'winter-gritting',
        ]);
        expect(
          (await storage.core.listPackVersions({ after: 0, upTo: 2 })).map((v) => v.version),
        ).toEqual([1, 2]);
      });

      it('pages a whole-pack delta without gaps or repeats', async () => {
        await storage.core.publishPack(smallPack(), { now: now() });
        const seen: string[] = [];
        let after: { kind: string; id: string } | null = null;
        for (let guard = 0; guard < 20; guard++) {
          const page: Awaited<ReturnType<Storage['core']['packDelta']>> =
            await storage.core.packDelta({
              since: 0,
              to: 1,
              after,
              limit: 3,
            });
          seen.push(...page.records.map((r) => `${r.kind}/${r.id}`));
          after = page.next;
          if (!after) break;
        }
        expect(seen).toHaveLength(8);
        expect(new Set(seen).size).toBe(8);
      });

      it('lists the pack’s access points for enrolment', async () => {
        await storage.core.publishPack(smallPack(), { now: now() });
        const listed = await storage.core.listAccessPoints();
        expect(listed.find((ap) => ap.id === 'central-library')).toMatchObject({
          address: '1 Library Walk, Northam NM1 2AB',
        });
      });
    });
  });
}
