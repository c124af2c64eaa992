import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { PROTOCOL_VERSION } from '../../../shared/sync/protocol.ts';
import { getSyncSettings, type DeviceSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { formatBytes, formatDateTime } from '../../i18n/format.ts';
import { useStorageEstimate } from './use-storage-estimate.ts';

export function DiagnosticsPage({ device }: { device: DeviceSettings }) {
  const { t, i18n } = useTranslation();
  const db = useDb();
  const { info, requestPersist } = useStorageEstimate();
  const settings = useLiveQuery(() => getSyncSettings(db), [db]);
  const waiting = useLiveQuery(() => db.outbox.count(), [db]);
  const swActive =
    typeof navigator.serviceWorker !== 'undefined' && !!navigator.serviceWorker.controller;
  const unknown = t('diagnostics.unknown');
  const rows: [string, string, string][] = [
    ['device', t('diagnostics.deviceId'), device.deviceId],
    ['device', t('diagnostics.accessPoint'), device.accessPointName],
    ['device', t('diagnostics.enrolledAt'), formatDateTime(device.enrolledAt, i18n.language)],
    [
      'storage',
      t('diagnostics.used'),
      info.usage === null ? unknown : formatBytes(info.usage, i18n.language),
    ],
    [
      'storage',
      t('diagnostics.quota'),
      info.quota === null ? unknown : formatBytes(info.quota, i18n.language),
    ],
    [
      'storage',
      t('diagnostics.persisted'),
      info.persisted === null
        ? unknown
        : info.persisted
          ? t('diagnostics.yes')
          : t('diagnostics.no'),
    ],
    ['sync', t('diagnostics.cursor'), settings?.cursor ?? '—'],
    ['sync', t('diagnostics.outbox'), String(waiting ?? '—')],
    ['sync', t('diagnostics.protocol'), String(PROTOCOL_VERSION)],
    ['app', t('diagnostics.version'), __APP_VERSION__],
    [
      'app',
      t('diagnostics.serviceWorker'),
      swActive ? t('diagnostics.swActive') : t('diagnostics.swNone'),
    ],
  ];
  const groups = ['device', 'storage', 'sync', 'app'] as const;
  return (
    <section className="panel" aria-labelledby="diagnostics-title">
      <h1 id="diagnostics-title">{t('diagnostics.title')}</h1>
      {groups.map((group) => (
        <section key={group} aria-labelledby={`diag-${group}`}>
          <h2 id={`diag-${group}`}>{t(`diagnostics.${group}`)}</h2>
          <dl className="facts" data-testid={`diag-${group}`}>
            {rows
              .filter(([g]) => g === group)
              .map(([, label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
          </dl>
        </section>
      ))}
      {info.persisted === false ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void requestPersist()}
        >
          {t('diagnostics.requestPersist')}
        </button>
      ) : null}
    </section>
  );
}
