// The shell of the hub's public pages (/track, /survey, /review): plain server-rendered HTML for
// any phone, with no script and no account, in the page's language (right to left for Arabic),
// with links to the other languages. The shell's own words are the "page" section of
// locales/<lng>.json; each page's are its own section.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { matchLanguage, PACK_LANGUAGES, type PackLanguage } from '../../shared/pack/local-text.ts';
import { escapeHtml } from './html.ts';
import { line, publicText } from './locales/public-text.ts';
import type { RateLimiter } from './rate-limiter.ts';

const pageText = z.strictObject({
  /** The language's own name, for the language links. */
  languageName: line,
  languages: line,
  tooManyTitle: line,
  tooManyBody: line,
});

export const PAGE_TEXT = publicText('page', pageText);

const RTL = new Set<PackLanguage>(['ar']);

/** ?lang= first (the language links), then the browser's Accept-Language, then English. */
function pickLanguage(query: unknown, acceptLanguage: string | undefined): PackLanguage {
  if (typeof query === 'string') {
    const asked = matchLanguage(query);
    if (asked) return asked;
  }
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const match = matchLanguage(tag);
    if (match) return match;
  }
  return 'en';
}

interface PublicPage {
  lang: PackLanguage;
  status: number;
  /** The page's address without its query: the language links point at it. */
  path: string;
  title: string;
  /** The inside of <main>, escaped by the caller. */
  main: string;
  stylesheet: '/track.css' | '/survey.css';
  /** When the page's language may come from Accept-Language, caches must key on it. */
  varyOnLanguage: boolean;
}

/** Sends a whole page, never cached. */
function sendPublicPage(reply: FastifyReply, page: PublicPage): FastifyReply {
  reply.code(page.status).type('text/html; charset=utf-8').header('cache-control', 'no-store');
  if (page.varyOnLanguage) reply.header('vary', 'accept-language');
  return reply.header('content-language', page.lang).send(render(page));
}

/** A page of a heading and one paragraph (an error, a thank-you). */
const simpleMain = (title: string, body: string) =>
  `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p>`;

/** A request for a public page: its address and the language it asks for. */
export interface PageRequest {
  url: string;
  ip: string;
  query: unknown;
  headers: { 'accept-language'?: string | undefined };
}

/** The page's address without its query: where its language links and its form point. */
export const pagePath = (request: { url: string }) => request.url.split('?')[0] ?? '/';

/** The language a request asks for: ?lang= (the language links), else the browser's. */
export function requestLanguage(request: PageRequest): PackLanguage {
  const query = request.query as { lang?: unknown } | undefined;
  return pickLanguage(query?.lang, request.headers['accept-language']);
}

/** One answer: in `lang`, else the language the request asks for. */
export type PageAnswer = Pick<PublicPage, 'status' | 'title' | 'main'> & { lang?: PackLanguage };

/** The words of a 429 page. */
export type TooManyText = { tooManyTitle: string; tooManyBody: string };

/**
 * The pages of one kind (/track, /survey, /review): what every answer shares is said once, and
 * the path the language links point at is the request's own.
 */
export function publicPages(kind: {
  stylesheet: PublicPage['stylesheet'];
  varyOnLanguage: boolean;
  /** Under every page's main: the tracking pages' look-up form. */
  footer?: (lang: PackLanguage) => string;
  /** A 429's words in a language, when the page has its own; else the shell's. */
  tooMany?: (lang: PackLanguage) => TooManyText;
}) {
  const send = (request: PageRequest, reply: FastifyReply, answer: PageAnswer) => {
    const lang = answer.lang ?? requestLanguage(request);
    return sendPublicPage(reply, {
      lang,
      status: answer.status,
      path: pagePath(request),
      title: answer.title,
      main: answer.main + (kind.footer?.(lang) ?? ''),
      stylesheet: kind.stylesheet,
      varyOnLanguage: kind.varyOnLanguage,
    });
  };
  const simple = (
    request: PageRequest,
    reply: FastifyReply,
    answer: Omit<PageAnswer, 'main'> & { body: string },
  ) => send(request, reply, { ...answer, main: simpleMain(answer.title, answer.body) });
  /**
   * Counts the request against `limiter` (per address); over the limit, sends the 429 page with
   * when to try again, and answers false.
   */
  const allowed = (limiter: RateLimiter, request: PageRequest, reply: FastifyReply) => {
    const verdict = limiter.hit(request.ip);
    if (verdict.allowed) return true;
    const lang = requestLanguage(request);
    const text = kind.tooMany?.(lang) ?? PAGE_TEXT[lang];
    void simple(request, reply.header('retry-after', verdict.retryAfterSeconds), {
      lang,
      status: 429,
      title: text.tooManyTitle,
      body: text.tooManyBody,
    });
    return false;
  };
  return { send, simple, allowed };
}

function render({ lang, path, title, main, stylesheet }: PublicPage): string {
  const links = PACK_LANGUAGES.map((l) =>
    l === lang
      ? `<li><span lang="${l}" aria-current="true">${escapeHtml(PAGE_TEXT[l].languageName)}</span></li>`
      : `<li><a lang="${l}" hreflang="${l}" href="${escapeHtml(path)}?lang=${l}">${escapeHtml(PAGE_TEXT[l].languageName)}</a></li>`,
  ).join('');
  return `<!doctype html>
<html lang="${lang}" dir="${RTL.has(lang) ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} — AnyDoor</title>
<link rel="stylesheet" href="${stylesheet}"></head>
<body><nav class="languages" aria-label="${escapeHtml(PAGE_TEXT[lang].languages)}"><ul>${links}</ul></nav>
<main>${main}</main></body></html>`;
}
