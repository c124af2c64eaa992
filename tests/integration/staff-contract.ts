// The staff store (features/staff): people sent to their places' devices, hub sessions, the
// hub's count of wrong PINs. Run on SQLite and PostgreSQL by staff-store.*.test.ts.
import { beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { accessPointScope } from '../../src/server/platform/store/change-feed.ts';
import type { Storage } from '../../src/server/storage.ts';
import { storeForEachTest, type StorageFactory } from '../helpers/store-contract.ts';

export function describeStaffContract(name: string, factory: StorageFactory): void {
  describe(`staff store: ${name}`, () => {
    const { store, now } = storeForEachTest(factory);
    let storage: Storage;
    beforeEach(() => {
      storage = store();
    });

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
}
