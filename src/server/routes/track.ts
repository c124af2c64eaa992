// /track/<reference>: the citizen's view of a case, on any phone, with no account and no app.
// Plain server-rendered HTML (works without JavaScript), no personal data at all: what was
// asked for, each action and when, what happens next and by when. Guessing is rate-limited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderSVG } from 'uqr';
import { caseState, type CaseEvent, type CaseRecord } from '../../shared/case.ts';
import type { Commitment, Service } from '../../shared/pack/schema.ts';
import { normaliseReference } from '../../shared/reference.ts';
import type { Storage } from '../storage/storage.ts';

const WINDOW_MS = 60_000;
const LOOKUPS_PER_WINDOW = 20;

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const when = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Europe/London',
  }).format(new Date(iso));

const ACTION: Record<CaseEvent['kind'], string> = {
  opened: 'We received your report',
  routed: 'Passed to the team that deals with it',
  acknowledged: 'The team has picked it up',
  note: 'The team added an update',
  'step-completed': 'A step was completed',
  escalated: 'Given priority',
  resolved: 'Resolved',
  reopened: 'Reopened',
};

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)} — AnyDoor</title>
<link rel="stylesheet" href="/track.css"></head>
<body><main>${body}
<form method="get" action="/track" class="lookup"><label for="ref">Track another reference</label>
<input id="ref" name="ref" autocomplete="off" autocapitalize="characters" spellcheck="false" required>
<button type="submit">Track</button></form></main></body></html>`;
}

/** Simple fixed-window limiter per client address: enough to make guessing references useless. */
class RateLimiter {
  private readonly hits = new Map<string, { start: number; count: number }>();
  allow(key: string, now = Date.now()): boolean {
    const entry = this.hits.get(key);
    if (!entry || now - entry.start > WINDOW_MS) {
      if (this.hits.size > 10_000) this.hits.clear();
      this.hits.set(key, { start: now, count: 1 });
      return true;
    }
    entry.count++;
    return entry.count <= LOOKUPS_PER_WINDOW;
  }
}

function describe(
  record: CaseRecord,
  events: CaseEvent[],
  service: Service | null,
  commitment: Commitment | null,
  url: string,
) {
  const state = caseState(events);
  const status =
    state.status === 'resolved'
      ? 'Resolved'
      : state.status === 'acknowledged'
        ? 'Being dealt with'
        : 'Received';
  const next =
    state.status === 'resolved'
      ? null
      : record.dues
          .filter((d) => d.stepId !== 'promise' && !state.completedSteps.has(d.stepId))
          .sort((a, b) => (a.due < b.due ? -1 : 1))[0];
  const nextStep = next ? commitment?.steps.find((s) => s.id === next.stepId) : undefined;
  const promise = record.dues.find((d) => d.stepId === 'promise');
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(url, { border: 2 }))}`;
  return `<h1>Reference <span class="ref">${escape(record.reference)}</span></h1>
<p class="service">${escape(service?.name.en ?? record.serviceId)} — ${escape(record.type)}</p>
<p class="status status--${state.status}">Status: <strong>${status}</strong></p>
${promise && commitment ? `<section><h2>Our promise</h2><p>${escape(commitment.promise.en)} <strong>By ${escape(when(promise.due))}.</strong></p></section>` : ''}
${nextStep && next ? `<section><h2>What happens next</h2><p>${escape(nextStep.title.en)}, by ${escape(when(next.due))}.</p></section>` : ''}
${state.escalation ? '<p class="note">This case has been given priority.</p>' : ''}
<section><h2>What has happened</h2><ol class="timeline">${events
    .map(
      (e) =>
        `<li><span class="when">${escape(when(e.receivedAt))}</span> ${escape(ACTION[e.kind])}</li>`,
    )
    .join('')}</ol></section>
<img class="qr" src="${qr}" alt="QR code for this page" width="160" height="160">`;
}

export function trackRoutes(app: FastifyInstance, storage: Storage): void {
  const limiter = new RateLimiter();

  const send = (reply: FastifyReply, status: number, title: string, body: string) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(page(title, body));

  app.get('/track', async (request: FastifyRequest<{ Querystring: { ref?: string } }>, reply) => {
    const typed = typeof request.query.ref === 'string' ? request.query.ref.slice(0, 40) : '';
    if (typed) return reply.redirect(`/track/${encodeURIComponent(typed)}`, 303);
    return send(
      reply,
      200,
      'Track a case',
      '<h1>Track a case</h1><p>Enter the reference on your slip or text message.</p>',
    );
  });

  app.get(
    '/track/:reference',
    async (request: FastifyRequest<{ Params: { reference: string } }>, reply) => {
      if (!limiter.allow(request.ip)) {
        return send(
          reply,
          429,
          'Too many lookups',
          '<h1>Too many lookups</h1><p>Please wait a minute and try again.</p>',
        );
      }
      const typed = request.params.reference.slice(0, 40);
      const reference = normaliseReference(typed);
      if (!reference) {
        return send(
          reply,
          400,
          'Check the reference',
          `<h1>Check the reference</h1><p>“${escape(typed)}” is not a reference we give out. References look like <strong>K7QM-4TXR-B</strong>: eight letters and numbers and a last check character. They never contain the letters O, I, L or U, or the digits 0 and 1.</p>`,
        );
      }
      const found = await storage.findCaseByReference(reference);
      if (!found) {
        return send(
          reply,
          404,
          'Not found yet',
          `<h1>Reference ${escape(reference)}</h1><p>We cannot find this case yet. If it was recorded somewhere without a connection, such as a mobile library, it appears when that device next connects. Please try again later.</p>`,
        );
      }
      const services = await storage.listPackRecords('services');
      const commitments = await storage.listPackRecords('commitments');
      const service = services.find((s) => s.id === found.record.serviceId) ?? null;
      const commitment = commitments.find((c) => c.serviceId === found.record.serviceId) ?? null;
      const url = `${request.protocol}://${request.host}/track/${reference}`;
      return send(
        reply,
        200,
        `Case ${reference}`,
        describe(found.record, found.events, service, commitment, url),
      );
    },
  );
}
