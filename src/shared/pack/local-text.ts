// Text a citizen reads, in every language the pack carries. English is the fallback, and a
// screen can tell when it is showing the fallback rather than the language asked for.
export const PACK_LANGUAGES = ['en', 'cy', 'pl', 'ar', 'zh-Hans', 'zh-Hant'] as const;
export type PackLanguage = (typeof PACK_LANGUAGES)[number];
export const FALLBACK_LANGUAGE: PackLanguage = 'en';

/** Its zod schema is `localText` in schema.ts; this file stays free of zod for the first load. */
export interface LocalText {
  en: string;
  cy?: string | undefined;
  pl?: string | undefined;
  ar?: string | undefined;
  'zh-Hans'?: string | undefined;
  'zh-Hant'?: string | undefined;
}

export interface ResolvedText {
  text: string;
  /** The language the text is actually in. */
  lang: PackLanguage;
  /** True when the asked-for language was missing and the fallback is shown. */
  fallback: boolean;
}

/** Picks `language` (or its base, "zh-Hant-HK" → "zh-Hant"), else the fallback language. */
export function resolveText(value: LocalText, language: string): ResolvedText {
  const wanted = matchLanguage(language);
  const hit = wanted ? value[wanted] : undefined;
  if (wanted && hit) return { text: hit, lang: wanted, fallback: false };
  return { text: value.en, lang: FALLBACK_LANGUAGE, fallback: wanted !== FALLBACK_LANGUAGE };
}

export function matchLanguage(language: string): PackLanguage | undefined {
  const lower = language.toLowerCase();
  const exact = PACK_LANGUAGES.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  if (lower.startsWith('zh')) {
    return /hant|tw|hk|mo/.test(lower) ? 'zh-Hant' : 'zh-Hans';
  }
  const base = lower.split('-')[0];
  return PACK_LANGUAGES.find((l) => l === base);
}

/** The languages in which every one of `values` is written. */
export function languagesOf(value: LocalText): PackLanguage[] {
  return PACK_LANGUAGES.filter((l) => value[l] !== undefined);
}
