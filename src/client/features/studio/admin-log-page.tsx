// The audit log of administrative changes, from the hub: who changed what, when, and the
// record before and after. The franchisor reads every entry, a partner manager their own
// partner's (the hub decides). Exported as CSV with the session, which a plain link lacks.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminLogEntry, AdminLogPage } from '../../../shared/api/admin-log.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { ErrorMessage } from '../../ui/form-fields.tsx';
import { downloadFromHub } from '../../ui/hub-download.ts';
import { DataTable, HubView } from '../../ui/hub-view.tsx';

function Record({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span>{'–'}</span>;
  return <pre className="admin-log__record">{JSON.stringify(value, null, 2)}</pre>;
}

function Change({ entry }: { entry: AdminLogEntry }) {
  const { t } = useTranslation();
  if (entry.before === null && entry.after === null) return <span>{'–'}</span>;
  return (
    <details>
      <summary>{t('studio.log.showChange')}</summary>
      <dl className="admin-log__change">
        <dt>{t('studio.log.before')}</dt>
        <dd>
          <Record value={entry.before} />
        </dd>
        <dt>{t('studio.log.after')}</dt>
        <dd>
          <Record value={entry.after} />
        </dd>
      </dl>
    </details>
  );
}

export function AdminLogPageView({ device }: { device: DeviceSettings }) {
  const { t, i18n } = useTranslation();
  const session = useStaffSession();
  // The pages seen so far, newest first: "Older" asks for the page before the last one.
  const [before, setBefore] = useState<string[]>([]);
  const [exportFailed, setExportFailed] = useState(false);
  const current = before.at(-1);
  const path = `/api/studio/admin-log${current ? `?before=${current}` : ''}`;

  async function exportCsv() {
    if (!session) return;
    const ok = await downloadFromHub(
      device,
      session.staffId,
      '/api/studio/admin-log.csv',
      'anydoor-admin-log.csv',
    );
    setExportFailed(!ok);
  }

  return (
    <section className="panel" aria-labelledby="admin-log-title">
      <h1 id="admin-log-title">{t('studio.log.title')}</h1>
      <p className="hint">{t('studio.log.intro')}</p>
      <button type="button" className="button button--secondary" onClick={() => void exportCsv()}>
        {t('studio.log.export')}
      </button>
      {exportFailed && <ErrorMessage>{t('studio.log.exportFailed')}</ErrorMessage>}
      <HubView<AdminLogPage> device={device} path={path}>
        {(page) => (
          <>
            {page.entries.length === 0 ? (
              <p>{t('studio.log.empty')}</p>
            ) : (
              <DataTable
                caption={t('studio.log.caption')}
                columns={[
                  t('studio.log.when'),
                  t('studio.log.who'),
                  t('studio.log.what'),
                  t('studio.log.record'),
                  t('studio.log.partner'),
                  t('studio.log.change'),
                ]}
                rows={page.entries}
                rowKey={(entry) => entry.id}
                cells={(entry) => [
                  formatDateTime(entry.at, i18n.language),
                  entry.actorId,
                  <code key="action">{entry.action}</code>,
                  entry.target,
                  entry.partnerId ?? t('studio.log.network'),
                  <Change key="change" entry={entry} />,
                ]}
              />
            )}
            <div className="studio-log-pages">
              {before.length > 0 && (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setBefore(before.slice(0, -1))}
                >
                  {t('studio.log.newer')}
                </button>
              )}
              {page.next !== null && (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setBefore([...before, page.next ?? ''])}
                >
                  {t('studio.log.older')}
                </button>
              )}
            </div>
          </>
        )}
      </HubView>
    </section>
  );
}
