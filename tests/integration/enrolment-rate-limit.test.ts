// Enrolment codes are 40 bits and valid a day: guessing them is limited per client address and
// across all addresses together (429 with Retry-After, in the hub's error shape). Codes that
// were issued never count, so an office enrolling many devices at once is never refused.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { issueEnrolmentCode } from '../../src/server/features/devices/enrolment-codes.ts';
import {
  ENROL_GUESSES_PER_ADDRESS,
  ENROL_GUESSES_PER_MINUTE,
} from '../../src/server/features/devices/device-routes.ts';
import { errorResponse, PROTOCOL_VERSION } from '../../src/shared/sync/protocol.ts';
import { startHub, type TestHub } from '../helpers/hub.ts';

describe('enrolment rate limit', () => {
  let hub: TestHub;
  const extra: FastifyInstance[] = [];
  afterEach(async () => {
    for (const app of extra.splice(0)) await app.close();
    await hub.close();
  });

  const enrol = (app: FastifyInstance, code: string, remoteAddress = '127.0.0.1') =>
    app.inject({
      method: 'POST',
      url: '/api/devices/enrol',
      remoteAddress,
      payload: { type: 'enrol', protocolVersion: PROTOCOL_VERSION, code, deviceName: 'Front desk' },
    });
  /** A well-formed code that was never issued (the alphabet has no 0 or 1). */
  const guess = (i: number) => `ZZ${String(i).padStart(6, '2').replace(/[01]/g, '9')}`;

  it('refuses wrong codes past the per-address limit with 429, Retry-After and a clear message', async () => {
    hub = await startHub();
    const attacker = '203.0.113.5';
    for (let i = 0; i < ENROL_GUESSES_PER_ADDRESS; i++) {
      expect((await enrol(hub.app, guess(i), attacker)).statusCode).toBe(403);
    }
    const refused = await enrol(hub.app, guess(999), attacker);
    expect(refused.statusCode).toBe(429);
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    const body = errorResponse.parse(refused.json());
    expect(body.code).toBe('rate-limited');
    expect(body.message).toMatch(/wait \d+ seconds/);

    // While refused, even a real code is not tried (the answer tells nothing) and stays usable.
    const code = await issueEnrolmentCode(hub.storage, 'civic-centre');
    expect((await enrol(hub.app, code, attacker)).statusCode).toBe(429);
    // Another address is not held up by this one.
    expect((await enrol(hub.app, guess(1), '198.51.100.7')).statusCode).toBe(403);
    expect((await enrol(hub.app, code, '198.51.100.7')).statusCode).toBe(201);
  });

  it('counts guesses as they arrive, so a burst of them at once gets no further', async () => {
    hub = await startHub();
    const statuses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => enrol(hub.app, guess(i), '203.0.113.9')),
    ).then((replies) => replies.map((r) => r.statusCode));
    expect(statuses.filter((s) => s === 403)).toHaveLength(ENROL_GUESSES_PER_ADDRESS);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - ENROL_GUESSES_PER_ADDRESS);
  });

  it('never counts issued codes: 200 devices enrol from one address, 20 at a time', async () => {
    hub = await startHub();
    const codes = await Promise.all(
      Array.from({ length: 200 }, () => issueEnrolmentCode(hub.storage, 'central-library')),
    );
    for (let i = 0; i < codes.length; i += 20) {
      const batch = await Promise.all(codes.slice(i, i + 20).map((code) => enrol(hub.app, code)));
      expect(batch.map((r) => r.statusCode)).toEqual(batch.map(() => 201));
    }
    // The address's allowance of wrong codes is untouched.
    for (let i = 0; i < ENROL_GUESSES_PER_ADDRESS; i++) {
      expect((await enrol(hub.app, guess(i))).statusCode).toBe(403);
    }
    expect((await enrol(hub.app, guess(0))).statusCode).toBe(429);
  });

  it('caps wrong codes from all addresses together', async () => {
    hub = await startHub();
    const addresses = Math.ceil(ENROL_GUESSES_PER_MINUTE / ENROL_GUESSES_PER_ADDRESS);
    let wrong = 0;
    for (let a = 0; a < addresses; a++) {
      for (let i = 0; i < ENROL_GUESSES_PER_ADDRESS && wrong < ENROL_GUESSES_PER_MINUTE; i++) {
        expect((await enrol(hub.app, guess(i), `192.0.2.${a + 1}`)).statusCode).toBe(403);
        wrong++;
      }
    }
    // A fresh address, within its own allowance, meets the overall ceiling.
    const refused = await enrol(hub.app, guess(0), '198.51.100.200');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(errorResponse.parse(refused.json()).code).toBe('rate-limited');
  });

  it('may be raised explicitly, for tests that fuzz enrolment with made-up codes', async () => {
    hub = await startHub();
    const app = await buildApp({
      storage: hub.storage,
      enrolment: { perAddressPerMinute: 1_000, perMinute: 1_000 },
    });
    extra.push(app);
    for (let i = 0; i < ENROL_GUESSES_PER_ADDRESS + 5; i++) {
      expect((await enrol(app, guess(i))).statusCode).toBe(403);
    }
  });
});
