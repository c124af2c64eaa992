// Resolving a case, in two steps as GOV.UK's "check your answers" does: first which of the steps
// still open were done (each ticked one is recorded as done; nothing is assumed), then a check of
// what will be recorded, with the steps not done named, before anything is written. The events
// go in one write: each step's outcome, then the resolution.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Choice } from '../../ui/form-fields.tsx';

export interface OpenStep {
  stepId: string;
  title: string;
}

export function ResolveCase({
  steps,
  onResolve,
}: {
  /** The steps still open (not the promise itself, which the resolution keeps). */
  steps: readonly OpenStep[];
  onResolve: (outcome: { done: string[]; notDone: string[] }) => Promise<void>;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const [stage, setStage] = useState<'closed' | 'steps' | 'check'>('closed');
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);

  if (stage === 'closed') {
    return (
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          setDone(new Set());
          setStage(steps.length > 0 ? 'steps' : 'check');
        }}
      >
        {t('cases.resolve')}
      </button>
    );
  }
  const doneSteps = steps.filter((s) => done.has(s.stepId));
  const notDone = steps.filter((s) => !done.has(s.stepId));
  const toggle = (stepId: string, on: boolean) =>
    setDone((was) => {
      const next = new Set(was);
      if (on) next.add(stepId);
      else next.delete(stepId);
      return next;
    });
  return (
    <section className="resolve" aria-labelledby={titleId} data-testid="resolve-case">
      <h3 id={titleId}>
        {stage === 'steps' ? t('caseWork.resolveTitle') : t('caseWork.checkTitle')}
      </h3>
      {stage === 'steps' ? (
        <>
          <fieldset className="field">
            <legend>{t('caseWork.whichDone')}</legend>
            <p className="hint">{t('caseWork.whichDoneHint')}</p>
            {steps.map((s) => (
              <Choice
                key={s.stepId}
                type="checkbox"
                checked={done.has(s.stepId)}
                onChange={(e) => toggle(s.stepId, e.target.checked)}
                label={s.title}
              />
            ))}
          </fieldset>
          <div className="flow__controls">
            <button type="button" className="button" onClick={() => setStage('check')}>
              {t('caseWork.continue')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setStage('closed')}
            >
              {t('caseWork.cancel')}
            </button>
          </div>
        </>
      ) : (
        <>
          {steps.length === 0 ? (
            <p>{t('caseWork.noSteps')}</p>
          ) : (
            <dl className="facts" data-testid="resolve-check">
              <div>
                <dt>{t('caseWork.doneList')}</dt>
                <dd>
                  {doneSteps.length > 0
                    ? doneSteps.map((s) => s.title).join(' · ')
                    : t('caseWork.noneList')}
                </dd>
              </div>
              <div>
                <dt>{t('caseWork.notDoneList')}</dt>
                <dd>
                  {notDone.length > 0
                    ? notDone.map((s) => s.title).join(' · ')
                    : t('caseWork.noneList')}
                </dd>
              </div>
            </dl>
          )}
          {notDone.length > 0 ? (
            <p className="warning-text">
              {t('caseWork.notDoneWarning', { count: notDone.length })}
            </p>
          ) : null}
          <div className="flow__controls">
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                void onResolve({
                  done: doneSteps.map((s) => s.stepId),
                  notDone: notDone.map((s) => s.stepId),
                }).finally(() => {
                  setBusy(false);
                  setStage('closed');
                });
              }}
            >
              {t('caseWork.confirm')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setStage(steps.length > 0 ? 'steps' : 'closed')}
            >
              {steps.length > 0 ? t('caseWork.change') : t('caseWork.cancel')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
