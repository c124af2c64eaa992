// /track/<reference>: the citizen's view of a case, on any phone, with no account and no app.
// Plain server-rendered HTML (works without JavaScript), no personal data at all: what was
// asked for, each action and when, what happens next and by when. Guessing is rate-limited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderSVG } from 'uqr';
import { caseState, type CaseEvent, type CaseRecord } from '../../../shared/case.ts';
import {
  matchLanguage,
  resolveText,
  type LocalText,
  type PackLanguage,
} from '../../../shared/pack/local-text.ts';
import type { Commitment, Service } from '../../../shared/pack/schema.ts';
import { normaliseReference } from '../../../shared/reference.ts';
import { packIndexCache } from '../../platform/pack-index.ts';
import {
  escapeHtml,
  fillHtml,
  PAGE_TEXT,
  pickLanguage,
  sendPublicPage,
  simpleMain,
} from '../../platform/public-page.ts';
import { RateLimiter } from '../../platform/rate-limiter.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import type { CaseStore } from './case-store.ts';
import { TRACK_TEXT } from './track-text.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore; readonly cases: CaseStore };

const LOOKUPS_PER_MINUTE = 20;

const when = (iso: string, lang: PackLanguage) =>
  new Intl.DateTimeFormat(lang, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Europe/London',
  }).format(new Date(iso));

/** Pack text in the page's language, marked with its own language when it fell back. */
function packText(value: LocalText, lang: PackLanguage): string {
  const resolved = resolveText(value, lang);
  return resolved.lang === lang
    ? escapeHtml(resolved.text)
    : `<span lang="${resolved.lang}" dir="ltr">${escapeHtml(resolved.text)}</span>`;
}

/** The form under every tracking page: look up another reference. */
function lookupForm(lang: PackLanguage): string {
  return `
<form method="get" action="/track" class="lookup"><label for="ref">${escapeHtml(TRACK_TEXT[lang].lookupLabel)}</label>
<input type="hidden" name="lang" value="${lang}">
<input id="ref" name="ref" autocomplete="off" autocapitalize="characters" spellcheck="false" required>
<button type="submit">${escapeHtml(TRACK_TEXT[lang].lookupButton)}</button></form>`;
}

function describe(
  lang: PackLanguage,
  record: CaseRecord,
  events: CaseEvent[],
  service: Service | null,
  commitment: Commitment | null,
  url: string,
) {
  const text = TRACK_TEXT[lang];
  const state = caseState(events);
  const next =
    state.status === 'resolved'
      ? null
      : record.dues
          .filter((d) => d.stepId !== 'promise' && !state.completedSteps.has(d.stepId))
          .sort((a, b) => (a.due < b.due ? -1 : 1))[0];
  const nextStep = next ? commitment?.steps.find((s) => s.id === next.stepId) : undefined;
  const promise = record.dues.find((d) => d.stepId === 'promise');
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(url, { border: 2 }))}`;
  const date = (iso: string) => `<strong>${escapeHtml(when(iso, lang))}</strong>`;
  return `<h1>${escapeHtml(text.reference)} <span class="ref" dir="ltr">${escapeHtml(record.reference)}</span></h1>
<p class="service">${service ? packText(service.name, lang) : escapeHtml(record.serviceId)} — ${escapeHtml(text.types[record.type])}</p>
<p class="status status--${state.status}">${escapeHtml(text.status)}: <strong>${escapeHtml(text.statuses[state.status])}</strong></p>
${promise && commitment ? `<section><h2>${escapeHtml(text.promise)}</h2><p>${packText(commitment.promise, lang)} ${fillHtml(text.promiseBy, { date: date(promise.due) })}</p></section>` : ''}
${nextStep && next ? `<section><h2>${escapeHtml(text.next)}</h2><p>${fillHtml(text.nextBy, { step: packText(nextStep.title, lang), date: date(next.due) })}</p></section>` : ''}
${state.escalation ? `<p class="note">${escapeHtml(text.priority)}</p>` : ''}
<section><h2>${escapeHtml(text.happened)}</h2><ol class="timeline">${events
    .map(
      (e) =>
        `<li><span class="when">${escapeHtml(when(e.receivedAt, lang))}</span> ${escapeHtml(text.actions[e.kind])}</li>`,
    )
    .join('')}</ol></section>
