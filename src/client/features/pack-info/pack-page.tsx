// Which franchise pack version this device holds, and what changed in the recent versions.
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { getPackSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { formatDateTime } from '../../i18n/format.ts';

export function PackPage() {
  const { t, i18n } = useTranslation();
  const db = useDb();
  const pack = useLiveQuery(() => getPackSettings(db), [db]);
  const staging = useLiveQuery(() => db.packStaging.count(), [db]);
  if (!pack) return null;
  return (
    <section className="panel" aria-labelledby="pack-title">
      <h1 id="pack-title">{t('pack.title')}</h1>
      <p data-testid="pack-version">
        {pack.version === 0
          ? t('pack.none')
          : t('pack.holding', {
              version: pack.version,
              when: pack.publishedAt ? formatDateTime(pack.publishedAt, i18n.language) : '—',
            })}
      </p>
      {staging ? <p role="status">{t('pack.downloading', { count: staging })}</p> : null}
      <h2>{t('pack.history')}</h2>
      <ol className="note-list" reversed data-testid="pack-history">
        {[...pack.history].reverse().map((v) => (
          <li key={v.version} className="note">
            <strong>
              {t('pack.versionLine', {
                version: v.version,
                when: formatDateTime(v.publishedAt, i18n.language),
              })}
            </strong>
            <p>
              {t('pack.summary', {
                added: v.summary.added,
                changed: v.summary.changed,
                removed: v.summary.removed,
              })}
            </p>
            {v.summary.note ? <p className="note__body">{v.summary.note}</p> : null}
            <ul>
              {Object.entries(v.summary.byKind).map(([kind, counts]) => (
                <li key={kind}>
                  {t('pack.byKind', {
                    kind: t(`pack.kinds.${kind}`, { defaultValue: kind }),
                    added: counts.added,
                    changed: counts.changed,
                    removed: counts.removed,
                  })}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
