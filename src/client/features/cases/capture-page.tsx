// Capture a request, complaint, comment, compliment or enquiry at any door, offline too.
// The citizen leaves with a reference, a QR code and a printable slip straight away.
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { CASE_TYPES, type CaseType } from '../../../shared/case.ts';
import { CHANNELS, type Channel } from '../../../shared/channels.ts';
import { getUiSettings, type DeviceSettings, type LocalCase } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { openCase } from '../../db/writes.ts';
import { useSync } from '../../sync/use-sync.ts';
import { useLocalText } from '../../ui/localised.tsx';
import { QrCode } from '../../ui/qr-code.tsx';

export function CapturePage({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  const db = useDb();
  const sync = useSync();
  const local = useLocalText();
  const handover = (useLocation().state ?? {}) as { serviceId?: string; details?: string };
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
  const [author, setAuthor] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<LocalCase | null>(null);

  const anyContact = !!(name || phone || email);
  const service = services?.find((s) => s.id === serviceId);

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
    try {
      const record = await openCase(
        db,
        {
          type,
          serviceId,
          channel,
          details,
          author: author || ui?.staffName || t('cases.unknownAuthor'),
          ...(address || postcode
            ? { location: { ...(address ? { address } : {}), ...(postcode ? { postcode } : {}) } }
            : {}),
          ...(anyContact
            ? {
                contact: {
                  ...(name ? { name } : {}),
                  ...(phone ? { phone } : {}),
                  ...(email ? { email } : {}),
                  consent: true,
                },
              }
            : {}),
        },
        { tier: service.tier },
      );
      setSaved(record);
      void sync.syncNow();
    } catch (e) {
      setError(t('cases.saveFailed', { message: e instanceof Error ? e.message : String(e) }));
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
