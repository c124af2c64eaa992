// Text into HTML for the hub's server-rendered pages: everything a person or the pack wrote is
// escaped here, and only markup the caller built itself goes in unescaped.
import { resolveText, type LocalText, type PackLanguage } from '../../shared/pack/local-text.ts';

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
