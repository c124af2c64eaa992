// The demo hub's mystery-shopping history (seed/demo-audits.ts): enough for every chart to mean something.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditScores } from '../../src/server/features/audits/audit-store.ts';
import { openSqliteStorage } from '../../src/server/storage.ts';
import { seedDemoData } from '../../src/server/demo-data.ts';

describe('demo audits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anydoor-demo-audits-'));
  const storage = openSqliteStorage(join(dir, 'demo.sqlite'));
  let scores: AuditScores;

  beforeAll(async () => {
    await storage.migrate();
    await seedDemoData(storage, new Date('2026-11-23T12:00:00Z'));
    scores = await storage.audits.auditScores({});
  });
  afterAll(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('visits every place monthly for six months, scored by the hub', () => {
    expect(scores.byAccessPoint).toHaveLength(13);
    for (const place of scores.byAccessPoint) expect(place.audits, place.accessPointId).toBe(6);
    expect(scores.byMonth.map((m) => m.month)).toEqual([
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    expect(scores.byStandard.map((s) => s.standardId)).toContain('promises');
  });

  it('tells a story: some places improve, Brook End slips', () => {
    const trend = (id: string) =>
      scores.byAccessPointMonth.filter((r) => r.accessPointId === id).map((r) => r.score ?? 0);
    const change = (id: string) => {
      const months = trend(id);
      const half = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
      return half(months.slice(3)) - half(months.slice(0, 3));
    };
    expect(change('civic-centre')).toBeGreaterThan(10);
    expect(change('central-library')).toBeGreaterThan(10);
    expect(change('brook-end-post-office')).toBeLessThan(-10);
  });
});
