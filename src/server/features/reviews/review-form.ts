// /review/<service>: a public review form for any phone, no app, no account and no script
// (plain HTML in the six languages, like /track). A review sent here is screened and held for
// moderation exactly as one from a device; posts are rate-limited per address.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newId } from '../../../shared/ids.ts';
import { resolveText, type PackLanguage } from '../../../shared/pack/local-text.ts';
import type { Service } from '../../../shared/pack/schema.ts';
import { RATINGS, REVIEW_LIMITS, reviewInput } from '../../../shared/review.ts';
import { packIndexCache } from '../../platform/pack-index.ts';
import { escapeHtml, fillHtml, localTextHtml } from '../../platform/html.ts';
import { pagePath, publicPages, requestLanguage } from '../../platform/public-page.ts';
import { RateLimiter } from '../../platform/rate-limiter.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import { REVIEW_FORM_TEXT } from './review-form-text.ts';
import type { ReviewStore } from './review-store.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore; readonly reviews: ReviewStore };

const POSTS_PER_MINUTE = 10;
const FORM_BODY_LIMIT = 16_384;

type FormRequest = FastifyRequest<{
  Params: { serviceId: string };
  Querystring: { lang?: unknown };
  Body: URLSearchParams | undefined;
}>;

interface Entered {
  rating: string;
  title: string;
  body: string;
  displayName: string;
}
const EMPTY: Entered = { rating: '', title: '', body: '', displayName: '' };

/** The form, with what the person typed put back (escaped) when it needs correcting. */
function form(lang: PackLanguage, path: string, entered: Entered, problem: boolean): string {
  const text = REVIEW_FORM_TEXT[lang];
  const ratings = [...RATINGS]
    .reverse()
    .map(
      (r) =>
        `<label class="choice"><input type="radio" name="rating" value="${r}" required${entered.rating === String(r) ? ' checked' : ''}> ${escapeHtml(text.ratings[r])}</label>`,
    )
    .join('');
  return `${problem ? `<div class="problem" role="alert"><h2>${escapeHtml(text.problemTitle)}</h2><p>${escapeHtml(text.problemBody)}</p></div>` : ''}
<p id="intro">${escapeHtml(text.intro)}</p>
<form method="post" action="${escapeHtml(path)}?lang=${lang}" class="review-form">
<fieldset><legend>${escapeHtml(text.rating)}</legend>${ratings}</fieldset>
<label for="title">${escapeHtml(text.reviewTitle)}</label>
<input type="text" id="title" name="title" maxlength="${REVIEW_LIMITS.title}" value="${escapeHtml(entered.title)}" dir="auto">
<label for="body">${escapeHtml(text.body)}</label>
<textarea id="body" name="body" rows="6" maxlength="${REVIEW_LIMITS.body}" required aria-describedby="intro" dir="auto">${escapeHtml(entered.body)}</textarea>
<label for="name">${escapeHtml(text.name)}</label>
<p class="hint" id="name-hint">${escapeHtml(text.nameHint)}</p>
<input type="text" id="name" name="displayName" maxlength="${REVIEW_LIMITS.displayName}" autocomplete="off" aria-describedby="name-hint" value="${escapeHtml(entered.displayName)}" dir="auto">
<button type="submit">${escapeHtml(text.submit)}</button>
</form>`;
}

export function reviewFormRoutes(app: FastifyInstance, storage: Stores): void {
  const limiter = new RateLimiter(POSTS_PER_MINUTE);
  const packIndex = packIndexCache(storage);

  const pages = publicPages({
    stylesheet: '/track.css',
    varyOnLanguage: true,
    tooMany: (lang) => REVIEW_FORM_TEXT[lang],
  });

  /** The service and the page heading, or a 404 page already sent. */
  async function serviceFor(request: FormRequest, reply: FastifyReply): Promise<Service | null> {
    const service = (await packIndex()).services.get(request.params.serviceId) ?? null;
    if (!service) {
      const text = REVIEW_FORM_TEXT[requestLanguage(request)];
      void pages.simple(request, reply, {
        status: 404,
        title: text.notFoundTitle,
        body: text.notFoundBody,
      });
    }
    return service;
  }
  const heading = (lang: PackLanguage, service: Service) => {
    return {
      title: REVIEW_FORM_TEXT[lang].title.replace(
        '{service}',
        resolveText(service.name, lang).text,
      ),
      h1: `<h1>${fillHtml(REVIEW_FORM_TEXT[lang].title, { service: localTextHtml(service.name, lang) })}</h1>`,
    };
  };

  void app.register(async (scope) => {
    // Form posts are parsed here only, as plain fields; nothing else on the hub takes them.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
      (_request, body, done) => done(null, new URLSearchParams(body as string)),
    );

    scope.get('/review/:serviceId', async (request: FormRequest, reply) => {
      const service = await serviceFor(request, reply);
      if (!service) return reply;
      const lang = requestLanguage(request);
      const { title, h1 } = heading(lang, service);
      return pages.send(request, reply, {
        status: 200,
        title,
        main: h1 + form(lang, pagePath(request), EMPTY, false),
      });
    });

    scope.post('/review/:serviceId', async (request: FormRequest, reply) => {
      const lang = requestLanguage(request);
      const text = REVIEW_FORM_TEXT[lang];
      if (!pages.allowed(limiter, request, reply)) return reply;
      const service = await serviceFor(request, reply);
      if (!service) return reply;
      const fields = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
      const field = (name: string) => (fields.get(name) ?? '').slice(0, 5 * REVIEW_LIMITS.body);
      const entered: Entered = {
        rating: field('rating'),
        title: field('title'),
        body: field('body'),
        displayName: field('displayName'),
      };
      const parsed = reviewInput.safeParse({
        id: newId(),
        targetKind: 'service',
        targetId: service.id,
        rating: /^[1-5]$/.test(entered.rating) ? Number(entered.rating) : 0,
        body: entered.body,
        ...(entered.title.trim() ? { title: entered.title } : {}),
        ...(entered.displayName.trim() ? { displayName: entered.displayName } : {}),
        createdAt: new Date().toISOString(),
      });
      const { title, h1 } = heading(lang, service);
      if (!parsed.success) {
        return pages.send(request, reply, {
          status: 400,
          title,
          main: h1 + form(lang, pagePath(request), entered, true),
        });
      }
      const stored = await storage.reviews.submitPublicReview(
        parsed.data,
        new Date().toISOString(),
      );
      if (stored !== 'stored') {
        return pages.send(request, reply, {
          status: 400,
          title,
          main: h1 + form(lang, pagePath(request), entered, true),
        });
      }
      return pages.send(request, reply, {
        status: 200,
        title: text.thanksTitle,
        main: `${h1}<h2>${escapeHtml(text.thanksTitle)}</h2><p role="status">${escapeHtml(text.thanksBody)}</p>`,
      });
    });
  });
}
