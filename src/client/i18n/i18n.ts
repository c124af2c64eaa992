// i18next set-up. English ships in the bundle; every other language is a file of its own
// (public/locales/<lng>.json), fetched when first chosen and then served by the service worker
// from its cache, offline too. The page's lang and dir follow the language, so right-to-left
// scripts lay out correctly everywhere.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
// English comes in two files: what the first screens say (in the first load) and what every
// other screen says (en-screens.json, loaded with the first lazy screen; precached for offline).
import en from './locales/en.json';

export const DEFAULT_LANGUAGE = 'en';

/** Each language named in itself, as a picker shows it. */
export const UI_LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'cy', name: 'Cymraeg' },
  { code: 'pl', name: 'Polski' },
  { code: 'ar', name: 'العربية' },
  { code: 'zh-Hans', name: '简体中文' },
  { code: 'zh-Hant', name: '繁體中文' },
] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number]['code'];

export function isUiLanguage(code: string): code is UiLanguage {
  return UI_LANGUAGES.some((l) => l.code === code);
}

export async function initI18n(language = DEFAULT_LANGUAGE): Promise<typeof i18next> {
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    document.documentElement.dir = i18next.dir(lng);
  });
  await i18next.use(initReactI18next).init({
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    resources: { en: { translation: en } },
    interpolation: { escapeValue: false }, // React escapes.
    returnNull: false,
  });
  if (language !== DEFAULT_LANGUAGE) await setLanguage(language);
  return i18next;
}

/** Switches the interface language, loading its file first; English stays the fallback. */
export async function setLanguage(language: string): Promise<void> {
  const lng = isUiLanguage(language) ? language : DEFAULT_LANGUAGE;
  if (lng !== DEFAULT_LANGUAGE && !i18next.hasResourceBundle(lng, 'translation')) {
    try {
      const res = await fetch(`/locales/${lng}.json`);
      if (res.ok) i18next.addResourceBundle(lng, 'translation', await res.json());
    } catch {
      // Offline before this language was ever used: English shows until it can be fetched.
    }
  }
  await i18next.changeLanguage(lng);
}

let englishScreens: Promise<void> | null = null;

/** The rest of English: every lazy screen waits for it (it is precached, so offline too). */
export function loadEnglishScreens(): Promise<void> {
  englishScreens ??= import('./locales/en-screens.json').then((screens) => {
    i18next.addResourceBundle(DEFAULT_LANGUAGE, 'translation', screens.default, true, true);
  });
  return englishScreens;
}
