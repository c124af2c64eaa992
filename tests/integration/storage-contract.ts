// The contract every Storage implementation must keep. Run against SQLite and PostgreSQL by
// storage.sqlite.test.ts and storage.pg.test.ts.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCESS_POINTS } from '../../src/server/seed/demo-data.ts';
import {
  accessPointScope,
  GLOBAL_SCOPE,
  InvalidCursorError,
  type Device,
  type Storage,
} from '../../src/server/storage/storage.ts';
import { validNoteOp } from '../helpers/fixtures.ts';

export interface StorageFactory {
  create(): Promise<Storage>;
  destroy(storage: Storage): Promise<void>;
}

export function describeStorageContract(name: string, factory: StorageFactory): void {
  describe(`storage contract: ${name}`, () => {
    let storage: Storage;
    const now = () => new Date().toISOString();
    const tokenOf = new Map<string, string>();

    beforeEach(async () => {
      storage = await factory.create();
      await storage.upsertAccessPoints(DEMO_ACCESS_POINTS);
    });
    afterEach(async () => {
      await factory.destroy(storage);
    });

    async function enrol(accessPointId = 'central-library'): Promise<Device> {
      const codeHash = randomUUID();
      const tokenHash = randomUUID();
      await storage.createEnrolmentCode({
        codeHash,
        accessPointId,
        now: now(),
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
      const device = await storage.enrolDevice({
        codeHash,
        deviceId: randomUUID(),
        deviceName: 'Front desk',
        tokenHash,
        now: now(),
      });
      if (!device) throw new Error('enrolment failed');
      tokenOf.set(device.id, tokenHash);
      return device;
    }

    async function pullAll(device: Device, cursor: string | null = null, limit = 100) {
      const changes = [];
      let position = cursor;
      for (;;) {
        const page = await storage.pullChanges({
          scopes: [GLOBAL_SCOPE, accessPointScope(device.accessPointId)],
          excludeOriginDevice: device.id,
          cursor: position,
          limit,
        });
        changes.push(...page.changes);
        position = page.cursor;
        if (!page.hasMore) return { changes, cursor: position };
      }
    }

    it('migrates idempotently', async () => {
      await storage.migrate();
      expect(await storage.listAccessPoints()).toHaveLength(DEMO_ACCESS_POINTS.length);
    });

    it('enrols with a one-time code exactly once, and never with an expired one', async () => {
      await storage.createEnrolmentCode({
        codeHash: 'one',
        accessPointId: 'civic-centre',
        now: now(),
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
      const input = { codeHash: 'one', deviceName: 'x', now: now() };
      const first = await storage.enrolDevice({
        ...input,
        deviceId: randomUUID(),
        tokenHash: 't1',
      });
      expect(first?.accessPointId).toBe('civic-centre');
      expect(
        await storage.enrolDevice({ ...input, deviceId: randomUUID(), tokenHash: 't2' }),
      ).toBeNull();

      await storage.createEnrolmentCode({
        codeHash: 'old',
        accessPointId: 'civic-centre',
        now: now(),
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      });
      expect(
        await storage.enrolDevice({
          ...input,
          codeHash: 'old',
          deviceId: randomUUID(),
          tokenHash: 't3',
        }),
      ).toBeNull();
      expect(await storage.findDeviceByTokenHash('t1')).toMatchObject({
        id: first?.id,
        revokedAt: null,
      });
      expect(await storage.findDeviceByTokenHash('t2')).toBeNull();
    });

    it('records revocation', async () => {
      const device = await enrol();
      await storage.revokeDevice(device.id, now());
      const row = await storage.findDeviceByTokenHash(tokenOf.get(device.id) ?? '');
      expect(row?.id).toBe(device.id);
      expect(row?.revokedAt).not.toBeNull();
    });

    it('applies each op exactly once, however often it is sent', async () => {
      const device = await enrol();
      const ops = [validNoteOp(device.id), validNoteOp(device.id), validNoteOp(device.id)];
      const first = await storage.applyOps(device, ops, now());
      expect(first.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      const again = await storage.applyOps(device, ops, now());
      expect(again.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
      // The same op twice inside one batch, beside a new one.
      const fresh = validNoteOp(device.id);
      const mixed = await storage.applyOps(device, [fresh, ops[0]!, fresh], now());
      expect(mixed.map((r) => r.status)).toEqual(['applied', 'duplicate', 'duplicate']);
      expect(await storage.listContactNotes()).toHaveLength(4);
      expect(await storage.countAppliedOps()).toBe(4);
    });

    it('stamps the note with the device’s access point, not anything the client says', async () => {
      const device = await enrol('riverside-health-centre');
      await storage.applyOps(device, [validNoteOp(device.id)], now());
      const [note] = await storage.listContactNotes();
      expect(note).toMatchObject({ accessPointId: 'riverside-health-centre', deviceId: device.id });
    });

    it('rejects a second op that reuses a record id, and leaves no trace of it', async () => {
      const device = await enrol();
      const first = validNoteOp(device.id);
      const clash = validNoteOp(device.id, { id: first.payload.id });
      const inBatch = validNoteOp(device.id);
      const twin = validNoteOp(device.id, { id: inBatch.payload.id });
      const results = await storage.applyOps(device, [first, clash, inBatch, twin], now());
      expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied', 'rejected']);
      expect(results[1]).toMatchObject({ code: 'conflict' });
      expect(await storage.listContactNotes()).toHaveLength(2);
      expect(await storage.countAppliedOps()).toBe(2);
      // Judged the same way when it comes again.
      expect((await storage.applyOps(device, [clash], now()))[0]?.status).toBe('rejected');
    });

    it('keeps text exactly as typed, markup and all', async () => {
      const device = await enrol();
      const hostile = `<img src=x onerror=alert(1)> '); DROP TABLE contact_notes;-- مرحبا 你好`;
      await storage.applyOps(device, [validNoteOp(device.id, { note: hostile })], now());
      expect((await storage.listContactNotes())[0]?.note).toBe(hostile);
    });

    it('pulls in order, pages without gaps, and only what the access point may see', async () => {
      const writer = await enrol('central-library');
      const reader = await enrol('central-library');
      const elsewhere = await enrol('civic-centre');
      for (let i = 0; i < 5; i++) {
        await storage.applyOps(writer, [validNoteOp(writer.id), validNoteOp(writer.id)], now());
        await storage.applyOps(elsewhere, [validNoteOp(elsewhere.id)], now());
      }
      const all = await pullAll(reader, null, 3);
      expect(all.changes).toHaveLength(10);
      const notes = await storage.listContactNotes({ accessPointId: 'central-library' });
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
      await storage.applyOps(writer, [validNoteOp(writer.id)], now());
      expect((await pullAll(reader, all.cursor)).changes).toHaveLength(1);

      const other = await pullAll(elsewhere);
      expect(other.changes).toHaveLength(0);
    });

    it('refuses a cursor it did not issue', async () => {
      expect(() => storage.assertCursor('not-a-cursor')).toThrow(InvalidCursorError);
      expect(() => storage.assertCursor(null)).not.toThrow();
    });
  });
}
