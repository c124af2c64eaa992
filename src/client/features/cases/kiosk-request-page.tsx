// A citizen's own request at a kiosk, reached from a guided flow that ends in "capture the
// request". Worded to the citizen (no channel, no "recorded by", no photos): what they typed is
// held in this screen's memory only and leaves in the outbox (openKioskCase); the reference
// they are shown is in memory too, and the session's wipe (finish, or idle) ends it all.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import type { DeviceSettings } from '../../db/database.ts';
import { flowAnswers, forgetFlowAnswers } from '../../db/flow-answers.ts';
import { matchLanguage } from '../../../shared/pack/local-text.ts';
import { useDb } from '../../db/use-db.ts';
import { InvalidWriteError, openKioskCase } from '../../db/writes.ts';
import { isolated } from '../../i18n/format.ts';
import { useSync } from '../../sync/use-sync.ts';
import { Localised } from '../../ui/localised.tsx';
import { ContactFields, NO_CONTACT, NO_PLACE, PlaceFields } from '../../ui/form-fields.tsx';
import { ErrorMessage, TextAreaField } from '../../ui/form-fields.tsx';
import { Ltr } from '../../ui/ltr.tsx';
import { QrCode } from '../../ui/qr-code.tsx';
import { writeFailure } from '../../ui/write-failure.ts';

