// A phone number, reference, postcode, time or code set inside text that may run right to left
// (Arabic): isolated and kept left to right, so "01234 500500" never shows as "500500 01234"
// and "10:00–11:30" never as "11:30–10:00". <Ltr> wraps an element's text; inside a translated
// sentence useLtr() isolates the value with Unicode marks (isolated() in i18n/format.ts), which
// only a right-to-left page needs, so left-to-right text stays exactly as typed.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isolated } from '../i18n/format.ts';

export function Ltr({ children }: { children: ReactNode }) {
  return (
    <bdi dir="ltr" className="ltr">
      {children}
    </bdi>
  );
}

/** Isolates a value for a sentence when the interface runs right to left. */
export function useLtr(): (text: string) => string {
  const { i18n } = useTranslation();
  return i18n.dir() === 'rtl' ? isolated : (text) => text;
}
