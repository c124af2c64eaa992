// The frame of every screen, by device mode: a kiosk gets the citizen's shell; counters and
// tablets get the staff masthead, navigation, sync status and calls for help.
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { getUiSettings, type DeviceSettings } from '../db/database.ts';
import { useDb } from '../db/use-db.ts';
import { useDevice } from '../db/use-device.ts';
import { HelpAlerts } from '../features/help-alerts/help-alerts.tsx';
import { KioskShell } from '../features/kiosk/kiosk-shell.tsx';
import { SyncStatusBar } from '../features/sync-status/sync-status-bar.tsx';
import { setLanguage, UI_LANGUAGES } from '../i18n/i18n.ts';

const NAV = [
  ['/', 'finder'],
  ['/queue', 'queue'],
  ['/notes', 'notes'],
  ['/services', 'services'],
  ['/places', 'places'],
  ['/pages', 'pages'],
  ['/attention', 'attention'],
  ['/pack', 'pack'],
  ['/diagnostics', 'diagnostics'],
  ['/about', 'about'],
] as const;

function StaffMasthead({ device }: { device: DeviceSettings }) {
  const { t, i18n } = useTranslation();
  const db = useDb();
  const ui = useLiveQuery(() => getUiSettings(db), [db]);
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
        <label className="masthead__field">
          <span>{t('ui.staff')}</span>
          <input
            value={ui?.staffName ?? ''}
            onChange={(event) => void saveUi({ staffName: event.target.value })}
            maxLength={80}
            autoComplete="name"
            data-testid="staff-name"
          />
        </label>
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
      <nav aria-label={t('app.nav.label')} className="masthead__nav">
        <ul className="nav">
          {NAV.map(([to, key]) => (
            <li key={to}>
              <NavLink to={to} end={to === '/'}>
                {t(`app.nav.${key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const device = useDevice();
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
        <StaffMasthead device={device} />
      ) : (
        <header className="masthead">
          <div className="masthead__brand">
            <img src="/logo.svg" alt="" width="40" height="40" />
            <span className="masthead__name">{t('app.name')}</span>
          </div>
        </header>
      )}
      {device ? <SyncStatusBar /> : null}
      {device ? <HelpAlerts device={device} /> : null}
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
