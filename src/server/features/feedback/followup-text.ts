// The words of the 48-hour follow-up, in every language the pack carries: the message that
// carries the survey link (email and SMS) and the public survey page. Like the tracking page,
// the survey is plain server-rendered HTML, so its words are the "followup" section of
// src/server/platform/locales/<lng>.json, checked against this schema at start-up; the language links
// reuse TRACK_TEXT's names.
import type { z } from 'zod';
import { lines, publicText } from '../../platform/locales/public-text.ts';
import type { OutboundMessage } from './message-sender.ts';

const followupText = lines([
  'title',
  'intro', // {place}
  'courteous',
  'courteousYes',
  'courteousNo',
  'solved',
  'solvedYes',
  'solvedPartly',
  'solvedNo',
  'comment',
  'commentHint',
  'submit',
  'thanksTitle',
  'thanksBody',
  'privacy',
  'alreadyTitle',
  'alreadyBody',
  'notFoundTitle',
  'notFoundBody',
  'closedTitle',
  'closedBody',
  'errorTitle',
  'missing',
  'commentProblem',
  'emailSubject',
  'emailBody', // {place}, {link}
  'sms', // {place}, {link}
]);
export type FollowupText = z.infer<typeof followupText>;

export const FOLLOWUP_TEXT = publicText('followup', followupText);

/** Fills {name} placeholders in message text (plain text: email and SMS bodies). */
export function fillText(template: string, values: Record<string, string>): string {
  return template.replace(/{(\w+)}/g, (whole, name: string) => values[name] ?? whole);
}

/** A message's words in one language: an email (subject and body) or an SMS. */
export interface MessageText {
  emailSubject: string;
  emailBody: string;
  sms: string;
}

/** The message for its channel, its words filled with `values`, the link among them. */
export function composeMessage(
  head: Pick<OutboundMessage, 'kind' | 'reference' | 'channel' | 'to' | 'language'>,
  text: MessageText,
  values: Record<string, string> & { link: string },
): OutboundMessage {
  const email = head.channel === 'email';
  return {
    ...head,
    ...(email ? { subject: fillText(text.emailSubject, values) } : {}),
    body: fillText(email ? text.emailBody : text.sms, values),
    link: values.link,
  };
}
