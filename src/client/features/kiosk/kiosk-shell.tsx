// Everything that makes a device a self-service kiosk: the attract screen, a language picker
// that names each language in itself, text size and contrast, a call for help, and the idle
// countdown that warns and then wipes the session.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { HELP_UNANSWERED_MS } from '../../../shared/help-call.ts';
import { getSetting, type DeviceSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { isolated } from '../../i18n/format.ts';
import { setLanguage } from '../../i18n/i18n.ts';
import { useSync } from '../../sync/use-sync.ts';
import { LanguagePicker } from '../../ui/language-picker.tsx';
import { useScreenMark } from '../../ui/screen-mark.ts';
import { useIdleSeconds } from './use-idle.ts';
import { wipeKioskSession } from './wipe-session.ts';

export interface KioskTimings {
  idleSeconds: number;
  warnSeconds: number;
}

export const DEFAULT_KIOSK_TIMINGS: KioskTimings = { idleSeconds: 90, warnSeconds: 20 };

/** How many text sizes a citizen can step through (kiosk.css has a class for each). */
const TEXT_SIZES = 3;

export function KioskShell({
  device,
  timings = DEFAULT_KIOSK_TIMINGS,
  children,
}: {
  device: DeviceSettings;
  timings?: KioskTimings;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const db = useDb();
  const sync = useSync();
  const [started, setStarted] = useState(false);
  const [textSize, setTextSize] = useState(1);
  const [contrast, setContrast] = useState(false);
  const [helpId, setHelpId] = useState<string | null>(null);
  const [unanswered, setUnanswered] = useState(false);
  const answered = useLiveQuery(
    async () =>
      helpId ? (await db.helpEvents.where('requestId').equals(helpId).count()) > 0 : false,
    [db, helpId],
  );
  // A citizen waiting for the person they called is not idle: no wipe until someone answers
  // or the kiosk has said that nobody has.
  const [idle, stillHere] = useIdleSeconds(!!helpId && answered === false && !unanswered);
  // Another way to reach a person when nobody comes: the phone of the place that answers this
  // kiosk's calls (the pack's `helpFrom`), or of the kiosk's own place.
  const reachable = useLiveQuery(async () => {
    const here = await db.accessPoints.get(device.accessPointId);
    const host = here?.helpFrom ? await db.accessPoints.get(here.helpFrom) : undefined;
    const place = host?.phone ? host : here;
    return place?.phone ? { place: place.name, phone: place.phone } : null;
  }, [db, device.accessPointId]);

  // Nobody has answered within the time a citizen can fairly be asked to wait: say so.
  useEffect(() => {
    if (!helpId || answered) return;
    const timer = setTimeout(() => setUnanswered(true), HELP_UNANSWERED_MS);
    return () => clearTimeout(timer);
  }, [helpId, answered]);

  // While a citizen waits for a person, listen for the answer every few seconds.
  useEffect(() => {
    if (!helpId || answered) return;
    const timer = setInterval(() => void sync.syncNow(), 4000);
    return () => clearInterval(timer);
  }, [helpId, answered, sync]);
  const stored = useLiveQuery(() => getSetting(db, 'kiosk'), [db]);
  const { idleSeconds, warnSeconds } = stored ?? timings;
  const remaining = idleSeconds + warnSeconds - idle;
  const warning = started && idle >= idleSeconds;
  const expired = started && remaining <= 0;
  useEffect(() => {
    if (expired) void wipeKioskSession();
  }, [expired]);

  const classes = ['kiosk', contrast ? 'kiosk--contrast' : '', `kiosk--size-${textSize}`].join(' ');
  // Smaller and larger: one step through the text sizes, each off at its end.
  const sizeButton = (step: -1 | 1, words: string) => (
    <button
      type="button"
      className="button button--secondary"
      onClick={() => setTextSize((s) => Math.min(TEXT_SIZES, Math.max(1, s + step)))}
      disabled={textSize + step < 1 || textSize + step > TEXT_SIZES}
    >
      {words}
    </button>
  );
  useScreenMark('attract', !started);

  if (!started) {
    return (
      <div className={classes}>
        <main id="main" className="kiosk__attract">
          <h1>{t('kiosk.welcome')}</h1>
          <p className="kiosk__lead">{t('kiosk.lead', { place: device.accessPointName })}</p>
          <LanguagePicker
            large
            onPick={(code) => void setLanguage(code).then(() => setStarted(true))}
          />
          <button
            type="button"
            className="button button--huge"
            onClick={() => setStarted(true)}
            data-testid="kiosk-start"
          >
            {t('kiosk.start')}
          </button>
        </main>
      </div>
    );
  }

  async function callForHelp() {
    const { sendHelpEvent } = await import('../../db/writes.ts');
    setUnanswered(false);
    setHelpId(await sendHelpEvent(db, null));
    void sync.syncNow();
  }

  return (
    <div className={classes}>
      <header className="kiosk__bar">
        <LanguagePicker onPick={(code) => void setLanguage(code)} />
        <div className="kiosk__display" role="group" aria-label={t('kiosk.display')}>
          {sizeButton(-1, t('kiosk.smaller'))}
          {sizeButton(1, t('kiosk.larger'))}
          <button
            type="button"
            className="button button--secondary"
            aria-pressed={contrast}
            onClick={() => setContrast((c) => !c)}
          >
            {t('kiosk.contrast')}
          </button>
        </div>
        <button
          type="button"
          className="button button--help"
          onClick={() => void callForHelp()}
          disabled={!!helpId && !unanswered && !answered}
          data-testid="kiosk-help"
        >
          {t('kiosk.help')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void wipeKioskSession()}
        >
          {t('kiosk.finish')}
        </button>
      </header>
      {helpId ? (
        <div className="kiosk__help-status" role="status" data-testid="kiosk-help-status">
          {answered ? (
            <p>{t('kiosk.helpComing')}</p>
          ) : unanswered ? (
            <>
              <p data-testid="kiosk-help-unanswered">
                {reachable
                  ? t('kiosk.helpNoAnswerPhone', {
                      place: reachable.place,
                      phone: isolated(reachable.phone),
                    })
                  : t('kiosk.helpNoAnswer')}
              </p>
              <button type="button" className="button" onClick={() => void callForHelp()}>
                {t('kiosk.helpAgain')}
              </button>
            </>
          ) : (
            <p>{t('kiosk.helpCalled')}</p>
          )}
        </div>
      ) : null}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      {warning ? (
        <div
          className="kiosk__idle"
          role="alertdialog"
          aria-modal="true"
          aria-labelledby="idle-title"
          data-testid="kiosk-idle"
        >
          <div className="panel">
            <h2 id="idle-title">{t('kiosk.stillThere')}</h2>
            <p>{t('kiosk.resetting', { count: Math.max(0, remaining) })}</p>
            <button type="button" className="button button--huge" onClick={stillHere} autoFocus>
              {t('kiosk.imHere')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
