// The moment of the interaction: four faces (one tap gives the rating), then one optional tap
// on a reason and an optional comment; at a staffed door, the citizen may also agree to a
// short survey within 48 hours. "Skip" is always there. Works offline: the ops wait in the
// outbox. What a kiosk citizen types stays in memory until they send it, and the device keeps
// nothing of it once the hub has it.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { giveFeedback, type FeedbackWrite } from '../../db/writes.ts';
import type { Channel } from '../../../shared/channels.ts';
import {
  FOLLOWUP_ADDRESS_KINDS,
  MAX_FEEDBACK_COMMENT,
  RATINGS,
  reasonsFor,
  type FeedbackReason,
  type FollowupAddressKind,
  type Rating,
} from '../../../shared/feedback.ts';
import { matchLanguage, type PackLanguage } from '../../../shared/pack/local-text.ts';
import { useSync } from '../../sync/use-sync.ts';
import { writeFailure } from '../../ui/write-failure.ts';

/** The contact the feedback follows (from the guided flow's ending). */
export interface AfterContact {
  contactId?: string;
  serviceId?: string;
  channel: Channel;
}

const FACE_KEYS: Record<Rating, string> = { 4: 'veryGood', 3: 'good', 2: 'poor', 1: 'veryPoor' };

/**
 * A simple drawn face (no emoji font needed, the same on every device), told apart three ways
 * besides its words, never by colour alone: its outline (circle, rounded square, hexagon,
 * diamond), its mouth, and its colour. Green, light green, yellow and red are GOV.UK's own; the
 * eyes and mouth are white or near-black, whichever has the contrast on that colour.
 */
const FACE_LOOK: Record<Rating, { fill: string; ink: string; outline: string }> = {
  4: { fill: '#00703c', ink: '#ffffff', outline: 'circle' },
  3: { fill: '#85994b', ink: '#0b0c0c', outline: 'rounded' },
  2: { fill: '#ffdd00', ink: '#0b0c0c', outline: 'hexagon' },
  1: { fill: '#d4351c', ink: '#ffffff', outline: 'diamond' },
};

function Face({ rating }: { rating: Rating }) {
  // Mouth: a smile for 3–4, a frown for 1–2, deeper at the ends of the scale.
  const depth = { 4: 9, 3: 5, 2: -5, 1: -9 }[rating];
  const y = depth > 0 ? 36 : 44;
  const { fill, ink, outline } = FACE_LOOK[rating];
  const shape = { fill, stroke: '#0b0c0c', strokeWidth: 2 };
  return (
    <svg
      viewBox="0 0 64 64"
      width="64"
      height="64"
      aria-hidden="true"
      focusable="false"
      data-shape={outline}
    >
      {outline === 'circle' ? (
        <circle cx="32" cy="32" r="29" {...shape} />
      ) : outline === 'rounded' ? (
        <rect x="4" y="4" width="56" height="56" rx="12" {...shape} />
      ) : outline === 'hexagon' ? (
        <polygon points="32,2 58,17 58,47 32,62 6,47 6,17" {...shape} />
      ) : (
        <polygon points="32,1 63,32 32,63 1,32" {...shape} />
      )}
      <circle cx="24" cy="26" r="3.5" fill={ink} />
      <circle cx="40" cy="26" r="3.5" fill={ink} />
      <path
        d={`M21 ${y} Q32 ${y + depth * 1.4} 43 ${y}`}
        fill="none"
        stroke={ink}
        strokeWidth="3.5"
        strokeLinecap="round"
      />
    </svg>
  );
}

/** Ratings already given in this page's life: a kiosk session takes one (its wipe reloads). */
let ratedThisSession = false;

/** A language the survey can be sent in, named in itself. */
export interface SurveyLanguage {
  code: string;
  name: string;
}

