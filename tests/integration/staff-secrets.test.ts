// Issue 12 (items 5 and 6) through the real hub on SQLite: a privileged person's verifier never
// reaches a device, they sign in through the hub with a longer secret, their ops count only
// with a hub session opened on the device that sent them; and wrong PINs are counted per person
// and place in the store, so one place cannot lock someone out of another, a second server
// process shares the count, and a restart keeps it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { unlock } from '../../src/client/db/staff-session.ts';
import { buildApp } from '../../src/server/app.ts';
import { DEMO_STAFF } from '../../src/server/features/staff/demo-staff.ts';
import { migrationsFor } from '../../src/server/platform/store/migration-files.ts';
import { openSqliteStorage } from '../../src/server/storage.ts';
import { hashPin, type StaffMember } from '../../src/shared/staff.ts';
import {
  PROTOCOL_VERSION,
  type EnrolResponse,
  type OpResult,
  type SyncResponse,
} from '../../src/shared/sync/protocol.ts';
import { noteOp } from '../helpers/fixtures.ts';
import { openDevice } from '../helpers/client.ts';
import { startHub, type TestHub } from '../helpers/hub.ts';

const secretOf = (staffId: string) => DEMO_STAFF.find((s) => s.id === staffId)?.pin ?? '';

describe('privileged people on shared devices', () => {
  let hub: TestHub;
  afterEach(() => hub.close());

  const signIn = (device: EnrolResponse, staffId: string, pin = secretOf(staffId)) =>
    hub.app.inject({
      method: 'POST',
      url: '/api/staff/sessions',
      headers: { authorization: `Bearer ${device.token}` },
      payload: { staffId, pin },
    });

  async function push(device: EnrolResponse, staffId: string): Promise<OpResult> {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { authorization: `Bearer ${device.token}` },
      payload: {
        type: 'sync',
        protocolVersion: PROTOCOL_VERSION,
        cursor: null,
        push: [{ ...noteOp(device.deviceId), staffId }],
      },
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json<SyncResponse>().results[0] as OpResult;
  }

  it('sends no privileged verifier to any device; such a person unlocks only through the hub', async () => {
    hub = await startHub();
    const device = await openDevice(hub.url, await hub.enrol('central-library'));
    await device.engine.syncOnce();
    const people = await device.db.staff.toArray();
    expect(people.map((p) => [p.id, p.pin === null])).toEqual([
      ['alex-morgan', true],
      ['ruth-hale', false],
      ['tom-evans', false],
    ]);
    // Nothing of the hub's verifier for Alex is on the device.
    const hubCopy = await hub.storage.staff.findStaff('alex-morgan');
    expect(JSON.stringify(people)).not.toContain(hubCopy?.pin.hash);
    expect(JSON.stringify(people)).not.toContain(hubCopy?.pin.salt);
    expect(await unlock(device.db, 'alex-morgan', secretOf('alex-morgan'))).toEqual({
      ok: false,
      reason: 'needs-hub',
    });
  });

  it('lets a privileged person in at the hub with their longer secret only', async () => {
    hub = await startHub();
    const desk = await hub.enrol('civic-centre');
    expect((await signIn(desk, 'alex-morgan')).statusCode).toBe(201);
    expect((await signIn(desk, 'priya-shah')).statusCode).toBe(201);
    expect((await signIn(desk, 'priya-shah', '246802')).statusCode).toBe(401);
  });

  it('refuses a short secret for a privileged person on create and reset', async () => {
    hub = await startHub();
    const desk = await hub.enrol('civic-centre');
    const session = (await signIn(desk, 'alex-morgan')).json<{ token: string }>().token;
    const post = (role: string, pin: string) =>
      hub.app.inject({
        method: 'POST',
        url: '/api/staff',
        headers: { authorization: `Bearer ${desk.token}`, 'x-staff-session': session },
        payload: {
          id: 'kim-lo',
          name: 'Kim Lo',
          role,
          partnerId: 'northam-district-council',
          accessPointIds: ['civic-centre'],
          pin,
        },
      });
    const short = await post('partner-manager', '135791');
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('10 or more digits or a passphrase');
    expect((await post('partner-manager', '1357913579')).statusCode).toBe(201);
    // A reset (the same person again) holds to the same rule.
    expect((await post('partner-manager', '24680')).statusCode).toBe(400);
    expect((await post('partner-manager', 'a new passphrase for Kim')).statusCode).toBe(200);
    // Made a counter again: a PIN of six to eight digits, which the devices may check.
    expect((await post('counter', '1357913579')).statusCode).toBe(400);
    expect((await post('counter', '135791')).statusCode).toBe(200);
  });

  it('applies an op naming a privileged person only after their hub session on that device', async () => {
    hub = await startHub();
    const desk = await hub.enrol('civic-centre');
    const otherDesk = await hub.enrol('civic-centre');
    // A device that merely says Priya is signed in (a copied or tampered database): refused.
    expect(await push(desk, 'priya-shah')).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
      reason: expect.stringContaining('through the hub'),
    });
    // Desk staff are not affected.
    expect(await push(desk, 'alun-davies')).toMatchObject({ status: 'applied' });
    // Priya signs in on the other desk: that does not vouch for this one.
    expect((await signIn(otherDesk, 'priya-shah')).statusCode).toBe(201);
    expect(await push(desk, 'priya-shah')).toMatchObject({ status: 'rejected' });
    expect(await push(otherDesk, 'priya-shah')).toMatchObject({ status: 'applied' });
    // A wrong secret opens nothing.
    expect((await signIn(desk, 'priya-shah', '1111111111')).statusCode).toBe(401);
    expect(await push(desk, 'priya-shah')).toMatchObject({ status: 'rejected' });
    expect((await signIn(desk, 'priya-shah')).statusCode).toBe(201);
    expect(await push(desk, 'priya-shah')).toMatchObject({ status: 'applied' });
  });
});

