// The `dashboard` figure: the franchisor's insight dashboard (every query of one load) over
// 1,000,000 contacts and 200,000 cases with their commitment results, on SQLite and on
// PostgreSQL. The history is generated (deterministically) and bulk-inserted through the same
// triggers that keep the rollups on a live hub, then the dashboard is loaded several times.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEMO_ACCESS_POINTS } from '../src/server/demo-data.ts';
import { buildDemoPack } from '../src/server/features/pack/build-demo-pack.ts';
import { openDueRows } from '../src/server/features/insight/insight-dues.ts';
import { type Storage, openPostgresStorage, openSqliteStorage } from '../src/server/storage.ts';
import type {
  CasesTable,
  CommitmentResultsTable,
  ContactsTable,
  Database,
  FeedbackTable,
  InsightOpenDuesTable,
} from '../src/server/platform/store/schema.ts';
import type { CaseDue } from '../src/shared/case.ts';
import { validatePack } from '../src/shared/pack/validate-pack.ts';
import { defaultFrom } from '../src/shared/insight.ts';
import { sql, type Kysely } from 'kysely';
import { median, quantile, round } from './stats.ts';

export type DashboardStore = 'sqlite' | 'postgres';

export interface DashboardOptions {
  contacts: number;
  cases: number;
  runs: number;
  pgAdminUrl: string;
}

export interface DashboardFigure {
  median: number;
  p95: number;
  /** The first load after the data was written (pack names not yet cached). */
  first: number;
  runs: number;
  /** Seconds spent generating and inserting the history (triggers included). */
  loadSeconds: number;
}

const DAY_MS = 86_400_000;
const CHANNEL_WEIGHTS: [string, number][] = [
  ['face-to-face', 38],
  ['phone', 27],
  ['web', 24],
  ['kiosk', 5],
  ['email', 4],
  ['letter', 1],
  ['sms', 1],
];
const OUTCOME_WEIGHTS: [string, number][] = [
  ['resolved', 45],
  ['self-serve', 20],
  ['captured', 20],
  ['referred', 10],
  ['booked', 5],
];

/** mulberry32: the same history every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted(rand: () => number, weights: [string, number][]): string {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [value, w] of weights) {
    r -= w;
    if (r < 0) return value;
  }
  return weights[0]?.[0] ?? '';
}

async function insertAll<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: readonly unknown[],
  chunk: number,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + chunk) as never)
      .execute();
  }
}

/** Writes the generated history; returns the seconds it took. */
export async function generate(storage: Storage, options: DashboardOptions, now: Date) {
  const started = performance.now();
  const checked = validatePack(buildDemoPack());
  if (!checked.ok) throw new Error('invalid demo pack');
  await storage.core.upsertAccessPoints(DEMO_ACCESS_POINTS);
  await storage.core.publishPack(checked.pack, { now: now.toISOString() });
  const places = DEMO_ACCESS_POINTS;
  // A few services take most contacts, as at a real counter.
  const services = checked.pack.services.map((s) => ({
    id: s.id,
    tier: s.tier,
    // Each service has its delivering partner's team, as the pack says.
    owner: `${s.delivery.default.partnerId}/${s.delivery.default.teamId}`,
  }));
  const rand = random(20_261_123);
  const pick = <T>(list: readonly T[], skew = 1): T =>
    list[Math.floor(list.length * rand() ** skew)] as T;
  // Six calendar months up to now: the span the dashboard opens on.
  const start = Date.parse(`${defaultFrom(now.toISOString().slice(0, 10))}T00:00:00Z`);
  const span = now.getTime() - start;
  const when = () => new Date(start + Math.floor(rand() * span)).toISOString();
  const customers = Math.max(1, Math.round(options.contacts / 16));
  const db = storage.db;
  const batch = 10_000;
  const chunk = storage.dialect === 'sqlite' ? 2000 : 4000;

  for (let done = 0; done < options.contacts; done += batch) {
    const rows: ContactsTable[] = [];
    const feedback: FeedbackTable[] = [];
    for (let i = done; i < Math.min(options.contacts, done + batch); i++) {
      const place = pick(places);
      const service = pick(services, 3);
      const at = when();
      const channel = weighted(rand, CHANNEL_WEIGHTS);
      rows.push({
        id: `c${i}`,
        access_point_id: place.id,
        device_id: 'bench',
        op_id: `oc${i}`,
        mode: 'counter',
        service_id: service.id,
        channel,
        tier: service.tier,
        outcome: weighted(rand, OUTCOME_WEIGHTS),
        path: '[]',
        created_at: at,
        received_at: at,
        // About a third of contacts name a customer record (consent given).
        customer_id: rand() < 0.35 ? `cust-${Math.floor(rand() * customers)}` : null,
      });
      if (rand() < 0.1) {
        feedback.push({
          id: `f${i}`,
          contact_id: `c${i}`,
          access_point_id: place.id,
          partner_id: place.partnerId,
          device_id: 'bench',
          op_id: `of${i}`,
          mode: 'counter',
          service_id: service.id,
          channel,
          rating: 1 + Math.floor(rand() * 4),
          reason:
            rand() < 0.5 ? pick(['long-wait', 'friendly-staff', 'solved', 'not-solved']) : null,
          comment: null,
          created_at: at,
          received_at: at,
        });
      }
    }
    await db.transaction().execute(async (trx) => {
      await insertAll(trx, 'contacts', rows, chunk);
      await insertAll(trx, 'feedback', feedback, chunk);
    });
  }

  // Cases of the last twelve days are still open; older ones are settled.
  const received = new Date(now.getTime() - 12 * DAY_MS);
  for (let done = 0; done < options.cases; done += batch) {
    const cases: CasesTable[] = [];
    const results: CommitmentResultsTable[] = [];
    const open: InsightOpenDuesTable[] = [];
    for (let i = done; i < Math.min(options.cases, done + batch); i++) {
      const place = pick(places);
      const service = pick(services, 3);
      const owner = service.owner;
      const openedAt = when();
      const dues: CaseDue[] = [
        {
          stepId: 'promise',
          level: 1,
          owner,
          due: new Date(Date.parse(openedAt) + 10 * DAY_MS).toISOString(),
        },
        {
          stepId: 'check',
          level: 2,
          owner,
          due: new Date(Date.parse(openedAt) + DAY_MS).toISOString(),
        },
      ];
      const row: CasesTable = {
        id: `k${i}`,
        reference: `BENCH${i}`,
        type: 'request',
        service_id: service.id,
        channel: weighted(rand, CHANNEL_WEIGHTS),
        details: 'Generated for the dashboard benchmark.',
        location: null,
        contact: null,
        author: 'bench',
        opened_at: openedAt,
        access_point_id: place.id,
        device_id: 'bench',
        op_id: `ok${i}`,
        received_at: openedAt,
        owner_partner_id: owner.split('/')[0] ?? '',
        owner_team_id: owner.split('/')[1] ?? '',
        dues: JSON.stringify(dues),
        customer_id: null,
      };
      cases.push(row);
      // Recent cases are still open; the rest settled, mostly in time.
      if (openedAt > received.toISOString()) {
        open.push(...openDueRows(row, dues));
      } else {
        for (const due of dues) {
          const kept = rand() < 0.82;
          const doneAt = new Date(
            Date.parse(due.due) + (kept ? -1 : 1) * DAY_MS * rand(),
          ).toISOString();
          results.push({
            case_id: row.id,
            step_id: due.stepId,
            level: due.level,
            owner: due.owner,
            service_id: row.service_id,
            due: due.due,
            done_at: doneAt,
            kept: doneAt <= due.due ? 1 : 0,
          });
        }
      }
    }
    await db.transaction().execute(async (trx) => {
      await insertAll(trx, 'cases', cases, storage.dialect === 'sqlite' ? 1000 : 3000);
      await insertAll(trx, 'commitment_results', results, chunk);
      await insertAll(trx, 'insight_open_dues', open, chunk);
    });
  }
  return (performance.now() - started) / 1000;
}

