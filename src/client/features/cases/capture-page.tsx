// Capture a request, complaint, comment, compliment or enquiry at any door, offline too.
// The citizen leaves with a reference, a QR code and a printable slip straight away.
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { CASE_TYPES, type CaseType } from '../../../shared/case.ts';
import type { Channel } from '../../../shared/channels.ts';
import { matchLanguage, type PackLanguage } from '../../../shared/pack/local-text.ts';
import { getUiSettings, type DeviceSettings, type LocalCase } from '../../db/database.ts';
import { flowAnswers, forgetFlowAnswers } from '../../db/flow-answers.ts';
import { useServingCustomer } from '../../db/serving-customer.ts';
import { useDb } from '../../db/use-db.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { openCase } from '../../db/writes.ts';
import { UI_LANGUAGES } from '../../i18n/i18n.ts';
import { useSync } from '../../sync/use-sync.ts';
import { useLocalText } from '../../ui/localised.tsx';
import {
  ChannelField,
  ContactFields,
  NO_CONTACT,
  NO_PLACE,
  PlaceFields,
} from '../../ui/form-fields.tsx';
import {
  Choice,
  Choices,
  ErrorMessage,
  SelectField,
  TextAreaField,
  TextField,
} from '../../ui/form-fields.tsx';
import { writeFailure } from '../../ui/write-failure.ts';
import { CaseSlip } from './case-slip.tsx';
import { PhotoPicker } from './photo-picker.tsx';

