// A shared device at rest: choose who you are, type your PIN. The PIN is checked on the device
// (offline too); while online the hub also opens a short session for the online-only views.
// A privileged person has no verifier on any device: their PIN or passphrase goes to the hub,
// which must answer before the device unlocks; offline, the screen says they need a connection.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, useSyncExternalStore, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceSettings } from '../../db/database.ts';
import {
  forgetPrivilegedVerifiers,
  touchOrLock,
  unlock,
  unlocksOffline,
  unlockThroughHub,
} from '../../db/staff-session.ts';
import { useDb } from '../../db/use-db.ts';
import { closeHubSession, openHubSession, signInAtHub } from '../../sync/hub-session.ts';
import { useSync } from '../../sync/use-sync.ts';
import { ErrorMessage, SecretField } from '../../ui/form-fields.tsx';
import { useScreenMark } from '../../ui/screen-mark.ts';

function subscribeOnline(changed: () => void): () => void {
  window.addEventListener('online', changed);
  window.addEventListener('offline', changed);
  return () => {
    window.removeEventListener('online', changed);
    window.removeEventListener('offline', changed);
  };
}

export function LockScreen({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  const db = useDb();
  const sync = useSync();
  const people = useLiveQuery(() => db.staff.orderBy('id').toArray(), [db]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine);
  /** The hub could not be reached on the last try, whatever navigator.onLine says. */
  const [unreachable, setUnreachable] = useState(false);
  const person = people?.find((p) => p.id === chosen);
  const throughHub = person !== undefined && !unlocksOffline(person);

  useEffect(() => {
    // A session left idle (the device reopened after a pause) is cleared, not just hidden; and
    // a privileged person's verifier synced before the hub stopped sending them is dropped.
    void touchOrLock(db, null).then((state) => {
      if (state === 'locked') closeHubSession();
    });
    void forgetPrivilegedVerifiers(db);
  }, [db]);

  async function submitToHub(event: FormEvent) {
    event.preventDefault();
    if (!person || busy) return;
    setBusy(true);
    setMessage(null);
    const result = await signInAtHub(device, person.id, pin);
    setPin('');
    if (result.ok) await unlockThroughHub(db, person.id);
    setBusy(false);
    setUnreachable(!result.ok && result.reason === 'offline');
    if (result.ok || result.reason === 'offline') return;
    if (result.reason === 'refused') setMessage(t('staff.secretNotRight'));
    else if (result.reason === 'locked-out') {
      setMessage(t('staff.lockedOut', { count: minutesUntil(result.until) }));
    } else setMessage(t('staff.hubUnavailable'));
  }

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
    } else if (result.reason === 'needs-hub') {
      setMessage(t('staff.needsConnection', { name: person.name }));
    } else {
      setMessage(t('staff.unknownPerson'));
    }
  }

  // (Before the early return: a hook runs on every render.)
  useScreenMark('lock', people !== undefined);
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
        <form
          className="form"
          onSubmit={(event) => void (throughHub ? submitToHub(event) : submit(event))}
        >
          <p>
            {throughHub
              ? t('staff.throughHub', { name: person.name })
              : t('staff.enterPin', { name: person.name })}
          </p>
          {!throughHub || (online && !unreachable) ? null : (
            <p className="hint" role="status" data-testid="needs-connection">
              {t('staff.needsConnection', { name: person.name })}
            </p>
          )}
          {/* A privileged person's passphrase goes to the hub; a PIN is checked here. */}
          <SecretField
            passphrase={throughHub}
            label={throughHub ? t('staff.secret') : t('staff.pin')}
            value={pin}
            onValue={setPin}
            autoFocus
            required
          />
          <ErrorMessage>{message}</ErrorMessage>
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
                setUnreachable(false);
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
