// One mystery-shopping visit, on a tablet, fully offline: the place's checklist built from the
// pack's standards on this device, an answer and an evidence note per check, a draft saved on
// the device at any time, and a submit that queues the audit for the hub (which scores it
// again itself).
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  AUDIT_RESULTS,
  buildChecklist,
  scoreAudit,
  type AuditResult,
  type ChecklistItem,
} from '../../../shared/audit-checklist.ts';
import type { AuditItemInput } from '../../../shared/audit.ts';
import { newId } from '../../../shared/ids.ts';
import type { Commitment, PackAccessPoint, Standard } from '../../../shared/pack/schema.ts';
import type { LocalAudit } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { useCan } from '../../db/use-staff.ts';
import { saveAuditDraft, submitAudit } from '../../db/writes.ts';
import { useSync } from '../../sync/use-sync.ts';
import { BackLink } from '../../ui/back-link.tsx';
import { Localised, useLocalText } from '../../ui/localised.tsx';
import { NotFound } from '../../ui/not-found.tsx';
import { writeFailure } from '../../ui/write-failure.ts';

type Answers = Record<string, { result?: AuditResult; note: string }>;

function toItems(answers: Answers): AuditItemInput[] {
  return Object.entries(answers).flatMap(([checkId, a]) => {
    if (!a.result) return [];
    const note = a.note.trim();
    return [{ checkId, result: a.result, ...(note ? { note } : {}) }];
  });
}

function CheckItem({
  item,
  answer,
  serviceName,
  onChange,
}: {
  item: ChecklistItem;
  answer: { result?: AuditResult; note: string };
  serviceName: string | null;
  onChange: (next: { result?: AuditResult; note: string }) => void;
}) {
  const { t } = useTranslation();
  const noteId = useId();
  return (
    <li className="audit-check" data-check={item.id}>
      <fieldset>
        <legend>
          {serviceName ? <span className="audit-check__service">{serviceName}</span> : null}
          <Localised text={item.prompt} />
        </legend>
        {item.promise ? (
          <blockquote className="commitment__promise">
            <Localised text={item.promise} as="p" />
          </blockquote>
        ) : null}
        <div className="audit-check__answers">
          {AUDIT_RESULTS.map((result) => (
            <label key={result} className={`audit-choice audit-choice--${result}`}>
              <input
                type="radio"
                name={`result-${item.id}`}
                value={result}
                checked={answer.result === result}
                onChange={() => onChange({ ...answer, result })}
              />
              <span>{t(`audits.results.${result}`)}</span>
            </label>
          ))}
        </div>
        <div className="field">
          <label htmlFor={noteId}>{t('audits.evidence')}</label>
          <textarea
            id={noteId}
            rows={2}
            maxLength={2000}
            value={answer.note}
            onChange={(e) => onChange({ ...answer, note: e.target.value })}
          />
        </div>
      </fieldset>
    </li>
  );
}

export function AuditFormPage() {
  const { t } = useTranslation();
  const { placeId = '' } = useParams();
  const db = useDb();
  const mayAudit = useCan('audit');
  const data = useLiveQuery(async () => {
    const [place, standards, commitments, draft] = await Promise.all([
      db.accessPoints.get(placeId),
      db.standards.toArray(),
      db.commitments.toArray(),
      db.audits
        .where('accessPointId')
        .equals(placeId)
        .filter((a) => a.status === 'draft')
        .first(),
    ]);
    return { place: place ?? null, standards, commitments, draft: draft ?? null };
  }, [db, placeId]);

  if (!data) return <p>{t('app.loading')}</p>;
  if (!data.place) {
    return <NotFound title={t('audits.noPlace')} to="/audits" back={t('audits.back')} />;
  }
  if (!mayAudit) {
    return (
      <section className="panel">
        <p className="callout">{t('audits.notAuditor')}</p>
      </section>
    );
  }
  // Keyed by place: a draft left for it is picked up once, when the form opens.
  return (
    <AuditForm
      key={data.place.id}
      place={data.place}
      standards={data.standards}
      commitments={data.commitments}
      draft={data.draft}
    />
  );
}

