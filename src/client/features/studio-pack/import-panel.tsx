// Import a Local Government Service List CSV or an HSDS 3.0 dataset (its JSON files) into the
// draft, with the hub's report: what it adds and changes, and validatePack's errors. The hub
// writes nothing when the draft would become invalid.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../shared/pack/studio-api.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { Choices, ErrorMessage } from '../../ui/form-fields.tsx';
import { ErrorList } from './error-list.tsx';
import { callHub, messageOf } from './pack-api.ts';

export function ImportPanel({
  device,
  onImported,
}: {
  device: DeviceSettings;
  onImported: () => void;
}) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const [format, setFormat] = useState<'lgsl' | 'hsds'>('lgsl');
  const [files, setFiles] = useState<File[]>([]);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!session || files.length === 0) return;
    setReport(null);
    setFailure(null);
    let body: unknown;
    try {
      if (format === 'lgsl') body = { format, csv: await files[0]!.text() };
      else {
        const parts: Record<string, unknown> = {};
        for (const file of files)
          parts[file.name.replace(/\.json$/, '')] = JSON.parse(await file.text());
        body = { format, files: parts };
      }
    } catch {
      setFailure(t('studioPack.importUnreadable'));
      return;
    }
    const answer = await callHub<ImportReport>(
      device,
      session.staffId,
      '/api/studio/pack/import',
      'POST',
      body,
    );
    if (answer.ok) {
      setReport(answer.data);
      if (answer.data.imported) onImported();
    } else setFailure(messageOf(answer.body) ?? t('studioPack.failed'));
  }

  return (
    <section aria-labelledby="studio-pack-import" className="studio-pack-section">
      <h2 id="studio-pack-import">{t('studioPack.importTitle')}</h2>
      <form className="form" onSubmit={(e) => void send(e)}>
        <Choices
          legend={t('studioPack.importFormat')}
          name="import-format"
          value={format}
          onChoose={setFormat}
          options={['lgsl', 'hsds'] as const}
          label={(v) => t(v === 'lgsl' ? 'studioPack.importLgsl' : 'studioPack.importHsds')}
        />
        <div className="field">
          <label htmlFor="studio-pack-import-files">{t('studioPack.importFiles')}</label>
          <input
            id="studio-pack-import-files"
            type="file"
            accept={format === 'lgsl' ? '.csv,text/csv' : '.json,application/json'}
            multiple={format === 'hsds'}
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
        </div>
        <button type="submit" className="button button--secondary" disabled={files.length === 0}>
          {t('studioPack.import')}
        </button>
      </form>
      <div aria-live="polite">
        {failure && <ErrorMessage>{failure}</ErrorMessage>}
        {report && (
          <div className="studio-pack-report">
            <p>
              {t(report.imported ? 'studioPack.imported' : 'studioPack.notImported', {
                added: report.added,
                changed: report.changed,
                unchanged: report.unchanged,
              })}
            </p>
            {report.errors.length > 0 && <ErrorList errors={report.errors} />}
            {report.warnings.length > 0 && (
              <ul className="hint">
                {report.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
