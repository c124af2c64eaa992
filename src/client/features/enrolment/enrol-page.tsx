import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DEVICE_MODES, type DeviceMode } from '../../../shared/contact.ts';
import { useDb } from '../../db/use-db.ts';
import { useSync } from '../../sync/use-sync.ts';
import { Choices, ErrorMessage, TextField } from '../../ui/form-fields.tsx';
import { enrolDevice } from './enrol-device.ts';

export function EnrolPage() {
  const { t } = useTranslation();
  const db = useDb();
  const sync = useSync();
  const navigate = useNavigate();
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
      <p data-testid="enrol-where">{t('enrol.whereFrom')}</p>
      <form onSubmit={(event) => void submit(event)} className="form">
        <TextField
          label={t('enrol.code')}
          hint={t('enrol.codeHint')}
          name="code"
          value={code}
          onValue={setCode}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          minLength={8}
          maxLength={32}
        />
        <TextField
          label={t('enrol.deviceName')}
          hint={t('enrol.deviceNameHint')}
          name="deviceName"
          value={deviceName}
          onValue={setDeviceName}
          required
          maxLength={80}
        />
        <Choices
          legend={t('enrol.mode')}
          name="mode"
          options={DEVICE_MODES}
          value={mode}
          onChoose={setMode}
          label={(m) => (
            <>
              <strong>{t(`enrol.modes.${m}.name`)}</strong> {t(`enrol.modes.${m}.hint`)}
            </>
          )}
        />
        <ErrorMessage>{error}</ErrorMessage>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('enrol.submitting') : t('enrol.submit')}
        </button>
      </form>
    </section>
  );
}