function AuditForm({
  place,
  standards,
  commitments,
  draft,
}: {
  place: PackAccessPoint;
  standards: Standard[];
  commitments: Commitment[];
  draft: LocalAudit | null;
}) {
  const { t } = useTranslation();
  const db = useDb();
  const sync = useSync();
  const navigate = useNavigate();
  const local = useLocalText();
  const checklist = useMemo(
    () => buildChecklist({ standards, commitments }, place),
    [standards, commitments, place],
  );
  const serviceIds = useMemo(
    () => [...new Set(checklist.flatMap((i) => (i.serviceId ? [i.serviceId] : [])))],
    [checklist],
  );
  const services = useLiveQuery(() => db.services.bulkGet(serviceIds), [db, serviceIds]);
  const [auditId] = useState(() => draft?.id ?? newId());
  const [answers, setAnswers] = useState<Answers>(() =>
    Object.fromEntries(
      (draft?.items ?? []).map((i) => [i.checkId, { result: i.result, note: i.note ?? '' }]),
    ),
  );
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const serviceName = (id: string | null) => {
    if (!id) return null;
    const service = services?.find((s) => s?.id === id);
    return service ? local(service.name) : id;
  };
  const weights = new Map(checklist.map((i) => [i.id, i.weight]));
  const items = toItems(answers);
  const score = scoreAudit(items.map((i) => ({ ...i, weight: weights.get(i.checkId) ?? 1 })));
  const groups = standards
    .map((standard): [Standard, ChecklistItem[]] => [
      standard,
      checklist.filter((i) => i.standardId === standard.id),
    ])
    .filter(([, list]) => list.length > 0)
    .sort(([a], [b]) => (a.id < b.id ? -1 : 1));
  const answered = (list: ChecklistItem[]) => list.filter((i) => answers[i.id]?.result).length;
  const setAnswer = (id: string, next: { result?: AuditResult; note: string }) => {
    setAnswers((all) => ({ ...all, [id]: next }));
    setMessage(null);
  };

  async function saveDraft() {
    try {
      await saveAuditDraft(db, { id: auditId, accessPointId: place.id, items });
      setMessage({ ok: true, text: t('audits.draftSaved') });
    } catch (e) {
      setMessage({ ok: false, text: writeFailure(t, 'audits.saveFailed', e) });
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (score === null) {
      setMessage({ ok: false, text: t('audits.nothingToScore') });
      return;
    }
    try {
      await submitAudit(db, { id: auditId, accessPointId: place.id, items, score });
      void sync.syncNow();
      await navigate('/audits', { state: { submitted: place.id } });
    } catch (e) {
      setMessage({ ok: false, text: writeFailure(t, 'audits.saveFailed', e) });
    }
  }

  return (
    <section className="panel" aria-labelledby="audit-title">
      <BackLink to="/audits">{t('audits.back')}</BackLink>
      <h1 id="audit-title">{t('audits.formTitle', { place: place.name })}</h1>
      <p className="hint">{t('audits.formIntro')}</p>
      <form className="form" onSubmit={(event) => void submit(event)}>
        {groups.map(([standard, list]) => {
          const body = (
            <ol className="audit-checks">
              {list.map((item) => (
                <CheckItem
                  key={item.id}
                  item={item}
                  answer={answers[item.id] ?? { note: '' }}
                  serviceName={serviceName(item.serviceId)}
                  onChange={(next) => setAnswer(item.id, next)}
                />
              ))}
            </ol>
          );
          const heading = (
            <>
              <Localised text={standard.title} />{' '}
              <span className="hint">
                {t('audits.answered', { done: answered(list), total: list.length })}
              </span>
            </>
          );
          // Promises can run to dozens at a council office: folded until the auditor opens them.
          return standard.commitments ? (
            <details key={standard.id} className="audit-standard" data-standard={standard.id}>
              <summary>
                <h2>{heading}</h2>
              </summary>
              {body}
            </details>
          ) : (
            <section key={standard.id} className="audit-standard" data-standard={standard.id}>
              <h2>{heading}</h2>
              {body}
            </section>
          );
        })}
        <div className="audit-summary" aria-live="polite">
          <p data-testid="audit-score">
            {score === null
              ? t('audits.noScoreYet')
              : t('audits.scoreSoFar', { score, answers: items.length })}
          </p>
        </div>
        {message ? (
          <p className={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        ) : null}
        <div className="field-row">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void saveDraft()}
          >
            {t('audits.saveDraft')}
          </button>
          <button type="submit" className="button">
            {t('audits.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
