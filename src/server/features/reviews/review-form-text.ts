// The words of the public review form (/review/<service>) in every language the pack carries:
// plain server-rendered HTML for any phone, like the tracking page (track-text.ts), so its words
// are the "reviewForm" section of src/server/platform/locales/<lng>.json, checked against this schema at
// start-up. review-form.test in tests/integration/reviews.ts checks every language.
import { z } from 'zod';
import { line, publicText } from '../../platform/locales/public-text.ts';

const reviewFormText = z.strictObject({
  /** {service} */
  title: line,
  intro: line,
  rating: line,
  ratings: z.strictObject({ 1: line, 2: line, 3: line, 4: line, 5: line }),
  reviewTitle: line,
  body: line,
  name: line,
  nameHint: line,
  submit: line,
  thanksTitle: line,
  thanksBody: line,
  problemTitle: line,
  problemBody: line,
  notFoundTitle: line,
  notFoundBody: line,
  tooManyTitle: line,
  tooManyBody: line,
});
export type ReviewFormText = z.infer<typeof reviewFormText>;

export const REVIEW_FORM_TEXT = publicText('reviewForm', reviewFormText);
