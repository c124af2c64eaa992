// Reviews on a service page, offline: the average, the count and the latest published reviews of
// the service and of the partner that provides it, and a form to write one. A review goes to the
// outbox only; it shows here once a moderator on the hub has published it. At a kiosk the form
// lives in memory (the session's wipe forgets it) and asks for no name.
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Partner, Service } from '../../../shared/pack/schema.ts';
import {
  RATINGS,
  REVIEW_LIMITS,
  ratingSummary,
  type PublishedReview,
  type ReviewTarget,
} from '../../../shared/review.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { submitReview } from '../../db/writes.ts';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import { useSync } from '../../sync/use-sync.ts';
import { Choices, TextAreaField, TextField } from '../../ui/form-fields.tsx';
import { useLocalText } from '../../ui/localised.tsx';
import { writeFailure } from '../../ui/write-failure.ts';

const LATEST = 5;
const TARGETS: readonly ReviewTarget[] = ['service', 'partner'];
const BEST_FIRST = [...RATINGS].reverse();

function Stars({ rating }: { rating: number }) {
  const { t } = useTranslation();
  const full = Math.round(rating);
  return (
    <span className="stars" role="img" aria-label={t('reviews.stars', { rating })}>
      {'★'.repeat(full)}
      {'☆'.repeat(5 - full)}
    </span>
  );
}

function Summary({ reviews }: { reviews: readonly PublishedReview[] }) {
  const { t, i18n } = useTranslation();
  const { average, count } = ratingSummary(reviews.map((r) => r.rating));
  if (average === null) return <p>{t('reviews.none')}</p>;
  return (
    <p className="review-summary" data-testid="review-summary">
      <Stars rating={average} />{' '}
      {t('reviews.summary', {
        average: formatNumber(average, i18n.language, { maximumFractionDigits: 1 }),
        count,
      })}
    </p>
  );
}

function ReviewList({ reviews }: { reviews: readonly PublishedReview[] }) {
  const { t, i18n } = useTranslation();
  const latest = [...reviews]
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
    .slice(0, LATEST);
  if (latest.length === 0) return null;
  return (
    <ul className="note-list" data-testid="review-list">
      {latest.map((r) => (
        <li key={r.id} className="note" data-testid="review">
          <div className="note__head">
            <Stars rating={r.rating} />
            {r.title ? <strong dir="auto">{r.title}</strong> : null}
          </div>
          {/* Citizens' text, as a text node: whatever it holds shows as typed, never as markup. */}
          <p className="note__body" dir="auto">
            {r.body}
          </p>
          <p className="note__meta">
            {t('reviews.by', {
              name: r.displayName ?? t('reviews.anonymous'),
              when: formatDateTime(r.publishedAt, i18n.language),
            })}
          </p>
        </li>
      ))}
    </ul>
  );
}

function ReviewForm({
  device,
  serviceId,
  provider,
}: {
  device: DeviceSettings;
  serviceId: string;
  provider: { id: string; name: string } | null;
}) {
  const { t } = useTranslation();
  const db = useDb();
  const sync = useSync();
  const hintId = useId();
  const kiosk = device.mode === 'kiosk';
  const [target, setTarget] = useState<ReviewTarget>('service');
  const [rating, setRating] = useState<number | null>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (rating === null) {
      setMessage({ kind: 'error', text: t('reviews.chooseRating') });
      return;
    }
    try {
      await submitReview(db, {
        targetKind: target,
        targetId: target === 'partner' && provider ? provider.id : serviceId,
        rating,
        body,
        ...(title.trim() ? { title } : {}),
        ...(!kiosk && displayName.trim() ? { displayName } : {}),
      });
      setRating(null);
      setTitle('');
      setBody('');
      setDisplayName('');
      setMessage({ kind: 'ok', text: t('reviews.sent') });
      void sync.syncNow();
    } catch (error) {
      setMessage({ kind: 'error', text: writeFailure(t, 'reviews.failed', error) });
    }
  }

  return (
    <form
      className="form"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="review-form-title"
      data-testid="review-form"
    >
      <h3 id="review-form-title">{t('reviews.write')}</h3>
      <p className="hint" id={hintId}>
        {t('reviews.writeHint')}
      </p>
      {provider ? (
        <Choices
          legend={t('reviews.target')}
          name="review-target"
          options={TARGETS}
          value={target}
          onChoose={setTarget}
          label={(of) =>
            of === 'service'
              ? t('reviews.ofService')
              : t('reviews.ofProvider', { provider: provider.name })
          }
        />
      ) : null}
      <Choices
        legend={t('reviews.rating')}
        name="review-rating"
        options={BEST_FIRST}
        value={rating}
        onChoose={setRating}
        label={(value) => t(`reviews.ratings.${value}`)}
        wrap="rating-choices"
      />
      <TextField
        label={t('reviews.reviewTitle')}
        value={title}
        onValue={setTitle}
        maxLength={REVIEW_LIMITS.title}
        autoComplete="off"
      />
      <TextAreaField
        label={t('reviews.body')}
        value={body}
        onValue={setBody}
        aria-describedby={hintId}
        rows={4}
        required
        maxLength={REVIEW_LIMITS.body}
      />
      {kiosk ? null : (
        <TextField
          label={t('reviews.displayName')}
          hint={t('reviews.displayNameHint')}
          value={displayName}
          onValue={setDisplayName}
          maxLength={REVIEW_LIMITS.displayName}
          autoComplete="off"
        />
      )}
      <button type="submit" className="button">
        {t('reviews.submit')}
      </button>
      <p
        role="status"
        className={message?.kind === 'error' ? 'error' : 'success'}
        data-testid="review-status"
      >
        {message?.text}
      </p>
    </form>
  );
}

/** The reviews of `service` and of the partner that provides it (the service page reads both). */
export function ServiceReviews({
  device,
  service,
  partner,
}: {
  device: DeviceSettings;
  service: Service;
  partner: Partner | null;
}) {
  const { t } = useTranslation();
  const db = useDb();
  const local = useLocalText();
  const serviceId = service.id;
  const partnerId = partner?.id;
  const data = useLiveQuery(async () => {
    const of = (kind: ReviewTarget, id: string) =>
      db.reviews.where('[targetKind+targetId]').equals([kind, id]).toArray();
    const [ofService, ofPartner] = await Promise.all([
      of('service', serviceId),
      partnerId ? of('partner', partnerId) : [],
    ]);
    return { ofService, ofPartner };
  }, [db, serviceId, partnerId]);
  if (!data) return null;
  const provider = partner ? { id: partner.id, name: local(partner.name) } : null;
  return (
    <section aria-labelledby="reviews-title" data-testid="service-reviews">
      <h2 id="reviews-title">{t('reviews.heading')}</h2>
      <Summary reviews={data.ofService} />
      <ReviewList reviews={data.ofService} />
      {provider ? (
        <>
          <h3>{t('reviews.providerHeading', { provider: provider.name })}</h3>
          <Summary reviews={data.ofPartner} />
        </>
      ) : null}
      <ReviewForm device={device} serviceId={serviceId} provider={provider} />
    </section>
  );
}
