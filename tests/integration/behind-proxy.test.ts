// Behind a load balancer every request comes from the balancer's address; with trustProxy the
// hub reads the citizen's address from X-Forwarded-For, so per-address limits stay per citizen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { ENROL_GUESSES_PER_ADDRESS } from '../../src/server/features/devices/device-routes.ts';
import { openSqliteStorage } from '../../src/server/storage.ts';
import { newReference } from '../../src/shared/reference.ts';
import { PROTOCOL_VERSION } from '../../src/shared/sync/protocol.ts';

describe('behind a load balancer', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function hub(trustProxy?: string): Promise<FastifyInstance> {
    const dir = mkdtempSync(join(tmpdir(), 'anydoor-proxy-'));
    const storage = openSqliteStorage(join(dir, 'hub.sqlite'));
    await storage.migrate();
    const app = await buildApp({ storage, ...(trustProxy ? { trustProxy } : {}) });
    cleanups.push(async () => {
      await app.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return app;
  }

  /** A /track lookup relayed by the balancer at 10.0.0.2 for `citizen`. */
  const lookup = (app: FastifyInstance, citizen: string) =>
    app.inject({
      method: 'GET',
      url: `/track/${newReference()}`,
      remoteAddress: '10.0.0.2',
      headers: { 'x-forwarded-for': citizen },
    });

  async function exhaust(app: FastifyInstance, citizen: string): Promise<number> {
    let status = 0;
    for (let i = 0; i < 25; i++) status = (await lookup(app, citizen)).statusCode;
    return status;
  }

  it('limits each citizen, not the balancer, when told to trust it', async () => {
    const app = await hub('10.0.0.0/8');
    expect(await exhaust(app, '198.51.100.9')).toBe(429);
    expect((await lookup(app, '192.0.2.44')).statusCode).toBe(404);
  });

  it('sees only the balancer when not told to trust it', async () => {
    const app = await hub();
    expect(await exhaust(app, '198.51.100.9')).toBe(429);
    expect((await lookup(app, '192.0.2.44')).statusCode).toBe(429);
  });

  /** An enrolment with a code never issued, relayed by the balancer with this X-Forwarded-For. */
  const guess = (app: FastifyInstance, forwardedFor: string) =>
    app.inject({
      method: 'POST',
      url: '/api/devices/enrol',
      remoteAddress: '10.0.0.2',
      headers: { 'x-forwarded-for': forwardedFor },
      payload: {
        type: 'enrol',
        protocolVersion: PROTOCOL_VERSION,
        code: 'ZZZZ-ZZZZ',
        deviceName: 'x',
      },
    });

  it('limits enrolment guesses per client behind a trusted balancer, however they forge the header', async () => {
    const app = await hub('10.0.0.0/8');
    const statuses: number[] = [];
    // The client puts a different made-up address first each time; the balancer appends the
    // real one, which is what the hub keys on.
    for (let i = 0; i <= ENROL_GUESSES_PER_ADDRESS; i++) {
      statuses.push((await guess(app, `192.0.2.${i}, 198.51.100.9`)).statusCode);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 403)).toHaveLength(ENROL_GUESSES_PER_ADDRESS);
    // Another client behind the same balancer is not held up.
    expect((await guess(app, '192.0.2.44')).statusCode).toBe(403);
  });

  it('limits enrolment for the balancer as a whole when not told to trust it', async () => {
    const app = await hub();
    for (let i = 0; i < ENROL_GUESSES_PER_ADDRESS; i++) await guess(app, '198.51.100.9');
    expect((await guess(app, '192.0.2.44')).statusCode).toBe(429);
  });
});
