// Builds the Fastify app: API routes, the built PWA, security headers. Tests call buildApp()
// and use inject() or listen on a random port; main.ts adds configuration and seeding.
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { MAX_BODY_BYTES, PROTOCOL_VERSION } from '../shared/sync/protocol.ts';
import { sendError } from './platform/errors.ts';
import { adminLogRoutes } from './features/admin-log/admin-log-routes.ts';
import { auditRoutes } from './features/audits/audit-routes.ts';
import { photoRoutes } from './features/cases/photo-routes.ts';
import { trackRoutes } from './features/cases/track-routes.ts';
import { customerRoutes } from './features/customers/customer-routes.ts';
import { deviceRoutes, type EnrolmentOptions } from './features/devices/device-routes.ts';
import { studioDeviceRoutes } from './features/devices/studio-device-routes.ts';
import { surveyRoutes, type SurveyOptions } from './features/feedback/survey-routes.ts';
import { hsdsRoutes } from './features/hsds/hsds-routes.ts';
import { insightRoutes } from './features/insight/insight-routes.ts';
import { open311Routes, type Open311Options } from './features/open311/open311-routes.ts';
import { packRoutes } from './features/pack/pack-routes.ts';
import { packStudioRoutes } from './features/pack/studio-pack-routes.ts';
import { placesStudioRoutes } from './features/pack/studio-places-routes.ts';
import { reviewFormRoutes } from './features/reviews/review-form.ts';
import { reviewRoutes } from './features/reviews/review-routes.ts';
import { peopleRoutes } from './features/staff/people-routes.ts';
import { staffRoutes } from './features/staff/staff-routes.ts';
import { syncRoutes } from './features/sync/sync-routes.ts';
import type { Storage } from './storage.ts';

export interface AppOptions {
  storage: Storage;
  /** The built PWA (vite build output); omitted in API-only tests. */
  staticDir?: string | undefined;
  logger?: boolean;
  /** Open311 rate and size limits (tests lift the rate limit to fuzz the endpoint). */
  open311?: Open311Options;
  /**
   * Which proxies' X-Forwarded-For to believe (Fastify's trustProxy: true, or addresses and
   * CIDR ranges, comma-separated). Behind a load balancer, without it every citizen looks like
   * the balancer to the per-address limits of /track and Open311.
   */
  trustProxy?: boolean | string;
  /** The follow-up survey's rate limit and clock (tests). */
  survey?: SurveyOptions;
  /**
   * How many wrong enrolment codes are allowed a minute, per client address and overall
   * (ENROL_GUESSES_PER_ADDRESS, ENROL_GUESSES_PER_MINUTE). Codes that were issued never count,
   * so only tests that fuzz enrolment with made-up codes need to raise it.
   */
  enrolment?: EnrolmentOptions;
}

// No inline scripts or styles anywhere in the app, so the policy can forbid them outright.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: MAX_BODY_BYTES,
    // A URL that cannot be decoded (bad percent-encoding) never reaches a route or the error
    // handler: answer it in the same format as every other bad request.
    frameworkErrors: (_error, _request, reply) =>
      sendError(reply, 400, 'invalid-request', 'The address of the request is not valid.'),
    trustProxy: options.trustProxy ?? false,
  });
  const { storage } = options;
  const staticDir =
    options.staticDir && existsSync(options.staticDir) ? options.staticDir : undefined;

  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'geolocation=(self), camera=(self), microphone=()');
  });

  app.setErrorHandler(
    (error: { statusCode?: number; code?: string; message: string }, request, reply) => {
      const status = error.statusCode ?? 500;
      if (status === 413) {
        return sendError(
          reply,
          413,
          'payload-too-large',
          `The request is larger than ${MAX_BODY_BYTES} bytes.`,
        );
      }
      if (status >= 400 && status < 500) {
        return sendError(reply, status, 'invalid-request', error.message);
      }
      request.log.error(error);
      return sendError(reply, 500, 'internal', 'Something went wrong on the server; try again.');
    },
  );

  app.get('/healthz', async () => ({
    status: 'ok',
    store: storage.dialect,
    protocolVersion: PROTOCOL_VERSION,
  }));

  deviceRoutes(app, storage, options.enrolment);
  syncRoutes(app, storage);
  packRoutes(app, storage);
  packStudioRoutes(app, storage);
  placesStudioRoutes(app, storage);
  trackRoutes(app, storage);
  await surveyRoutes(app, storage, options.survey);
  staffRoutes(app, storage);
  peopleRoutes(app, storage);
  reviewRoutes(app, storage);
  reviewFormRoutes(app, storage);
  auditRoutes(app, storage);
  customerRoutes(app, storage);
  insightRoutes(app, storage);
  adminLogRoutes(app, storage);
  studioDeviceRoutes(app, storage);
  await photoRoutes(app, storage);
  hsdsRoutes(app, storage);
  open311Routes(app, storage, options.open311);

  app.setNotFoundHandler((request, reply) => {
    const accept = request.headers.accept ?? '';
    if (
      staticDir &&
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      accept.includes('text/html')
    ) {
      // Client-side routes: the PWA shell handles them.
      return reply.type('text/html').sendFile('index.html');
    }
    return sendError(
      reply,
      404,
      'not-found',
      `No route ${request.method} ${request.url.split('?')[0] ?? ''}.`,
    );
  });

  if (staticDir) {
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: false,
      // The build writes a .br and a .gz beside its scripts, styles and language files
      // (vite.config.ts): sent to a browser that accepts them, about a third of the bytes,
      // with no compressing per request.
      preCompressed: true,
      // The service worker and its manifest must never be served stale, or updates stall
      // (`path` is the file sent: index.html.br if there is one and the browser takes Brotli).
      setHeaders(reply, path) {
        if (
          /(?:sw\.js|workbox-[\w-]+\.js|index\.html|manifest\.webmanifest)(?:\.br|\.gz)?$/.test(
            path,
          )
        ) {
          reply.header('cache-control', 'no-cache');
        } else if (path.includes('/assets/')) {
          reply.header('cache-control', 'public, max-age=31536000, immutable');
        }
      },
    });
  }
  return app;
}