describe('wrong PINs at the hub', () => {
  let hub: TestHub;
  afterEach(() => hub.close());

  const signIn = (app: TestHub['app'], device: EnrolResponse, staffId: string, pin: string) =>
    app.inject({
      method: 'POST',
      url: '/api/staff/sessions',
      headers: { authorization: `Bearer ${device.token}` },
      payload: { staffId, pin },
    });

  it('at another partner’s place never lock the person out of their own', async () => {
    hub = await startHub();
    // Alex works at the civic centre, not at the post office; someone there tries five times.
    const postOffice = await hub.enrol('market-street-post-office');
    const civic = await hub.enrol('civic-centre');
    for (let i = 0; i < 5; i++) {
      expect((await signIn(hub.app, postOffice, 'alex-morgan', `00000${i}`)).statusCode).toBe(401);
    }
    expect((await signIn(hub.app, postOffice, 'alex-morgan', '000009')).statusCode).toBe(429);
    expect((await signIn(hub.app, civic, 'alex-morgan', secretOf('alex-morgan'))).statusCode).toBe(
      201,
    );
  });

  it('are one count for every server process, and a restart keeps it', async () => {
    hub = await startHub();
    // A second server process on the same database.
    const second = await buildApp({ storage: hub.storage });
    const desk = await hub.enrol('central-library');
    const otherDesk = await hub.enrol('central-library');
    try {
      for (let i = 0; i < 3; i++) {
        expect((await signIn(hub.app, desk, 'tom-evans', '000000')).statusCode).toBe(401);
      }
      // Another device at the same place, through the other process: the same count.
      for (let i = 0; i < 2; i++) {
        expect((await signIn(second, otherDesk, 'tom-evans', '000000')).statusCode).toBe(401);
      }
      const locked = await signIn(second, desk, 'tom-evans', secretOf('tom-evans'));
      expect(locked.statusCode).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(200);
      // Restarted (a fresh app over the same store): still locked out.
      await second.close();
      const restarted = await buildApp({ storage: hub.storage });
      expect((await signIn(restarted, desk, 'tom-evans', secretOf('tom-evans'))).statusCode).toBe(
        429,
      );
      await restarted.close();
    } finally {
      await second.close();
    }
  });
});

describe('migration 0020 on a hub with history', () => {
  it('takes privileged PIN hashes out of the feed and sends those people again without', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anydoor-0020-'));
    const storage = openSqliteStorage(join(dir, 'hub.sqlite'));
    try {
      const migrator = new Migrator({
        db: storage.db,
        provider: { getMigrations: () => Promise.resolve(migrationsFor('sqlite')) },
        migrationTableName: 'anydoor_migrations',
        migrationLockTableName: 'anydoor_migrations_lock',
      });
      expect((await migrator.migrateTo('0019-insight-rollup-deltas')).error).toBeUndefined();
      // As the hub wrote them before: each person's record with their PIN hash, to each place.
      const pin = await hashPin('135790', 100_000);
      const people: StaffMember[] = [
        {
          id: 'alex-morgan',
          name: 'Alex Morgan',
          role: 'franchisor-admin',
          partnerId: null,
          teamIds: [],
          accessPointIds: ['central-library', 'civic-centre'],
          pin,
        },
        {
          id: 'tom-evans',
          name: 'Tom Evans',
          role: 'counter',
          partnerId: 'northshire-county-council',
          teamIds: [],
          accessPointIds: ['central-library'],
          pin,
        },
      ];
      const at = new Date().toISOString();
      for (const p of people) {
        await storage.db
          .insertInto('staff')
          .values({
            id: p.id,
            name: p.name,
            role: p.role,
            partner_id: p.partnerId,
            team_ids: '[]',
            access_point_ids: JSON.stringify(p.accessPointIds),
            pin: JSON.stringify(pin),
            updated_at: at,
            revoked_at: null,
          })
          .execute();
        await storage.db
          .insertInto('changes')
          .values(
            p.accessPointIds.map((ap) => ({
              scope: `ap:${ap}`,
              entity: 'staff',
              entity_id: p.id,
              op: 'upsert' as const,
              data: JSON.stringify(p),
              origin_device: null,
              created_at: at,
            })),
          )
          .execute();
      }
      await storage.migrate();
      const rows = await storage.db
        .selectFrom('changes')
        .select(['entity_id', 'scope', 'data'])
        .where('entity', '=', 'staff')
        .orderBy('seq')
        .execute();
      const summary = rows.map((r) => [
        r.entity_id,
        r.scope,
        (JSON.parse(r.data) as StaffMember).pin === null ? 'no hash' : 'hash',
      ]);
      expect(summary).toEqual([
        ['alex-morgan', 'ap:central-library', 'no hash'],
        ['alex-morgan', 'ap:civic-centre', 'no hash'],
        ['tom-evans', 'ap:central-library', 'hash'],
        // Sent again, so a device that holds Alex's hash replaces its copy.
        ['alex-morgan', 'ap:central-library', 'no hash'],
        ['alex-morgan', 'ap:civic-centre', 'no hash'],
      ]);
      // The hub keeps its own verifier.
      expect((await storage.staff.findStaff('alex-morgan'))?.pin).toEqual(pin);
    } finally {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
