// The published versions, newest first, with their notes: the difference between any two
// (field by field), and roll back, which publishes an earlier version's content as a new one.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublishResult, VersionDiff, VersionList } from '../../../shared/pack/studio-api.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { ErrorMessage, SelectField, TextField } from '../../ui/form-fields.tsx';
import { callHub, messageOf } from './pack-api.ts';

const show = (value: unknown) =>
  value === undefined ? '–' : typeof value === 'string' ? value : JSON.stringify(value);

export function DiffView({ diff }: { diff: VersionDiff }) {
  const { t } = useTranslation();
  const records = diff.difference.records;
  return (
    <div className="studio-pack-diff" aria-live="polite">
      <h3>
        {diff.to === -1
          ? t('studioPack.diffToDraft', { from: diff.from })
          : t('studioPack.diffTitle', { from: diff.from, to: diff.to })}
      </h3>
      {records.length === 0 ? (
        <p>{t('studioPack.noDifference')}</p>
      ) : (
        <ul>
          {records.map((r) => (
            <li key={`${r.kind}/${r.id}`}>
              <strong>{`${r.kind}/${r.id}`}</strong> {t(`studioPack.diffChange.${r.change}`)}
              {r.fields.length > 0 && (
                <table className="studio-pack-diff__fields">
                  <caption className="hint">
                    {t('studioPack.diffFields', { record: `${r.kind}/${r.id}` })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('studioPack.diffField')}</th>
                      <th scope="col">{t('studioPack.diffBefore')}</th>
                      <th scope="col">{t('studioPack.diffAfter')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.fields.map((f) => (
                      <tr key={f.path}>
                        <th scope="row">
                          <code>{f.path}</code>
                        </th>
                        <td>
                          <del>{show(f.before)}</del>
                        </td>
                        <td>
                          <ins>{show(f.after)}</ins>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          ))}
        </ul>
      )}
      {diff.difference.truncated && <p>{t('studioPack.diffTruncated')}</p>}
    </div>
  );
}

export function VersionsPanel({
  device,
  generation,
  onChanged,
}: {
  device: DeviceSettings;
  generation: number;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const session = useStaffSession();
  const staffId = session?.staffId;
  const [list, setList] = useState<VersionList | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('draft');
  const [diff, setDiff] = useState<VersionDiff | null>(null);
  const [rollbackTo, setRollbackTo] = useState('');
  const [why, setWhy] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    if (!staffId) return;
    let current = true;
    void callHub<VersionList>(device, staffId, '/api/studio/pack/versions').then((answer) => {
      if (!current || !answer.ok) return;
      setList(answer.data);
      const [latest, before] = answer.data.versions;
      setFrom(String(before?.version ?? latest?.version ?? 0));
      setRollbackTo(String(before?.version ?? ''));
    });
    return () => {
      current = false;
    };
  }, [device, staffId, generation]);

  async function compare(event: FormEvent) {
    event.preventDefault();
    if (!staffId) return;
    const answer = await callHub<VersionDiff>(
      device,
      staffId,
      `/api/studio/pack/diff?from=${from}&to=${to}`,
    );
    if (answer.ok) setDiff(answer.data);
  }

  async function rollback(event: FormEvent) {
    event.preventDefault();
    if (!staffId || !rollbackTo || !why.trim()) return;
    const answer = await callHub<PublishResult>(
      device,
      staffId,
      '/api/studio/pack/rollback',
      'POST',
      {
        version: Number(rollbackTo),
        note: why.trim(),
      },
    );
    if (answer.ok) {
      setMessage({
        ok: true,
        text: t('studioPack.rolledBack', {
          version: answer.data.published.version,
          from: rollbackTo,
        }),
      });
      setWhy('');
      onChanged();
    } else {
      setMessage({ ok: false, text: messageOf(answer.body) ?? t('studioPack.failed') });
    }
  }

  if (!list) return null;
  return (
    <section aria-labelledby="studio-pack-versions" className="studio-pack-section">
      <h2 id="studio-pack-versions">{t('studioPack.versionsTitle')}</h2>
      <ol className="studio-pack-versions" reversed>
        {list.versions.map((v) => (
          <li key={v.version}>
            <strong>{t('studioPack.versionN', { version: v.version })}</strong>{' '}
            {formatDateTime(v.publishedAt, i18n.language)}
            {v.summary.note ? ` — ${v.summary.note}` : ''}{' '}
            {t('studioPack.versionSummary', {
              added: v.summary.added,
              changed: v.summary.changed,
              removed: v.summary.removed,
            })}
          </li>
        ))}
      </ol>
      <form className="form studio-pack-compare" onSubmit={(e) => void compare(e)}>
        <SelectField label={t('studioPack.compareFrom')} value={from} onValue={setFrom}>
          {list.versions.map((v) => (
            <option key={v.version} value={v.version}>
              {t('studioPack.versionN', { version: v.version })}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('studioPack.compareTo')} value={to} onValue={setTo}>
          <option value="draft">{t('studioPack.theDraft')}</option>
          {list.versions.map((v) => (
            <option key={v.version} value={v.version}>
              {t('studioPack.versionN', { version: v.version })}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button button--secondary">
          {t('studioPack.compare')}
        </button>
      </form>
      {diff && <DiffView diff={diff} />}
      {list.versions.length > 1 && (
        <form className="form" onSubmit={(e) => void rollback(e)}>
          <h3>{t('studioPack.rollbackTitle')}</h3>
          <SelectField
            label={t('studioPack.rollbackTo')}
            value={rollbackTo}
            onValue={setRollbackTo}
          >
            {list.versions.slice(1).map((v) => (
              <option key={v.version} value={v.version}>
                {t('studioPack.versionN', { version: v.version })}
              </option>
            ))}
          </SelectField>
          <TextField label={t('studioPack.rollbackWhy')} value={why} onValue={setWhy} required />
          <button type="submit" className="button button--secondary" disabled={!why.trim()}>
            {t('studioPack.rollback')}
          </button>
        </form>
      )}
      <div aria-live="polite">
        {message &&
          (message.ok ? (
            <p className="success">{message.text}</p>
          ) : (
            <ErrorMessage>{message.text}</ErrorMessage>
          ))}
      </div>
    </section>
  );
}
