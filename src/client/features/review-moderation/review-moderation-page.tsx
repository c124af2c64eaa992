// Moderating reviews, on the hub (it needs a connection): the reviews a moderator answers for,
// waiting first, with the screening flags to check. Approve to publish to every device, reject
// (or withdraw a published one) with a reason; each decision is kept with the moderator's name.
// Review text is shown as text nodes: whatever a citizen typed stays inert.
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewForModeration } from '../../../shared/api/review-moderation.ts';
import type { ReviewStatus } from '../../../shared/review.ts';
import { REVIEW_STATUSES } from '../../../shared/review.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { hubPost } from '../../sync/hub-session.ts';
import { useLocalText } from '../../ui/localised.tsx';
import { HubView } from '../../ui/hub-view.tsx';

function ReviewCard({
  review,
  device,
  onDecided,
}: {
  review: ReviewForModeration;
  device: DeviceSettings;
  onDecided: (text: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const db = useDb();
  const local = useLocalText();
  const session = useStaffSession();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const target = useLiveQuery(
    async () =>
      review.targetKind === 'service'
        ? (await db.services.get(review.targetId))?.name
        : (await db.partners.get(review.targetId))?.name,
    [db, review.targetKind, review.targetId],
  );
  const place = useLiveQuery(
    async () => (await db.accessPoints.get(review.accessPointId))?.name,
    [db, review.accessPointId],
  );

  async function decide(decision: 'approve' | 'reject') {
    if (!session) return;
    if (decision === 'reject' && !reason.trim()) {
      setProblem(t('reviews.moderate.reasonNeeded'));
      return;
    }
    const result = await hubPost(
      device,
      session.staffId,
      `/api/staff/reviews/${review.id}/decision`,
      {
        decision,
        reason,
      },
    );
    if (result.ok) {
      setProblem(null);
      onDecided(t(`reviews.moderate.done.${decision}`));
    } else setProblem(t(`hubView.${result.reason}`));
  }

  return (
    <li className="note review-card" data-testid="moderation-review">
      <div className="note__head">
        <strong>
          {t('reviews.moderate.of', { target: target ? local(target) : review.targetId })}
        </strong>
        <span>{t('reviews.stars', { rating: review.rating })}</span>
      </div>
      {review.title ? (
        <p dir="auto">
          <strong>{review.title}</strong>
        </p>
      ) : null}
      <p className="note__body" dir="auto" data-testid="moderation-body">
        {review.body}
      </p>
      <p className="note__meta">
        {review.mode === 'web'
          ? t('reviews.moderate.fromWeb', {
              name: review.displayName ?? t('reviews.anonymous'),
              when: formatDateTime(review.receivedAt, i18n.language),
            })
          : t('reviews.moderate.from', {
              name: review.displayName ?? t('reviews.anonymous'),
              place: place ?? review.accessPointId,
              mode: t(`enrol.modes.${review.mode}.name`),
              when: formatDateTime(review.receivedAt, i18n.language),
            })}
      </p>
      <p>
        <span>{t('reviews.moderate.flags')} </span>
        {review.flags.length === 0 ? (
          t('reviews.moderate.noFlags')
        ) : (
          <span data-testid="moderation-flags">
            {review.flags.map((f) => (
              <span key={f} className="badge badge--at-risk">
                {t(`reviews.moderate.flag.${f}`)}
              </span>
            ))}
          </span>
        )}
      </p>
      {review.decisions.length > 0 ? (
        <ul>
          {review.decisions.map((d) => (
            <li key={d.decidedAt + d.decision}>
              {t('reviews.moderate.decided', {
                decision: t(`reviews.moderate.decisions.${d.decision}`),
                name: d.staffName,
                when: formatDateTime(d.decidedAt, i18n.language),
              })}
              {d.reason ? <q dir="auto">{d.reason}</q> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="field">
        <label htmlFor={reasonId}>{t('reviews.moderate.reason')}</label>
        <p className="hint" id={`${reasonId}-hint`}>
          {t('reviews.moderate.reasonHint')}
        </p>
        <input
          id={reasonId}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-describedby={`${reasonId}-hint`}
          maxLength={500}
          autoComplete="off"
        />
      </div>
      <div className="button-row">
        {review.status !== 'published' ? (
          <button type="button" className="button" onClick={() => void decide('approve')}>
            {t('reviews.moderate.approve')}
          </button>
        ) : null}
        {review.status !== 'rejected' ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void decide('reject')}
          >
            {review.status === 'published'
              ? t('reviews.moderate.withdraw')
              : t('reviews.moderate.reject')}
          </button>
        ) : null}
      </div>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
    </li>
  );
}

export function ReviewModerationPage({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  const statusId = useId();
  const [status, setStatus] = useState<ReviewStatus>('pending');
  // Bumped after each decision, so the list is fetched again from the hub.
  const [version, setVersion] = useState(0);
  const [done, setDone] = useState('');
  return (
    <section className="panel" aria-labelledby="moderate-title">
      <h1 id="moderate-title">{t('reviews.moderate.title')}</h1>
      <p className="hint">{t('reviews.moderate.intro')}</p>
      <div className="field">
        <label htmlFor={statusId}>{t('reviews.moderate.status')}</label>
        <select
          id={statusId}
          value={status}
          onChange={(e) => setStatus(e.target.value as ReviewStatus)}
        >
          {REVIEW_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`reviews.moderate.statuses.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <p role="status" className="success">
        {done}
      </p>
      <HubView<ReviewForModeration[]>
        key={`${status}/${version}`}
        device={device}
        path={`/api/staff/reviews?status=${status}`}
      >
        {(reviews) =>
          reviews.length === 0 ? (
            <p>{t('reviews.moderate.empty')}</p>
          ) : (
            <ul className="note-list" data-testid="moderation-list">
              {reviews.map((r) => (
                <ReviewCard
                  key={r.id}
                  review={r}
                  device={device}
                  onDecided={(text) => {
                    setDone(text);
                    setVersion((v) => v + 1);
                  }}
                />
              ))}
            </ul>
          )
        }
      </HubView>
    </section>
  );
}
