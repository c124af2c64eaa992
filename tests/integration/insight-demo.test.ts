// The demo history makes every insight chart meaningful on a first start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { seedDemoData } from '../../src/server/demo-data.ts';
import { openSqliteStorage } from '../../src/server/storage.ts';
import { defaultFrom } from '../../src/shared/insight.ts';

const dir = mkdtempSync(join(tmpdir(), 'anydoor-insight-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('seeds six months that fill every chart, with a best place, a struggling team and movers', async () => {
  const storage = openSqliteStorage(join(dir, 'hub.sqlite'));
  await storage.migrate();
  const started = performance.now();
  expect(await seedDemoData(storage)).toBe(true);
  expect(performance.now() - started).toBeLessThan(15_000);
  const to = new Date().toISOString().slice(0, 10);
  const d = await storage.insight.insightDashboard(
    { from: defaultFrom(to), to },
    { kind: 'all' },
    new Date().toISOString(),
  );
  expect(d.volumes.total).toBeGreaterThan(5000);
  expect(d.volumes.byChannel.length).toBe(7);
  expect(d.volumes.byMonth.length).toBe(6);
  const months = d.volumes.byMonth;
  expect(months.at(-2)!.faceToFace / months.at(-2)!.contacts).toBeLessThan(
    months[0]!.faceToFace / months[0]!.contacts,
  );
  expect(d.satisfaction.reasons.length).toBeGreaterThan(3);
  expect(d.appreciative.places.best[0]?.accessPointId).toBe('central-library');
  expect(d.followups.answered).toBeGreaterThan(20);
  const waste = d.commitments.byTeam.find(
    (t) => t.partnerId === 'northam-district-council' && t.teamId === 'waste-collection',
  );
  const share = (t: { kept: number; missed: number }) => t.kept / (t.kept + t.missed);
  expect(waste && share(waste)).toBeLessThan(0.6);
  expect(d.commitments.byTeam.some((t) => t.atRisk + t.breached > 0)).toBe(true);
  expect(d.channelShift.moved).toBeGreaterThan(50);
  expect(d.channelShift.people.length).toBeGreaterThan(50);
  expect(d.channelShift.saving).toBeGreaterThan(0);
  expect(d.cost.total).toBeGreaterThan(0);
  await storage.close();
});
