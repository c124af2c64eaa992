// The server process: configuration from the environment, storage, demo seed, listen.
import { resolve } from 'node:path';
import { buildApp } from './app.ts';
import { issueEnrolmentCode } from './enrolment-codes.ts';
import { issueApiKey } from './open311-keys.ts';
import { seedDemoData } from './seed/demo-data.ts';
import { openStorage } from './storage/open-storage.ts';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = resolve(process.env.DATA_DIR ?? 'data');
const staticDir = resolve(process.env.STATIC_DIR ?? 'dist');

const storage = await openStorage({ databaseUrl: process.env.DATABASE_URL, dataDir });
const seeded = await seedDemoData(storage);
const app = await buildApp({ storage, staticDir, logger: process.env.LOG_LEVEL !== 'silent' });

const shutdown = async () => {
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
for (const ap of await storage.listAccessPoints()) {
  lines.push(`  ${(await issueEnrolmentCode(storage, ap.id)).padEnd(10)} ${ap.name}`);
}
// A fresh Open311 key per start for trying the API; keys are kept only as hashes.
const openKey = await issueApiKey(storage, `demo-${Date.now().toString(36)}`);
lines.push('', `Open311 GeoReport v2 at /open311/v2 — demo API key: ${openKey}`);
lines.push(`Track a case at http://localhost:${port}/track/<reference>`);
console.log(lines.join('\n') + '\n');
