// The studio's pack: the draft over the published version (every record, what is changed and
// waiting, what is wrong), a record to open or a new one to start, publishing with a note, the
// versions with their differences and roll back, and importing an LGSL list or an HSDS dataset.
// Online, at the hub; the franchisor's ('pack.author'), checked again by the hub.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PACK_KINDS, type PackKind } from '../../../shared/pack/schema.ts';
import type { DraftIndex } from '../../../shared/pack/studio-api.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { SelectField, TextField } from '../../ui/form-fields.tsx';
import { DataTable, HubView } from '../../ui/hub-view.tsx';
import { RECORD_ID, RecordIdField } from '../../ui/record-id-field.tsx';
import { PackErrorItems } from './error-list.tsx';
import { ImportPanel } from './import-panel.tsx';
import { PublishPanel } from './publish-panel.tsx';
import { VersionsPanel } from './versions-panel.tsx';

const SHOWN = 40;

function DraftRecords({ index }: { index: DraftIndex }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [kind, setKind] = useState<PackKind | 'changed'>('changed');
  const [search, setSearch] = useState('');
  const [newKind, setNewKind] = useState<PackKind>('services');
  const [newId, setNewId] = useState('');
  const pending = index.entries.filter((e) => e.pending);
  const words = search.trim().toLowerCase();
  const matching = index.entries.filter(
    (e) =>
      (kind === 'changed' ? e.pending : e.kind === kind) &&
      (!words || e.title.toLowerCase().includes(words) || e.id.includes(words)),
  );

  function start(event: FormEvent) {
    event.preventDefault();
    const id = newId.trim();
    if (!RECORD_ID.test(id)) return;
    void navigate(`/studio/pack/${newKind}/${id}?new=1`);
  }

  return (
    <>
      <p>
        {t('studioPack.state', { version: index.version, count: pending.length })}{' '}
        {index.errors.length === 0 ? t('studioPack.valid') : null}
      </p>
      {index.errors.length > 0 && (
        <div className="studio-pack-errors" role="alert">
          <h2>{t('studioPack.errorsTitle', { count: index.errors.length })}</h2>
          <PackErrorItems errors={index.errors.slice(0, 20)} />
        </div>
      )}
      <section aria-labelledby="studio-pack-records">
        <h2 id="studio-pack-records">{t('studioPack.records')}</h2>
        <div className="studio-pack-filters">
          <SelectField
            label={t('studioPack.show')}
            value={kind}
            onValue={(v) => setKind(v as PackKind | 'changed')}
          >
            <option value="changed">{t('studioPack.changedOnly')}</option>
            {PACK_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`studioPack.kinds.${k}`)}
              </option>
            ))}
          </SelectField>
          <TextField label={t('studioPack.search')} value={search} onValue={setSearch} />
        </div>
        {matching.length === 0 ? (
          <p>{t('studioPack.noRecords')}</p>
        ) : (
          <DataTable
            caption={t('studioPack.recordsCaption', {
              shown: Math.min(SHOWN, matching.length),
              count: matching.length,
            })}
            columns={[t('studioPack.record'), t('studioPack.kind'), t('studioPack.recordState')]}
            rows={matching.slice(0, SHOWN)}
            rowKey={(e) => `${e.kind}/${e.id}`}
            cells={(e) => [
              <Link key="link" to={`/studio/pack/${e.kind}/${e.id}`}>
                {e.title}
              </Link>,
              t(`studioPack.kinds.${e.kind}`),
              e.removed
                ? t('studioPack.removed')
                : e.pending
                  ? t('studioPack.changed')
                  : t('studioPack.asPublished'),
            ]}
          />
        )}
        <form className="form studio-pack-new" onSubmit={start}>
          <h3>{t('studioPack.newRecord')}</h3>
          <SelectField
            label={t('studioPack.kind')}
            value={newKind}
            onValue={(v) => setNewKind(v as PackKind)}
          >
            {PACK_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`studioPack.kinds.${k}`)}
              </option>
            ))}
          </SelectField>
          <RecordIdField label={t('studioPack.newId')} value={newId} onValue={setNewId} />
          <button type="submit" className="button">
            {t('studioPack.start')}
          </button>
        </form>
      </section>
    </>
  );
}

export function StudioPackPage({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  // Publishing, rolling back or importing changes the draft: its view loads again.
  const [generation, setGeneration] = useState(0);
  const changed = () => setGeneration((g) => g + 1);
  return (
    <section className="panel studio-pack" aria-labelledby="studio-pack-title">
      <h1 id="studio-pack-title">{t('studioPack.title')}</h1>
      <p className="hint">{t('studioPack.intro')}</p>
      <HubView<DraftIndex> device={device} path={`/api/studio/pack/draft?g=${generation}`}>
        {(index) => <DraftRecords index={index} />}
      </HubView>
      <PublishPanel device={device} onPublished={changed} />
      <VersionsPanel device={device} generation={generation} onChanged={changed} />
      <ImportPanel device={device} onImported={changed} />
    </section>
  );
}