<img class="qr" src="${qr}" alt="${escapeHtml(text.qrAlt)}" width="160" height="160">`;
}

type TrackRequest = FastifyRequest<{
  Params: { reference?: string };
  Querystring: { ref?: unknown; lang?: unknown };
}>;

export function trackRoutes(app: FastifyInstance, storage: Stores): void {
  const limiter = new RateLimiter(LOOKUPS_PER_MINUTE);
  const packIndex = packIndexCache(storage);

  const send = (
    request: TrackRequest,
    reply: FastifyReply,
    status: number,
    title: string,
    body: string,
  ) => {
    const lang = pickLanguage(request.query.lang, request.headers['accept-language']);
    return sendPublicPage(reply, {
      lang,
      status,
      path: request.url.split('?')[0] ?? '/track',
      title,
      main: body + lookupForm(lang),
      stylesheet: '/track.css',
      varyOnLanguage: true,
    });
  };
  const textFor = (request: TrackRequest) =>
    TRACK_TEXT[pickLanguage(request.query.lang, request.headers['accept-language'])];
  const langOf = (request: TrackRequest) =>
    pickLanguage(request.query.lang, request.headers['accept-language']);

  app.get('/track', async (request: TrackRequest, reply) => {
    const typed = typeof request.query.ref === 'string' ? request.query.ref.slice(0, 40) : '';
    const lang = typeof request.query.lang === 'string' ? matchLanguage(request.query.lang) : null;
    if (typed) {
      return reply.redirect(
        `/track/${encodeURIComponent(typed)}${lang ? `?lang=${lang}` : ''}`,
        303,
      );
    }
    const text = textFor(request);
    return send(request, reply, 200, text.trackTitle, simpleMain(text.trackTitle, text.trackIntro));
  });

  app.get('/track/:reference', async (request: TrackRequest, reply) => {
    const text = textFor(request);
    const verdict = limiter.hit(request.ip);
    if (!verdict.allowed) {
      const { tooManyTitle, tooManyBody } = PAGE_TEXT[langOf(request)];
      return send(
        request,
        reply.header('retry-after', verdict.retryAfterSeconds),
        429,
        tooManyTitle,
        simpleMain(tooManyTitle, tooManyBody),
      );
    }
    const typed = (request.params.reference ?? '').slice(0, 40);
    const reference = normaliseReference(typed);
    if (!reference) {
      const body = fillHtml(text.checkBody, {
        typed: `<span dir="ltr">${escapeHtml(typed)}</span>`,
        example: '<strong dir="ltr">K7QM-4TXR-B</strong>',
      });
      return send(
        request,
        reply,
        400,
        text.checkTitle,
        `<h1>${escapeHtml(text.checkTitle)}</h1><p>${body}</p>`,
      );
    }
    const found = await storage.cases.findCaseByReference(reference);
    if (!found) {
      return send(
        request,
        reply,
        404,
        text.notFoundTitle,
        `<h1>${escapeHtml(text.reference)} <span dir="ltr">${escapeHtml(reference)}</span></h1><p>${escapeHtml(text.notFoundBody)}</p>`,
      );
    }
    const pack = await packIndex();
    const service = pack.services.get(found.record.serviceId) ?? null;
    const commitment = pack.commitments.get(found.record.serviceId) ?? null;
    const url = `${request.protocol}://${request.host}/track/${reference}`;
    return send(
      request,
      reply,
      200,
      text.caseTitle.replace('{reference}', reference),
      describe(langOf(request), found.record, found.events, service, commitment, url),
    );
  });
}
