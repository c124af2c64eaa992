// The hub's outer defences: body size limits (413 with a clear message, nothing stored), rate
// limits on the public write and lookup endpoints (429 with Retry-After), and the security
// headers, including a Content-Security-Policy that allows no inline script, on every kind of
// response: the PWA shell, the API, /track and Open311.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { issueApiKey } from '../../src/server/features/open311/open311-keys.ts';
import { MAX_PHOTO_BYTES } from '../../src/shared/case-photo.ts';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import { newId } from '../../src/shared/ids.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';
import { newReference } from '../../src/shared/reference.ts';
import { errorResponse, MAX_BODY_BYTES, PROTOCOL_VERSION } from '../../src/shared/sync/protocol.ts';
import { noteOp } from '../helpers/fixtures.ts';
import { startHub, type TestHub } from '../helpers/hub.ts';

const now = () => new Date().toISOString();

describe('limits and security headers', () => {
  let hub: TestHub;
  const extra: FastifyInstance[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const app of extra.splice(0)) await app.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    await hub.close();
  });

  async function ready() {
    hub = await startHub();
    const checked = validatePack(buildDemoPack());
    if (!checked.ok) throw new Error('invalid demo pack');
    await hub.storage.core.publishPack(checked.pack, { now: now() });
  }

  /** A second app over the hub's storage, with its own options (e.g. a tight Open311 limit). */
  async function appWith(options: Omit<Parameters<typeof buildApp>[0], 'storage'>) {
    const app = await buildApp({ storage: hub.storage, ...options });
    extra.push(app);
    return app;
  }

  const expectTooLarge = (res: LightMyRequestResponse, limit: RegExp) => {
    expect(res.statusCode).toBe(413);
    const body = errorResponse.parse(res.json());
    expect(body.code).toBe('payload-too-large');
    expect(body.message).toMatch(limit);
  };

  it('refuses bodies over their limit with 413 and a clear message, storing nothing', async () => {
    await ready();
    const device = await hub.enrol('civic-centre');
    const before = await hub.storage.core.countAppliedOps();

    const sync = await hub.app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { authorization: `Bearer ${device.token}` },
      payload: {
        type: 'sync',
        protocolVersion: PROTOCOL_VERSION,
        push: [noteOp(device.deviceId, { note: 'x'.repeat(MAX_BODY_BYTES) })],
        cursor: null,
      },
    });
    expectTooLarge(sync, new RegExp(`larger than ${MAX_BODY_BYTES} bytes`));
    const enrol = await hub.app.inject({
      method: 'POST',
      url: '/api/devices/enrol',
      payload: { type: 'enrol', code: 'x'.repeat(MAX_BODY_BYTES + 1) },
    });
    expectTooLarge(enrol, /larger than/);
    expect(await hub.storage.core.countAppliedOps()).toBe(before);

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const photo = await hub.app.inject({
      method: 'PUT',
      url: `/api/cases/${newId()}/photos/${newId()}`,
      headers: { authorization: `Bearer ${device.token}`, 'content-type': 'image/png' },
      payload: Buffer.concat([png, Buffer.alloc(MAX_PHOTO_BYTES)]),
    });
    expectTooLarge(photo, /larger than 5 MB/);

    // Open311 answers in its own error format, in the format asked for.
    const apiKey = await issueApiKey(hub.storage, 'big-poster');
    const cases = (await hub.storage.cases.listCases()).length;
    const description = 'x'.repeat(80 * 1024);
    const form = await hub.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        api_key: apiKey,
        service_code: 'missed-bin-collection',
        address_string: '1 High Street',
        description,
      }).toString(),
    });
    expect(form.statusCode).toBe(413);
    expect(form.json()).toEqual([
      { code: 413, description: 'the request is larger than 65536 bytes' },
    ]);
    const json = await hub.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      payload: { api_key: apiKey, service_code: 'missed-bin-collection', description },
    });
    expect(json.statusCode).toBe(413);
    expect(json.headers['content-type']).toMatch(/^text\/xml/);
    expect(json.body).toContain(
      '<description>the request is larger than 65536 bytes</description>',
    );
    expect((await hub.storage.cases.listCases()).length).toBe(cases);
  });

  it('rate-limits Open311 posts per key and per address, with Retry-After', async () => {
    await ready();
    let clock = Date.parse('2026-03-02T10:00:00Z');
    const app = await appWith({
      open311: { postsPerMinute: 3, burst: 3, now: () => new Date(clock) },
    });
    const [first, second] = [
      await issueApiKey(hub.storage, 'first'),
      await issueApiKey(hub.storage, 'second'),
    ];
    const post = (apiKey: string, remoteAddress: string, format = 'json') =>
      app.inject({
        method: 'POST',
        url: `/open311/v2/requests.${format}`,
        remoteAddress,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          api_key: apiKey,
          service_code: 'missed-bin-collection',
          address_string: '12 High Street, Eastbury EB1 5EF',
          description: `Bin not emptied (${newReference()}).`,
        }).toString(),
      });
    const statuses = async (n: number, apiKey: string, address: string) => {
      const out = [];
      for (let i = 0; i < n; i++) out.push((await post(apiKey, address)).statusCode);
      return out;
    };

    // Per key: a burst of three, then three a minute (a token every 20 s), whichever address
    // they come from; a refusal says when the next token is there.
    expect(await statuses(2, first, '192.0.2.1')).toEqual([200, 200]);
    expect(await statuses(1, first, '192.0.2.2')).toEqual([200]);
    const limited = await post(first, '192.0.2.3', 'xml');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('20');
    expect(limited.body).toContain('<code>429</code>');
    expect(limited.body).toMatch(/too many posts from this api_key; retry after 20 seconds/);
    clock += 20_000;
    expect(await statuses(2, first, '192.0.2.3')).toEqual([200, 429]);

    // Per address: twice the key's (a burst of six, then a token every 10 s), whichever keys
    // it uses; posts with a wrong key count too.
    const third = await issueApiKey(hub.storage, 'third');
    expect(await statuses(3, second, '203.0.113.5')).toEqual([200, 200, 200]);
    expect(await statuses(2, 'o311_not-a-key', '203.0.113.5')).toEqual([403, 403]);
    expect(await statuses(1, third, '203.0.113.5')).toEqual([200]);
    const crowded = await post(third, '203.0.113.5');
    expect(crowded.statusCode).toBe(429);
    expect(crowded.headers['retry-after']).toBe('10');
    expect(crowded.json()).toEqual([
      { code: 429, description: 'too many posts from this address; retry after 10 seconds' },
    ]);
    // The same key from another address is still welcome.
    expect(await statuses(1, third, '203.0.113.6')).toEqual([200]);

    // A minute later the buckets have refilled.
    clock += 60_000;
    expect(await statuses(3, first, '192.0.2.1')).toEqual([200, 200, 200]);
    expect(await statuses(1, second, '192.0.2.9')).toEqual([200]);
  });

  it('rate-limits /track lookups per address, with Retry-After', async () => {
    await ready();
    const lookups = [];
    for (let i = 0; i < 21; i++) {
      lookups.push(
        await hub.app.inject({
          method: 'GET',
          url: `/track/${newReference()}`,
          remoteAddress: '198.51.100.7',
        }),
      );
    }
    expect(lookups.slice(0, 20).map((r) => r.statusCode)).not.toContain(429);
    const last = lookups[20] as LightMyRequestResponse;
    expect(last.statusCode).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(last.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(last.body).toContain('Too many lookups');
    const other = await hub.app.inject({
      method: 'GET',
      url: `/track/${newReference()}`,
      remoteAddress: '198.51.100.8',
    });
    expect(other.statusCode).toBe(404);
  });

  it('sends the build’s pre-compressed files to a browser that accepts them, the shell and service worker never cached stale', async () => {
    await ready();
    const staticDir = mkdtempSync(join(tmpdir(), 'anydoor-shell-'));
    dirs.push(staticDir);
    mkdirSync(join(staticDir, 'assets'));
    const files = {
      'index.html': '<!doctype html><html><body><div id="root">shell</div></body></html>',
      'sw.js': 'self.addEventListener("fetch", () => {});',
      'assets/app-1234.js': `export const big = ${JSON.stringify('x'.repeat(4000))};`,
    };
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(staticDir, name), text);
      writeFileSync(join(staticDir, `${name}.br`), brotliCompressSync(text));
      writeFileSync(join(staticDir, `${name}.gz`), gzipSync(text));
    }
    const app = await appWith({ staticDir });
    const get = (url: string, encoding?: string) =>
      app.inject({
        method: 'GET',
        url,
        headers: { accept: 'text/html', ...(encoding ? { 'accept-encoding': encoding } : {}) },
      });
    for (const url of ['/', '/cases/new', '/sw.js']) {
      const br = await get(url, 'gzip, deflate, br');
      expect(br.headers['content-encoding'], url).toBe('br');
      expect(br.headers['cache-control'], url).toBe('no-cache');
      expect(br.headers.vary, url).toMatch(/accept-encoding/i);
    }
    const gz = await get('/assets/app-1234.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toMatch(/javascript/);
    expect(gz.headers['cache-control']).toMatch(/immutable/);
    expect(gz.rawPayload.length).toBeLessThan(files['assets/app-1234.js'].length / 4);
    const plain = await get('/assets/app-1234.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(files['assets/app-1234.js']);
    const shell = await get('/');
    expect(shell.headers['cache-control']).toBe('no-cache');
    expect(shell.body).toContain('<div id="root">shell</div>');
  });

  it('sends a strict CSP and the security headers on the shell, the API, /track and Open311', async () => {
    await ready();
    const staticDir = mkdtempSync(join(tmpdir(), 'anydoor-shell-'));
    dirs.push(staticDir);
    writeFileSync(
      join(staticDir, 'index.html'),
      '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>',
    );
    const app = await appWith({ staticDir });
    const device = await hub.enrol('civic-centre');
    const html = { accept: 'text/html' };
    const responses: Record<string, LightMyRequestResponse> = {
      shell: await app.inject({ method: 'GET', url: '/', headers: html }),
      'client route': await app.inject({ method: 'GET', url: '/cases/new', headers: html }),
      healthz: await app.inject({ method: 'GET', url: '/healthz' }),
      sync: await app.inject({
        method: 'POST',
        url: '/api/sync',
        headers: { authorization: `Bearer ${device.token}` },
        payload: { type: 'sync', protocolVersion: PROTOCOL_VERSION, push: [], cursor: null },
      }),
      'sync refused': await app.inject({ method: 'POST', url: '/api/sync', payload: {} }),
      'api 404': await app.inject({ method: 'GET', url: '/api/nothing' }),
      track: await app.inject({ method: 'GET', url: '/track' }),
      'track 404': await app.inject({ method: 'GET', url: `/track/${newReference()}` }),
      'open311 json': await app.inject({ method: 'GET', url: '/open311/v2/services.json' }),
      'open311 xml': await app.inject({ method: 'GET', url: '/open311/v2/services.xml' }),
      'open311 refused': await app.inject({
        method: 'POST',
        url: '/open311/v2/requests.xml',
        payload: {},
      }),
    };
    expect(responses.shell?.statusCode).toBe(200);
    expect(responses.shell?.headers['content-type']).toMatch(/^text\/html/);
    expect(responses['client route']?.body).toContain('<div id="root">');

    for (const [name, res] of Object.entries(responses)) {
      const headers = res.headers;
      const csp = String(headers['content-security-policy'] ?? '');
      const directives = new Map(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .filter((d) => d[0])
          .map(([key, ...values]) => [key as string, values]),
      );
      const scripts = directives.get('script-src') ?? directives.get('default-src') ?? [];
      expect(scripts, name).toContain("'self'");
      for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", 'data:', '*', 'http:', 'https:']) {
        expect(scripts, `${name} script-src`).not.toContain(unsafe);
      }
      expect(directives.get('default-src'), name).toEqual(["'self'"]);
      expect(directives.get('object-src'), name).toEqual(["'none'"]);
      expect(directives.get('base-uri'), name).toEqual(["'none'"]);
      expect(directives.get('frame-ancestors'), name).toEqual(["'none'"]);
      expect(directives.get('style-src') ?? [], name).not.toContain("'unsafe-inline'");
      expect(headers['x-content-type-options'], name).toBe('nosniff');
      expect(headers['x-frame-options'], name).toBe('DENY');
      expect(headers['referrer-policy'], name).toBe('no-referrer');
      expect(headers['cross-origin-opener-policy'], name).toBe('same-origin');
      expect(headers['permissions-policy'], name).toMatch(/microphone=\(\)/);
    }
  });
});
