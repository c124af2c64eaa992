// The server process: configuration from the environment, storage, demo seed, listen.
import { resolve } from 'node:path';
import { isPrivileged } from '../shared/staff.ts';
import { startRepeatingJob } from './platform/repeating-job.ts';
import { buildApp } from './app.ts';
import { seedDemoData } from './demo-data.ts';
import { issueEnrolmentCode } from './features/devices/enrolment-codes.ts';
import { startFollowupTimer } from './features/feedback/followup-job.ts';
import { senderFromEnv } from './features/feedback/message-config.ts';
import { issueApiKey } from './features/open311/open311-keys.ts';
import { DEMO_STAFF } from './features/staff/demo-staff.ts';
import { openStorage } from './storage.ts';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = resolve(process.env.DATA_DIR ?? 'data');
const staticDir = resolve(process.env.STATIC_DIR ?? 'dist');
// Survey links in follow-up messages start with this; behind a proxy, the public address.
const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
const outboxDir = resolve(process.env.OUTBOX_DIR ?? resolve(dataDir, 'outbox'));

/** TRUST_PROXY: unset (trust no proxy), "true" (any), or the proxies' addresses/CIDRs. */
function trustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value.trim() === '' || value === 'false') return false;
  return value === 'true' ? true : value;
}

const storage = await openStorage({ databaseUrl: process.env.DATABASE_URL, dataDir });
// Under the start-up lock: servers starting together on one PostgreSQL database seed it once.
const seeded = await storage.withStartupLock(() => seedDemoData(storage));
const app = await buildApp({
  storage,
  staticDir,
  logger: process.env.LOG_LEVEL !== 'silent',
  trustProxy: trustProxy(process.env.TRUST_PROXY),
  // The hub's own Open311 jurisdiction_id (every partner's services); each partner's id is its own.
  ...(process.env.OPEN311_JURISDICTION_ID
    ? { open311: { jurisdictionId: process.env.OPEN311_JURISDICTION_ID } }
    : {}),
});

// The 48-hour follow-up and resolved cases: every minute, send what was consented and forget
// what expired. Messages go by SMTP or GOV.UK Notify when configured (message-config.ts), else
// to a local file that keeps each for a day.
const sender = senderFromEnv(process.env, outboxDir);
const stopFollowups = startFollowupTimer({
  storage,
  sender,
  publicUrl,
  intervalMs: Number(process.env.FOLLOWUP_INTERVAL_MS ?? 60_000),
  onRun: (run) => {
    const { resolved } = run;
    if (run.sent + run.failed + run.expired + resolved.sent + resolved.failed > 0) {
      app.log.info(
        run,
        `messages: ${run.sent} surveys and ${resolved.sent} resolutions sent by ${sender.description}`,
      );
    }
  },
  onError: (error) => app.log.error(error, 'follow-up surveys failed'),
});

// PostgreSQL: the insight rollups' deltas are folded in every second (see insight-rollups.ts);
// one process at a time does it, and readers are exact whether or not it has run.
const stopFolding =
  storage.dialect === 'postgres'
    ? startRepeatingJob(
        async () => {
          await storage.insight.foldInsight();
        },
        {
          intervalMs: Number(process.env.INSIGHT_FOLD_MS ?? 1000),
          onError: (error) => app.log.error(error, 'folding insight deltas failed'),
        },
      )
    : async () => undefined;

const shutdown = async () => {
  await stopFolding();
  await stopFollowups();
  await sender.close();
  await app.close();
  await storage.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());

await app.listen({ port, host });
const where = storage.dialect === 'sqlite' ? `SQLite in ${dataDir}` : 'PostgreSQL';
const lines = [
  '',
  `AnyDoor is running at http://localhost:${port} (${where}${seeded ? ', demo data seeded' : ''})`,
  'One-time enrolment codes (valid 24 hours), one device each:',
];
for (const ap of await storage.core.listAccessPoints()) {
  lines.push(`  ${(await issueEnrolmentCode(storage, ap.id)).padEnd(10)} ${ap.name}`);
}
lines.push(
  '',
  'Demo staff (unlock a device at one of their places with the PIN; * online only, through the hub):',
);
for (const person of DEMO_STAFF) {
  const secret = `${person.pin}${isPrivileged(person.role) ? ' *' : ''}`;
  lines.push(
    `  ${secret.padEnd(20)}  ${person.name.padEnd(12)} ${person.role.padEnd(17)} ${person.accessPointIds.join(', ')}`,
  );
}
// Open311 keys are issued and revoked in the studio (/studio/keys). The demo gets one key,
// for Eastbury's Open311 services, made and shown once when the demo is seeded: keys are kept
// only as hashes, so it cannot be shown again.
const demoKey = seeded
  ? await issueApiKey(storage, 'fixmystreet-demo', 'eastbury-borough-council')
  : null;
lines.push(
  '',
  demoKey
    ? `Open311 GeoReport v2 at /open311/v2 — demo API key (jurisdiction_id eastbury-borough-council), shown this once: ${demoKey}`
    : 'Open311 GeoReport v2 at /open311/v2 — issue and revoke API keys in the studio at /studio/keys',
);
lines.push(`Track a case at http://localhost:${port}/track/<reference>`);
lines.push(`Messages to citizens (surveys, resolved cases) go to ${sender.description}`);
console.log(lines.join('\n') + '\n');
