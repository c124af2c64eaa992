// The staff masthead's navigation: what each role does most in the row everyone sees, the rest
// of what it may open one level down under "More" (a disclosure, by keyboard too). Loaded just
// after the first paint (layout.tsx), so the first load does not carry it.
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { can, isPrivileged, type Action, type Role } from '../../shared/staff.ts';

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
export function StaffNav({ role }: { role: Role }) {
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
