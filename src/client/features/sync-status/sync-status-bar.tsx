// Sync at a glance: connection, what waits to be sent, when it last worked, and what went wrong.
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getSyncSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useSync, useSyncProgress } from '../../sync/use-sync.ts';
import { useOnline } from './use-online.ts';

export function SyncStatusBar() {
  const { t, i18n } = useTranslation();
  const db = useDb();
  const sync = useSync();
  const progress = useSyncProgress();
  const online = useOnline();
  const waiting = useLiveQuery(() => db.outbox.count(), [db]) ?? 0;
  const attention = useLiveQuery(() => db.attention.count(), [db]) ?? 0;
  const settings = useLiveQuery(() => getSyncSettings(db), [db]);

  return (
    <section className="sync-bar" aria-label={t('sync.regionLabel')} data-testid="sync-status">
      <p className={online ? 'sync-bar__online' : 'sync-bar__offline'} data-testid="sync-online">
        <span aria-hidden="true" className="sync-bar__dot" />
        {online ? t('sync.online') : t('sync.offline')}
      </p>
      <p data-testid="sync-waiting" data-count={waiting}>
        {waiting > 0 ? t('sync.waiting', { count: waiting }) : t('sync.allSent')}
      </p>
      <p data-testid="sync-last">
        {settings?.lastSuccessAt
          ? t('sync.lastSync', { when: formatDateTime(settings.lastSuccessAt, i18n.language) })
          : t('sync.neverSynced')}
      </p>
      {progress.running && progress.toSend > 0 ? (
        <p role="status">
          {t('sync.progress', {
            sent: progress.sent,
            toSend: progress.toSend,
            received: progress.received,
          })}
        </p>
      ) : null}
      {/* Being offline is a normal state (a van, a village hall), said once and calmly above;
          only a problem the person may need to act on is shown as one. */}
      {settings?.lastError &&
      !(settings.lastError === 'offline' || (!online && settings.lastError === 'unreachable')) ? (
        <p className="sync-bar__error" role="alert" data-testid="sync-error">
          {t(`sync.errors.${settings.lastError}`)}
        </p>
      ) : null}
      {attention > 0 ? (
        <p>
          <Link to="/attention">{t('sync.attention', { count: attention })}</Link>
        </p>
      ) : null}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void sync.syncNow({ manual: true })}
        disabled={progress.running}
      >
        {progress.running ? t('sync.syncing') : t('sync.syncNow')}
      </button>
    </section>
  );
}
