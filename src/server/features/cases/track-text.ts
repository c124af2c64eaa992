// The words of the public tracking page in every language the pack carries. The page is plain
// server-rendered HTML for any phone (platform/public-page.ts), so it cannot use the app's
// i18next bundles: its words are the "track" section of src/server/platform/locales/<lng>.json, checked against this schema at start-up
// (and for matching placeholders by track.test.ts).
import { z } from 'zod';
import { CASE_EVENT_KINDS, CASE_TYPES } from '../../../shared/case.ts';
import { line, lines, publicText } from '../../platform/locales/public-text.ts';

const trackText = z.strictObject({
  trackTitle: line,
  trackIntro: line,
  lookupLabel: line,
  lookupButton: line,
  checkTitle: line,
  /** {typed} is what the person typed; {example} a well-formed reference. */
  checkBody: line,
  notFoundTitle: line,
  notFoundBody: line,
  /** {reference} */
  caseTitle: line,
  reference: line,
  status: line,
  statuses: lines(['open', 'acknowledged', 'resolved']),
  types: lines(CASE_TYPES),
  promise: line,
  /** {date} */
  promiseBy: line,
  next: line,
  /** {step}, {date} */
  nextBy: line,
  priority: line,
  happened: line,
  /** Every step and where it stands: {step}, and {date} when it is still to do. */
  steps: line,
  stepDone: line,
  stepNotDone: line,
  stepBy: line,
  /** The timeline's step events: {step}. */
  doneStep: line,
  notDoneStep: line,
  /** Who deals with it and how to reach them: {team}, {partner}; {phone}; {link}. */
  owner: line,
  ownerIs: line,
  contactPhone: line,
  contactWebsite: line,
  actions: lines(['opened', 'routed', ...CASE_EVENT_KINDS]),
});
export type TrackText = z.infer<typeof trackText>;

export const TRACK_TEXT = publicText('track', trackText);
