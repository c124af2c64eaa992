// The studio's people (features/staff/people-routes.ts) on a real hub: a partner manager lists,
// invites, edits, moves, resets and revokes their own partner's people only, never hands out a
// franchisor role or another partner's place; the franchisor reaches everyone. Each change is
// in the admin log with before and after (never a PIN hash), its new PIN reaches the person's
// devices through the feed (never a kiosk, never a privileged person's), and a refused change
// leaves everything as it was. Run on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminLogPage } from '../../src/shared/api/admin-log.ts';
import type { PeopleList, PersonEntry, PersonSaved } from '../../src/shared/api/people.ts';
import { PROTOCOL_VERSION, type Change } from '../../src/shared/sync/protocol.ts';
import { startHubOn, type TestHub } from '../helpers/hub.ts';

const NORTHAM = 'northam-district-council';
const EASTBURY = 'eastbury-borough-council';

export function describeStudioPeople(dialect: 'sqlite' | 'postgres'): void {
  describe(`the studio's people on ${dialect}`, () => {
    let hub: TestHub;
    let priya: Record<string, string>;
    let alex: Record<string, string>;
    let counter: { token: string; deviceId: string };
    let kiosk: { token: string; deviceId: string };

    const call = (
      method: 'GET' | 'POST',
      url: string,
      headers: Record<string, string>,
      payload?: object,
    ) => hub.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    const signIn = async (staffId: string, pin: string) =>
      (
        await call(
          'POST',
          '/api/staff/sessions',
          { authorization: `Bearer ${counter.token}` },
          { staffId, pin },
        )
      ).statusCode;
    async function feed(device: { token: string }): Promise<Change[]> {
      const all: Change[] = [];
      let cursor: string | null = null;
      for (;;) {
        const page: { changes: Change[]; cursor: string | null; hasMore: boolean } = (
          await call(
            'POST',
            '/api/sync',
            { authorization: `Bearer ${device.token}` },
            { type: 'sync', protocolVersion: PROTOCOL_VERSION, push: [], cursor, pullLimit: 1000 },
          )
        ).json();
        all.push(...page.changes);
        cursor = page.cursor;
        if (!page.hasMore) return all;
      }
    }
    /** The last change the feed holds for a person, as a device receives it. */
    const lastStaffChange = async (device: { token: string }, id: string) =>
      (await feed(device)).filter((c) => c.entity === 'staff' && c.id === id).at(-1);
    const log = async () =>
      (await call('GET', '/api/studio/admin-log', alex)).json<AdminLogPage>().entries;
    const invite = (headers: Record<string, string>, body: Record<string, unknown>) =>
      call('POST', '/api/staff/people', headers, {
        name: 'Dee Counter',
        role: 'counter',
        partnerId: NORTHAM,
        teamIds: [],
        accessPointIds: ['civic-centre'],
        ...body,
      });
    const issue = (res: { json: () => unknown }) =>
      ((res.json() as { issues?: string[] }).issues ?? [])[0]?.split(':')[0];
    /** What a refused call must leave as it was. */
    const snapshot = async () => {
      const db = hub.storage.db;
      const tables = await Promise.all(
        (['staff', 'staff_sessions', 'admin_log'] as const).map(async (t) =>
          (await db.selectFrom(t).selectAll().execute()).map((r) => JSON.stringify(r)).sort(),
        ),
      );
      const changes = await db
        .selectFrom('changes')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return [...tables, String(changes.n)];
    };

    beforeAll(async () => {
      hub = await startHubOn(dialect);
      await hub.publishDemoPack();
      priya = await hub.staffHeaders('priya-shah', 'civic-centre');
      alex = await hub.staffHeaders('alex-morgan', 'civic-centre');
      counter = await hub.enrol('civic-centre', 'counter');
      kiosk = await hub.enrol('civic-centre-kiosk', 'kiosk');
    });
    afterAll(() => hub.close());

    it('lists a manager’s own partner’s people, and everyone (or one partner) for the franchisor', async () => {
      const mine = (await call('GET', '/api/staff/people', priya)).json<PeopleList>();
      expect(mine.people.map((p) => p.id).sort()).toEqual(['alun-davies', 'priya-shah']);
      expect(new Set(mine.places.map((p) => p.partnerId))).toEqual(new Set([NORTHAM]));
      expect(JSON.stringify(mine)).not.toMatch(/salt|hash/);
      const refused = await call('GET', `/api/staff/people?partner=${EASTBURY}`, priya);
      expect(refused.statusCode).toBe(403);
      expect((await call('GET', '/api/staff/people/grace-obi', priya)).statusCode).toBe(403);

      const all = (await call('GET', '/api/staff/people', alex)).json<PeopleList>();
      expect(all.people.map((p) => p.id)).toContain('grace-obi');
      expect(all.places.length).toBeGreaterThan(mine.places.length);
      const eastbury = (
        await call('GET', `/api/staff/people?partner=${EASTBURY}`, alex)
      ).json<PeopleList>();
      expect(eastbury.people.map((p) => p.id)).toEqual(['grace-obi']);
    });

    it('invites a person with a secret shown once, logged without it, usable at their place', async () => {
      const res = await invite(priya, { id: 'dee-counter', teamIds: ['customer-services'] });
      expect(res.statusCode, res.body).toBe(201);
      const saved = res.json<PersonSaved>();
      expect(saved.secret).toMatch(/^\d{8}$/);
      expect(saved.person).toMatchObject({ id: 'dee-counter', role: 'counter', revokedAt: null });
      expect(await signIn('dee-counter', saved.secret!)).toBe(201);
      // Never again: the list and the person's page hold no secret and no hash.
      const page = (await call('GET', '/api/staff/people/dee-counter', priya)).body;
      expect(page).not.toContain(saved.secret!);
      expect(page).not.toMatch(/salt|hash/);
      const entry = (await log()).find((e) => e.target === 'dee-counter');
      expect(entry).toMatchObject({
        action: 'staff.invite',
        actorId: 'priya-shah',
        partnerId: NORTHAM,
        before: null,
        after: { name: 'Dee Counter', accessPointIds: ['civic-centre'] },
      });
      expect(JSON.stringify(entry)).not.toMatch(/salt|hash|pin/i);

      // A secret set by the manager: a privileged role needs the longer kind.
      const weak = await invite(priya, {
        id: 'mo-manager',
        role: 'partner-manager',
        pin: '123456',
      });
      expect(weak.statusCode).toBe(400);
      expect(issue(weak)).toBe('weak-secret');
      const strong = await invite(priya, {
        id: 'mo-manager',
        role: 'partner-manager',
        pin: '1357913579',
      });
      expect(strong.statusCode, strong.body).toBe(201);
      expect(strong.json<PersonSaved>().secret).toBeUndefined();
      // A privileged person's verifier never goes to a device.
      const sent = await lastStaffChange(counter, 'mo-manager');
      expect((sent?.data as { pin: unknown }).pin).toBeNull();
    });

    it('refuses a duplicate id, a weak PIN, an unknown place, another partner’s place and role', async () => {
      const before = await snapshot();
      const cases: [Record<string, unknown>, number, string][] = [
        [{ id: 'alun-davies' }, 409, 'duplicate-id'],
        [{ id: 'new-one', pin: '1234' }, 400, 'weak-secret'],
        [{ id: 'new-one', accessPointIds: ['no-such-place'] }, 400, 'unknown-place'],
        [{ id: 'new-one', accessPointIds: ['eastbury-town-hall'] }, 403, 'other-partners-place'],
        [{ id: 'new-one', role: 'auditor' }, 403, 'role-not-yours'],
        [
          { id: 'new-one', role: 'franchisor-admin', pin: 'a long passphrase' },
          403,
          'role-not-yours',
        ],
        [
          { id: 'new-one', partnerId: EASTBURY, accessPointIds: ['eastbury-town-hall'] },
          403,
          'not-yours',
        ],
        [{ id: 'new-one', teamIds: ['no-such-team'] }, 400, 'unknown-team'],
      ];
      for (const [body, status, reason] of cases) {
        const res = await invite(priya, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(status);
        expect(issue(res), JSON.stringify(body)).toBe(reason);
      }
      expect(await snapshot()).toEqual(before);
      // The franchisor hands out franchisor roles (and is refused a partner's place mismatch).
      const auditor = await invite(alex, { id: 'new-auditor', role: 'auditor', partnerId: null });
      expect(auditor.statusCode, auditor.body).toBe(201);
      const mismatch = await invite(alex, {
        id: 'new-two',
        accessPointIds: ['eastbury-town-hall'],
      });
      expect(mismatch.statusCode).toBe(400);
      expect(issue(mismatch)).toBe('other-partners-place');
    });

    it('edits name, role and teams; a change into a privileged role issues a longer secret', async () => {
      await invite(priya, { id: 'eve-edit', pin: '24682468' });
      const renamed = await call('POST', '/api/staff/eve-edit/edit', priya, {
        name: 'Eve Edwards',
        role: 'back-office',
        teamIds: ['waste-collection'],
      });
      expect(renamed.statusCode, renamed.body).toBe(200);
      expect(renamed.json<PersonSaved>().secret).toBeUndefined();
      expect(await signIn('eve-edit', '24682468')).toBe(201);
      const entry = (await log()).find((e) => e.target === 'eve-edit' && e.action === 'staff.edit');
      expect(entry?.before).toMatchObject({ name: 'Dee Counter', role: 'counter' });
      expect(entry?.after).toMatchObject({ name: 'Eve Edwards', role: 'back-office' });

      const promoted = await call('POST', '/api/staff/eve-edit/edit', priya, {
        name: 'Eve Edwards',
        role: 'partner-manager',
        teamIds: [],
      });
      const secret = promoted.json<PersonSaved>().secret;
      expect(secret).toMatch(/^\d{12}$/);
      expect(await signIn('eve-edit', '24682468')).toBe(401);
      expect(await signIn('eve-edit', secret!)).toBe(201);

      const before = await snapshot();
      for (const [body, status, reason] of [
        [{ name: 'X', role: 'auditor', teamIds: [] }, 403, 'role-not-yours'],
        [{ name: 'X', role: 'counter', teamIds: ['no-such-team'] }, 400, 'unknown-team'],
        [{ name: 'X', role: 'counter', teamIds: [], pin: '12' }, 400, 'weak-secret'],
      ] as const) {
        const res = await call('POST', '/api/staff/eve-edit/edit', priya, body);
        expect(res.statusCode).toBe(status);
        expect(issue(res)).toBe(reason);
      }
      const self = await call('POST', '/api/staff/priya-shah/edit', priya, {
        name: 'Priya Shah',
        role: 'counter',
        teamIds: [],
      });
      expect(issue(self)).toBe('yourself');
      expect(
        (
          await call('POST', '/api/staff/grace-obi/edit', priya, {
            name: 'Grace',
            role: 'counter',
            teamIds: [],
          })
        ).statusCode,
      ).toBe(403);
      expect(await snapshot()).toEqual(before);
    });

    it('moves a person between their partner’s places only; their sessions there end', async () => {
      await invite(priya, { id: 'max-move', pin: '13571357' });
      const kioskPlace = await call('POST', '/api/staff/max-move/move', priya, {
        accessPointIds: ['civic-centre', 'civic-centre-kiosk'],
      });
      expect(kioskPlace.statusCode, kioskPlace.body).toBe(200);
      expect(await signIn('max-move', '13571357')).toBe(201);
      const before = await snapshot();
      for (const [body, status, reason] of [
        [{ accessPointIds: ['eastbury-town-hall'] }, 403, 'other-partners-place'],
        [{ accessPointIds: ['nowhere'] }, 400, 'unknown-place'],
        [{ accessPointIds: ['eastbury-town-hall'], partnerId: EASTBURY }, 403, 'not-yours'],
      ] as const) {
        const res = await call('POST', '/api/staff/max-move/move', priya, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(status);
        expect(issue(res)).toBe(reason);
      }
      expect(await snapshot()).toEqual(before);
      // Moved off the civic centre: its devices forget them, and their session there ends.
      const moved = await call('POST', '/api/staff/max-move/move', priya, {
        accessPointIds: ['civic-centre-kiosk'],
      });
      expect(moved.json<PersonSaved>().person.accessPointIds).toEqual(['civic-centre-kiosk']);
      expect((await lastStaffChange(counter, 'max-move'))?.op).toBe('delete');
      const sessions = await hub.storage.db
        .selectFrom('staff_sessions')
        .selectAll()
        .where('staff_id', '=', 'max-move')
        .execute();
      expect(sessions).toEqual([]);
      const entry = (await log()).find((e) => e.target === 'max-move' && e.action === 'staff.move');
      expect(entry?.after).toMatchObject({ accessPointIds: ['civic-centre-kiosk'] });
      // The franchisor moves people between partners; both partners' logs have it.
      const across = await call('POST', '/api/staff/max-move/move', alex, {
        accessPointIds: ['eastbury-town-hall'],
        partnerId: EASTBURY,
      });
      expect(across.statusCode, across.body).toBe(200);
      const moves = (await log()).filter(
        (e) => e.target === 'max-move' && e.action === 'staff.move',
      );
      expect(
        moves
          .map((e) => e.partnerId)
          .slice(0, 2)
          .sort(),
      ).toEqual([EASTBURY, NORTHAM]);
    });

    it('resets a PIN: shown once, the old one stops, devices get the new hash, kiosks nothing', async () => {
      await invite(priya, { id: 'rita-reset', pin: '11223344' });
      const oldHash = (await lastStaffChange(counter, 'rita-reset'))?.data as { pin: unknown };
      expect(await signIn('rita-reset', '11223344')).toBe(201);
      const res = await call('POST', '/api/staff/rita-reset/reset-pin', priya);
      expect(res.statusCode, res.body).toBe(200);
      const { secret } = res.json<PersonSaved>();
      expect(secret).toMatch(/^\d{8}$/);
      // Their sessions ended with the reset.
      const open = await hub.storage.db
        .selectFrom('staff_sessions')
        .selectAll()
        .where('staff_id', '=', 'rita-reset')
        .execute();
      expect(open).toEqual([]);
      expect(await signIn('rita-reset', '11223344')).toBe(401);
      expect(await signIn('rita-reset', secret!)).toBe(201);
      const newHash = (await lastStaffChange(counter, 'rita-reset'))?.data as { pin: unknown };
      expect(newHash.pin).not.toBeNull();
      expect(newHash.pin).not.toEqual(oldHash.pin);
      expect((await feed(kiosk)).some((c) => c.entity === 'staff')).toBe(false);
      const entry = (await log()).find((e) => e.action === 'staff.reset-pin');
      expect(entry?.target).toBe('rita-reset');
      expect(JSON.stringify(entry)).not.toMatch(/salt|hash/);
      expect(JSON.stringify(entry)).not.toContain(secret);

      // A manager's own choice of PIN, and a privileged person's secret (never to a device).
      const given = await call('POST', '/api/staff/rita-reset/reset-pin', priya, {
        pin: '99887766',
      });
      expect(given.json<PersonSaved>().secret).toBeUndefined();
      expect(await signIn('rita-reset', '99887766')).toBe(201);
      const weak = await call('POST', '/api/staff/mo-manager/reset-pin', priya, {
        pin: '99887766',
      });
      expect(issue(weak)).toBe('weak-secret');
      const manager = await call('POST', '/api/staff/mo-manager/reset-pin', priya);
      expect(manager.json<PersonSaved>().secret).toMatch(/^\d{12}$/);
      expect(
        ((await lastStaffChange(counter, 'mo-manager'))?.data as { pin: unknown }).pin,
      ).toBeNull();
      expect((await call('POST', '/api/staff/grace-obi/reset-pin', priya)).statusCode).toBe(403);
      expect((await call('POST', '/api/staff/ruth-hale/reset-pin', priya)).statusCode).toBe(403);
    });

    it('revokes a person: logged, their session ends, edits are refused afterwards', async () => {
      await invite(priya, { id: 'rob-revoke', pin: '55667788' });
      expect(await signIn('rob-revoke', '55667788')).toBe(201);
      const res = await call('POST', '/api/staff/rob-revoke/revoke', priya);
      expect(res.statusCode).toBe(200);
      expect(await signIn('rob-revoke', '55667788')).toBe(401);
      const entry = (await log()).find(
        (e) => e.target === 'rob-revoke' && e.action === 'staff.revoke',
      );
      expect(entry?.after).toMatchObject({ revokedAt: expect.any(String) });
      const listed = (await call('GET', '/api/staff/people', priya)).json<PeopleList>();
      expect(listed.people.find((p: PersonEntry) => p.id === 'rob-revoke')?.revokedAt).toEqual(
        expect.any(String),
      );
      const edit = await call('POST', '/api/staff/rob-revoke/reset-pin', priya);
      expect(edit.statusCode).toBe(409);
      expect(issue(edit)).toBe('revoked');
    });

    it('shows training completed per person', async () => {
      const db = hub.storage.db;
      await db
        .insertInto('training_completions')
        .values({
          id: 'tc-1',
          staff_id: 'alun-davies',
          module_id: 'blue-badge-training',
          score: 100,
          completed_at: new Date().toISOString(),
          access_point_id: 'civic-centre',
          device_id: counter.deviceId,
          received_at: new Date().toISOString(),
          op_id: 'op-tc-1',
        })
        .execute();
      const alun = (await call('GET', '/api/staff/people/alun-davies', priya)).json<PersonEntry>();
      expect(alun.completed).toEqual([
        expect.objectContaining({ moduleId: 'blue-badge-training', score: 100 }),
      ]);
    });
  });
}
