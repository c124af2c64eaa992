// The contract every Storage implementation must keep. Run against SQLite and PostgreSQL by
// storage.sqlite.test.ts and storage.pg.test.ts.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCESS_POINTS } from '../../src/server/demo-data.ts';
import {
  accessPointScope,
  GLOBAL_SCOPE,
  InvalidCursorError,
} from '../../src/server/platform/store/change-feed.ts';
import { type Device } from '../../src/server/platform/store/core-store.ts';
import { type Storage } from '../../src/server/storage.ts';
import { pageOp, validNoteOp } from '../helpers/fixtures.ts';
import { newId } from '../../src/shared/ids.ts';
import { pageHeads } from '../../src/shared/local-page.ts';
import { smallPack } from '../helpers/pack-fixture.ts';

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
      await storage.core.upsertAccessPoints(DEMO_ACCESS_POINTS);
    });
    afterEach(async () => {
      await factory.destroy(storage);
    });

    async function enrol(accessPointId = 'central-library'): Promise<Device> {
      const codeHash = randomUUID();
      const tokenHash = randomUUID();
      await storage.core.createEnrolmentCode({
        codeHash,
        accessPointId,
        now: now(),
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
      const device = await storage.core.enrolDevice({
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
        const page = await storage.core.pullChanges({
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
      const row = await storage.core.findDeviceByTokenHash(tokenOf.get(device.id) ?? '');
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

    describe('local information pages', () => {
      it('keeps every revision, both sides of an offline clash, and a merge', async () => {
        const desk = await enrol('central-library');
        const tablet = await enrol('central-library');
        const pageId = newId();
        const first = pageOp(desk.id, { pageId });
        await storage.core.applyOps(desk, [first], now());
        const base = [first.payload.id];
        const mine = pageOp(desk.id, { pageId, base, body: '<p>Lift broken</p>' });
        const theirs = pageOp(tablet.id, { pageId, base, body: '<p>Lift fixed</p>' });
        expect((await storage.core.applyOps(desk, [mine], now()))[0]?.status).toBe('applied');
        expect((await storage.core.applyOps(tablet, [theirs], now()))[0]?.status).toBe('applied');
        let revisions = await storage.localPages.listPageRevisions(pageId);
        expect(revisions).toHaveLength(3);
        expect(pageHeads(revisions)).toHaveLength(2);

        const merge = pageOp(tablet.id, { pageId, base: [mine.payload.id, theirs.payload.id] });
        expect((await storage.core.applyOps(tablet, [merge], now()))[0]?.status).toBe('applied');
        revisions = await storage.localPages.listPageRevisions(pageId);
        expect(pageHeads(revisions).map((r) => r.id)).toEqual([merge.payload.id]);
      });

      it('lets only the owning access point edit, and only on revisions of the page', async () => {
        const owner = await enrol('central-library');
        const stranger = await enrol('civic-centre');
        const pageId = newId();
        const first = pageOp(owner.id, { pageId });
        await storage.core.applyOps(owner, [first], now());
        const [forbidden] = await storage.core.applyOps(
          stranger,
          [pageOp(stranger.id, { pageId, base: [first.payload.id] })],
          now(),
        );
        expect(forbidden).toMatchObject({ status: 'rejected', code: 'forbidden' });
        const [unknown] = await storage.core.applyOps(
          owner,
          [pageOp(owner.id, { pageId, base: [newId()] })],
          now(),
        );
        expect(unknown).toMatchObject({ status: 'rejected', code: 'invalid-payload' });
        expect(await storage.localPages.listPageRevisions(pageId)).toHaveLength(1);
      });

      it('applies a revision that builds on one sent just before it in the same batch', async () => {
        const device = await enrol();
        const pageId = newId();
        const first = pageOp(device.id, { pageId });
        const second = pageOp(device.id, { pageId, base: [first.payload.id] });
        const results = await storage.core.applyOps(device, [first, second], now());
        expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
      });

      it('shares pages with every access point', async () => {
        const owner = await enrol('central-library');
        const elsewhere = await enrol('riverside-health-centre');
        await storage.core.applyOps(owner, [pageOp(owner.id, { pageId: newId() })], now());
        const page = await pullAll(elsewhere);
        expect(page.changes.map((c) => c.entity)).toEqual(['localPageRevision']);
      });
    });

    describe('staff', () => {
      const pin = {
        algorithm: 'PBKDF2-SHA256' as const,
        iterations: 210_000,
        salt: 'c2FsdHNhbHRzYWx0c2FsdA==',
        hash: 'aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=',
      };
      const member = {
        id: 'kim-lo',
        name: 'Kim Lo',
        role: 'counter' as const,
        partnerId: 'northshire-county-council',
        teamIds: [],
        accessPointIds: ['central-library', 'eastbury-library'],
        pin,
      };
      const staffChanges = async (ap: string) =>
        (
          await storage.core.pullChanges({
            scopes: [accessPointScope(ap)],
            excludeOriginDevice: randomUUID(),
            cursor: null,
            limit: 100,
          })
        ).changes.filter((c) => c.entity === 'staff');

      it('sends a person to the devices of their places, and a move or revocation too', async () => {
        await storage.staff.upsertStaff(member, now());
        expect(await staffChanges('central-library')).toEqual([
          { entity: 'staff', id: 'kim-lo', op: 'upsert', data: member },
        ]);
        expect(await staffChanges('civic-centre')).toEqual([]);
        // Moved from Eastbury to the civic centre: Eastbury's devices forget them.
        await storage.staff.upsertStaff(
          { ...member, accessPointIds: ['central-library', 'civic-centre'] },
          now(),
        );
        expect((await staffChanges('eastbury-library')).map((c) => c.op)).toEqual([
          'upsert',
          'delete',
        ]);
        expect((await staffChanges('civic-centre')).map((c) => c.op)).toEqual(['upsert']);
        expect(await storage.staff.findStaff('kim-lo')).toMatchObject({ revokedAt: null });
        expect(
          (await storage.staff.listStaff({ partnerId: 'northshire-county-council' })).length,
        ).toBe(1);
        expect(await storage.staff.listStaff({ partnerId: null })).toEqual([]);

        const later = new Date(Date.now() + 60_000).toISOString();
        await storage.staff.createStaffSession({
          tokenHash: 'session-1',
          staffId: 'kim-lo',
          deviceId: randomUUID(),
          now: now(),
          expiresAt: later,
        });
        expect((await storage.staff.findStaffSession('session-1', now()))?.staff.id).toBe('kim-lo');
        // Sessions are short-lived: past expiry, nothing.
        expect(await storage.staff.findStaffSession('session-1', later)).toBeNull();

        expect(await storage.staff.revokeStaff('kim-lo', now())).toBe(true);
        expect(await storage.staff.revokeStaff('kim-lo', now())).toBe(false);
        expect(await storage.staff.findStaffSession('session-1', now())).toBeNull();
        expect((await staffChanges('central-library')).map((c) => c.op)).toEqual([
          'upsert',
          'upsert',
          'delete',
        ]);
        expect((await storage.staff.findStaff('kim-lo'))?.revokedAt).not.toBeNull();
      });

      it('sends a privileged person without their PIN hash, and knows where they signed in', async () => {
        const manager = { ...member, id: 'lee-ray', role: 'partner-manager' as const };
        await storage.staff.upsertStaff(manager, now());
        expect((await staffChanges('eastbury-library')).filter((c) => c.id === 'lee-ray')).toEqual([
          { entity: 'staff', id: 'lee-ray', op: 'upsert', data: { ...manager, pin: null } },
        ]);
        expect((await storage.staff.findStaff('lee-ray'))?.pin).toEqual(pin);
        expect((await storage.staff.findStaff('lee-ray'))?.hubSignIns).toEqual({});
        const deviceId = randomUUID();
        const opened = new Date(Date.now() - 60_000).toISOString();
        for (const at of [new Date(Date.now() - 120_000).toISOString(), opened]) {
          await storage.staff.createStaffSession({
            tokenHash: `s-${at}`,
            staffId: 'lee-ray',
            deviceId,
            now: at,
            expiresAt: new Date(Date.parse(at) + 900_000).toISOString(),
          });
        }
        // The newest opening per device.
        expect((await storage.staff.findStaff('lee-ray'))?.hubSignIns).toEqual({
          [deviceId]: opened,
        });
      });

      it('counts wrong PINs per person and place, every one of them at once, and clears them', async () => {
        const at = now();
        const key = { staffId: 'kim-lo', accessPointId: 'central-library', now: at };
        expect(await storage.staff.findPinFailures('kim-lo', 'central-library')).toBeNull();
        // Twelve at once (on PostgreSQL, on several connections): none is lost.
        const counts = await Promise.all(
          Array.from({ length: 12 }, () => storage.staff.countPinFailure(key)),
        );
        expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 12 }, (_, i) => i + 1),
        );
        const failures = await storage.staff.findPinFailures('kim-lo', 'central-library');
        expect(failures?.count).toBe(12);
        // Ten wrong: locked out for twice PIN_LOCKOUT_MS (ten minutes) from then; it never
        // moves earlier, whichever of the concurrent counts wrote last.
        expect(failures?.lockedUntil).toBe(new Date(Date.parse(at) + 10 * 60_000).toISOString());
        // Another place, another person: counted apart.
        expect(await storage.staff.findPinFailures('kim-lo', 'eastbury-library')).toBeNull();
        expect(
          await storage.staff.countPinFailure({ ...key, accessPointId: 'eastbury-library' }),
        ).toEqual({ count: 1, lockedUntil: at });
        expect(await storage.staff.countPinFailure({ ...key, staffId: 'lee-ray' })).toMatchObject({
          count: 1,
        });
        await storage.staff.clearPinFailures('kim-lo', 'central-library');
        expect(await storage.staff.findPinFailures('kim-lo', 'central-library')).toBeNull();
        expect((await storage.staff.findPinFailures('kim-lo', 'eastbury-library'))?.count).toBe(1);
      });
    });
  });
}
