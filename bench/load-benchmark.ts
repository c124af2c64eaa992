// load: many devices pushing and pulling at once against real server processes (`node
// src/server/main.ts`), on SQLite (one process: one writer) and on PostgreSQL (several
// processes sharing one database). A custom driver rather than autocannon: each simulated
// device keeps its own cursor and outbox, and we need every pulled record id to prove that
// nothing was lost, skipped or duplicated. See bench/README.md for the method.
import { Agent, request } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { issueEnrolmentCode } from '../src/server/features/devices/enrolment-codes.ts';
import { DEMO_ACCESS_POINTS } from '../src/server/demo-data.ts';
import { openPostgresStorage, openSqliteStorage, type Storage } from '../src/server/storage.ts';
import type { AccessPoint } from '../src/shared/access-point.ts';
import {
  ACKED_HEADER,
  NO_ACKED_OP,
  PROTOCOL_VERSION,
  type EnrolResponse,
  type Op,
  type SyncResponse,
} from '../src/shared/sync/protocol.ts';
import { newId } from '../src/shared/ids.ts';
import { isFeedEntity, type FeedEntity } from '../src/shared/sync/feed.ts';
import { startServerProcess, type ServerProcess } from '../tests/helpers/server-process.ts';
import { makeNotes } from './note-data.ts';
import { quantile } from './stats.ts';

export type LoadStore = 'sqlite' | 'postgres';

export interface LoadOptions {
  devices: number;
  /** Devices enrolled at each access point: who pulls whose records. */
  devicesPerDoor: number;
  /** Records pushed per sync. */
  batch: number;
  /** Measured seconds of each rate, after `warmupSeconds` of the same load not measured. */
  seconds: number;
  warmupSeconds: number;
  /** Server processes (PostgreSQL only; SQLite is one process by design). */
  servers: number;
  pgAdminUrl: string;
}

interface SimDevice {
  index: number;
  token: string;
  deviceId: string;
  accessPointId: string;
  cursor: string | null;
  /** The newest op the hub acknowledged: sent with every sync, as the app does (restore check). */
  lastAckedOp: string | null;
  /** Pushed but not acknowledged yet (a failed request is retried, like a real outbox). */
  outbox: Op[];
  /** Ids of the records the hub acknowledged. */
  acknowledged: string[];
  received: Set<string>;
  repeats: number;
  queued: number;
}

/** Extra access points for the devices beyond the demo ones, one partner each. */
function benchAccessPoints(count: number): AccessPoint[] {
  const places: AccessPoint[] = [...DEMO_ACCESS_POINTS];
  for (let i = places.length; i < count; i++) {
    places.push({
      id: `bench-door-${i}`,
      name: `Bench door ${i}`,
      kind: 'library',
      partnerId: DEMO_ACCESS_POINTS[i % DEMO_ACCESS_POINTS.length]?.partnerId ?? 'bench',
      address: `${i} Bench Street`,
    });
  }
  return places.slice(0, count);
}

class Http {
  private readonly agents: Agent[];
  private readonly servers: readonly URL[];
  constructor(servers: readonly URL[], devices: number) {
    this.servers = servers;
    // One keep-alive connection per device and server, as a device's browser would hold.
    this.agents = Array.from(
      { length: devices },
      () => new Agent({ keepAlive: true, maxSockets: servers.length }),
    );
  }

  post(
    device: number,
    path: string,
    body: string,
    token?: string,
    extra: Record<string, string> = {},
  ) {
    const server = this.servers[Math.floor(Math.random() * this.servers.length)] as URL;
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: server.hostname,
          port: server.port,
          path,
          method: 'POST',
          agent: this.agents[device],
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...extra,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    for (const agent of this.agents) agent.destroy();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function inParallel<T>(items: readonly T[], width: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await run(items[next++] as T);
    }),
  );
}

interface Store {
  storage: Storage;
  servers: ServerProcess[];
  close(): Promise<void>;
}

