// i18next set-up: English ships in the bundle; the page's lang and dir follow the language,
// so right-to-left scripts lay out correctly everywhere.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';

export const DEFAULT_LANGUAGE = 'en';

export async function initI18n(language = DEFAULT_LANGUAGE): Promise<typeof i18next> {
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    document.documentElement.dir = i18next.dir(lng);
  });
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    resources: { en: { translation: en } },
    interpolation: { escapeValue: false }, // React escapes.
    returnNull: false,
  });
  return i18next;
}
