// The frame of every screen, by device mode: a kiosk gets the citizen's shell; counters and
// tablets get the staff masthead, navigation, sync status and calls for help.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import {
  getUiSettings,
  type AnyDoorDatabase,
  type DeviceSettings,
  type StaffSessionSettings,
} from '../db/database.ts';
import { useStaffSession } from '../db/use-staff.ts';
import { useDb } from '../db/use-db.ts';
import { useDevice } from '../db/use-device.ts';
import { HelpAlerts } from '../features/help-alerts/help-alerts.tsx';
import { KioskShell } from '../features/kiosk/kiosk-shell.tsx';
// The lock screen and idle lock load just after the first paint: they hash PINs and watch
// for activity, none of which the first screen needs to draw.
const LockScreen = lazy(async () => ({
  default: (await import('../features/staff-lock/lock-screen.tsx')).LockScreen,
}));
const IdleLock = lazy(async () => ({
  default: (await import('../features/staff-lock/idle-lock.tsx')).IdleLock,
}));
const lockNow = async (db: AnyDoorDatabase) =>
  (await import('../features/staff-lock/idle-lock.tsx')).lockNow(db);
import { SyncStatusBar } from '../features/sync-status/sync-status-bar.tsx';
// Loads after the first paint too: it has nothing to say until a customer was looked up.
const ServingBanner = lazy(async () => ({
  default: (await import('./serving-banner.tsx')).ServingBanner,
}));
// The navigation too (the first-load budget): its row keeps its height while it loads.
const StaffNav = lazy(async () => ({ default: (await import('./staff-nav.tsx')).StaffNav }));
import { setLanguage, UI_LANGUAGES } from '../i18n/i18n.ts';

function StaffMasthead({
  device,
  session,
}: {
  device: DeviceSettings;
  session: StaffSessionSettings | null;
}) {
  const { t, i18n } = useTranslation();
  const db = useDb();
  const saveUi = async (patch: { language?: string; staffName?: string }) => {
    const current = await getUiSettings(db);
    await db.settings.put({ ...current, ...patch });
  };
  return (
    <header className="masthead">
      <div className="masthead__brand">
        <img src="/logo.svg" alt="" width="40" height="40" />
        <span className="masthead__name">{t('app.name')}</span>
        <span className="masthead__place">{device.accessPointName}</span>
      </div>
      <div className="masthead__tools">
        {session ? (
          <p className="masthead__field" data-testid="signed-in">
            <span>{t(`ui.staffBy.${device.mode === 'tablet' ? 'tablet' : 'counter'}`)}</span>
            <strong>{`${session.name} (${t(`staff.roles.${session.role}`)})`}</strong>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void lockNow(db)}
            >
              {t('staff.lock')}
            </button>
          </p>
        ) : null}
        <label className="masthead__field">
          <span>{t('ui.language')}</span>
          <select
            value={i18n.language}
            onChange={(event) => {
              void setLanguage(event.target.value);
              void saveUi({ language: event.target.value });
            }}
          >
            {UI_LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {session ? (
        <Suspense fallback={<div className="masthead__nav masthead__nav--loading" />}>
          <StaffNav role={session.role} />
        </Suspense>
      ) : null}
    </header>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const device = useDevice();
  const session = useStaffSession();
  if (device?.mode === 'kiosk') {
    return (
      <KioskShell device={device}>
        <Outlet />
      </KioskShell>
    );
  }
  return (
    <div className={device?.mode === 'tablet' ? 'mode-tablet' : 'mode-counter'}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      {device ? (
        <StaffMasthead device={device} session={session ?? null} />
      ) : (
        <header className="masthead">
          <div className="masthead__brand">
            <img src="/logo.svg" alt="" width="40" height="40" />
            <span className="masthead__name">{t('app.name')}</span>
          </div>
        </header>
      )}
      {device ? <SyncStatusBar /> : null}
      {device && session ? (
        <Suspense fallback={null}>
          <ServingBanner />
        </Suspense>
      ) : null}
      {device ? <HelpAlerts device={device} /> : null}
      {device && session ? (
        <Suspense fallback={null}>
          <IdleLock />
        </Suspense>
      ) : null}
      <main id="main" tabIndex={-1}>
        {/* A staff device shows nothing of its work until someone unlocks it. */}
        {device && session === null ? (
          <Suspense fallback={<p>{t('app.loading')}</p>}>
            <LockScreen device={device} />
          </Suspense>
        ) : (
          <Outlet />
        )}
      </main>
    </div>
  );
}
