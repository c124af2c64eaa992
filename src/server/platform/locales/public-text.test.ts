import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PACK_LANGUAGES } from '../../../shared/pack/local-text.ts';
import { publicText } from './public-text.ts';

const page = z.strictObject({ title: z.string().min(1), caseTitle: z.string().min(1) });
const good = { title: 'Track', caseTitle: 'Case {reference}' };

describe('the public pages’ words', () => {
  it('loads every language of a section', () => {
    const texts = publicText('page', page, () => ({ page: good }));
    expect(Object.keys(texts)).toEqual([...PACK_LANGUAGES]);
  });

  it('refuses to start when a language lacks a key or a placeholder, naming file and key', () => {
    const files: Record<string, unknown> = {
      cy: { page: { title: 'Dilyn' } },
      pl: { page: { ...good, caseTitle: 'Sprawa' } },
      ar: { page: { ...good, extra: 'x' } },
    };
    const load = () =>
      publicText('page', page, (lang) => ({ page: good, ...(files[lang] as object) }));
    expect(load).toThrow('src/server/platform/locales/cy.json page.caseTitle: ');
    expect(load).toThrow(
      'src/server/platform/locales/pl.json page.caseTitle: must use the placeholders of the English ({reference})',
    );
    expect(load).toThrow(
      /src\/server\/platform\/locales\/ar\.json page: Unrecognized key: "extra"/,
    );
  });

  it('reads the hub’s own files for every page', async () => {
    const { PAGE_TEXT } = await import('../public-page.ts');
    const { FOLLOWUP_TEXT } = await import('../../features/feedback/followup-text.ts');
    const { REVIEW_FORM_TEXT } = await import('../../features/reviews/review-form-text.ts');
    expect(PAGE_TEXT.cy.languageName).toBe('Cymraeg');
    expect(FOLLOWUP_TEXT.pl.sms).toContain('{link}');
    expect(REVIEW_FORM_TEXT['zh-Hant'].ratings[5]).toBe('5 – 很好');
  });
});
