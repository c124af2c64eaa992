// The frame of every screen, by device mode: a kiosk gets the citizen's shell; counters and
// tablets get the staff masthead, navigation, sync status and calls for help.
import { lazy, Suspense, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { can, isPrivileged, type Action, type Role } from '../../shared/staff.ts';
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
import { setLanguage, UI_LANGUAGES } from '../i18n/i18n.ts';

type NavKey =
  | 'finder'
  | 'lookup'
  | 'queue'
  | 'overview'
  | 'training'
  | 'roster'
  | 'reviews'
  | 'audits'
  | 'customers'
  | 'insight'
  | 'studio'
  | 'notes'
  | 'services'
  | 'places'
  | 'pages'
  | 'attention'
  | 'pack'
  | 'diagnostics'
  | 'about';

/** Every screen the navigation offers, with what a role needs to see it. */
const NAV: Record<NavKey, { to: string; action?: Action; privileged?: true }> = {
  finder: { to: '/' },
  lookup: { to: '/lookup' },
  queue: { to: '/queue', action: 'queue.team' },
  overview: { to: '/overview', action: 'queue.team' },
  training: { to: '/training', action: 'training.view' },
  roster: { to: '/roster', action: 'training.roster' },
  reviews: { to: '/reviews/moderate', action: 'reviews.moderate' },
  audits: { to: '/audits', action: 'audit' },
  customers: { to: '/customers', action: 'customers.view' },
  insight: { to: '/insight', action: 'insight.view' },
  // The studio (another person's screens, at the hub) is for the franchisor and managers.
  studio: { to: '/studio', privileged: true },
  notes: { to: '/notes' },
  services: { to: '/services' },
  places: { to: '/places' },
  pages: { to: '/pages' },
  attention: { to: '/attention' },
  pack: { to: '/pack' },
  diagnostics: { to: '/diagnostics' },
  about: { to: '/about' },
};

/**
 * What each role does most, in the row everyone sees; the rest of what it may open sits one
 * level down, under "More". Seventeen links in two rows helped nobody.
 */
const EVERYDAY: Record<Role, readonly NavKey[]> = {
  counter: ['finder', 'lookup', 'notes', 'places'],
  volunteer: ['finder', 'lookup', 'notes', 'places'],
  'back-office': ['queue', 'overview', 'lookup', 'finder'],
  auditor: ['audits', 'finder', 'training'],
  'partner-manager': ['overview', 'queue', 'insight', 'studio'],
  'franchisor-admin': ['insight', 'overview', 'studio', 'reviews'],
};

const mayOpen = (role: Role, key: NavKey) => {
  const { action, privileged } = NAV[key];
  return (!action || can(role, action)) && (!privileged || isPrivileged(role));
};

/** The masthead's navigation: the role's everyday links, then a "More" disclosure. */
function StaffNav({ role }: { role: Role }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const everyday = EVERYDAY[role].filter((key) => mayOpen(role, key));
  const more = (Object.keys(NAV) as NavKey[]).filter(
    (key) => !everyday.includes(key) && mayOpen(role, key),
  );
  const link = (key: NavKey) => (
    <li key={key}>
      <NavLink to={NAV[key].to} end={NAV[key].to === '/'}>
        {t(`app.nav.${key}`)}
      </NavLink>
    </li>
  );
  return (
    <nav
      aria-label={t('app.nav.label')}
      className="masthead__nav"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          setOpen(false);
          toggle.current?.focus();
        }
      }}
    >
      <ul className="nav">
        {everyday.map(link)}
        {more.length > 0 ? (
          <li>
            <button
              ref={toggle}
              type="button"
              className="nav__toggle"
              aria-expanded={open}
              aria-controls={listId}
              onClick={() => setOpen((was) => !was)}
            >
              {t('app.nav.more')}
              <span aria-hidden="true" className="nav__chevron" />
            </button>
          </li>
        ) : null}
      </ul>
      {/* One level down, in the page's flow (it covers nothing); choosing a link closes it. */}
      <ul id={listId} className="nav nav__menu" hidden={!open} onClick={() => setOpen(false)}>
        {more.map(link)}
      </ul>
    </nav>
  );
}

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
      {session ? <StaffNav role={session.role} /> : null}
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
