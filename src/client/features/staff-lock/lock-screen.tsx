// A shared device at rest: choose who you are, type your PIN. The PIN is checked on the device
// (offline too); while online the hub also opens a short session for the online-only views.
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceSettings } from '../../db/database.ts';
import { unlock } from '../../db/staff-session.ts';
import { useDb } from '../../db/use-db.ts';
import { openHubSession } from '../../sync/hub-session.ts';
import { useSync } from '../../sync/use-sync.ts';

export function LockScreen({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  const db = useDb();
  const sync = useSync();
  const pinId = useId();
  const people = useLiveQuery(() => db.staff.orderBy('id').toArray(), [db]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const person = people?.find((p) => p.id === chosen);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!person || busy) return;
    setBusy(true);
    setMessage(null);
    const typed = pin;
    const result = await unlock(db, person.id, typed);
    setBusy(false);
    setPin('');
    if (result.ok) {
      void openHubSession(device, person.id, typed);
      return;
    }
    if (result.reason === 'wrong-pin') {
      setMessage(t('staff.wrongPin', { count: result.attemptsLeft }));
    } else if (result.reason === 'locked-out') {
      setMessage(t('staff.lockedOut', { count: minutesUntil(result.until) }));
    } else {
      setMessage(t('staff.unknownPerson'));
    }
  }

  if (people === undefined) return <p>{t('app.loading')}</p>;
  return (
    <section className="panel lock" aria-labelledby="lock-title">
      <h1 id="lock-title">{t('staff.lockTitle', { place: device.accessPointName })}</h1>
      {people.length === 0 ? (
        <>
          <p>{t('staff.noStaffYet')}</p>
          <button
            type="button"
            className="button"
            onClick={() => void sync.syncNow({ manual: true })}
          >
            {t('sync.syncNow')}
          </button>
        </>
      ) : !person ? (
        <>
          <p>{t('staff.whoAreYou')}</p>
          <ul className="lock__people">
            {people.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    setChosen(p.id);
                    setMessage(null);
                  }}
                >
                  {p.name}
                  <span className="hint">{` — ${t(`staff.roles.${p.role}`)}`}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <form className="form" onSubmit={(event) => void submit(event)}>
          <p>{t('staff.enterPin', { name: person.name })}</p>
          <div className="field">
            <label htmlFor={pinId}>{t('staff.pin')}</label>
            <input
              id={pinId}
              type="password"
              inputMode="numeric"
              autoComplete="off"
              pattern="[0-9]*"
              maxLength={8}
              value={pin}
              onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
              autoFocus
              required
            />
          </div>
          {message ? (
            <p className="error" role="alert">
              {message}
            </p>
          ) : null}
          <div className="flow__controls">
            <button type="submit" className="button" disabled={busy || pin.length < 6}>
              {busy ? t('staff.checking') : t('staff.unlock')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setChosen(null);
                setPin('');
                setMessage(null);
              }}
            >
              {t('staff.notMe')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** Whole minutes left of a lockout, at least one. */
function minutesUntil(until: number): number {
  return Math.max(1, Math.ceil((until - Date.now()) / 60_000));
}