async function openStore(kind: LoadStore, options: LoadOptions): Promise<Store> {
  if (kind === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'anydoor-load-'));
    const server = await startServerProcess({}, dataDir);
    const storage = openSqliteStorage(join(dataDir, 'anydoor.sqlite'));
    return {
      storage,
      servers: [server],
      async close() {
        await storage.close();
        await server.stop();
      },
    };
  }
  const name = `anydoor_load_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: options.pgAdminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(options.pgAdminUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    const client = new pg.Client({ connectionString: options.pgAdminUrl });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  };
  // All processes start at once on the empty database, as a fleet behind a balancer would.
  const started = await Promise.allSettled(
    Array.from({ length: options.servers }, () =>
      startServerProcess({ DATABASE_URL: url.toString() }),
    ),
  );
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(servers.map((s) => s.stop()));
    await drop();
    throw failed.reason;
  }
  const storage = openPostgresStorage(url.toString(), 4);
  return {
    storage,
    servers,
    async close() {
      await storage.close();
      await Promise.all(servers.map((s) => s.stop()));
      await drop();
    },
  };
}

async function enrolDevices(store: Store, http: Http, options: LoadOptions): Promise<SimDevice[]> {
  const doors = benchAccessPoints(Math.ceil(options.devices / options.devicesPerDoor));
  await store.storage.core.upsertAccessPoints(doors);
  const devices: SimDevice[] = [];
  await inParallel(
    Array.from({ length: options.devices }, (_, i) => i),
    20,
    async (index) => {
      const door = doors[index % doors.length] as AccessPoint;
      const code = await issueEnrolmentCode(store.storage, door.id);
      const reply = await http.post(
        index,
        '/api/devices/enrol',
        JSON.stringify({
          type: 'enrol',
          protocolVersion: PROTOCOL_VERSION,
          code,
          deviceName: `Load ${index}`,
        }),
      );
      if (reply.status !== 201) throw new Error(`enrolment failed: ${reply.body}`);
      const enrolled = JSON.parse(reply.body) as EnrolResponse;
      devices.push({
        index,
        token: enrolled.token,
        deviceId: enrolled.deviceId,
        accessPointId: door.id,
        cursor: null,
        lastAckedOp: null,
        outbox: [],
        acknowledged: [],
        received: new Set(),
        repeats: 0,
        queued: 0,
      });
    },
  );
  return devices.sort((a, b) => a.index - b.index);
}

interface Tally {
  /** The measured window (performance.now()): latencies of requests planned in it count, and
   * records acknowledged and pulled by responses that arrived in it. */
  from: number;
  to: number;
  latencies: number[];
  acknowledged: number;
  pulled: number;
  requests: number;
  errors: number;
}

/** One POST /api/sync; returns whether more is waiting to be pulled. */
async function syncRound(http: Http, device: SimDevice, tally: Tally, intended: number) {
  const push = device.outbox;
  const body = JSON.stringify({
    type: 'sync',
    protocolVersion: PROTOCOL_VERSION,
    push,
    cursor: device.cursor,
  });
  let reply: { status: number; body: string };
  try {
    reply = await http.post(device.index, '/api/sync', body, device.token, {
      [ACKED_HEADER]: device.lastAckedOp ?? NO_ACKED_OP,
    });
  } catch {
    tally.errors++;
    return false;
  }
  const done = performance.now();
  if (reply.status !== 200) {
    tally.errors++;
    return false;
  }
  const response = JSON.parse(reply.body) as SyncResponse;
  if (response.restored) throw new Error('the hub answered "restored" to a device it served');
  let applied = 0;
  const noteOfOp = new Map(push.map((op) => [op.id, (op.payload as { id: string }).id]));
  for (const result of response.results) {
    if (result.status === 'rejected') throw new Error(`op rejected: ${result.reason}`);
    device.acknowledged.push(noteOfOp.get(result.opId) ?? result.opId);
    device.lastAckedOp = result.opId;
    if (result.status === 'applied') applied++;
  }
  device.outbox = device.outbox.slice(push.length);
  for (const change of response.changes) {
    if (!isFeedEntity(change.entity) || !ENTITIES.has(change.entity)) continue;
    if (device.received.has(change.id)) device.repeats++;
    else device.received.add(change.id);
  }
  device.cursor = response.cursor;
  if (intended >= tally.from && intended < tally.to) {
    tally.latencies.push(done - intended);
    tally.requests++;
  }
  if (done >= tally.from && done < tally.to) {
    tally.acknowledged += applied;
    tally.pulled += response.changes.length;
  }
  return response.hasMore;
}

const SERVICES = ['missed-bin-collection', 'fly-tipping', 'council-tax-reduction', 'blue-badge'];
const OUTCOMES = ['resolved', 'self-serve', 'captured'] as const;

/**
 * What a busy door writes: a contact for every citizen served (most records) and now and then
 * a contact note, here one record in five, with 400 characters of text.
 */
function queueRecords(device: SimDevice, count: number): void {
  const now = new Date().toISOString();
  for (let i = 0; i < count; i++) {
    const serial = device.queued++;
    const op = { id: newId(), deviceId: device.deviceId, clientTime: now };
    if (serial % 5 === 4) {
      device.outbox.push({ ...op, kind: 'contactNote.create', payload: makeNotes(1)[0] });
    } else {
      device.outbox.push({
        ...op,
        kind: 'contact.record',
        payload: {
          id: newId(),
          serviceId: SERVICES[serial % SERVICES.length],
          channel: 'face-to-face',
          tier: 1,
          outcome: OUTCOMES[serial % OUTCOMES.length],
          path: ['start', 'check-details:yes', 'report'],
          createdAt: now,
        },
      });
    }
  }
}

/** The record kinds the benchmark writes, as they appear in the change feed. */
const ENTITIES = new Set<FeedEntity>(['contact', 'contactNote']);

/** One window of the ramp: a rate offered for `warmupSeconds` + `seconds`, and what it got. */
export interface LoadStep {
  /** Records per second offered. */
  rate: number;
  /** Records acknowledged per measured second. */
  eventsPerSec: number;
  pulledPerSec: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  errors: number;
  /** CPU time of the server processes (all threads) per measured request. */
  serverCpuMsPerRequest: number;
  /** Seconds the servers' main threads were ready to run but waited for a CPU. */
  cpuWaitSeconds: number;
  /** The machine's 1-minute load average at the end of the window (other users included). */
  loadAverage: number;
  /**
   * p99 within the limit and no error. Latency counts from the planned send time, so a hub
   * that cannot keep up with the offered rate shows it there: its queue, and p99, grow.
   */
  held: boolean;
}

export interface RampOptions {
  /** The first rate offered, records per second. */
  startRate: number;
  /** Each rate that holds is followed by this many times it (e.g. 1.25). */
  factor: number;
  /** At most this many windows (a ramp that never fails reports a lower bound: `capped`). */
  maxSteps: number;
  /** A window holds when its p99 is at most this (ms) and nothing errored. */
  p99LimitMs: number;
}

/**
 * Offers one rate for one window and measures it: each device syncs every `interval` ms with
 * `batch` new records, starting at a random phase; more pages, if any, follow at once.
 * Latency counts from the planned send time, so a hub that falls behind shows it (no
 * coordinated omission). Returns once every device's last sync has been answered.
 */
async function offer(
  store: Store,
  http: Http,
  devices: readonly SimDevice[],
  options: LoadOptions,
  rate: number,
  p99LimitMs: number,
): Promise<LoadStep> {
  const interval = (options.devices * options.batch * 1000) / rate;
  const start = performance.now();
  const measureFrom = start + options.warmupSeconds * 1000;
  const end = measureFrom + options.seconds * 1000;
  const tally: Tally = {
    from: measureFrom,
    to: end,
    latencies: [],
    acknowledged: 0,
    pulled: 0,
    requests: 0,
    errors: 0,
  };
  // CPU used in the window by the server processes (all threads).
  const cpu = { server: 0, waited: 0, from: measureFrom, to: end };
  const cpuStart = setTimeout(() => {
    cpu.from = performance.now();
    cpu.server = serverCpuMs(store.servers);
    cpu.waited = runQueueWaitMs(store.servers);
  }, measureFrom - performance.now());
  const cpuEnd = setTimeout(() => {
    cpu.to = performance.now();
    cpu.server = serverCpuMs(store.servers) - cpu.server;
    cpu.waited = runQueueWaitMs(store.servers) - cpu.waited;
  }, end - performance.now());
  await Promise.all(
    devices.map(async (device) => {
      let next = start + Math.random() * interval;
      while (next < end) {
        await sleep(next - performance.now());
        const intended = next;
        next += interval;
        // Whatever a failed request left in the outbox goes again with the new records.
        queueRecords(device, options.batch);
        let more = await syncRound(http, device, tally, intended);
        while (more) more = await syncRound(http, device, tally, performance.now());
      }
    }),
  );
  await sleep(end + 1 - performance.now()); // let the window close (and its CPU reading run)
  clearTimeout(cpuStart);
  clearTimeout(cpuEnd);
  const measuredMs = end - measureFrom;
  const latencies = tally.latencies.length > 0 ? tally.latencies : [Number.POSITIVE_INFINITY];
  const round1 = (value: number) => Math.round(value * 10) / 10;
  const p99 = quantile(latencies, 0.99);
  return {
    rate: Math.round(rate),
    eventsPerSec: Math.round((tally.acknowledged * 1000) / measuredMs),
    pulledPerSec: Math.round((tally.pulled * 1000) / measuredMs),
    p50: round1(quantile(latencies, 0.5)),
    p99: round1(p99),
    max: round1(Math.max(...latencies)),
    requests: tally.requests,
    errors: tally.errors,
    serverCpuMsPerRequest: Math.round((cpu.server / Math.max(1, tally.requests)) * 100) / 100,
    cpuWaitSeconds: round1(cpu.waited / 1000),
    loadAverage: round1(loadavg()[0] ?? 0),
    held: tally.errors === 0 && p99 <= p99LimitMs,
  };
}

export interface LoadResult {
  /** The highest offered rate that held (records/s), 0 if none did. */
  capacity: number;
  /** True when the ramp stopped at `maxSteps` without failing: capacity is a lower bound. */
  capped: boolean;
  /** The window at capacity (p50, p99, throughput, CPU), or null if none held. */
  atCapacity: LoadStep | null;
  steps: LoadStep[];
  /** Acknowledged records missing from the store after the run (every window). */
  lost: number;
  /** Records a device should have pulled but never received. */
  skipped: number;
  /** Records stored, fed or delivered to one device more than once. */
  duplicated: number;
  /** Failed requests over the whole run, overloaded windows included. */
  errors: number;
  records: number;
  servers: number;
}

/**
 * Ramps the offered rate on one store until a window fails (p99 above the limit or an
 * error), then checks, by counting on the server, that nothing was lost.
 * A failing window is tried once more (this machine is shared: one noisy window is not the
 * hub's limit); after a confirmed failure one rate halfway (geometrically) between the last
 * that held and the one that failed is tried, so the figure is within ~12 % of the limit.
 */
export async function runLoadBenchmark(
  kind: LoadStore,
  options: LoadOptions,
  ramp: RampOptions,
  log: (line: string) => void,
): Promise<LoadResult> {
  const store = await openStore(kind, {
    ...options,
    servers: kind === 'sqlite' ? 1 : options.servers,
  });
  const http = new Http(
    store.servers.map((s) => new URL(s.url.replace('localhost', '127.0.0.1'))),
    options.devices,
  );
  try {
    const devices = await enrolDevices(store, http, options);
    // Catch up with the demo feed first, untimed.
    const idle: Tally = {
      from: Infinity,
      to: Infinity,
      latencies: [],
      acknowledged: 0,
      pulled: 0,
      requests: 0,
      errors: 0,
    };
    await inParallel(devices, 20, async (device) => {
      while (await syncRound(http, device, idle, 0));
    });
    const before = new Set((await storedRecords(store.storage)).map((n) => n.id));

    log(
      `  ${kind}: ${options.devices} devices on ${store.servers.length} server process(es), ` +
        `${options.batch} records per sync; each rate ${options.warmupSeconds} s warm-up + ` +
        `${options.seconds} s, from ${ramp.startRate}/s, x${ramp.factor} while p99 <= ` +
        `${ramp.p99LimitMs} ms and no error`,
    );
    const steps: LoadStep[] = [];
    let held: LoadStep | null = null;
    let failedRate: number | null = null;
    let rate = ramp.startRate;
    let retried = false;
    let refined = false;
    while (steps.length < ramp.maxSteps) {
      const step = await offer(store, http, devices, options, rate, ramp.p99LimitMs);
      steps.push(step);
      log(
        `    ${String(step.rate).padStart(6)}/s offered: ${String(step.eventsPerSec).padStart(6)}/s ` +
          `acknowledged, p50 ${step.p50} ms, p99 ${step.p99} ms, ${step.errors} errors, ` +
          `server ${step.serverCpuMsPerRequest} ms CPU/request, waited ${step.cpuWaitSeconds} s ` +
          `for a CPU, load ${step.loadAverage} -> ${step.held ? 'held' : 'FAILED'}`,
      );
      await sleep(500);
      if (step.held) {
        if (!held || step.rate > held.rate) held = step;
        retried = false;
        if (failedRate !== null) break; // the refinement held: done
        rate *= ramp.factor;
        continue;
      }
      if (!retried) {
        retried = true; // once more at the same rate: one noisy window is not the limit
        continue;
      }
      if (failedRate === null && !refined && held) {
        failedRate = step.rate;
        refined = true;
        rate = Math.sqrt(held.rate * step.rate);
        retried = true; // the refinement gets one try
        continue;
      }
      failedRate ??= step.rate;
      break;
    }
    const capped = failedRate === null;

    // Drain, untimed: push anything a failed request left, then pull until every device has
    // seen everything (on PostgreSQL a commit can take a moment to pass the feed horizon).
    if (store.storage.dialect === 'postgres') await waitForFeedHorizon(store.storage);
    const drain: Tally = {
      from: Infinity,
      to: Infinity,
      latencies: [],
      acknowledged: 0,
      pulled: 0,
      requests: 0,
      errors: 0,
    };
    for (let pass = 0; pass < 3; pass++) {
      await inParallel(devices, 20, async (device) => {
        for (let round = 0; round < 1000; round++) {
          const more = await syncRound(http, device, drain, 0);
          if (!more && device.outbox.length === 0) break;
        }
      });
    }

    // Count on the server: every acknowledged record stored once, fed once, and pulled once
    // by every other device at its door.
    const stored = (await storedRecords(store.storage)).filter((n) => !before.has(n.id));
    const storedIds = new Set(stored.map((n) => n.id));
    let lost = 0;
    for (const device of devices) {
      for (const id of device.acknowledged) if (!storedIds.has(id)) lost++;
    }
    let duplicated = await extraFeedRows(store.storage);
    let skipped = 0;
    const byDoor = new Map<string, { id: string; deviceId: string }[]>();
    for (const note of stored) {
      const list = byDoor.get(note.accessPointId) ?? [];
      list.push(note);
      byDoor.set(note.accessPointId, list);
    }
    for (const device of devices) {
      const expected = new Set(
        (byDoor.get(device.accessPointId) ?? [])
          .filter((n) => n.deviceId !== device.deviceId)
          .map((n) => n.id),
      );
      for (const id of expected) if (!device.received.has(id)) skipped++;
      for (const id of device.received) {
        if (!expected.has(id) && !before.has(id)) {
          throw new Error(`device ${device.index} received note ${id} from another door`);
        }
      }
      duplicated += device.repeats;
    }
    return {
      capacity: held?.rate ?? 0,
      capped,
      atCapacity: held,
      steps,
      lost,
      skipped,
      duplicated,
      errors: steps.reduce((sum, step) => sum + step.errors, 0) + drain.errors,
      records: stored.length,
      servers: store.servers.length,
    };
  } finally {
    http.close();
    await store.close();
  }
}

/**
 * On PostgreSQL a commit enters the feed once every older transaction in the cluster has
 * ended (see postgres.ts); waits until that is true of the last write, so the drain is final.
 */
async function waitForFeedHorizon(storage: Storage): Promise<void> {
  const head = await sql<{ txid: string }>`select max(txid)::text as txid from changes`.execute(
    storage.db,
  );
  const last = BigInt(head.rows[0]?.txid ?? '0');
  for (let tries = 0; tries < 600; tries++) {
    const now = await sql<{ xmin: string }>`
      select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(storage.db);
    if (BigInt(now.rows[0]?.xmin ?? '0') > last) return;
    await sleep(100);
  }
  throw new Error('the feed horizon did not pass the last write within a minute');
}