export function CapturePage({ device }: { device: DeviceSettings }) {
  const { t, i18n } = useTranslation();
  // The language messages about the case are written in (when it is resolved): the screen's
  // until staff pick the citizen's.
  const [contactLanguage, setContactLanguage] = useState<PackLanguage>(
    () => matchLanguage(i18n.language) ?? 'en',
  );
  const db = useDb();
  const sync = useSync();
  const local = useLocalText();
  // From a guided flow: its service, what was learnt on the way, and the path taken (the
  // capture's contact carries it: the flow records no contact of its own).
  const handover = (useLocation().state ?? {}) as {
    serviceId?: string;
    details?: string;
    path?: string[];
  };
  const keepRecordWords = useId();
  const services = useLiveQuery(() => db.services.orderBy('id').toArray(), [db]);
  const ui = useLiveQuery(() => getUiSettings(db), [db]);
  const [type, setType] = useState<CaseType>('request');
  const [serviceId, setServiceId] = useState(handover.serviceId ?? '');
  const [channel, setChannel] = useState<Channel>(
    device.mode === 'kiosk' ? 'kiosk' : 'face-to-face',
  );
  const [details, setDetails] = useState(handover.details ?? '');
  // A postcode or address the citizen already gave in the guided flow is not asked again.
  const [place, setPlace] = useState(() => ({
    ...NO_PLACE,
    ...flowAnswers(handover.serviceId),
  }));
  // Recorded by the person signed in; a name is typed only when nobody is (never required).
  const session = useStaffSession();
  const [contact, setContact] = useState(NO_CONTACT);
  const { address, postcode } = place;
  const { name, phone, email, consent } = contact;
  // Single customer view: only at a staffed door, where staff read the words out.
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [homePostcode, setHomePostcode] = useState('');
  const [keepRecord, setKeepRecord] = useState(false);
  const staffed = device.mode !== 'kiosk';
  // Looked up in the single customer view: the case joins their record instead.
  const serving = useServingCustomer();
  const [photos, setPhotos] = useState<File[]>([]);
  const [point, setPoint] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [author, setAuthor] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<LocalCase | null>(null);

  const anyContact = !!(name || phone || email || (staffed && (dateOfBirth || homePostcode)));
  const service = services?.find((s) => s.id === serviceId);

  // GPS works without a connection, so a volunteer in a van can still pin where it is.
  function locate() {
    if (!('geolocation' in navigator)) {
      setLocating('failed');
      return;
    }
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setPoint({
          lat: Math.round(position.coords.latitude * 1e6) / 1e6,
          lng: Math.round(position.coords.longitude * 1e6) / 1e6,
        });
        setLocating('idle');
      },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (anyContact && !consent) {
      setError(t('cases.needConsent'));
      return;
    }
    // The list may still be loading when a quick hand presses Save: read the one chosen.
    const chosen = service ?? (serviceId ? await db.services.get(serviceId) : undefined);
    if (!chosen) {
      setError(t('cases.needService'));
      return;
    }
    if (keepRecord && !serving && !name) {
      setError(t('customers.capture.needName'));
      return;
    }
    try {
      const record = await openCase(
        db,
        {
          type,
          serviceId,
          channel,
          details,
          author: session?.name || author || ui?.staffName || t('cases.unknownAuthor'),
          ...(address || postcode || point
            ? {
                location: {
                  ...(address ? { address } : {}),
                  ...(postcode ? { postcode } : {}),
                  ...(point ?? {}),
                },
              }
            : {}),
          ...(anyContact
            ? {
                contact: {
                  ...(name ? { name } : {}),
                  ...(phone ? { phone } : {}),
                  ...(email ? { email } : {}),
                  ...(staffed && dateOfBirth ? { dateOfBirth } : {}),
                  ...(staffed && homePostcode ? { postcode: homePostcode } : {}),
                  consent: true,
                  ...(staffed && keepRecord && !serving ? { keepRecord: true as const } : {}),
                  language: contactLanguage,
                },
              }
            : {}),
          ...(serving ? { customerId: serving.id } : {}),
        },
        {
          tier: chosen.tier,
          ...(Array.isArray(handover.path) && handover.serviceId === serviceId
            ? { path: handover.path }
            : {}),
        },
        new Date(),
        photos,
      );
      forgetFlowAnswers();
      setSaved(record);
      void sync.syncNow();
    } catch (e) {
      setError(writeFailure(t, 'cases.saveFailed', e));
    }
  }

  if (saved) {
    return (
      <section className="panel slip" aria-labelledby="slip-title" data-testid="case-slip">
        <h1 id="slip-title">{t('cases.slipTitle')}</h1>
        <CaseSlip caseId={saved.id} />
        <div className="flow__controls no-print">
          <button type="button" className="button" onClick={() => window.print()}>
            {t('cases.print')}
          </button>
          <Link className="button button--secondary" to={`/cases/${saved.id}`}>
            {t('cases.openCase')}
          </Link>
          <Link className="button button--secondary" to="/">
            {t('flow.backToFinder')}
          </Link>
        </div>
      </section>
    );
  }

  return (
    <section className="panel" aria-labelledby="capture-title">
      <h1 id="capture-title">{t('cases.captureTitle')}</h1>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <Choices
          legend={t('cases.type')}
          name="type"
          options={CASE_TYPES}
          value={type}
          onChoose={setType}
          label={(ct) => t(`cases.types.${ct}`)}
          wrap="chips"
        />
        <div className="field-row">
          <SelectField label={t('cases.service')} value={serviceId} onValue={setServiceId} required>
            <option value="">{t('cases.chooseService')}</option>
            {services?.map((s) => (
              <option key={s.id} value={s.id}>
                {local(s.name)}
              </option>
            ))}
          </SelectField>
          <ChannelField value={channel} onChoose={setChannel} />
        </div>
        <TextAreaField
          label={t('cases.details')}
          value={details}
          onValue={setDetails}
          rows={5}
          maxLength={4000}
          required
        />
        <PlaceFields
          words="cases"
          value={place}
          onChange={setPlace}
          controls={{ postcode: { autoComplete: 'postal-code' } }}
        />
        <div className="field">
          <button
            type="button"
            className="button button--secondary"
            onClick={locate}
            disabled={locating === 'busy'}
          >
            {locating === 'busy' ? t('cases.locating') : t('cases.useLocation')}
          </button>
          {point ? (
            <p data-testid="case-point">
              {t('cases.point', { lat: point.lat, lon: point.lng })}{' '}
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setPoint(null)}
              >
                {t('cases.clearPoint')}
              </button>
            </p>
          ) : null}
          <ErrorMessage>{locating === 'failed' ? t('cases.locationFailed') : null}</ErrorMessage>
        </div>
        <PhotoPicker photos={photos} onChange={setPhotos} />
        <ContactFields words="cases" value={contact} onChange={setContact}>
          <SelectField
            label={t('cases.contactLanguage')}
            value={contactLanguage}
            onValue={(code) => setContactLanguage(matchLanguage(code) ?? 'en')}
            data-testid="contact-language"
          >
            {UI_LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.name}
              </option>
            ))}
          </SelectField>
          {staffed ? (
            <>
              <div className="field-row">
                <TextField
                  label={t('customers.capture.dateOfBirth')}
                  type="date"
                  value={dateOfBirth}
                  onValue={setDateOfBirth}
                  autoComplete="off"
                />
                <TextField
                  label={t('customers.capture.homePostcode')}
                  value={homePostcode}
                  onValue={(typed) => setHomePostcode(typed.toUpperCase())}
                  maxLength={8}
                  autoComplete="off"
                />
              </div>
              {serving ? (
                <p className="success" data-testid="capture-serving">
                  {t('customers.serving.capture', { name: serving.name })}
                </p>
              ) : (
                <>
                  <p className="hint">{t('customers.capture.keepRecordHint')}</p>
                  {/* The words staff read out; the box's own label stays short. */}
                  <blockquote id={keepRecordWords}>
                    {t('customers.capture.keepRecordWords')}
                  </blockquote>
                  <Choice
                    type="checkbox"
                    label={t('customers.capture.keepRecord')}
                    checked={keepRecord}
                    onChange={(e) => setKeepRecord(e.target.checked)}
                    aria-describedby={keepRecordWords}
                    data-testid="keep-record"
                  />
                </>
              )}
            </>
          ) : null}
        </ContactFields>
        {/* While the session is still being read (undefined), neither: no field that vanishes. */}
        {session ? (
          <p data-testid="capture-recorded-by">{t('cases.recordedBy', { name: session.name })}</p>
        ) : session === null ? (
          <TextField
            label={t('cases.author')}
            value={author || ui?.staffName || ''}
            onValue={setAuthor}
            maxLength={80}
          />
        ) : null}
        <ErrorMessage>{error}</ErrorMessage>
        <button type="submit" className="button">
          {t('cases.save')}
        </button>
      </form>
    </section>
  );
}
