// /survey/<token>: the 48-hour follow-up's questions, on any phone, with no account and no
// script (plain HTML, the strict CSP of every page). The language recorded at the door, or the
// one picked on the page. Answered once; the link's token is stored only as its SHA-256, and
// guessing is rate-limited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { surveyAnswers, surveyOpen, type SurveyAnswers } from '../../../shared/feedback.ts';
import { matchLanguage, type PackLanguage } from '../../../shared/pack/local-text.ts';
import { packIndexCache } from '../../platform/pack-index.ts';
import { escapeHtml, fillHtml, localTextHtml } from '../../platform/html.ts';
import { pagePath, publicPages, requestLanguage } from '../../platform/public-page.ts';
import { RateLimiter } from '../../platform/rate-limiter.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import { hashSecret } from '../../platform/tokens.ts';
import type { SurveyLink } from './feedback-queries.ts';
import type { FeedbackStore } from './feedback-store.ts';
import { FOLLOWUP_TEXT, type FollowupText } from './followup-text.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore; readonly feedback: FeedbackStore };

export interface SurveyOptions {
  /** Requests per minute per address (GET and POST together). */
  perMinute?: number;
  now?: () => Date;
}

/** The tokens this hub makes: 32 random bytes, base64url. Anything else is not a link of ours. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const MAX_FORM_BYTES = 8 * 1024;

type SurveyRequest = FastifyRequest<{
  Params: { token: string };
  Querystring: { lang?: unknown };
  Body: unknown;
}>;

/** What the person chose, to show the form again as they left it. */
interface Draft {
  courteous?: string;
  solved?: string;
  comment?: string;
}

function choices(
  name: 'courteous' | 'solved',
  legend: string,
  options: [string, string][],
  chosen: string | undefined,
  invalid: boolean,
): string {
  const inputs = options
    .map(
      ([value, label]) =>
        `<label><input type="radio" name="${name}" value="${value}" required${chosen === value ? ' checked' : ''}> ${escapeHtml(label)}</label>`,
    )
    .join('');
  return `<fieldset${invalid ? ' aria-describedby="errors"' : ''}><legend>${escapeHtml(legend)}</legend><div class="choices">${inputs}</div></fieldset>`;
}

function form(
  text: FollowupText,
  action: string,
  draft: Draft,
  problems: { missing: boolean; comment: boolean },
): string {
  const errors =
    problems.missing || problems.comment
      ? `<div class="errors" id="errors" tabindex="-1"><h2>${escapeHtml(text.errorTitle)}</h2><ul>${
          problems.missing ? `<li>${escapeHtml(text.missing)}</li>` : ''
        }${problems.comment ? `<li>${escapeHtml(text.commentProblem)}</li>` : ''}</ul></div>`
      : '';
  return `${errors}<form method="post" action="${escapeHtml(action)}">
${choices(
  'courteous',
  text.courteous,
  [
    ['yes', text.courteousYes],
    ['no', text.courteousNo],
  ],
  draft.courteous,
  problems.missing,
)}
${choices(
  'solved',
  text.solved,
  [
    ['yes', text.solvedYes],
    ['partly', text.solvedPartly],
    ['no', text.solvedNo],
  ],
  draft.solved,
  problems.missing,
)}
<label for="comment">${escapeHtml(text.comment)}</label>
<p class="hint" id="comment-hint">${escapeHtml(text.commentHint)}</p>
<textarea id="comment" name="comment" rows="5" maxlength="500" aria-describedby="comment-hint"${problems.comment ? ' aria-invalid="true"' : ''}>${escapeHtml(draft.comment ?? '')}</textarea>
<button type="submit">${escapeHtml(text.submit)}</button>
</form>`;
}

/** The form body as the fields the survey knows; anything else is ignored, never stored. */
function draftOf(body: unknown): Draft {
  const params = typeof body === 'string' ? new URLSearchParams(body) : new URLSearchParams();
  const draft: Draft = {};
  for (const key of ['courteous', 'solved', 'comment'] as const) {
    const value = params.get(key);
    if (value !== null) draft[key] = value;
  }
  return draft;
}

