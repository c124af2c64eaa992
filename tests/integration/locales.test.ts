// Every interface language file (public/locales/<lng>.json) against the English source
// (src/client/i18n/locales/en.json + en-screens.json): the same keys, each language's own plural categories
// (CLDR, through Intl.PluralRules, as i18next resolves them), the same {{variables}}, nothing
// empty, and nothing left in English. Each failure lists the offending keys.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Tree {
  [key: string]: string | Tree;
}

const LANGUAGES = ['cy', 'pl', 'ar', 'zh-Hans', 'zh-Hant'] as const;
type Language = (typeof LANGUAGES)[number];

/** Languages written in another script, and a character of that script. */
const SCRIPT: Partial<Record<Language, RegExp>> = {
  ar: /\p{Script=Arabic}/u,
  'zh-Hans': /\p{Script=Han}/u,
  'zh-Hant': /\p{Script=Han}/u,
};

/** Values that stay as they are in every language. */
const UNTRANSLATED = new Set(['AnyDoor']);

/** Share of a Latin-script language's texts that may equal the English (Online, Kiosk…). */
const MAX_SAME_AS_ENGLISH = 0.1;

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function load(path: string): Tree {
  return JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Tree;
}

/** Flattens nested keys to dotted paths; a key holding the wrong type shows as its own path. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The names of a text's {{variables}} (ignoring any ", format" part). */
function variables(text: string): Set<string> {
  return new Set([...text.matchAll(/{{\s*([^,}\s]+)[^}]*}}/g)].map((m) => m[1]!));
}

// English is split in two (the first screen's words, the rest): flattened first, so a group
// split across both files keeps all of its keys.
const englishFirst = flatten(load('../../src/client/i18n/locales/en.json'));
const englishScreens = flatten(load('../../src/client/i18n/locales/en-screens.json'));
const english = new Map([...englishFirst, ...englishScreens]);

/** English plural bases (`x` for `x_one` + `x_other`) and the plain keys. */
const pluralBases = new Set<string>();
for (const key of english.keys()) {
  const base = key.replace(PLURAL_SUFFIX, '');
  if (base !== key && english.has(`${base}_other`)) pluralBases.add(base);
}
const plainKeys = [...english.keys()].filter((k) => !pluralBases.has(k.replace(PLURAL_SUFFIX, '')));

/** The English text a translated key answers: `_one` for one, `_other` for every other form. */
function englishFor(key: string): string {
  const match = PLURAL_SUFFIX.exec(key);
  const base = key.replace(PLURAL_SUFFIX, '');
  if (!match || !pluralBases.has(base)) return english.get(key)!;
  return english.get(`${base}_${match[1] === 'one' ? 'one' : 'other'}`)!;
}

/** Every variable any English form of the key uses. */
function englishVariables(key: string): Set<string> {
  const base = key.replace(PLURAL_SUFFIX, '');
  if (!pluralBases.has(base)) return variables(english.get(key)!);
  const all = new Set<string>();
  for (const [k, v] of english) {
    if (k.replace(PLURAL_SUFFIX, '') === base) for (const name of variables(v)) all.add(name);
  }
  return all;
}

// i18next reads these names in t()'s options as instructions (lng switches the language), so a
// text variable with one of them breaks at run time: a map point once passed its longitude as lng.
const RESERVED = ['lng', 'lngs', 'ns', 'defaultValue', 'context', 'replace', 'returnObjects'];

describe('src/client/i18n/locales/en.json', () => {
  it('keeps each key in one of its two files', () => {
    expect([...englishFirst.keys()].filter((key) => englishScreens.has(key))).toEqual([]);
  });

  it('names no {{variable}} after an i18next option', () => {
    const offenders = [...english].flatMap(([key, text]) =>
      [...variables(text)].filter((name) => RESERVED.includes(name)).map((n) => `${key}: ${n}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe.each(LANGUAGES)('public/locales/%s.json', (lng) => {
  const translation = flatten(load(`../../public/locales/${lng}.json`));
  const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
  const expected = new Set([
    ...plainKeys,
    ...[...pluralBases].flatMap((base) => categories.map((c) => `${base}_${c}`)),
  ]);

  it('has every English key, with all of its plural forms', () => {
    const missing = [...expected].filter((k) => !translation.has(k));
    expect(missing, `missing keys in ${lng}`).toEqual([]);
  });

  it('has no key English lacks', () => {
    const extra = [...translation.keys()].filter((k) => !expected.has(k));
    expect(
      extra,
      `keys in ${lng} that English lacks (or plural forms ${lng} does not use)`,
    ).toEqual([]);
  });

  it('keeps every {{variable}} of the English text', () => {
    const offenders: string[] = [];
    for (const [key, text] of translation) {
      if (!expected.has(key)) continue;
      const have = variables(text);
      const category = PLURAL_SUFFIX.exec(key)?.[1];
      const isPlural = pluralBases.has(key.replace(PLURAL_SUFFIX, ''));
      for (const name of variables(englishFor(key))) {
        // A zero, one or two form may say the number in words ("dim", "واحد", "خدمتان").
        const optional =
          isPlural && name === 'count' && ['zero', 'one', 'two'].includes(category ?? '');
        if (!have.has(name) && !optional) offenders.push(`${key}: lacks {{${name}}}`);
      }
      const known = englishVariables(key);
      for (const name of have) {
        if (!known.has(name)) offenders.push(`${key}: unknown {{${name}}}`);
      }
    }
    expect(offenders, `variables lost or misspelt in ${lng}`).toEqual([]);
  });

  it('has no empty text', () => {
    const empty = [...translation].filter(([, text]) => text.trim() === '').map(([k]) => k);
    expect(empty, `empty texts in ${lng}`).toEqual([]);
  });

  it('keeps the product name', () => {
    const lost = [...translation]
      .filter(([key, text]) => englishFor(key)?.includes('AnyDoor') && !text.includes('AnyDoor'))
      .map(([k]) => k);
    expect(lost, `texts in ${lng} that lost "AnyDoor"`).toEqual([]);
  });

  it('is translated, not copied from English', () => {
    const words = ([key]: [string, string]) =>
      expected.has(key) && /\p{L}{2,}/u.test(englishFor(key).replace(/{{[^}]*}}/g, ''));
    const candidates = [...translation].filter(words);
    const same = candidates
      .filter(([key, text]) => text === englishFor(key) && !UNTRANSLATED.has(text))
      .map(([k]) => k);
    const script = SCRIPT[lng];
    if (script) {
      // Another script: nothing may be the English, and every text must use the script.
      const notInScript = candidates
        .filter(([, text]) => !UNTRANSLATED.has(text) && !script.test(text))
        .map(([k]) => k);
      expect(same, `texts in ${lng} identical to English`).toEqual([]);
      expect(notInScript, `texts in ${lng} without a single ${lng} character`).toEqual([]);
    } else {
      // Latin script: a few words are the same in both languages (Online, Kiosk), not many.
      expect(
        same.length / candidates.length,
        `too many texts in ${lng} identical to English: ${same.join(', ')}`,
      ).toBeLessThanOrEqual(MAX_SAME_AS_ENGLISH);
    }
  });
});
