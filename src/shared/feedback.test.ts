import { describe, expect, it } from 'vitest';
import {
  feedbackInput,
  followupConsentInput,
  NEGATIVE_REASONS,
  normaliseMobile,
  POSITIVE_REASONS,
  reasonsFor,
  surveyAnswers,
} from './feedback.ts';
import { newId } from './ids.ts';

const faces = (extra: Record<string, unknown> = {}) => ({
  id: newId(),
  rating: 4,
  channel: 'kiosk',
  createdAt: new Date().toISOString(),
  ...extra,
});

const consent = (extra: Record<string, unknown> = {}) => ({
  id: newId(),
  contactId: newId(),
  serviceId: 'blue-badge',
  channel: 'face-to-face',
  addressKind: 'email',
  address: 'sam@example.org',
  language: 'cy',
  consent: true,
  createdAt: new Date().toISOString(),
  ...extra,
});

describe('feedback at the moment of the interaction', () => {
  it('takes a rating alone, or with a reason that fits it, a comment and the contact', () => {
    expect(feedbackInput.safeParse(faces()).success).toBe(true);
    const full = feedbackInput.safeParse(
      faces({
        rating: 1,
        reason: 'waited-too-long',
        comment: '  Forty minutes.  ',
        contactId: newId(),
        serviceId: 'missed-bin-collection',
        channel: 'face-to-face',
      }),
    );
    expect(full.success && full.data.comment).toBe('Forty minutes.');
  });

  it('offers praise after a good rating and problems after a poor one', () => {
    expect(reasonsFor(4)).toEqual(POSITIVE_REASONS);
    expect(reasonsFor(3)).toEqual(POSITIVE_REASONS);
    expect(reasonsFor(2)).toEqual(NEGATIVE_REASONS);
    expect(reasonsFor(1)).toEqual(NEGATIVE_REASONS);
  });

  it('refuses ratings outside 1–4, unknown or mismatched reasons, long comments, extra fields', () => {
    for (const rating of [0, 5, 2.5, '4', null]) {
      expect(feedbackInput.safeParse(faces({ rating })).success, String(rating)).toBe(false);
    }
    expect(feedbackInput.safeParse(faces({ reason: 'rude' })).success).toBe(false);
    const mismatch = feedbackInput.safeParse(faces({ rating: 4, reason: 'waited-too-long' }));
    expect(mismatch.error?.issues[0]?.message).toBe('does not go with the rating given');
    expect(feedbackInput.safeParse(faces({ comment: 'x'.repeat(501) })).success).toBe(false);
    expect(feedbackInput.safeParse(faces({ comment: 'bell\u0007' })).success).toBe(false);
    expect(feedbackInput.safeParse(faces({ accessPointId: 'elsewhere' })).success).toBe(false);
    expect(feedbackInput.safeParse(faces({ channel: 'pigeon' })).success).toBe(false);
  });
});

describe('consent to the 48-hour follow-up', () => {
  it('takes an email address, or a mobile number it puts in international form', () => {
    expect(followupConsentInput.parse(consent()).address).toBe('sam@example.org');
    const sms = followupConsentInput.parse(
      consent({ addressKind: 'sms', address: '07700 900 123' }),
    );
    expect(sms.address).toBe('+447700900123');
  });

  it('needs explicit consent, a real address and a language the survey speaks', () => {
    expect(followupConsentInput.safeParse(consent({ consent: false })).success).toBe(false);
    expect(followupConsentInput.safeParse(consent({ address: 'not-an-email' })).success).toBe(
      false,
    );
    expect(
      followupConsentInput.safeParse(consent({ addressKind: 'sms', address: 'call me' })).error
        ?.issues[0]?.message,
    ).toBe('is not a mobile number');
    expect(followupConsentInput.safeParse(consent({ language: 'fr' })).success).toBe(false);
    expect(followupConsentInput.safeParse(consent({ address: '' })).success).toBe(false);
  });

  it('normalises mobile numbers and refuses what is not one', () => {
    expect(normaliseMobile('+44 7700-900123')).toBe('+447700900123');
    expect(normaliseMobile('447700900123')).toBe('+447700900123');
    expect(normaliseMobile('+48 601 234 567')).toBe('+48601234567');
    expect(normaliseMobile('0161 496 0000')).toBeNull();
    expect(normaliseMobile('12')).toBeNull();
  });
});

describe('the survey answers', () => {
  it('needs both questions answered; the comment is optional', () => {
    expect(surveyAnswers.safeParse({ courteous: 'yes', solved: 'partly' }).success).toBe(true);
    expect(surveyAnswers.safeParse({ courteous: 'yes' }).success).toBe(false);
    expect(surveyAnswers.safeParse({ courteous: 'maybe', solved: 'no' }).success).toBe(false);
  });
});
