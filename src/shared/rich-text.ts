// Rich text for local information pages: HTML from the editor, kept to a small allowlist on
// the device before it is stored and again on the hub, which never trusts the device. No
// script, style, event handler or javascript: link survives.
import { FilterXSS } from 'xss';
import { CONTROL_CHARS, LONE_SURROGATE } from './text-chars.ts';

export const MAX_RICH_TEXT_CHARS = 50_000;

const filter = new FilterXSS({
  whiteList: {
    p: [],
    br: [],
    strong: [],
    b: [],
    em: [],
    i: [],
    u: [],
    h2: [],
    h3: [],
    ul: [],
    ol: [],
    li: [],
    blockquote: [],
    a: ['href', 'title'],
  },
  stripIgnoreTag: true,
  stripIgnoreTagBody: ['script', 'style', 'iframe', 'object', 'template', 'noscript'],
  allowCommentTag: false,
  safeAttrValue(tag, name, value) {
    if (tag === 'a' && name === 'href') {
      return /^(https?:|mailto:|tel:)/i.test(value.trim()) ? value.trim() : '';
    }
    return value;
  },
});

const CONTROL_CHARS_ALL = new RegExp(CONTROL_CHARS.source, 'g');
const LONE_SURROGATES_ALL = new RegExp(LONE_SURROGATE.source, 'g');

export function sanitizeRichText(html: string): string {
  // Control characters (PostgreSQL refuses NUL) and lone surrogates (no store keeps them) go too,
  // so the device and the hub hold the same text.
  return filter
    .process(html.replace(CONTROL_CHARS_ALL, '').replace(LONE_SURROGATES_ALL, '\uFFFD'))
    .trim();
}

/** The text a person reads, without markup: for search and for summaries. */
export function richTextToPlain(html: string): string {
  return sanitizeRichText(html)
    .replace(/<br\s*\/?>|<\/(p|li|h2|h3|blockquote)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