async function openStore(kind: DashboardStore, options: DashboardOptions) {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'anydoor-dashboard-'));
    const storage = openSqliteStorage(join(dir, 'hub.sqlite'));
    return {
      storage,
      async close() {
        await storage.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `anydoor_dashboard_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: options.pgAdminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(options.pgAdminUrl);
  url.pathname = `/${name}`;
  const storage = openPostgresStorage(url.toString(), 10);
  return {
    storage,
    async close() {
      await storage.close();
      const client = new pg.Client({ connectionString: options.pgAdminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export async function runDashboardBenchmark(
  kind: DashboardStore,
  options: DashboardOptions,
  log: (line: string) => void,
): Promise<DashboardFigure> {
  const store = await openStore(kind, options);
  try {
    await store.storage.migrate();
    const now = new Date();
    const loadSeconds = await generate(store.storage, options, now);
    log(
      `  ${kind}: ${options.contacts} contacts, ${options.cases} cases written in ${loadSeconds.toFixed(0)} s`,
    );
    if (kind === 'postgres') {
      // What a live hub does within a second of the load (main.ts), then what autovacuum
      // would do shortly after: the deltas folded in, fresh planner statistics.
      await store.storage.insight.foldInsight();
      await sql`analyze`.execute(store.storage.db);
    }
    // The franchisor's default view: every partner, this month and the five before it.
    const to = now.toISOString().slice(0, 10);
    const filter = { from: defaultFrom(to), to };
    const times: number[] = [];
    let first = 0;
    for (let run = 0; run <= options.runs; run++) {
      const t0 = performance.now();
      const d = await store.storage.insight.insightDashboard(
        filter,
        { kind: 'all' },
        now.toISOString(),
      );
      const ms = performance.now() - t0;
      if (run === 0) {
        first = ms;
        if (d.volumes.total !== options.contacts) {
          throw new Error(`dashboard counted ${d.volumes.total} contacts, not ${options.contacts}`);
        }
      } else {
        times.push(ms);
      }
    }
    log(`  ${kind}: dashboard median ${median(times).toFixed(0)} ms, first ${first.toFixed(0)} ms`);
    return {
      median: round(median(times), 1),
      p95: round(quantile(times, 0.95), 1),
      first: round(first, 1),
      runs: options.runs,
      loadSeconds: Math.round(loadSeconds),
    };
  } finally {
    await store.close();
  }
}
