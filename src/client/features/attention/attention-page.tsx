// Ops the hub refused for good, and changes from the hub this device could not apply. Neither
// blocks sync (the outbox and the feed move on); both wait here for a person.
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useDb } from '../../db/use-db.ts';
import { formatDateTime } from '../../i18n/format.ts';

export function AttentionPage() {
  const { t, i18n } = useTranslation();
  const db = useDb();
  const items = useLiveQuery(() => db.attention.orderBy('opId').reverse().toArray(), [db]);
  const unapplied = useLiveQuery(() => db.unappliedChanges.toArray(), [db]);
  return (
    <section className="panel" aria-labelledby="attention-title">
      <h1 id="attention-title">{t('attention.title')}</h1>
      <p>{t('attention.intro')}</p>
      {items && items.length === 0 ? <p>{t('attention.empty')}</p> : null}
      <ul className="note-list" data-testid="attention-list">
        {items?.map((item) => (
          <li key={item.opId} className="note">
            <div className="note__head">
              <strong>{t(`attention.kind.${item.op.kind}`, { defaultValue: item.op.kind })}</strong>
              <span className="note__meta">
                {t('attention.when', { when: formatDateTime(item.rejectedAt, i18n.language) })}
              </span>
            </div>
            <p>{t('attention.reason', { reason: item.reason })}</p>
            <pre className="attention__payload">{JSON.stringify(item.op.payload, null, 2)}</pre>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void db.attention.delete(item.opId)}
            >
              {t('attention.dismiss')}
            </button>
          </li>
        ))}
      </ul>
      {unapplied && unapplied.length > 0 ? (
        <>
          <h2>{t('attention.unappliedTitle')}</h2>
          <p>{t('attention.unappliedIntro')}</p>
          <ul className="note-list" data-testid="unapplied-list">
            {unapplied.map((item) => (
              <li key={item.key} className="note">
                <div className="note__head">
                  <strong dir="ltr">{item.key}</strong>
                  <span className="note__meta">
                    {t('attention.received', { when: formatDateTime(item.at, i18n.language) })}
                  </span>
                </div>
                <p>{t('attention.reason', { reason: item.reason })}</p>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => void db.unappliedChanges.delete(item.key)}
                >
                  {t('attention.dismiss')}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
