// One case: what was raised, who owns it (by name), every promise with its status, the full
// audit trail (device clocks shown, the hub's order kept), clashes flagged for a person, and the
// actions. Resolving asks which steps were done and checks before it writes (resolve-case.tsx);
// a resolved case cannot be given priority, only reopened.
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { CaseEventKind } from '../../../shared/case.ts';
import { getUiSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { useCan } from '../../db/use-staff.ts';
import { addCaseEvent, addCaseEvents } from '../../db/writes.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useSync } from '../../sync/use-sync.ts';
import { BackLink } from '../../ui/back-link.tsx';
import { useLocalText } from '../../ui/localised.tsx';
import { NotFound } from '../../ui/not-found.tsx';
import { writeFailure } from '../../ui/write-failure.ts';
import { CasePhotos } from './case-photos.tsx';
import { ResolveCase } from './resolve-case.tsx';
import { useCase } from './use-cases.ts';

export function CasePage() {
  const { t, i18n } = useTranslation();
  const { caseId = '' } = useParams();
  const db = useDb();
  const sync = useSync();
  const local = useLocalText();
  const view = useCase(caseId);
  const ui = useLiveQuery(() => getUiSettings(db), [db]);
  const owner = useLiveQuery(
    async () => (view ? await db.partners.get(view.record.ownerPartnerId) : undefined),
    [db, view?.record.ownerPartnerId],
  );
  const service = useLiveQuery(
    async () => (view ? await db.services.get(view.record.serviceId) : undefined),
    [db, view?.record.serviceId],
  );
  const commitment = useLiveQuery(
    async () =>
      view
        ? await db.commitments.where('serviceId').equals(view.record.serviceId).first()
        : undefined,
    [db, view?.record.serviceId],
  );
  const ids = { note: useId(), reason: useId(), step: useId() };
  const canWork = useCan('case.work');
  const canEscalate = useCan('case.escalate');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [step, setStep] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (view === undefined) return <p>{t('app.loading')}</p>;
  if (view === null) {
    return <NotFound title={t('cases.missing')} to="/queue" back={t('cases.backToQueue')} />;
  }
  const { record, state, dues, events } = view;
  const author = ui?.staffName || t('cases.unknownAuthor');
  const contact = record.contact as { name?: string; phone?: string; email?: string } | undefined;
  const stepTitle = (id: string) =>
    id === 'promise'
      ? t('cases.promise')
      : commitment?.steps.find((s) => s.id === id)?.title
        ? local(commitment.steps.find((s) => s.id === id)?.title)
        : id;

  async function act(
    kind: CaseEventKind,
    extra: { note?: string; reason?: string; stepId?: string } = {},
  ) {
    setError(null);
    try {
      await addCaseEvent(db, { caseId, kind, author, ...extra });
      setNote('');
      setReason('');
      void sync.syncNow();
    } catch (e) {
      setError(writeFailure(t, 'cases.saveFailed', e));
    }
  }

  /** Each open step's outcome as the person said, then the resolution: one write. */
  async function resolve({ done, notDone }: { done: string[]; notDone: string[] }) {
    setError(null);
    try {
      await addCaseEvents(db, [
        ...done.map((stepId) => ({ caseId, kind: 'step-completed' as const, author, stepId })),
        ...notDone.map((stepId) => ({ caseId, kind: 'step-not-done' as const, author, stepId })),
        { caseId, kind: 'resolved' as const, author },
      ]);
      void sync.syncNow();
    } catch (e) {
      setError(writeFailure(t, 'cases.saveFailed', e));
    }
  }
  const openSteps = dues
    .filter((d) => d.stepId !== 'promise' && d.status !== 'done' && d.status !== 'not-done')
    .map((d) => ({ stepId: d.stepId, title: stepTitle(d.stepId) }));
  const team = owner?.teams.find((tm) => tm.id === record.ownerTeamId);
  const ownerName = owner
    ? t('caseWork.ownerIs', {
        team: team ? local(team.name) : record.ownerTeamId,
        partner: local(owner.name),
      })
    : `${record.ownerPartnerId} / ${record.ownerTeamId}`;

  return (
    <article className="panel" aria-labelledby="case-title">
      <BackLink to="/queue">{t('cases.backToQueue')}</BackLink>
      <h1 id="case-title">
        {`${record.reference} — ${service ? local(service.name) : record.serviceId}`}
      </h1>
      <p>
        <span className="badge">{t(`cases.state.${state.status}`)}</span>{' '}
        {state.escalation ? (
          <span className="badge badge--rejected">
            {t('cases.escalatedBecause', { reason: state.escalation.reason })}
          </span>
        ) : null}
      </p>
      {state.conflicts.length > 0 ? (
        <p className="error" role="alert" data-testid="case-conflict">
          {t('cases.conflict', { count: state.conflicts.length })}
        </p>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t('cases.type')}</dt>
          <dd>{t(`cases.types.${record.type}`)}</dd>
        </div>
        <div>
          <dt>{t('cases.details')}</dt>
          <dd className="note__body">{record.details}</dd>
        </div>
        {record.location ? (
          <div>
            <dt>{t('cases.location')}</dt>
            <dd>
              {[record.location.address, record.location.postcode].filter(Boolean).join(', ')}
              {record.location.lat !== undefined && record.location.lng !== undefined ? (
                <>
                  {' '}
                  <a
                    href={`https://www.openstreetmap.org/?mlat=${record.location.lat}&mlon=${record.location.lng}#map=18/${record.location.lat}/${record.location.lng}`}
                    target="_blank"
                    rel="noreferrer"
                  >
                    {t('cases.point', { lat: record.location.lat, lon: record.location.lng })}
                  </a>
                </>
              ) : null}
            </dd>
          </div>
        ) : null}
        {contact ? (
          <div>
            <dt>{t('cases.contactTitle')}</dt>
            <dd>{[contact.name, contact.phone, contact.email].filter(Boolean).join(' · ')}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('cases.owner')}</dt>
          <dd>{record.ownerTeamId ? ownerName : t('cases.routing')}</dd>
        </div>
      </dl>
      <CasePhotos caseId={record.id} />
      <h2>{t('cases.promises')}</h2>
      {dues.length === 0 ? <p>{t('cases.noDues')}</p> : null}
      <ul className="note-list" data-testid="case-dues">
        {dues.map((d) => (
          <li key={d.stepId} className="note" data-status={d.status}>
            <strong>{stepTitle(d.stepId)}</strong>{' '}
            <span className={`badge badge--${d.status}`}>
              {d.status === 'not-done' ? t('caseWork.notDone') : t(`cases.status.${d.status}`)}
            </span>
            <p className="note__meta">
              {t('cases.dueBy', { when: formatDateTime(d.due, i18n.language) })}
            </p>
          </li>
        ))}
      </ul>
      <h2>{t('cases.actions')}</h2>
      {!canWork ? <p className="hint">{t('cases.workNeedsRole')}</p> : null}
      <div className="flow__controls">
        {canWork && state.status === 'open' ? (
          <button type="button" className="button" onClick={() => void act('acknowledged')}>
            {t('cases.acknowledge')}
          </button>
        ) : null}
        {!canWork ? null : state.status !== 'resolved' ? (
          <ResolveCase steps={openSteps} onResolve={resolve} />
        ) : (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void act('reopened')}
          >
            {t('cases.reopen')}
          </button>
        )}
      </div>
      <div className="field">
        <label htmlFor={ids.note}>{t('cases.note')}</label>
        <textarea
          id={ids.note}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={3}
          maxLength={2000}
        />
        <button
          type="button"
          className="button button--secondary"
          disabled={!note.trim()}
          onClick={() => void act('note', { note })}
        >
          {t('cases.addNote')}
        </button>
      </div>
      {canWork && dues.some((d) => d.stepId !== 'promise' && d.status !== 'done') ? (
        <div className="field">
          <label htmlFor={ids.step}>{t('cases.completeStep')}</label>
          <select id={ids.step} value={step} onChange={(e) => setStep(e.target.value)}>
            <option value="">{t('cases.chooseStep')}</option>
            {dues
              .filter((d) => d.stepId !== 'promise' && d.status !== 'done')
              .map((d) => (
                <option key={d.stepId} value={d.stepId}>
                  {stepTitle(d.stepId)}
                </option>
              ))}
          </select>
          <button
            type="button"
            className="button button--secondary"
            disabled={!step}
            onClick={() => void act('step-completed', { stepId: step })}
          >
            {t('cases.markDone')}
          </button>
        </div>
      ) : null}
      {canEscalate && state.status !== 'resolved' ? (
        <div className="field">
          <label htmlFor={ids.reason}>{t('cases.escalateReason')}</label>
          <input
            id={ids.reason}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
          />
          <button
            type="button"
            className="button button--secondary"
            disabled={!reason.trim()}
            onClick={() => void act('escalated', { reason })}
          >
            {t('cases.escalate')}
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <h2>{t('cases.trail')}</h2>
      <ol className="note-list" data-testid="case-trail">
        {events.map((e) => (
          <li key={e.id} className="note">
            <strong>
              {e.kind === 'step-completed' && e.stepId
                ? t('caseWork.stepDoneEvent', { step: stepTitle(e.stepId) })
                : e.kind === 'step-not-done' && e.stepId
                  ? t('caseWork.stepNotDoneEvent', { step: stepTitle(e.stepId) })
                  : t(`cases.events.${e.kind}`)}
            </strong>
            <p className="note__meta">
              {t('cases.eventMeta', {
                author: e.author,
                when: formatDateTime(e.createdAt, i18n.language),
              })}
              {e.seq ? '' : ` · ${t('notes.state.pending')}`}
            </p>
            {e.note ? (
              <p className="note__body">
                {/* The hub's routing note names the owner by id: shown by name. */}
                {e.kind === 'routed' && e.note === `${record.ownerPartnerId}/${record.ownerTeamId}`
                  ? ownerName
                  : e.note}
              </p>
            ) : null}
            {e.reason ? <p className="note__body">{e.reason}</p> : null}
          </li>
        ))}
      </ol>
    </article>
  );
}
