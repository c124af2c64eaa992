// A phone number, reference, postcode or code set inside text that may run right to left
// (Arabic): isolated and kept left to right, so "01234 500500" never shows as "500500 01234".
// Inside a translated sentence use isolated() from i18n/format.ts instead (the same isolation,
// as Unicode marks, since a sentence's words come from one string).
import type { ReactNode } from 'react';

export function Ltr({ children }: { children: ReactNode }) {
  return (
    <bdi dir="ltr" className="ltr">
      {children}
    </bdi>
  );
}
