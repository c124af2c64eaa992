// The words of the message telling a citizen their case is resolved, in every language the
// pack carries: the "caseResolved" section of src/server/platform/locales/<lng>.json, checked
// at start-up like the survey's (followup-text.ts).
import type { z } from 'zod';
import { lines, publicText } from '../../platform/locales/public-text.ts';

const caseResolvedText = lines([
  'emailSubject', // {reference}
  'emailBody', // {service}, {reference}, {link}
  'sms', // {reference}, {service}, {link}
]);
export type CaseResolvedText = z.infer<typeof caseResolvedText>;

export const CASE_RESOLVED_TEXT = publicText('caseResolved', caseResolvedText);