const PHONE = /^\+?[0-9 ()-]{7,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/;

type Problem = 'needDetails' | 'needConsent' | 'badPhone' | 'badEmail' | 'badPostcode';

export function KioskRequestPage({
  device,
  onFinish,
}: {
  device: DeviceSettings;
  /** Ends the kiosk session (the wipe); passed in by the router. */
  onFinish: () => void;
}) {
  const { t, i18n } = useTranslation();
  const db = useDb();
  const sync = useSync();
  const handover = (useLocation().state ?? {}) as { serviceId?: string; path?: string[] };
  const serviceId = handover.serviceId ?? '';
  const path = Array.isArray(handover.path) ? handover.path : [];
  const problemId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const data = useLiveQuery(async () => {
    const service = await db.services.get(serviceId);
    const map = await db.processMaps.where('serviceId').equals(serviceId).first();
    // What the citizen chose on the way: shown in their words, sent in the pack's English.
    const answers = path.flatMap((visit) => {
      const [stepId, answerId] = visit.split(':');
      const step = map?.steps.find((s) => s.id === stepId);
      const answer =
        step?.kind === 'question' ? step.answers.find((a) => a.id === answerId) : undefined;
      return step && answer ? [{ step, answer }] : [];
    });
    return { service: service ?? null, answers };
    // The handover never changes while this screen is open.
  }, [db, serviceId]);
  const [details, setDetails] = useState('');
  // What the citizen already typed in the flow (memory only, like everything here).
  const [place, setPlace] = useState(() => ({ ...NO_PLACE, ...flowAnswers(serviceId) }));
  const [contact, setContact] = useState(NO_CONTACT);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<{ reference: string } | null>(null);

  useEffect(() => {
    heading.current?.focus();
  }, [sent]);

  // Staff devices capture with the staff form (channel, author, photos).
  if (device.mode !== 'kiosk') return <Navigate to="/cases/new" replace state={handover} />;
  if (!data) return <p>{t('app.loading')}</p>;
  const { service, answers } = data;
  if (!service || service.tier > 1) {
    return (
      <section className="panel" aria-labelledby="kiosk-request-title">
        <h1 id="kiosk-request-title" ref={heading} tabIndex={-1}>
          {t('kioskRequest.startAgain')}
        </h1>
        <Link className="button" to="/">
          {t('flow.backToFinder')}
        </Link>
      </section>
    );
  }

  const summary = answers.map(({ step, answer }) => `${step.staff.en} — ${answer.label.en}`);
  const { address, postcode } = place;
  const { name, phone, email, consent } = contact;
  const anyContact = !!(name.trim() || phone.trim() || email.trim());
  const check = (): Problem | null => {
    if (!details.trim() && summary.length === 0) return 'needDetails';
    if (phone.trim() && !PHONE.test(phone.trim())) return 'badPhone';
    if (email.trim() && !EMAIL.test(email.trim())) return 'badEmail';
    if (postcode.trim() && !POSTCODE.test(postcode.trim())) return 'badPostcode';
    if (anyContact && !consent) return 'needConsent';
    return null;
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!service || busy) return;
    setFailure(null);
    const found = check();
    setProblem(found);
    if (found) return;
    setBusy(true);
    try {
      const made = await openKioskCase(
        db,
        {
          type: 'request',
          serviceId: service.id,
          details: [...summary, details.trim()].filter(Boolean).join('\n'),
          location: { address: address.trim(), postcode: postcode.trim() },
          ...(anyContact
            ? {
                contact: { name: name.trim(), phone: phone.trim(), email: email.trim() },
                // Told in the language they chose here when the case is resolved.
                language: matchLanguage(i18n.language) ?? 'en',
              }
            : {}),
        },
        { tier: service.tier, path },
      );
      // Nothing typed stays in this screen's state once it is on its way.
      setDetails('');
      setPlace(NO_PLACE);
      setContact(NO_CONTACT);
      forgetFlowAnswers();
      setSent({ reference: made.reference });
      void sync.syncNow();
    } catch (error) {
      setFailure(
        error instanceof InvalidWriteError
          ? t('kioskRequest.notAccepted')
          : writeFailure(t, 'kioskRequest.saveFailed', error),
      );
    } finally {
      setBusy(false);
    }
  }

  if (sent) {
    const url = `${window.location.origin}/track/${sent.reference}`;
    return (
      <section
        className="panel slip kiosk-request"
        aria-labelledby="kiosk-request-title"
        data-testid="kiosk-request-sent"
      >
        <h1 id="kiosk-request-title" ref={heading} tabIndex={-1}>
          {t('kioskRequest.sentTitle')}
        </h1>
        <p>{t('kioskRequest.yourReference')}</p>
        <p className="slip__reference" data-testid="kiosk-reference">
          <Ltr>{sent.reference}</Ltr>
        </p>
        <p className="kiosk-request__follow">{t('kioskRequest.follow', { url: isolated(url) })}</p>
        <QrCode value={url} label={t('cases.qrLabel', { reference: sent.reference })} />
        <p>{t('kioskRequest.notKept')}</p>
        <button
          type="button"
          className="button button--huge"
          onClick={onFinish}
          data-testid="kiosk-request-finish"
        >
          {t('kioskRequest.finish')}
        </button>
      </section>
    );
  }

  const invalid = (which: Problem[]) =>
    problem && which.includes(problem)
      ? { 'aria-invalid': true as const, 'aria-describedby': problemId }
      : {};

  return (
    <section className="panel kiosk-request" aria-labelledby="kiosk-request-title">
      <p className="flow__service">
        <Localised text={service.name} />
      </p>
      <h1 id="kiosk-request-title" ref={heading} tabIndex={-1}>
        {t('kioskRequest.title')}
      </h1>
      <p>{t('kioskRequest.lead')}</p>
      {answers.length > 0 ? (
        <section aria-labelledby="kiosk-request-told">
          <h2 id="kiosk-request-told">{t('kioskRequest.youToldUs')}</h2>
          <ul data-testid="kiosk-request-answers">
            {answers.map(({ step, answer }) => (
              <li key={step.id}>
                <Localised text={step.citizen} />{' '}
                <strong>
                  <Localised text={answer.label} />
                </strong>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <TextAreaField
          label={summary.length > 0 ? t('kioskRequest.detailsMore') : t('kioskRequest.details')}
          value={details}
          onValue={setDetails}
          rows={4}
          maxLength={3000}
          autoComplete="off"
          {...invalid(['needDetails'])}
        />
        <PlaceFields
          words="kioskRequest"
          value={place}
          onChange={setPlace}
          controls={{
            address: { autoComplete: 'off' },
            postcode: { autoComplete: 'off', ...invalid(['badPostcode']) },
          }}
        />
        <ContactFields
          words="kioskRequest"
          value={contact}
          onChange={setContact}
          controls={{
            phone: { dir: 'ltr', ...invalid(['badPhone']) },
            email: { dir: 'ltr', ...invalid(['badEmail']) },
            consent: invalid(['needConsent']),
          }}
        />
        <p className="hint">{t('kioskRequest.privacy')}</p>
        <ErrorMessage id={problemId}>
          {failure ?? (problem ? t(`kioskRequest.problems.${problem}`) : null)}
        </ErrorMessage>
        <button type="submit" className="button button--huge" disabled={busy}>
          {t('kioskRequest.send')}
        </button>
      </form>
    </section>
  );
}
