// /track/<reference>: the citizen's view of a case, on any phone, with no account and no app.
// Plain server-rendered HTML (works without JavaScript), no personal data at all: what was
// asked for, each action and when, what happens next and by when. Guessing is rate-limited.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { caseState, stepOutcome, type CaseEvent, type CaseRecord } from '../../../shared/case.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { matchLanguage, type PackLanguage } from '../../../shared/pack/local-text.ts';
import type { Commitment, Partner, Service } from '../../../shared/pack/schema.ts';
import { normaliseReference } from '../../../shared/reference.ts';
import { packIndexCache } from '../../platform/pack-index.ts';
import { escapeHtml, fillHtml, localTextHtml } from '../../platform/html.ts';
import { publicPages, requestLanguage } from '../../platform/public-page.ts';
import { RateLimiter } from '../../platform/rate-limiter.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import type { CaseStore } from './case-store.ts';
import { TRACK_TEXT } from './track-text.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore; readonly cases: CaseStore };

const LOOKUPS_PER_MINUTE = 20;

/** A time on the page: the day in words and UK time, in the page's language (shared/format.ts). */
const when = (iso: string, lang: PackLanguage) => formatDateTime(iso, lang, { weekday: true });

/** The form under every tracking page: look up another reference. */
function lookupForm(lang: PackLanguage): string {
  return `
<form method="get" action="/track" class="lookup"><label for="ref">${escapeHtml(TRACK_TEXT[lang].lookupLabel)}</label>
<input type="hidden" name="lang" value="${lang}">
<input id="ref" name="ref" autocomplete="off" autocapitalize="characters" spellcheck="false" required>
<button type="submit">${escapeHtml(TRACK_TEXT[lang].lookupButton)}</button></form>`;
}

/**
 * Who deals with the case and how to reach them, from the pack: the owning team and partner,
 * the service's phone (else the partner's) and the partner's website. Numbers and addresses
 * keep their left-to-right order inside a right-to-left sentence.
 */