export function FeedbackPanel({
  device,
  after,
  languages,
  onDone,
}: {
  device: DeviceSettings;
  after: AfterContact;
  languages: readonly SurveyLanguage[];
  /** Called once the feedback was queued (`sent`) or skipped. */
  onDone: (sent: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const db = useDb();
  const sync = useSync();
  const ids = useId();
  const kiosk = device.mode === 'kiosk';
  const [rating, setRating] = useState<Rating | null>(null);
  const [reason, setReason] = useState<FeedbackReason | null>(null);
  const [comment, setComment] = useState('');
  const [asked, setAsked] = useState(false);
  const [addressKind, setAddressKind] = useState<FollowupAddressKind>('email');
  const [address, setAddress] = useState('');
  const [language, setLanguage] = useState<PackLanguage>(matchLanguage(i18n.language) ?? 'en');
  const [state, setState] = useState<'open' | 'saving' | 'sent'>('open');
  const [problem, setProblem] = useState<string | null>(null);

  // Presses arrive faster than React re-renders (a flood of taps, a stuck key): the first send
  // wins, the rest are ignored, and a kiosk session takes one rating in all.
  const sending = useRef(false);
  const wantsFollowup = !kiosk && asked;
  const canSend = state === 'open' && (rating !== null || (wantsFollowup && address.trim()));

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!canSend || sending.current || (kiosk && ratedThisSession)) return;
    sending.current = true;
    if (kiosk) ratedThisSession = true;
    setState('saving');
    setProblem(null);
    const write: FeedbackWrite = {
      ...(rating !== null
        ? {
            feedback: {
              rating,
              ...(reason ? { reason } : {}),
              ...(comment.trim() ? { comment } : {}),
              ...(after.contactId ? { contactId: after.contactId } : {}),
              ...(after.serviceId ? { serviceId: after.serviceId } : {}),
              channel: after.channel,
            },
          }
        : {}),
      ...(wantsFollowup
        ? {
            followup: {
              ...(after.contactId ? { contactId: after.contactId } : {}),
              ...(after.serviceId ? { serviceId: after.serviceId } : {}),
              channel: after.channel,
              addressKind,
              address,
              language,
            },
          }
        : {}),
    };
    try {
      await giveFeedback(db, write);
    } catch (error) {
      sending.current = false;
      if (kiosk) ratedThisSession = false;
      setState('open');
      // A mistyped address is the likely refusal: say which field, in words.
      setProblem(
        error instanceof Error && /address/.test(error.message)
          ? t(`feedback.badAddress.${addressKind}`)
          : writeFailure(t, 'feedback.saveFailed', error),
      );
      return;
    }
    setState('sent');
    void sync.syncNow();
    // Long enough to read the thanks; then the screen moves on (a kiosk ends the session).
    setTimeout(() => onDone(true), kiosk ? 2500 : 1500);
  }

  if (state === 'sent') {
    return (
      <section className="panel feedback" data-testid="feedback-panel">
        <p className="feedback__thanks" role="status" data-testid="feedback-thanks">
          {t('feedback.thanks')}
        </p>
      </section>
    );
  }

  const reasons = rating !== null ? reasonsFor(rating) : [];
  return (
    <section
      className={`panel feedback${kiosk ? ' feedback--kiosk' : ''}`}
      aria-labelledby={`${ids}-title`}
      data-testid="feedback-panel"
    >
      <form onSubmit={(event) => void send(event)}>
        <h2 id={`${ids}-title`}>{kiosk ? t('feedback.askCitizen') : t('feedback.askStaff')}</h2>
        {kiosk ? null : <p className="hint">{t('feedback.staffHint')}</p>}
        <div className="feedback__faces" role="group" aria-labelledby={`${ids}-title`}>
          {RATINGS.map((r) => (
            <button
              key={r}
              type="button"
              className="feedback__face"
              aria-pressed={rating === r}
              data-testid={`feedback-face-${r}`}
              onClick={() => {
                setRating(r);
                if (reason && !reasonsFor(r).includes(reason)) setReason(null);
              }}
            >
              <Face rating={r} />
              <span>{t(`feedback.faces.${FACE_KEYS[r]}`)}</span>
            </button>
          ))}
        </div>

        {rating !== null ? (
          <>
            <fieldset className="feedback__reasons">
              <legend>{rating >= 3 ? t('feedback.whyGood') : t('feedback.whyPoor')}</legend>
              <div className="feedback__chips">
                {reasons.map((r) => (
                  <button
                    key={r}
                    type="button"
                    className="button button--secondary feedback__chip"
                    aria-pressed={reason === r}
                    data-testid={`feedback-reason-${r}`}
                    onClick={() => setReason(reason === r ? null : r)}
                  >
                    {t(`feedback.reasons.${r}`)}
                  </button>
                ))}
              </div>
            </fieldset>
            <div className="field">
              <label htmlFor={`${ids}-comment`}>{t('feedback.comment')}</label>
              <p className="hint" id={`${ids}-comment-hint`}>
                {t('feedback.commentHint', { max: MAX_FEEDBACK_COMMENT })}
              </p>
              <textarea
                id={`${ids}-comment`}
                rows={3}
                maxLength={MAX_FEEDBACK_COMMENT}
                aria-describedby={`${ids}-comment-hint`}
                value={comment}
                onChange={(event) => setComment(event.target.value)}
              />
            </div>
          </>
        ) : null}

        {kiosk ? null : (
          <fieldset className="feedback__followup">
            <legend>{t('feedback.followup.title')}</legend>
            <label className="feedback__consent">
              <input
                type="checkbox"
                checked={asked}
                onChange={(event) => setAsked(event.target.checked)}
                data-testid="followup-consent"
              />{' '}
              {t('feedback.followup.consent')}
            </label>
            {asked ? (
              <div className="field-row">
                <fieldset className="field feedback__kinds">
                  <legend>{t('feedback.followup.how')}</legend>
                  {FOLLOWUP_ADDRESS_KINDS.map((kind) => (
                    <label key={kind}>
                      <input
                        type="radio"
                        name={`${ids}-kind`}
                        value={kind}
                        checked={addressKind === kind}
                        onChange={() => setAddressKind(kind)}
                      />{' '}
                      {t(`feedback.followup.kinds.${kind}`)}
                    </label>
                  ))}
                </fieldset>
                <div className="field">
                  <label htmlFor={`${ids}-address`}>
                    {t(`feedback.followup.address.${addressKind}`)}
                  </label>
                  <input
                    id={`${ids}-address`}
                    type={addressKind === 'email' ? 'email' : 'tel'}
                    autoComplete="off"
                    maxLength={200}
                    value={address}
                    onChange={(event) => setAddress(event.target.value)}
                    data-testid="followup-address"
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${ids}-language`}>{t('feedback.followup.language')}</label>
                  <select
                    id={`${ids}-language`}
                    value={language}
                    onChange={(event) => setLanguage(matchLanguage(event.target.value) ?? 'en')}
                  >
                    {languages.map((l) => (
                      <option key={l.code} value={l.code} lang={l.code}>
                        {l.name}
                      </option>
                    ))}
                  </select>
                </div>
                <p className="hint">{t('feedback.followup.privacy')}</p>
              </div>
            ) : null}
          </fieldset>
        )}

        {problem ? (
          <p className="feedback__problem" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="feedback__actions">
          <button type="submit" className="button" disabled={!canSend} data-testid="feedback-send">
            {t('feedback.send')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => onDone(false)}
            data-testid="feedback-skip"
          >
            {t('feedback.skip')}
          </button>
        </div>
      </form>
    </section>
  );
}
