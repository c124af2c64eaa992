// Training for the person signed in: the pack's modules their role needs first, each with a
// short check of understanding. Completions are saved offline and sync to all their places.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { modulesForRole, passes, PASS_MARK, scoreAnswers } from '../../../shared/training.ts';
import { useDb } from '../../db/use-db.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { completeTraining } from '../../db/writes.ts';
import { useSync } from '../../sync/use-sync.ts';
import { BackLink } from '../../ui/back-link.tsx';
import { Choices, ErrorMessage } from '../../ui/form-fields.tsx';
import { Localised, useLocalText } from '../../ui/localised.tsx';

export function TrainingPage() {
  const { t } = useTranslation();
  const db = useDb();
  const session = useStaffSession();
  const modules = useLiveQuery(() => db.training.orderBy('id').toArray(), [db]);
  const completions = useLiveQuery(
    () =>
      session ? db.trainingCompletions.where('staffId').equals(session.staffId).toArray() : [],
    [db, session?.staffId],
  );
  if (!session || !modules || !completions) return <p>{t('app.loading')}</p>;
  const required = new Set(modulesForRole(modules, session.role).map((m) => m.id));
  const passed = new Set(completions.filter((c) => passes(c.score)).map((c) => c.moduleId));
  const ordered = [...modules].sort(
    (a, b) => Number(required.has(b.id)) - Number(required.has(a.id)),
  );
  return (
    <section className="panel" aria-labelledby="training-title">
      <h1 id="training-title">{t('training.title')}</h1>
      <p>{t('training.intro', { role: t(`staff.roles.${session.role}`) })}</p>
      <ul className="note-list" data-testid="training-modules">
        {ordered.map((m) => (
          <li key={m.id} className="note">
            <Link to={`/training/${m.id}`}>
              <Localised text={m.title} />
            </Link>{' '}
            {required.has(m.id) ? <span className="badge">{t('training.required')}</span> : null}{' '}
            <span className={passed.has(m.id) ? 'badge badge--synced' : 'badge badge--pending'}>
              {passed.has(m.id) ? t('training.passed') : t('training.notYet')}
            </span>
            <p className="hint">
              <Localised text={m.summary} />
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function TrainingModulePage() {
  const { t } = useTranslation();
  const { moduleId = '' } = useParams();
  const db = useDb();
  const sync = useSync();
  const local = useLocalText();
  const module = useLiveQuery(() => db.training.get(moduleId), [db, moduleId]);
  const [answers, setAnswers] = useState<number[]>([]);
  const [result, setResult] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (module === undefined) return <p>{t('app.loading')}</p>;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!module) return;
    const score = scoreAnswers(module, answers);
    try {
      await completeTraining(db, { moduleId: module.id, score });
      setResult(score);
      void sync.syncNow();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <section className="panel" aria-labelledby="module-title">
      <BackLink to="/training">{t('training.back')}</BackLink>
      <h1 id="module-title">
        <Localised text={module.title} />
      </h1>
      <p>
        <Localised text={module.summary} />
      </p>
      <form className="form" onSubmit={(event) => void submit(event)}>
        {module.questions.map((q, qi) => (
          <Choices
            key={q.id}
            legend={local(q.prompt)}
            name={q.id}
            options={q.options.map((_, oi) => oi)}
            value={answers[qi] ?? null}
            onChoose={(oi) => {
              const next = [...answers];
              next[qi] = oi;
              setAnswers(next);
              setResult(null);
            }}
            label={(oi) => local(q.options[oi])}
          />
        ))}
        {result !== null ? (
          <p
            role="status"
            className={passes(result) ? 'badge badge--synced' : 'error'}
            data-testid="training-result"
          >
            {passes(result)
              ? t('training.passedScore', { score: result })
              : t('training.failedScore', { score: result, mark: PASS_MARK * 100 })}
          </p>
        ) : null}
        <ErrorMessage>{error}</ErrorMessage>
        <button type="submit" className="button">
          {t('training.check')}
        </button>
      </form>
    </section>
  );
}