function ownerSection(
  lang: PackLanguage,
  record: CaseRecord,
  service: Service | null,
  partner: Partner | null,
): string {
  const text = TRACK_TEXT[lang];
  if (!partner) return '';
  const team = partner.teams.find((t) => t.id === record.ownerTeamId);
  const who = team
    ? fillHtml(text.ownerIs, {
        team: localTextHtml(team.name, lang),
        partner: localTextHtml(partner.name, lang),
      })
    : localTextHtml(partner.name, lang);
  const phone = service?.phone ?? partner.phone;
  const call = phone
    ? `<p>${fillHtml(text.contactPhone, {
        phone: `<a href="tel:${escapeHtml(phone.replace(/[^+0-9]/g, ''))}" dir="ltr">${escapeHtml(phone)}</a>`,
      })}</p>`
    : '';
  const site = partner.website
    ? `<p>${fillHtml(text.contactWebsite, {
        link: `<a href="${escapeHtml(partner.website)}" dir="ltr">${escapeHtml(partner.website.replace(/^https:\/\//, ''))}</a>`,
      })}</p>`
    : '';
  return `<section><h2>${escapeHtml(text.owner)}</h2><p data-testid="owner">${who}</p>${call}${site}</section>`;
}

function describe(
  lang: PackLanguage,
  record: CaseRecord,
  events: CaseEvent[],
  service: Service | null,
  commitment: Commitment | null,
  partner: Partner | null,
) {
  const text = TRACK_TEXT[lang];
  const state = caseState(events);
  const stepTitle = (stepId: string | undefined) => {
    const step = commitment?.steps.find((s) => s.id === stepId);
    return step ? localTextHtml(step.title, lang) : null;
  };
  const steps = record.dues.filter((d) => d.stepId !== 'promise');
  const next =
    state.status === 'resolved'
      ? null
      : steps
          .filter((d) => stepOutcome(state, d.stepId) === 'open')
          .sort((a, b) => (a.due < b.due ? -1 : 1))[0];
  const nextStep = next ? commitment?.steps.find((s) => s.id === next.stepId) : undefined;
  const promise = record.dues.find((d) => d.stepId === 'promise');
  const date = (iso: string) => `<strong>${escapeHtml(when(iso, lang))}</strong>`;
  // Each step, said plainly: done, not done (the team confirmed it when resolving), or by when.
  const stepList = steps
    .map((d) => {
      const title = stepTitle(d.stepId);
      if (!title) return '';
      const outcome = stepOutcome(state, d.stepId);
      const words =
        outcome === 'done'
          ? fillHtml(text.stepDone, { step: title })
          : outcome === 'not-done'
            ? fillHtml(text.stepNotDone, { step: title })
            : fillHtml(text.stepBy, { step: title, date: date(d.due) });
      return `<li class="step step--${outcome}">${words}</li>`;
    })
    .join('');
  const action = (e: CaseEvent) => {
    const title = stepTitle(e.stepId);
    if (e.kind === 'step-completed' && title) return fillHtml(text.doneStep, { step: title });
    if (e.kind === 'step-not-done' && title) return fillHtml(text.notDoneStep, { step: title });
    return escapeHtml(text.actions[e.kind]);
  };
  return `<h1>${escapeHtml(text.reference)} <span class="ref" dir="ltr">${escapeHtml(record.reference)}</span></h1>
<p class="service">${service ? localTextHtml(service.name, lang) : escapeHtml(record.serviceId)} — ${escapeHtml(text.types[record.type])}</p>
<p class="status status--${state.status}">${escapeHtml(text.status)}: <strong>${escapeHtml(text.statuses[state.status])}</strong></p>
${promise && commitment ? `<section><h2>${escapeHtml(text.promise)}</h2><p>${localTextHtml(commitment.promise, lang)} ${fillHtml(text.promiseBy, { date: date(promise.due) })}</p></section>` : ''}
${nextStep && next ? `<section><h2>${escapeHtml(text.next)}</h2><p>${fillHtml(text.nextBy, { step: localTextHtml(nextStep.title, lang), date: date(next.due) })}</p></section>` : ''}
${stepList ? `<section><h2>${escapeHtml(text.steps)}</h2><ul class="steps" data-testid="steps">${stepList}</ul></section>` : ''}
${state.escalation ? `<p class="note">${escapeHtml(text.priority)}</p>` : ''}
${ownerSection(lang, record, service, partner)}
<section><h2>${escapeHtml(text.happened)}</h2><ol class="timeline">${events
    .map(
      (e) =>
        `<li><span class="when">${escapeHtml(when(e.receivedAt, lang))}</span> ${action(e)}</li>`,
    )
    .join('')}</ol></section>`;
}

type TrackRequest = FastifyRequest<{
  Params: { reference?: string };
  Querystring: { ref?: unknown; lang?: unknown };
}>;

export function trackRoutes(app: FastifyInstance, storage: Stores): void {
  const limiter = new RateLimiter(LOOKUPS_PER_MINUTE);
  const packIndex = packIndexCache(storage);
  const pages = publicPages({
    stylesheet: '/track.css',
    varyOnLanguage: true,
    footer: lookupForm,
  });

  app.get('/track', async (request: TrackRequest, reply) => {
    const typed = typeof request.query.ref === 'string' ? request.query.ref.slice(0, 40) : '';
    const lang = typeof request.query.lang === 'string' ? matchLanguage(request.query.lang) : null;
    if (typed) {
      return reply.redirect(
        `/track/${encodeURIComponent(typed)}${lang ? `?lang=${lang}` : ''}`,
        303,
      );
    }
    const text = TRACK_TEXT[requestLanguage(request)];
    return pages.simple(request, reply, {
      status: 200,
      title: text.trackTitle,
      body: text.trackIntro,
    });
  });

  app.get('/track/:reference', async (request: TrackRequest, reply) => {
    if (!pages.allowed(limiter, request, reply)) return reply;
    const lang = requestLanguage(request);
    const text = TRACK_TEXT[lang];
    const typed = (request.params.reference ?? '').slice(0, 40);
    const reference = normaliseReference(typed);
    if (!reference) {
      const body = fillHtml(text.checkBody, {
        typed: `<span dir="ltr">${escapeHtml(typed)}</span>`,
        example: '<strong dir="ltr">K7QM-4TXR-B</strong>',
      });
      return pages.send(request, reply, {
        status: 400,
        title: text.checkTitle,
        main: `<h1>${escapeHtml(text.checkTitle)}</h1><p>${body}</p>`,
      });
    }
    const found = await storage.cases.findCaseByReference(reference);
    if (!found) {
      return pages.send(request, reply, {
        status: 404,
        title: text.notFoundTitle,
        main: `<h1>${escapeHtml(text.reference)} <span dir="ltr">${escapeHtml(reference)}</span></h1><p>${escapeHtml(text.notFoundBody)}</p>`,
      });
    }
    const pack = await packIndex();
    const service = pack.services.get(found.record.serviceId) ?? null;
    const commitment = pack.commitments.get(found.record.serviceId) ?? null;
    return pages.send(request, reply, {
      status: 200,
      title: text.caseTitle.replace('{reference}', reference),
      main: describe(
        lang,
        found.record,
        found.events,
        service,
        commitment,
        pack.partners.get(found.record.ownerPartnerId) ?? null,
      ),
    });
  });
}
