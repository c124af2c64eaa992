// "Do it here": a service's process map as a guided conversation, one step at a time, with
// the staff script (counter, tablet) or the citizen's wording (kiosk). Back and restart are
// always there; the ending records a contact or, where it says so, hands over to request capture
// (which records the one contact instead).
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { CONTACT_OUTCOME_OF } from '../../../shared/contact.ts';
import { stepsToGo } from '../../../shared/pack/process-map.ts';
import type { ProcessStep } from '../../../shared/pack/schema.ts';
import { missingTraining } from '../../../shared/training.ts';
import { getStaffSession, type DeviceSettings } from '../../db/database.ts';
import { holdFlowAnswers, type FlowAnswers } from '../../db/flow-answers.ts';
import { useServingCustomer } from '../../db/serving-customer.ts';
import { useDb } from '../../db/use-db.ts';
import { recordContact, sendHelpEvent } from '../../db/writes.ts';
import { isolated } from '../../i18n/format.ts';
import { useSync } from '../../sync/use-sync.ts';
import { Localised, useLocalText } from '../../ui/localised.tsx';
import { TextField } from '../../ui/form-fields.tsx';
import { NotFound } from '../../ui/not-found.tsx';
import { QrCode } from '../../ui/qr-code.tsx';

interface Visit {
  stepId: string;
  answerId?: string;
}

