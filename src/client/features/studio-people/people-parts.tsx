// The parts the studio's people screens share: a group of checkboxes, why the hub said no (in
// the reader's language), a new secret shown once, and what a person's role needs to train in.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonEntry } from '../../../shared/api/people.ts';
import { modulesForRole, passes } from '../../../shared/training.ts';
import { useDb } from '../../db/use-db.ts';
import { formatDate } from '../../i18n/format.ts';
import { Choice, ErrorMessage } from '../../ui/form-fields.tsx';
import { useLocalText } from '../../ui/localised.tsx';
import type { PeopleFailure } from './people-api.ts';

/** Several of many, as checkboxes under a legend. */
export function Checkboxes({
  legend,
  hint,
  options,
  chosen,
  onChange,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  options: readonly { id: string; label: string }[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}) {
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {hint ? <p className="hint">{hint}</p> : null}
      {options.map((option) => (
        <Choice
          key={option.id}
          type="checkbox"
          value={option.id}
          checked={chosen.includes(option.id)}
          onChange={(event) =>
            onChange(
              event.target.checked
                ? [...chosen, option.id]
                : chosen.filter((id) => id !== option.id),
            )
          }
          label={option.label}
        />
      ))}
    </fieldset>
  );
}

/** Why the hub (or the screen) refused, in words; nothing when there is nothing to say. */
export function Failure({
  failure,
  name,
}: {
  failure: { reason: PeopleFailure; detail: string } | null;
  /** Turns a place's or team's id into its name. */
  name?: (id: string) => string;
}) {
  const { t } = useTranslation();
  if (!failure) return null;
  const detail = name ? name(failure.detail) : failure.detail;
  return <ErrorMessage>{t(`studioPeople.failure.${failure.reason}`, { detail })}</ErrorMessage>;
}

/** A secret the hub made: shown here once, focused so it is read out at once. */
export function SecretShown({ name, secret }: { name: string; secret: string }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [secret]);
  return (
    <div className="panel" role="status">
      <h2 tabIndex={-1} ref={heading}>
        {t('studioPeople.secret.title', { name })}
      </h2>
      <p>
        {t('studioPeople.secret.give')}{' '}
        <strong className="studio-people__secret" data-testid="new-secret">
          {secret}
        </strong>
      </p>
      <p className="hint">{t('studioPeople.secret.once')}</p>
    </div>
  );
}

/** What the person's role must train in, and which of it they have passed (and when). */
export function useTraining() {
  const db = useDb();
  const modules = useLiveQuery(() => db.training.toArray(), [db]);
  return (person: PersonEntry) => {
    const needed = modulesForRole(modules ?? [], person.role);
    return needed.map((module) => {
      const passed = person.completed
        .filter((c) => c.moduleId === module.id && passes(c.score))
        .at(-1);
      return { module, passedAt: passed?.completedAt ?? null };
    });
  };
}

/** "2 of 3 passed", or that nothing is needed. */
export function TrainingSummary({ person }: { person: PersonEntry }) {
  const { t } = useTranslation();
  const training = useTraining()(person);
  if (training.length === 0) return <>{t('studioPeople.training.nothing')}</>;
  const passed = training.filter((m) => m.passedAt).length;
  return <>{t('studioPeople.training.summary', { passed, needed: training.length })}</>;
}

/** Each module the role needs: passed on a date, or not yet. */
export function TrainingTable({ person }: { person: PersonEntry }) {
  const { t, i18n } = useTranslation();
  const local = useLocalText();
  const training = useTraining()(person);
  if (training.length === 0) return <p>{t('studioPeople.training.nothing')}</p>;
  return (
    <ul>
      {training.map(({ module, passedAt }) => (
        <li key={module.id}>
          {local(module.title)}
          {': '}
          {passedAt
            ? t('studioPeople.training.passedOn', { date: formatDate(passedAt, i18n.language) })
            : t('studioPeople.training.notYet')}
        </li>
      ))}
    </ul>
  );
}
