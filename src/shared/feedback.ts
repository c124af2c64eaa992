// Voice of the customer at the moment of the interaction: four faces, one optional reason and
// an optional comment (no personal data), and, at a staffed door only, the citizen's consent
// to a short survey within 48 hours (their address is personal data: see followup.consent).
import { z } from 'zod';
import { CHANNELS } from './channels.ts';
import { uuidV7 } from './ids.ts';
import { PACK_LANGUAGES } from './pack/local-text.ts';
import { slug } from './pack/schema.ts';
import { freeText } from './text.ts';

/** 4 very good, 3 good, 2 poor, 1 very poor: the `rating` column the dashboards read. */
export const RATINGS = [4, 3, 2, 1] as const;
export type Rating = (typeof RATINGS)[number];

/** Reasons a citizen may tap after a good rating (3–4)… */
export const POSITIVE_REASONS = [
  'helpful-staff',
  'quick',
  'problem-solved',
  'easy-to-find',
  'clear-information',
] as const;
/** …and after a poor one (1–2). */
export const NEGATIVE_REASONS = [
  'waited-too-long',
  'not-solved',
  'hard-to-understand',
  'access-problem',
  'language',
  'unhelpful-staff',
] as const;
export const FEEDBACK_REASONS = [...POSITIVE_REASONS, ...NEGATIVE_REASONS] as const;
export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];

/** The reasons offered once a rating is chosen: praise for a good one, problems for a poor one. */
export function reasonsFor(rating: Rating): readonly FeedbackReason[] {
  return rating >= 3 ? POSITIVE_REASONS : NEGATIVE_REASONS;
}

export const MAX_FEEDBACK_COMMENT = 500;

export const feedbackInput = z
  .strictObject({
    id: uuidV7,
    rating: z.literal(RATINGS, { message: 'must be 1, 2, 3 or 4' }),
    reason: z.enum(FEEDBACK_REASONS).optional(),
    comment: freeText(0, MAX_FEEDBACK_COMMENT).optional(),
    /** The contact it follows, when there was one on this device. */
    contactId: uuidV7.optional(),
    serviceId: slug.optional(),
    channel: z.enum(CHANNELS),
    createdAt: z.iso.datetime({ offset: true }),
  })
  // A "quick" after "very poor" is a slip of the finger the dashboards would count as praise.
  .refine((f) => !f.reason || reasonsFor(f.rating).includes(f.reason), {
    message: 'does not go with the rating given',
    path: ['reason'],
  });
export type FeedbackInput = z.infer<typeof feedbackInput>;

export const FOLLOWUP_ADDRESS_KINDS = ['email', 'sms'] as const;
export type FollowupAddressKind = (typeof FOLLOWUP_ADDRESS_KINDS)[number];

/** How long after the contact a survey may still be sent; then the address is forgotten. */
export const FOLLOWUP_WINDOW_MS = 48 * 60 * 60 * 1000;

/** How long a sent survey link takes answers: long enough for a holiday, not for ever. */
export const SURVEY_OPEN_MS = 14 * 24 * 60 * 60 * 1000;

/** Whether a survey link sent at `sentAt` still takes answers at `now` (ISO instants). */
export const surveyOpen = (sentAt: string, now: string): boolean =>
  Date.parse(now) - Date.parse(sentAt) <= SURVEY_OPEN_MS;

/**
 * A UK or international mobile number as the sender needs it: digits with an optional leading
 * +, spaces and dashes dropped. A UK 07… number becomes +447…. Null when it is not a number.
 */
export function normaliseMobile(typed: string): string | null {
  const compact = typed.replace(/[\s().-]/g, '');
  if (!/^\+?[0-9]{7,15}$/.test(compact)) return null;
  if (/^07[0-9]{9}$/.test(compact)) return `+44${compact.slice(1)}`;
  if (/^447[0-9]{9}$/.test(compact)) return `+${compact}`;
  return compact.startsWith('+') ? compact : null;
}

/**
 * The citizen agreed, at a staffed door, to be asked how it went. Their address is personal
 * data: the hub keeps it only until the survey is sent (or 48 hours pass) and syncs it to no
 * device; the device sending it keeps it only until the hub has it (no journal).
 */
export const followupConsentInput = z
  .strictObject({
    id: uuidV7,
    contactId: uuidV7.optional(),
    serviceId: slug.optional(),
    channel: z.enum(CHANNELS),
    addressKind: z.enum(FOLLOWUP_ADDRESS_KINDS),
    address: z.string().trim().min(1, { message: 'is required' }).max(200),
    language: z.enum(PACK_LANGUAGES),
    /** Explicit: the person was asked and said yes. */
    consent: z.literal(true, { message: 'must be given by the citizen' }),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .transform((input, ctx) => {
    if (input.addressKind === 'email') {
      if (!z.email().safeParse(input.address).success) {
        ctx.addIssue({ code: 'custom', path: ['address'], message: 'is not an email address' });
        return z.NEVER;
      }
      return input;
    }
    const mobile = normaliseMobile(input.address);
    if (!mobile) {
      ctx.addIssue({ code: 'custom', path: ['address'], message: 'is not a mobile number' });
      return z.NEVER;
    }
    return { ...input, address: mobile };
  });
export type FollowupConsentInput = z.infer<typeof followupConsentInput>;

/** "Was your problem solved?": stored as 1, 0.5 and 0 so that the mean is the share solved. */
export const SOLVED_ANSWERS = { yes: 1, partly: 0.5, no: 0 } as const;
export type SolvedAnswer = keyof typeof SOLVED_ANSWERS;

/** The public survey's answers, as posted by its plain HTML form. */
export const surveyAnswers = z.strictObject({
  courteous: z.enum(['yes', 'no'], { message: 'choose yes or no' }),
  solved: z.enum(['yes', 'partly', 'no'], { message: 'choose yes, partly or no' }),
  comment: freeText(0, MAX_FEEDBACK_COMMENT).optional(),
});
export type SurveyAnswers = z.infer<typeof surveyAnswers>;
