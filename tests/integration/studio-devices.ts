// The studio's devices and doors (features/devices/studio-device-routes.ts): a code fixes the
// mode it enrols in; an unknown place or bad input is refused with nothing stored; a partner
// manager acts on their own partner's places only; every device's health as it last reported
// with a sync; revoking (refused at its next sync) and replacing; every action in the audit log
// inside its transaction, never the code. Run on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminLogPage } from '../../src/shared/api/admin-log.ts';
import type {
  DeviceSummary,
  IssuedCode,
  ReplacedDevice,
  StudioDevices,
} from '../../src/shared/api/studio-devices.ts';
import { issueEnrolmentCode } from '../../src/server/features/devices/enrolment-codes.ts';
import { PROTOCOL_VERSION, type EnrolResponse } from '../../src/shared/sync/protocol.ts';
import { openDevice } from '../helpers/client.ts';
import { startHubOn, type TestHub } from '../helpers/hub.ts';

const NORTHAM = 'northam-district-council';

export function describeStudioDevices(dialect: 'sqlite' | 'postgres'): void {
  describe(`the studio's devices and doors on ${dialect}`, () => {
    let hub: TestHub;
    let alex: Record<string, string>;
    let priya: Record<string, string>;
    let tom: Record<string, string>;

    const call = (
      method: 'GET' | 'POST',
      url: string,
      headers: Record<string, string>,
      payload?: unknown,
    ) =>
      hub.app.inject({
        method,
        url,
        headers,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    const enrolWith = (code: string, mode: string = 'counter') =>
      hub.app.inject({
        method: 'POST',
        url: '/api/devices/enrol',
        payload: {
          type: 'enrol',
          protocolVersion: PROTOCOL_VERSION,
          code,
          deviceName: 'New',
          mode,
        },
      });
    const sync = (token: string, extra: Record<string, unknown> = {}) =>
      hub.app.inject({
        method: 'POST',
        url: '/api/sync',
        headers: { authorization: `Bearer ${token}` },
        payload: {
          type: 'sync',
          protocolVersion: PROTOCOL_VERSION,
          push: [],
          cursor: null,
          ...extra,
        },
      });
    const counts = async () => {
      const db = hub.storage.db;
      const codes = await db.selectFrom('enrolment_codes').select('code_hash').execute();
      const log = await db.selectFrom('admin_log').select('id').execute();
      const devices = await db.selectFrom('devices').select(['id', 'revoked_at']).execute();
      return { codes: codes.length, log: log.length, devices: JSON.stringify(devices) };
    };
    const list = async (headers: Record<string, string>) => {
      const res = await call('GET', '/api/studio/devices', headers);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<StudioDevices>();
    };
    const deviceIn = (all: StudioDevices, id: string): DeviceSummary | undefined =>
      all.places.flatMap((p) => p.devices).find((d) => d.id === id);
    const log = async () =>
      (await call('GET', '/api/studio/admin-log', alex)).json<AdminLogPage>().entries;

    beforeAll(async () => {
      hub = await startHubOn(dialect);
      await hub.publishDemoPack();
      alex = await hub.staffHeaders('alex-morgan', 'civic-centre');
      priya = await hub.staffHeaders('priya-shah', 'civic-centre');
      tom = await hub.staffHeaders('tom-evans', 'central-library');
    });
    afterAll(() => hub?.close());

    it('issues a code that enrols in its mode, whatever the browser asks, once', async () => {
      const res = await call('POST', '/api/studio/enrolment-codes', alex, {
        accessPointId: 'central-library',
        mode: 'kiosk',
        expiresInHours: 2,
      });
      expect(res.statusCode, res.body).toBe(201);
      const issued = res.json<IssuedCode>();
      expect(issued).toMatchObject({
        accessPointId: 'central-library',
        accessPointName: 'Central Library',
        mode: 'kiosk',
      });
      expect(issued.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      const hours = (Date.parse(issued.expiresAt) - Date.now()) / 3600_000;
      expect(hours).toBeGreaterThan(1.9);
      expect(hours).toBeLessThanOrEqual(2);

      // Waiting to be used: listed for the place without the code itself.
      const place = (await list(alex)).places.find((p) => p.id === 'central-library');
      expect(place?.pendingCodes).toEqual([
        expect.objectContaining({ mode: 'kiosk', issuedBy: 'alex-morgan' }),
      ]);
      expect(JSON.stringify(await list(alex))).not.toContain(issued.code);

      const enrolled = await enrolWith(issued.code.toLowerCase(), 'counter');
      expect(enrolled.statusCode, enrolled.body).toBe(201);
      expect(enrolled.json<EnrolResponse>()).toMatchObject({
        mode: 'kiosk',
        accessPoint: { id: 'central-library' },
      });
      expect((await enrolWith(issued.code, 'kiosk')).statusCode).toBe(403);

      const entry = (await log()).find((e) => e.action === 'enrolment-code.issue');
      expect(entry).toMatchObject({
        actorId: 'alex-morgan',
        partnerId: 'northshire-county-council',
        target: 'central-library',
        after: { accessPointId: 'central-library', mode: 'kiosk', expiresAt: issued.expiresAt },
      });
      expect(JSON.stringify(await log())).not.toContain(issued.code);
    });

    it('keeps the console’s codes working as before: the browser chooses the mode', async () => {
      const code = await issueEnrolmentCode(hub.storage, 'civic-centre');
      const res = await enrolWith(code, 'tablet');
      expect(res.json<EnrolResponse>().mode).toBe('tablet');
    });

    it('refuses an unknown place and bad input, storing nothing', async () => {
      const before = await counts();
      const unknown = await call('POST', '/api/studio/enrolment-codes', alex, {
        accessPointId: 'atlantis-library',
        mode: 'counter',
        expiresInHours: 24,
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().message).toContain('atlantis-library');
      for (const body of [
        { accessPointId: 'civic-centre', mode: 'phone', expiresInHours: 24 },
        { accessPointId: 'civic-centre', mode: 'counter', expiresInHours: 0 },
        { accessPointId: 'civic-centre', mode: 'counter', expiresInHours: 169 },
        { accessPointId: 'civic-centre', mode: 'counter', expiresInHours: 1.5 },
        { accessPointId: 'Civic Centre!', mode: 'counter', expiresInHours: 24 },
        { mode: 'counter' },
        {},
      ]) {
        const res = await call('POST', '/api/studio/enrolment-codes', alex, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().issues.length).toBeGreaterThan(0);
      }
      expect(await counts()).toEqual(before);
    });

    it('lets a partner manager act on their own partner’s places only', async () => {
      const mine = await call('POST', '/api/studio/enrolment-codes', priya, {
        accessPointId: 'civic-centre',
        mode: 'counter',
        expiresInHours: 24,
      });
      expect(mine.statusCode).toBe(201);
      const eastbury = await hub.enrol('eastbury-town-hall', 'counter');
      const before = await counts();
      const theirs = await call('POST', '/api/studio/enrolment-codes', priya, {
        accessPointId: 'eastbury-town-hall',
        mode: 'counter',
        expiresInHours: 24,
      });
      expect(theirs.statusCode).toBe(403);
      for (const action of ['revoke', 'replace']) {
        const res = await call(
          'POST',
          `/api/studio/devices/${eastbury.deviceId}/${action}`,
          priya,
          {},
        );
        expect(res.statusCode, action).toBe(403);
      }
      expect(await counts()).toEqual(before);
      // Her list: Northam's places only, so no Eastbury device.
      const seen = await list(priya);
      expect(new Set(seen.places.map((p) => p.partnerId))).toEqual(new Set([NORTHAM]));
      expect(deviceIn(seen, eastbury.deviceId)).toBeUndefined();
      expect(deviceIn(await list(alex), eastbury.deviceId)).toBeDefined();
      // Other roles may not use the studio's devices at all.
      expect((await call('GET', '/api/studio/devices', tom)).statusCode).toBe(403);
    });

    it('shows what each device reported when it last synced, with its flags', async () => {
      const device = await hub.enrol('civic-centre', 'counter');
      // Enrolled, never synced.
      expect(deviceIn(await list(alex), device.deviceId)?.flags).toEqual(['never-synced']);
      // An older device sends no report: it syncs as before.
      expect((await sync(device.token)).statusCode).toBe(200);
      const reported = await sync(device.token, {
        health: {
          outbox: 73,
          storagePersisted: false,
          appVersion: '1.4.0',
          packVersion: 0,
          staffId: 'priya-shah',
        },
      });
      expect(reported.statusCode, reported.body).toBe(200);
      const summary = deviceIn(await list(priya), device.deviceId);
      expect(summary).toMatchObject({
        mode: 'counter',
        outbox: 73,
        storagePersisted: false,
        appVersion: '1.4.0',
        packVersion: 0,
        lastStaffId: 'priya-shah',
        lastStaffName: 'Priya Shah',
        revokedAt: null,
      });
      expect(Date.now() - Date.parse(summary?.lastSyncAt ?? '')).toBeLessThan(60_000);
      expect(summary?.flags).toEqual(['outbox-backlog', 'storage-not-persisted', 'old-pack']);

      // Locked (no one signed in): the last person stays; a garbled report is dropped, never a
      // reason to refuse the sync.
      await sync(device.token, { health: { outbox: 0, packVersion: 1, storagePersisted: true } });
      const garbled = await sync(device.token, { health: { outbox: -1, packVersion: 'x' } });
      expect(garbled.statusCode, garbled.body).toBe(200);
      expect(deviceIn(await list(alex), device.deviceId)).toMatchObject({
        outbox: 0,
        packVersion: 1,
        storagePersisted: true,
        lastStaffName: 'Priya Shah',
        flags: [],
      });

      // A day without a sync.
      await hub.storage.db
        .updateTable('devices')
        .set({ last_sync_at: new Date(Date.now() - 25 * 3600_000).toISOString() })
        .where('id', '=', device.deviceId)
        .execute();
      expect(deviceIn(await list(alex), device.deviceId)?.flags).toEqual(['not-synced-24h']);
    });

    it('hears from the app’s own sync engine: what waits after each request, who, which pack', async () => {
      const enrolled = await hub.enrol('central-library', 'counter');
      const reports: unknown[] = [];
      const device = await openDevice(hub.url, enrolled, {
        signedIn: 'tom-evans',
        pushBatch: 2,
        fetch: (input, init) => {
          if (String(input).endsWith('/api/sync') && typeof init?.body === 'string') {
            reports.push((JSON.parse(init.body) as { health?: unknown }).health);
          }
          return fetch(input, init);
        },
      });
      for (let i = 0; i < 3; i++) await device.write();
      await device.engine.syncOnce();
      // Three waiting, two a request: one left after the first, none after the second.
      expect(reports.slice(0, 2)).toEqual([
        { outbox: 1, packVersion: 0, appVersion: 'test', staffId: 'tom-evans' },
        { outbox: 0, packVersion: 0, appVersion: 'test', staffId: 'tom-evans' },
      ]);
      // The next sync holds the pack the first one fetched.
      await device.engine.syncOnce();
      expect(reports.at(-1)).toMatchObject({ outbox: 0, packVersion: 1 });
      expect(deviceIn(await list(alex), enrolled.deviceId)).toMatchObject({
        outbox: 0,
        packVersion: 1,
        appVersion: 'test',
        lastStaffName: 'Tom Evans',
        storagePersisted: null,
        flags: [],
      });
      device.db.close();
    });

    it('revokes a device, which is refused at its next sync; logged once', async () => {
      const device = await hub.enrol('civic-centre', 'tablet');
      expect((await sync(device.token)).statusCode).toBe(200);
      const res = await call('POST', `/api/studio/devices/${device.deviceId}/revoke`, priya);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<DeviceSummary>()).toMatchObject({
        id: device.deviceId,
        revokedAt: expect.any(String),
        flags: ['revoked'],
      });
      const refused = await sync(device.token);
      expect(refused.statusCode).toBe(401);
      expect(refused.json().code).toBe('unauthorised');
      // Again: nothing changes, nothing more is logged.
      expect(
        (await call('POST', `/api/studio/devices/${device.deviceId}/revoke`, alex)).statusCode,
      ).toBe(200);
      const entries = (await log()).filter((e) => e.target === device.deviceId);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: 'device.revoke',
        actorId: 'priya-shah',
        partnerId: NORTHAM,
        before: { revokedAt: null, mode: 'tablet' },
        after: { revokedAt: expect.any(String) },
      });
      expect(JSON.stringify(entries)).not.toMatch(/token/i);
      expect((await call('POST', '/api/studio/devices/not-a-device/revoke', alex)).statusCode).toBe(
        404,
      );
    });

    it('replaces a device: revoked, and a new code for the same place and mode', async () => {
      const old = await hub.enrol('civic-centre-kiosk', 'kiosk');
      const res = await call('POST', `/api/studio/devices/${old.deviceId}/replace`, alex, {
        expiresInHours: 4,
      });
      expect(res.statusCode, res.body).toBe(201);
      const replaced = res.json<ReplacedDevice>();
      expect(replaced.revoked.flags).toEqual(['revoked']);
      expect(replaced.code).toMatchObject({ accessPointId: 'civic-centre-kiosk', mode: 'kiosk' });
      expect((await sync(old.token)).statusCode).toBe(401);
      const successor = await enrolWith(replaced.code.code, 'counter');
      expect(successor.json<EnrolResponse>()).toMatchObject({
        mode: 'kiosk',
        accessPoint: { id: 'civic-centre-kiosk' },
      });
      const entry = (await log()).find((e) => e.target === old.deviceId);
      expect(entry).toMatchObject({
        action: 'device.replace',
        before: { revokedAt: null },
        after: { replacement: { mode: 'kiosk', accessPointId: 'civic-centre-kiosk' } },
      });
      const bad = await call('POST', `/api/studio/devices/${old.deviceId}/replace`, alex, {
        expiresInHours: 1000,
      });
      expect(bad.statusCode).toBe(400);
    });
  });
}
