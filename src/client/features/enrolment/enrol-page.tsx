import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { DEVICE_MODES, type DeviceMode } from '../../../shared/contact.ts';
import { useDb } from '../../db/use-db.ts';
import { useSync } from '../../sync/use-sync.ts';
import { DeviceModeChoices } from '../../ui/device-mode-choices.tsx';
import { ErrorMessage, TextField } from '../../ui/form-fields.tsx';
import { enrolDevice } from './enrol-device.ts';

export function EnrolPage() {
  const { t } = useTranslation();
  const db = useDb();
  const sync = useSync();
  const navigate = useNavigate();
  // A studio code's QR opens this screen with the code and the mode it enrols in: the code
  // fixes the mode at the hub, so the choice is not offered then. A code typed by hand may be
  // an older one without a mode: the choice stays, and the hub ignores it for a studio code.
  const [params] = useSearchParams();
  const fixedMode = DEVICE_MODES.find((m) => m === params.get('mode')) ?? null;
  const [code, setCode] = useState(params.get('code')?.slice(0, 32) ?? '');
  const [deviceName, setDeviceName] = useState('');
  const [mode, setMode] = useState<DeviceMode>(fixedMode ?? 'counter');
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
        {fixedMode ? (
          <p data-testid="enrol-fixed-mode">
            {t('enrolCode.fixed', { mode: t(`enrol.modes.${fixedMode}.name`) })}
          </p>
        ) : (
          <>
            <DeviceModeChoices
              legend={t('enrol.mode')}
              name="mode"
              value={mode}
              onChoose={setMode}
            />
            <p className="hint">{t('enrolCode.modeHint')}</p>
          </>
        )}
        <ErrorMessage>{error}</ErrorMessage>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('enrol.submitting') : t('enrol.submit')}
        </button>
      </form>
    </section>
  );
}
