// The words of the 48-hour follow-up, in every language the pack carries: the message that
// carries the survey link (email and SMS) and the public survey page. Like the tracking page,
// the survey is plain server-rendered HTML, so its words are the "followup" section of
// src/server/locales/<lng>.json, checked against this schema at start-up; the language links
// reuse TRACK_TEXT's names.
import { z } from 'zod';
import { publicText } from '../locales/public-text.ts';

const line = z.string().min(1);

const followupText = z.strictObject({
  title: line,
  /** {place} */
  intro: line,
  courteous: line,
  courteousYes: line,
  courteousNo: line,
  solved: line,
  solvedYes: line,
  solvedPartly: line,
  solvedNo: line,
  comment: line,
  commentHint: line,
  submit: line,
  thanksTitle: line,
  thanksBody: line,
  privacy: line,
  alreadyTitle: line,
  alreadyBody: line,
  notFoundTitle: line,
  notFoundBody: line,
  closedTitle: line,
  closedBody: line,
  errorTitle: line,
  missing: line,
  commentProblem: line,
  emailSubject: line,
  /** {place}, {link} */
  emailBody: line,
  /** {place}, {link} */
  sms: line,
});
export type FollowupText = z.infer<typeof followupText>;

export const FOLLOWUP_TEXT = publicText('followup', followupText);

/** Fills {name} placeholders in message text (plain text: email and SMS bodies). */
export function fillText(template: string, values: Record<string, string>): string {
  return template.replace(/{(\w+)}/g, (whole, name: string) => values[name] ?? whole);
}