export function FlowPage({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  const { serviceId = '' } = useParams();
  const serving = useServingCustomer();
  const db = useDb();
  const sync = useSync();
  const navigate = useNavigate();
  const local = useLocalText();
  const mode = device.mode ?? 'counter';
  const heading = useRef<HTMLHeadingElement>(null);
  const [trail, setTrail] = useState<Visit[]>([]);
  const [finished, setFinished] = useState(false);
  // What the citizen told us at a step that asks for it (postcode, address): memory only.
  const [told, setTold] = useState<FlowAnswers>({});

  const data = useLiveQuery(async () => {
    const service = await db.services.get(serviceId);
    const map = await db.processMaps.where('serviceId').equals(serviceId).first();
    const partners = await db.partners.toArray();
    // Training the person signed in still needs for this service and tier (none on a kiosk).
    const session = mode === 'kiosk' ? undefined : await getStaffSession(db);
    const untrained =
      session && service
        ? missingTraining(
            await db.training.toArray(),
            await db.trainingCompletions.where('staffId').equals(session.staffId).toArray(),
            session.role,
            service,
          )
        : [];
    return { service: service ?? null, map: map ?? null, partners, untrained };
  }, [db, serviceId, mode]);
  const [handOff, setHandOff] = useState<'idle' | 'sent'>('idle');

  const currentId = trail.length > 0 ? trail.at(-1)?.stepId : data?.map?.start;
  const step = data?.map?.steps.find((s) => s.id === currentId);

  // Each new step takes the focus, so keyboard and screen-reader users follow along.
  useEffect(() => {
    heading.current?.focus();
  }, [currentId]);

  const go = (next: string, answerId?: string) =>
    setTrail((visits) => {
      const here = visits.length > 0 ? visits : data?.map ? [{ stepId: data.map.start }] : [];
      const marked = here.map((v, i) =>
        i === here.length - 1 && answerId ? { ...v, answerId } : v,
      );
      return [...marked, { stepId: next }];
    });
  const back = () => setTrail((visits) => visits.slice(0, -1));
  const restart = () => {
    setTrail([]);
    setTold({});
  };

  // Counter shortcuts: digits answer, Alt+← goes back, Alt+R restarts.
  useEffect(() => {
    if (mode !== 'counter' || !step) return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.target as HTMLElement | null)?.tagName === 'INPUT') return;
      if (event.altKey && event.key === 'ArrowLeft') back();
      else if (event.altKey && event.key.toLowerCase() === 'r') restart();
      else if (step.kind === 'question' && /^[1-9]$/.test(event.key)) {
        const answer = step.answers[Number(event.key) - 1];
        if (answer) go(answer.next, answer.id);
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!data) return <p>{t('app.loading')}</p>;
  const { service, map } = data;
  if (!service || !map || !step) {
    return <NotFound title={t('flow.noFlow')} to="/" back={t('flow.backToFinder')} />;
  }
  if (mode === 'kiosk' && service.tier > 1) {
    return (
      <section className="panel">
        <h1>
          <Localised text={service.name} />
        </h1>
        <p className="flow__ask">{t('finder.askAtCounter')}</p>
        <Link className="button" to="/">
          {t('flow.backToFinder')}
        </Link>
      </section>
    );
  }

  const wording = (s: ProcessStep) => (mode === 'kiosk' ? s.citizen : s.staff);
  const position = Math.max(trail.length, 1);
  const total = position + stepsToGo(map, step.id);
  const path = (visits: Visit[]) =>
    visits.map((v) => (v.answerId ? `${v.stepId}:${v.answerId}` : v.stepId));

  async function finish(outcomeStep: Extract<ProcessStep, { kind: 'outcome' }>) {
    if (!service || finished) return;
    setFinished(true);
    const visits = trail.length > 0 ? trail : [{ stepId: outcomeStep.id }];
    if (outcomeStep.outcome === 'capture-request') {
      // Hand over to request capture, which records the one contact with this citizen (with
      // this path): the flow records none of its own. A kiosk hands over to the citizen's own
      // request form; the staff capture form is not reachable there.
      holdFlowAnswers(service.id, told);
      if (mode === 'kiosk') {
        await navigate('/request', { state: { serviceId: service.id, path: path(visits) } });
        return;
      }
      // What was learnt on the way, already written down.
      const answers = visits
        .map((v) => {
          const s = map?.steps.find((x) => x.id === v.stepId);
          const a = s?.kind === 'question' ? s.answers.find((x) => x.id === v.answerId) : undefined;
          return s && a ? `${local(s.staff)} — ${local(a.label)}` : null;
        })
        .filter((line): line is string => line !== null);
      await navigate('/cases/new', {
        state: { serviceId: service.id, details: answers.join('\n'), path: path(visits) },
      });
      return;
    }
    const channel = mode === 'kiosk' ? 'kiosk' : 'face-to-face';
    const contact = await recordContact(db, {
      serviceId: service.id,
      channel,
      tier: service.tier,
      outcome: CONTACT_OUTCOME_OF[outcomeStep.outcome],
      path: path(visits),
      // Looked up in the single customer view: this contact joins their record.
      ...(serving ? { customerId: serving.id } : {}),
    });
    void sync.syncNow();
    // The finder opens with the four faces for this contact (composed in app/router.tsx).
    await navigate('/', {
      state: { feedbackFor: { contactId: contact.id, serviceId: service.id, channel } },
    });
  }

  const owner = step.kind === 'outcome' && step.referTo ? step.referTo : null;
  const ownerPartner = owner ? data.partners.find((p) => p.id === owner.partnerId) : undefined;
  const ownerTeam = owner ? ownerPartner?.teams.find((tm) => tm.id === owner.teamId) : undefined;

  return (
    <article className="panel flow" aria-labelledby="flow-step">
      <p className="flow__service">
        <Localised text={service.name} />
      </p>
      <p className="flow__progress" data-testid="flow-progress">
        {t('flow.progress', { step: position, total })}
      </p>
      <progress className="flow__bar" max={total} value={position} aria-hidden="true" />
      {data.untrained.length > 0 ? (
        <aside className="callout" role="note" data-testid="flow-untrained">
          <p>
            {t('flow.untrained', {
              tier: service.tier,
              modules: data.untrained.map((m) => local(m.title)).join(', '),
            })}
          </p>
          <div className="flow__controls">
            <Link
              className="button button--secondary"
              to={`/training/${data.untrained[0]?.id ?? ''}`}
            >
              {t('flow.doTraining')}
            </Link>
            <button
              type="button"
              className="button button--secondary"
              disabled={handOff === 'sent'}
              onClick={() =>
                void sendHelpEvent(db, null).then(() => {
                  setHandOff('sent');
                  void sync.syncNow();
                })
              }
            >
              {handOff === 'sent' ? t('flow.handOffSent') : t('flow.handOff')}
            </button>
          </div>
        </aside>
      ) : null}
      <h1 id="flow-step" ref={heading} tabIndex={-1} className="flow__wording">
        <Localised text={wording(step)} />
      </h1>
      {mode !== 'kiosk' ? (
        <p className="script script--citizen">
          <span className="script__label">{t('flow.citizenReads')}</span>{' '}
          <Localised text={step.citizen} />
        </p>
      ) : null}

      {(step.kind === 'check' || step.kind === 'question') && step.collects ? (
        <div className="field-row flow__told" data-testid="flow-fields">
          {step.collects.map((field) => (
            <TextField
              key={field}
              label={t(`flow.fields.${field}`)}
              value={told[field] ?? ''}
              onValue={(typed) =>
                setTold((now) => ({
                  ...now,
                  [field]: field === 'postcode' ? typed.toUpperCase() : typed,
                }))
              }
              maxLength={field === 'postcode' ? 8 : 300}
              autoComplete="off"
              dir={field === 'postcode' ? 'ltr' : 'auto'}
            />
          ))}
        </div>
      ) : null}
      {step.kind === 'question' ? (
        <ul className="flow__answers" data-testid="flow-answers">
          {step.answers.map((answer, i) => (
            <li key={answer.id}>
              <button
                type="button"
                className="button button--answer"
                onClick={() => go(answer.next, answer.id)}
              >
                {mode === 'counter' ? <kbd className="flow__key">{i + 1}</kbd> : null}
                <Localised text={answer.label} />
              </button>
            </li>
          ))}
        </ul>
      ) : step.kind === 'outcome' ? (
        <section
          className="flow__outcome"
          aria-labelledby="outcome-title"
          data-testid="flow-outcome"
        >
          <h2 id="outcome-title">
            {mode === 'kiosk'
              ? t(`flow.kioskOutcomes.${step.outcome}`)
              : t(`flow.outcomes.${step.outcome}`)}
          </h2>
          {step.outcome === 'self-serve' && step.url ? (
            <div className="flow__self-serve">
              {mode === 'kiosk' ? (
                // A kiosk does not open another site: its wipe could not clear what a citizen
                // typed there. The citizen takes the address away on their own phone instead.
                <p data-testid="flow-online-phone">
                  {t('flow.onYourPhone', { url: isolated(step.url) })}
                </p>
              ) : (
                <a href={step.url} target="_blank" rel="noopener noreferrer">
                  {step.url}
                </a>
              )}
              <QrCode value={step.url} label={t('flow.qrLabel', { url: step.url })} />
            </div>
          ) : null}
          {ownerPartner ? (
            <p>
              {t('flow.referTo', {
                owner: `${local(ownerPartner.name)}${ownerTeam ? ` — ${local(ownerTeam.name)}` : ''}`,
              })}
            </p>
          ) : null}
          <button
            type="button"
            className="button"
            onClick={() => void finish(step)}
            disabled={finished}
            data-testid="flow-finish"
          >
            {step.outcome !== 'capture-request'
              ? t('flow.finish')
              : mode === 'kiosk'
                ? t('flow.kioskCaptureRequest')
                : t('flow.captureRequest')}
          </button>
        </section>
      ) : (
        <button
          type="button"
          className="button"
          onClick={() => go(step.next)}
          data-testid="flow-continue"
        >
          {t('flow.continue')}
        </button>
      )}

      <div className="flow__controls">
        <button
          type="button"
          className="button button--secondary"
          onClick={back}
          disabled={trail.length === 0}
        >
          {t('flow.back')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={restart}
          disabled={trail.length === 0}
        >
          {t('flow.restart')}
        </button>
        {mode === 'counter' ? <p className="hint">{t('flow.shortcuts')}</p> : null}
      </div>
    </article>
  );
}
