// The words of the hub's public pages (the tracking page, the follow-up survey and its message,
// the review form): one JSON file per language beside this module, <lng>.json, a section per
// page. These pages are plain HTML the hub renders for any phone, so their words live with the
// hub, not in the PWA's bundles (public/locales), and never reach a device or its cache. Each
// section is checked against its page's zod schema when the hub starts: a language that lacks
// a key, has a key too many, or drops a {placeholder} the English has stops the start, naming
// the file and the key.
import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { PACK_LANGUAGES, type PackLanguage } from '../../../shared/pack/local-text.ts';

const files = new Map<PackLanguage, Record<string, unknown>>();

function fileOf(lang: PackLanguage): Record<string, unknown> {
  let file = files.get(lang);
  if (!file) {
    file = JSON.parse(readFileSync(new URL(`./${lang}.json`, import.meta.url), 'utf8')) as Record<
      string,
      unknown
    >;
    files.set(lang, file);
  }
  return file;
}

/** One line of a page: any text but none. */
export const line = z.string().min(1);

/** A part of a page whose every key is one line of text. */
export const lines = <const K extends string>(keys: readonly K[]) =>
  z.strictObject(Object.fromEntries(keys.map((key) => [key, line])) as Record<K, typeof line>);

/** Every string of a text, by its dotted key. */
function strings(value: unknown, prefix: string, out = new Map<string, string>()) {
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) strings(item, `${prefix}.${key}`, out);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/{(\w+)}/g)].map((m) => m[1]).sort();

/** One page's words in every language, checked against its schema and the English. */
export function publicText<T>(
  section: string,
  schema: z.ZodType<T>,
  read: (lang: PackLanguage) => Record<string, unknown> = fileOf,
): Record<PackLanguage, T> {
  const problems: string[] = [];
  const texts = {} as Record<PackLanguage, T>;
  for (const lang of PACK_LANGUAGES) {
    const file = `src/server/platform/locales/${lang}.json`;
    const checked = schema.safeParse(read(lang)[section]);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        problems.push(`${file} ${[section, ...issue.path].join('.')}: ${issue.message}`);
      }
      continue;
    }
    texts[lang] = checked.data;
  }
  const english = strings(texts.en, section);
  for (const lang of PACK_LANGUAGES) {
    if (!texts[lang] || lang === 'en') continue;
    for (const [key, text] of strings(texts[lang], section)) {
      const expected = placeholders(english.get(key) ?? '');
      if (placeholders(text).join() !== expected.join()) {
        problems.push(
          `src/server/platform/locales/${lang}.json ${key}: must use the placeholders of the English (${expected.map((p) => `{${p}}`).join(', ') || 'none'})`,
        );
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(`The ${section} page's words are incomplete:\n  ${problems.join('\n  ')}`);
  }
  return texts;
}
