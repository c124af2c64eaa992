// Local information pages: what the people at each access point want everyone to know.
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DeviceSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { usePages } from './use-pages.ts';

export function PagesPage({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  const db = useDb();
  const pages = usePages();
  const places = useLiveQuery(() => db.accessPoints.toArray(), [db]) ?? [];
  const placeName = (id: string) => places.find((p) => p.id === id)?.name ?? id;
  const ours = pages?.filter((p) => p.accessPointId === device.accessPointId) ?? [];
  const others = pages?.filter((p) => p.accessPointId !== device.accessPointId) ?? [];
  const list = (items: typeof ours) => (
    <ul className="link-list">
      {items.map((p) => (
        <li key={p.pageId}>
          <Link to={`/pages/${p.pageId}`}>{p.state.current.title}</Link>
          <span className="note__meta">
            {p.state.conflict ? (
              <span className="badge badge--rejected">{t('pages.conflict')}</span>
            ) : null}{' '}
            {placeName(p.accessPointId)}
          </span>
        </li>
      ))}
    </ul>
  );
  return (
    <section className="panel" aria-labelledby="pages-title">
      <h1 id="pages-title">{t('pages.title')}</h1>
      <p>{t('pages.intro')}</p>
      <p>
        <Link className="button" to="/pages/new">
          {t('pages.new')}
        </Link>
      </p>
      <h2>{t('pages.ours', { place: device.accessPointName })}</h2>
      {ours.length === 0 ? <p>{t('pages.none')}</p> : list(ours)}
      <h2>{t('pages.others')}</h2>
      {others.length === 0 ? <p>{t('pages.none')}</p> : list(others)}
    </section>
  );
}