/** Every contact and contact note in the store. */
async function storedRecords(storage: Storage) {
  const records: { id: string; deviceId: string; accessPointId: string }[] = [];
  for (const contact of await storage.contacts.listContacts()) records.push(contact);
  for (const note of await storage.contacts.listContactNotes()) records.push(note);
  return records;
}

/** CPU time (user + system, all threads) the server processes used so far, from /proc. */
function serverCpuMs(servers: readonly ServerProcess[]): number {
  let ticks = 0;
  for (const server of servers) {
    try {
      const stat = readFileSync(`/proc/${server.child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return Number.NaN; // not Linux
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** Time the server processes' main threads spent runnable but not running (/proc schedstat). */
function runQueueWaitMs(servers: readonly ServerProcess[]): number {
  let ns = 0;
  for (const server of servers) {
    try {
      ns += Number(readFileSync(`/proc/${server.child.pid}/schedstat`, 'utf8').split(' ')[1]);
    } catch {
      return Number.NaN;
    }
  }
  return ns / 1e6;
}

/** Change-feed rows beyond one per record: a record fed twice would be pulled twice. */
async function extraFeedRows(storage: Storage): Promise<number> {
  const feed = await storage.db
    .selectFrom('changes')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('rows'),
      eb.fn.count<number | string>('entity_id').distinct().as('ids'),
    ])
    .where('entity', 'in', [...ENTITIES])
    .executeTakeFirstOrThrow();
  return Number(feed.rows) - Number(feed.ids);
}