export async function surveyRoutes(
  app: FastifyInstance,
  storage: Stores,
  options: SurveyOptions = {},
): Promise<void> {
  const limiter = new RateLimiter(options.perMinute ?? 30);
  const clock = options.now ?? (() => new Date());
  const packIndex = packIndexCache(storage);

  await app.register(async (scope) => {
    // The survey posts a plain HTML form; this parser exists only here.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: MAX_FORM_BYTES },
      (_request, body, done) => done(null, body),
    );

    const langFor = (request: SurveyRequest, link: SurveyLink | null): PackLanguage => {
      const asked =
        typeof request.query.lang === 'string' ? matchLanguage(request.query.lang) : undefined;
      if (asked) return asked;
      if (link) return matchLanguage(link.language) ?? 'en';
      return requestLanguage(request);
    };

    const pages = publicPages({
      stylesheet: '/survey.css',
      // The language is the one recorded at the door, or the one picked on the page.
      varyOnLanguage: false,
    });

    /** One of the survey's own one-paragraph pages: already answered, closed, not found. */
    const say = (
      request: SurveyRequest,
      reply: FastifyReply,
      lang: PackLanguage,
      status: number,
      page: 'already' | 'closed' | 'notFound',
    ) => {
      const text = FOLLOWUP_TEXT[lang];
      return pages.simple(request, reply, {
        lang,
        status,
        title: text[`${page}Title`],
        body: text[`${page}Body`],
      });
    };

    /** Rate limit, then the link behind the token; replies itself when there is nothing to do. */
    const lookUp = async (
      request: SurveyRequest,
      reply: FastifyReply,
    ): Promise<{ link: SurveyLink; hash: string } | null> => {
      if (!pages.allowed(limiter, request, reply)) return null;
      const token = request.params.token;
      const hash = TOKEN.test(token) ? hashSecret(token) : null;
      const link = hash ? await storage.feedback.findSurvey(hash) : null;
      if (!link || !hash) {
        await say(request, reply, langFor(request, null), 404, 'notFound');
        return null;
      }
      return { link, hash };
    };

    const intro = async (link: SurveyLink, lang: PackLanguage, text: FollowupText) => {
      const place = (await storage.core.getAccessPoint(link.accessPointId))?.name ?? '';
      const service = link.serviceId ? (await packIndex()).services.get(link.serviceId) : null;
      return `<h1>${escapeHtml(text.title)}</h1><p>${fillHtml(text.intro, {
        place: `<strong>${escapeHtml(place)}</strong>`,
      })}${service ? ` ${localTextHtml(service.name, lang)}` : ''}</p>`;
    };

    const action = (request: SurveyRequest, lang: PackLanguage) =>
      `${pagePath(request)}?lang=${lang}`;

    scope.get('/survey/:token', async (request: SurveyRequest, reply) => {
      const found = await lookUp(request, reply);
      if (!found) return reply;
      const lang = langFor(request, found.link);
      const text = FOLLOWUP_TEXT[lang];
      if (found.link.answeredAt) {
        return say(request, reply, lang, 200, 'already');
      }
      if (!surveyOpen(found.link.sentAt, clock().toISOString())) {
        return say(request, reply, lang, 410, 'closed');
      }
      const body = `${await intro(found.link, lang, text)}${form(text, action(request, lang), {}, { missing: false, comment: false })}`;
      return pages.send(request, reply, { lang, status: 200, title: text.title, main: body });
    });

    scope.post('/survey/:token', async (request: SurveyRequest, reply) => {
      const found = await lookUp(request, reply);
      if (!found) return reply;
      const lang = langFor(request, found.link);
      const text = FOLLOWUP_TEXT[lang];
      if (found.link.answeredAt) {
        return say(request, reply, lang, 409, 'already');
      }
      if (!surveyOpen(found.link.sentAt, clock().toISOString())) {
        return say(request, reply, lang, 410, 'closed');
      }
      const draft = draftOf(request.body);
      const parsed = surveyAnswers.safeParse({
        ...draft,
        ...(draft.comment?.trim() ? {} : { comment: undefined }),
      });
      if (!parsed.success) {
        const fields = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
        const problems = {
          missing: fields.has('courteous') || fields.has('solved'),
          comment: fields.has('comment'),
        };
        const body = `${await intro(found.link, lang, text)}${form(text, action(request, lang), draft, problems)}`;
        return pages.send(request, reply, {
          lang,
          status: 400,
          title: text.errorTitle,
          main: body,
        });
      }
      const answers: SurveyAnswers = parsed.data;
      const outcome = await storage.feedback.answerSurvey(
        found.hash,
        answers,
        clock().toISOString(),
      );
      if (outcome === 'already') {
        return say(request, reply, lang, 409, 'already');
      }
      if (outcome === 'closed') {
        return say(request, reply, lang, 410, 'closed');
      }
      if (outcome === 'unknown') {
        return say(request, reply, lang, 404, 'notFound');
      }
      return pages.send(request, reply, {
        lang,
        status: 200,
        title: text.thanksTitle,
        main: `<h1>${escapeHtml(text.thanksTitle)}</h1><p>${escapeHtml(text.thanksBody)}</p><p>${escapeHtml(text.privacy)}</p>`,
      });
    });
  });
}
