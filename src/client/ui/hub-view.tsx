// The frame of a view that reads from the hub itself (it needs a connection): it opens a hub
// session with the person's PIN when there is none, and says plainly when it cannot load.
// Shared by every hub-only view (customers, review moderation, audit scores, team overview,
// roster, insight); what each loads is typed in src/shared/api.
import { useCallback, useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isPrivileged, SECRET_MAX_LENGTH } from '../../shared/staff.ts';
import type { DeviceSettings } from '../db/database.ts';
import { useStaffSession } from '../db/use-staff.ts';
import { hubGet, openHubSession, type HubResult } from '../sync/hub-session.ts';

export function HubView<T>({
  device,
  path,
  children,
}: {
  device: DeviceSettings;
  path: string;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const pinId = useId();
  const [result, setResult] = useState<HubResult<T> | null>(null);
  const [pin, setPin] = useState('');
  const staffId = session?.staffId;
  // A privileged person's secret may be a passphrase; everyone else's is a PIN of digits.
  const passphrase = session ? isPrivileged(session.role) : false;

  const load = useCallback(async () => {
    if (!staffId) return;
    setResult(await hubGet<T>(device, staffId, path));
  }, [device, staffId, path]);
  useEffect(() => {
    if (!staffId) return;
    let current = true;
    void hubGet<T>(device, staffId, path).then((loaded) => {
      if (current) setResult(loaded);
    });
    return () => {
      current = false;
    };
  }, [device, staffId, path]);

  async function signIn(event: FormEvent) {
    event.preventDefault();
    if (!staffId) return;
    const opened = await openHubSession(device, staffId, pin);
    setPin('');
    if (opened) await load();
    else setResult({ ok: false, reason: navigator.onLine ? 'forbidden' : 'offline' });
  }

  if (!result) return <p>{t('app.loading')}</p>;
  if (result.ok) {
    return (
      <>
        {children(result.data)}
        <button type="button" className="button button--secondary" onClick={() => void load()}>
          {t('hubView.refresh')}
        </button>
      </>
    );
  }
  if (result.reason === 'no-session') {
    return (
      <form className="form" onSubmit={(event) => void signIn(event)}>
        <p>{t('hubView.needSession')}</p>
        <div className="field">
          <label htmlFor={pinId}>{t(passphrase ? 'staff.secret' : 'staff.pin')}</label>
          <input
            id={pinId}
            type="password"
            inputMode={passphrase ? 'text' : 'numeric'}
            autoComplete="off"
            maxLength={passphrase ? SECRET_MAX_LENGTH : 8}
            value={pin}
            onChange={(e) =>
              setPin(passphrase ? e.target.value : e.target.value.replace(/\D/g, ''))
            }
          />
        </div>
        <button type="submit" className="button" disabled={pin.length < 6}>
          {t('hubView.load')}
        </button>
      </form>
    );
  }
  return (
    <p className="error" role="alert">
      {t(`hubView.${result.reason}`)}
    </p>
  );
}
