import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { useDevice } from '../db/use-device.ts';
import { SyncStatusBar } from '../features/sync-status/sync-status-bar.tsx';

export function Layout() {
  const { t } = useTranslation();
  const device = useDevice();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="masthead">
        <div className="masthead__brand">
          <img src="/logo.svg" alt="" width="40" height="40" />
          <span className="masthead__name">{t('app.name')}</span>
          {device ? <span className="masthead__place">{device.accessPointName}</span> : null}
        </div>
        {device ? (
          <nav aria-label={t('app.nav.label')}>
            <ul className="nav">
              <li>
                <NavLink to="/" end>
                  {t('app.nav.notes')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/services">{t('app.nav.services')}</NavLink>
              </li>
              <li>
                <NavLink to="/places">{t('app.nav.places')}</NavLink>
              </li>
              <li>
                <NavLink to="/pages">{t('app.nav.pages')}</NavLink>
              </li>
              <li>
                <NavLink to="/attention">{t('app.nav.attention')}</NavLink>
              </li>
              <li>
                <NavLink to="/pack">{t('app.nav.pack')}</NavLink>
              </li>
              <li>
                <NavLink to="/diagnostics">{t('app.nav.diagnostics')}</NavLink>
              </li>
              <li>
                <NavLink to="/about">{t('app.nav.about')}</NavLink>
              </li>
            </ul>
          </nav>
        ) : null}
      </header>
      {device ? <SyncStatusBar /> : null}
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
