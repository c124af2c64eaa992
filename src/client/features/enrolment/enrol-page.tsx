import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DEVICE_MODES, type DeviceMode } from '../../../shared/contact.ts';
import { useDb } from '../../db/use-db.ts';
import { useSync } from '../../sync/use-sync.ts';
import { enrolDevice } from './enrol-device.ts';

export function EnrolPage() {
  const { t } = useTranslation();
  const db = useDb();
  const sync = useSync();
  const navigate = useNavigate();
  const codeId = useId();
  const nameId = useId();
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [mode, setMode] = useState<DeviceMode>('counter');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!navigator.onLine) {
      setError(t('enrol.offline'));
      return;
    }
    setBusy(true);
    setError(null);
    const result = await enrolDevice(db, {
      code: code.trim(),
      deviceName: deviceName.trim(),
      mode,
    });
    setBusy(false);
    if (result.ok) {
      void sync.syncNow({ manual: true });
      await navigate('/');
      return;
    }
    setError(
      result.message === null
        ? t('enrol.networkFailed')
        : t('enrol.failed', { message: result.message }),
    );
  }

  return (
    <section className="panel" aria-labelledby="enrol-title">
      <h1 id="enrol-title">{t('enrol.title')}</h1>
      <p>{t('enrol.intro')}</p>
      <form onSubmit={(event) => void submit(event)} className="form">
        <div className="field">
          <label htmlFor={codeId}>{t('enrol.code')}</label>
          <p className="hint" id={`${codeId}-hint`}>
            {t('enrol.codeHint')}
          </p>
          <input
            id={codeId}
            name="code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            aria-describedby={`${codeId}-hint`}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            minLength={8}
            maxLength={32}
          />
        </div>
        <div className="field">
          <label htmlFor={nameId}>{t('enrol.deviceName')}</label>
          <p className="hint" id={`${nameId}-hint`}>
            {t('enrol.deviceNameHint')}
          </p>
          <input
            id={nameId}
            name="deviceName"
            value={deviceName}
            onChange={(event) => setDeviceName(event.target.value)}
            aria-describedby={`${nameId}-hint`}
            required
            maxLength={80}
          />
        </div>
        <fieldset className="field">
          <legend>{t('enrol.mode')}</legend>
          {DEVICE_MODES.map((m) => (
            <label key={m} className="choice">
              <input
                type="radio"
                name="mode"
                value={m}
                checked={mode === m}
                onChange={() => setMode(m)}
              />
              <span>
                <strong>{t(`enrol.modes.${m}.name`)}</strong> {t(`enrol.modes.${m}.hint`)}
              </span>
            </label>
          ))}
        </fieldset>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('enrol.submitting') : t('enrol.submit')}
        </button>
      </form>
    </section>
  );
}
