// Capture a request, complaint, comment, compliment or enquiry at any door, offline too.
// The citizen leaves with a reference, a QR code and a printable slip straight away.
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { CASE_TYPES, type CaseType } from '../../../shared/case.ts';
import { CHANNELS, type Channel } from '../../../shared/channels.ts';
import { getUiSettings, type DeviceSettings, type LocalCase } from '../../db/database.ts';
import { useServingCustomer } from '../../db/serving-customer.ts';
import { useDb } from '../../db/use-db.ts';
import { openCase } from '../../db/writes.ts';
import { useSync } from '../../sync/use-sync.ts';
import { useLocalText } from '../../ui/localised.tsx';
import { QrCode } from '../../ui/qr-code.tsx';
import { writeFailure } from '../../ui/write-failure.ts';
import { PhotoPicker } from './photo-picker.tsx';

export function CapturePage({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
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
  const ids = {
    type: useId(),
    service: useId(),
    channel: useId(),
    details: useId(),
    address: useId(),
    postcode: useId(),
    name: useId(),
    phone: useId(),
    email: useId(),
    consent: useId(),
    dateOfBirth: useId(),
    homePostcode: useId(),
    keepRecord: useId(),
    author: useId(),
  };
  const services = useLiveQuery(() => db.services.orderBy('id').toArray(), [db]);
  const ui = useLiveQuery(() => getUiSettings(db), [db]);
  const [type, setType] = useState<CaseType>('request');
  const [serviceId, setServiceId] = useState(handover.serviceId ?? '');
  const [channel, setChannel] = useState<Channel>(
    device.mode === 'kiosk' ? 'kiosk' : 'face-to-face',
  );
  const [details, setDetails] = useState(handover.details ?? '');
  const [address, setAddress] = useState('');
  const [postcode, setPostcode] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [consent, setConsent] = useState(false);
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
    if (!service) {
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
          author: author || ui?.staffName || t('cases.unknownAuthor'),
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
                },
              }
            : {}),
          ...(serving ? { customerId: serving.id } : {}),
        },
        {
          tier: service.tier,
          ...(Array.isArray(handover.path) && handover.serviceId === serviceId
            ? { path: handover.path }
            : {}),
        },
        new Date(),
        photos,
      );
      setSaved(record);
      void sync.syncNow();
    } catch (e) {
      setError(writeFailure(t, 'cases.saveFailed', e));
    }
  }

  if (saved) {
    const url = `${window.location.origin}/track/${saved.reference}`;
    return (
      <section className="panel slip" aria-labelledby="slip-title" data-testid="case-slip">
        <h1 id="slip-title">{t('cases.slipTitle')}</h1>
        <p className="slip__reference" data-testid="case-reference">
          {saved.reference}
        </p>
        <p>{t('cases.slipTrack', { url })}</p>
        <QrCode value={url} label={t('cases.qrLabel', { reference: saved.reference })} />
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
        <fieldset className="field">
          <legend>{t('cases.type')}</legend>
          <div className="chips">
            {CASE_TYPES.map((ct) => (
              <label key={ct} className="choice">
                <input
                  type="radio"
                  name="type"
                  checked={type === ct}
                  onChange={() => setType(ct)}
                />
                <span>{t(`cases.types.${ct}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.service}>{t('cases.service')}</label>
            <select
              id={ids.service}
              value={serviceId}
              onChange={(e) => setServiceId(e.target.value)}
              required
            >
              <option value="">{t('cases.chooseService')}</option>
              {services?.map((s) => (
                <option key={s.id} value={s.id}>
                  {local(s.name)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.channel}>{t('notes.channel')}</label>
            <select
              id={ids.channel}
              value={channel}
              onChange={(e) => setChannel(e.target.value as Channel)}
            >
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`channels.${c}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor={ids.details}>{t('cases.details')}</label>
          <textarea
            id={ids.details}
            value={details}
            onChange={(e) => setDetails(e.target.value)}
            rows={5}
            maxLength={4000}
            required
          />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.address}>{t('cases.address')}</label>
            <input
              id={ids.address}
              value={address}
              onChange={(e) => setAddress(e.target.value)}
              maxLength={300}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.postcode}>{t('cases.postcode')}</label>
            <input
              id={ids.postcode}
              value={postcode}
              onChange={(e) => setPostcode(e.target.value.toUpperCase())}
              maxLength={8}
              autoComplete="postal-code"
            />
          </div>
        </div>
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
          {locating === 'failed' ? (
            <p className="error" role="alert">
              {t('cases.locationFailed')}
            </p>
          ) : null}
        </div>
        <PhotoPicker photos={photos} onChange={setPhotos} />
        <fieldset className="field">
          <legend>{t('cases.contactTitle')}</legend>
          <p className="hint">{t('cases.contactHint')}</p>
          <div className="field-row">
            <div className="field">
              <label htmlFor={ids.name}>{t('cases.name')}</label>
              <input
                id={ids.name}
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={120}
                autoComplete="off"
              />
            </div>
            <div className="field">
              <label htmlFor={ids.phone}>{t('cases.phone')}</label>
              <input
                id={ids.phone}
                type="tel"
                value={phone}
                onChange={(e) => setPhone(e.target.value)}
                maxLength={20}
                autoComplete="off"
              />
            </div>
            <div className="field">
              <label htmlFor={ids.email}>{t('cases.email')}</label>
              <input
                id={ids.email}
                type="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                maxLength={200}
                autoComplete="off"
              />
            </div>
          </div>
          <label className="choice" htmlFor={ids.consent}>
            <input
              id={ids.consent}
              type="checkbox"
              checked={consent}
              onChange={(e) => setConsent(e.target.checked)}
            />
            <span>{t('cases.consent')}</span>
          </label>
          {staffed ? (
            <>
              <div className="field-row">
                <div className="field">
                  <label htmlFor={ids.dateOfBirth}>{t('customers.capture.dateOfBirth')}</label>
                  <input
                    id={ids.dateOfBirth}
                    type="date"
                    value={dateOfBirth}
                    onChange={(e) => setDateOfBirth(e.target.value)}
                    autoComplete="off"
                  />
                </div>
                <div className="field">
                  <label htmlFor={ids.homePostcode}>{t('customers.capture.homePostcode')}</label>
                  <input
                    id={ids.homePostcode}
                    value={homePostcode}
                    onChange={(e) => setHomePostcode(e.target.value.toUpperCase())}
                    maxLength={8}
                    autoComplete="off"
                  />
                </div>
              </div>
              {serving ? (
                <p className="success" data-testid="capture-serving">
                  {t('customers.serving.capture', { name: serving.name })}
                </p>
              ) : (
                <>
                  <p className="hint">{t('customers.capture.keepRecordHint')}</p>
                  {/* The words staff read out; the box's own label stays short. */}
                  <blockquote id={`${ids.keepRecord}-words`}>
                    {t('customers.capture.keepRecordWords')}
                  </blockquote>
                  <label className="choice" htmlFor={ids.keepRecord}>
                    <input
                      id={ids.keepRecord}
                      type="checkbox"
                      checked={keepRecord}
                      onChange={(e) => setKeepRecord(e.target.checked)}
                      aria-describedby={`${ids.keepRecord}-words`}
                      data-testid="keep-record"
                    />
                    <span>{t('customers.capture.keepRecord')}</span>
                  </label>
                </>
              )}
            </>
          ) : null}
        </fieldset>
        <div className="field">
          <label htmlFor={ids.author}>{t('cases.author')}</label>
          <input
            id={ids.author}
            value={author || ui?.staffName || ''}
            onChange={(e) => setAuthor(e.target.value)}
            maxLength={80}
          />
        </div>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button">
          {t('cases.save')}
        </button>
      </form>
    </section>
  );
}
