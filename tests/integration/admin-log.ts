// The studio's audit log (platform/store/admin-log.ts, features/admin-log): a change is logged
// with who, when, what, before and after, never a secret; the franchisor reads every entry, a
// partner manager only their partner's, anyone else nothing; pages and CSV export. Run on
// SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminLogPage } from '../../src/shared/api/admin-log.ts';
import { recordAdminChange } from '../../src/server/platform/store/admin-log.ts';
import { startHubOn, type TestHub } from '../helpers/hub.ts';

export function describeAdminLog(dialect: 'sqlite' | 'postgres'): void {
  describe(`the admin log on ${dialect}`, () => {
    let hub: TestHub;
    const get = async (url: string, headers: Record<string, string>) =>
      hub.app.inject({ method: 'GET', url, headers });

    beforeAll(async () => {
      hub = await startHubOn(dialect);
      const db = hub.storage.db;
      const alex = { id: 'alex-morgan', role: 'franchisor-admin' as const };
      await recordAdminChange(db, {
        actor: alex,
        partnerId: null,
        action: 'pack.publish',
        target: 'version-2',
        after: { note: 'Welsh wording' },
      });
      await recordAdminChange(db, {
        actor: alex,
        partnerId: 'northam-district-council',
        action: 'staff.reset-pin',
        target: 'alun-davies',
        before: { name: 'Alun Davies', pin: { hash: 'qxhash1', salt: 'qxsalt1' } },
        after: { name: 'Alun Davies', pin: { hash: 'qxhash2', salt: 'qxsalt2' } },
      });
      for (let i = 0; i < 60; i++) {
        await recordAdminChange(db, {
          actor: alex,
          partnerId: 'eastbury-borough-council',
          action: 'device.revoke',
          target: `=HYPERLINK("x")-${i}`,
        });
      }
    });
    afterAll(() => hub.close());

    it('gives the franchisor every entry, newest first, in pages', async () => {
      const headers = await hub.staffHeaders('alex-morgan', 'civic-centre');
      const first = await get('/api/studio/admin-log', headers);
      expect(first.statusCode).toBe(200);
      const page = first.json<AdminLogPage>();
      expect(page.entries).toHaveLength(50);
      expect(page.entries[0]?.target).toBe('=HYPERLINK("x")-59');
      expect(page.next).not.toBeNull();
      const second = (
        await get(`/api/studio/admin-log?before=${page.next}`, headers)
      ).json<AdminLogPage>();
      expect(second.entries.map((e) => e.action)).toEqual([
        ...Array<string>(10).fill('device.revoke'),
        'staff.reset-pin',
        'pack.publish',
      ]);
      expect(second.next).toBeNull();
      expect((await get('/api/studio/admin-log?before=x;drop', headers)).statusCode).toBe(400);
    });

    it('never shows a secret, before or after', async () => {
      const headers = await hub.staffHeaders('alex-morgan', 'civic-centre');
      const csv = (await get('/api/studio/admin-log.csv', headers)).body;
      const all = JSON.stringify(
        (await get('/api/studio/admin-log?before=12', headers)).json<AdminLogPage>(),
      );
      for (const text of [csv, all]) {
        // (Letters no uuid or hex id holds: 'abc' once turned up inside a random id.)
        expect(text).not.toMatch(/qxhash|qxsalt/);
      }
      expect(all).toContain('[secret]');
      expect(all).toContain('Alun Davies');
    });

    it('gives a partner manager their partner’s entries only, and others nothing', async () => {
      const priya = await hub.staffHeaders('priya-shah', 'civic-centre');
      const page = (await get('/api/studio/admin-log', priya)).json<AdminLogPage>();
      expect(page.entries.map((e) => e.target)).toEqual(['alun-davies']);
      const csv = (await get('/api/studio/admin-log.csv', priya)).body;
      expect(csv).toContain('alun-davies');
      expect(csv).not.toContain('HYPERLINK');
      const alun = await hub.staffHeaders('alun-davies', 'civic-centre');
      expect((await get('/api/studio/admin-log', alun)).statusCode).toBe(403);
      expect((await get('/api/studio/admin-log.csv', alun)).statusCode).toBe(403);
      expect((await get('/api/studio/admin-log', {})).statusCode).toBe(401);
    });

    it('exports CSV a spreadsheet cannot run', async () => {
      const headers = await hub.staffHeaders('alex-morgan', 'civic-centre');
      const res = await get('/api/studio/admin-log.csv', headers);
      expect(res.headers['content-type']).toContain('text/csv');
      const lines = res.body.trim().split('\r\n');
      expect(lines[0]).toBe('at,actor,role,partner,action,target,before,after');
      expect(lines).toHaveLength(63);
      expect(lines[1]).toContain(`"'=HYPERLINK(""x"")-59"`);
    });
  });
}
