// The shell of the hub's public pages (/track, /survey, /review): plain server-rendered HTML for
// any phone, with no script and no account, in the page's language (right to left for Arabic),
// with links to the other languages. The shell's own words are the "page" section of
// locales/<lng>.json; each page's are its own section.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  matchLanguage,
  PACK_LANGUAGES,
  resolveText,
  type LocalText,
  type PackLanguage,
} from '../../shared/pack/local-text.ts';
import { line, publicText } from './locales/public-text.ts';

const pageText = z.strictObject({
  /** The language's own name, for the language links. */
  languageName: line,
  languages: line,
  tooManyTitle: line,
  tooManyBody: line,
});

export const PAGE_TEXT = publicText('page', pageText);

const RTL = new Set<PackLanguage>(['ar']);

export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/**
 * Pack text in the page's language, escaped; text that fell back to another language (English,
 * Welsh: left to right) is marked with its own language and direction, for screen readers and
 * so that it keeps its order inside a right-to-left page.
 */
export function localTextHtml(value: LocalText, lang: PackLanguage): string {
  const resolved = resolveText(value, lang);
  return resolved.lang === lang
    ? escapeHtml(resolved.text)
    : `<span lang="${resolved.lang}" dir="ltr">${escapeHtml(resolved.text)}</span>`;
}

/** The text as HTML, with {name} placeholders filled by `html`, which the caller has escaped. */
export function fillHtml(template: string, html: Record<string, string> = {}): string {
  return escapeHtml(template).replace(/{(\w+)}/g, (whole, name: string) => html[name] ?? whole);
}

/** ?lang= first (the language links), then the browser's Accept-Language, then English. */
export function pickLanguage(query: unknown, acceptLanguage: string | undefined): PackLanguage {
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

export interface PublicPage {
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
export function sendPublicPage(reply: FastifyReply, page: PublicPage): FastifyReply {
  reply.code(page.status).type('text/html; charset=utf-8').header('cache-control', 'no-store');
  if (page.varyOnLanguage) reply.header('vary', 'accept-language');
  return reply.header('content-language', page.lang).send(render(page));
}

/** A page of a heading and one paragraph (an error, a thank-you). */
export const simpleMain = (title: string, body: string) =>
  `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p>`;

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
