// Rich text for local information pages: HTML from the editor, kept to a small allowlist on
// the device before it is stored and again on the hub, which never trusts the device. No
// script, style, event handler or javascript: link survives. Every attribute that survives is
// rebuilt as name="value" with & < > " ' escaped, so no value can break out of its quotes;
// sanitising twice gives what sanitising once gave.
import { FilterXSS } from 'xss';
import { CONTROL_CHARS, LONE_SURROGATE } from './text-chars.ts';

export const MAX_RICH_TEXT_CHARS = 50_000;

/**
 * The one allowlist: the only tags kept, and the only attributes each keeps (every other
 * attribute, on*, style, src…, is dropped).
 */
export const RICH_TEXT_TAGS: Readonly<Record<string, readonly string[]>> = {
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
};
/** The only link schemes kept (a link with any other, or none, loses its href). */
const SAFE_URL = /^(?:https?:|mailto:|tel:)/i;

const CONTROL_CHARS_ALL = new RegExp(CONTROL_CHARS.source, 'g');
const LONE_SURROGATES_ALL = new RegExp(LONE_SURROGATE.source, 'g');

/** Control characters go (PostgreSQL refuses NUL) and lone surrogates are mended (no store keeps them). */
const storable = (text: string) =>
  text.replace(CONTROL_CHARS_ALL, '').replace(LONE_SURROGATES_ALL, '\uFFFD');

// The references a browser writes when it serialises an attribute, and the few that matter.
const NAMED_REFERENCES: Record<string, string> = {
  amp: '&',
  AMP: '&',
  lt: '<',
  LT: '<',
  gt: '>',
  GT: '>',
  quot: '"',
  QUOT: '"',
  apos: "'",
  nbsp: '\u00A0',
  colon: ':',
  Tab: '\t',
  NewLine: '\n',
};

/**
 * An attribute's value as written (quotes already taken off) to its text: numeric references
 * and the common named ones decoded. A reference left undecoded stays literal text, since its
 * & is escaped on the way out, so the value checked is exactly the value a browser will see.
 */
function decodeAttribute(raw: string): string {
  return raw.replace(
    /&(?:#(\d+);?|#[xX]([0-9a-fA-F]+);?|([a-zA-Z][a-zA-Z0-9]*);)/g,
    (whole: string, dec?: string, hex?: string, name?: string) => {
      if (name !== undefined) return NAMED_REFERENCES[name] ?? whole;
      const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
      const usable = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return usable ? String.fromCodePoint(code) : '\uFFFD';
    },
  );
}

function escapeAttribute(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** The attribute as it will be written (name="escaped value"), or '' to drop it. */
function safeAttribute(tag: string, name: string, raw: string): string {
  if (!RICH_TEXT_TAGS[tag]?.includes(name)) return '';
  let value = storable(decodeAttribute(raw));
  if (name === 'href') {
    value = value.trim();
    if (!SAFE_URL.test(value)) return '';
  }
  return value === '' ? '' : `${name}="${escapeAttribute(value)}"`;
}

const filter = new FilterXSS({
  whiteList: Object.fromEntries(
    Object.entries(RICH_TEXT_TAGS).map(([tag, attributes]) => [tag, [...attributes]]),
  ),
  stripIgnoreTag: true,
  stripIgnoreTagBody: ['script', 'style', 'iframe', 'object', 'template', 'noscript'],
  allowCommentTag: false,
  // Every attribute of an allowed tag is decided here: xss would write an attribute whose
  // value is refused as a bare name, and writes an accepted value as it is given.
  onTagAttr: (tag, name, value) => safeAttribute(tag, name, value),
  onIgnoreTagAttr: () => '',
});

export function sanitizeRichText(html: string): string {
  // Control characters (PostgreSQL refuses NUL) and lone surrogates (no store keeps them) go too,
  // so the device and the hub hold the same text.
  return filter.process(storable(html)).trim();
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
