// A service as a counter and as a kiosk would show it, from the draft (with the record being
// edited in place of its saved version), in any of the six languages: a counter shows staff
// their script, a kiosk only the citizen's wording. Text missing in the chosen language is
// shown in English and marked, as a device would fall back.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PACK_LANGUAGES,
  resolveText,
  type LocalText,
  type PackLanguage,
} from '../../../shared/pack/local-text.ts';
import type { Commitment, ProcessMap, Service } from '../../../shared/pack/schema.ts';
import type { DraftKind, DraftRecord } from '../../../shared/pack/studio-api.ts';
import { UI_LANGUAGES } from '../../i18n/i18n.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { Choices, SelectField } from '../../ui/form-fields.tsx';
import { callHub } from './pack-api.ts';

interface Parts {
  service: Service | null;
  commitments: Commitment[];
  map: ProcessMap | null;
}

function Text({ value, lang }: { value: LocalText | undefined; lang: PackLanguage }) {
  const { t } = useTranslation();
  if (!value) return null;
  const resolved = resolveText(value, lang);
  return (
    <>
      <span lang={resolved.lang} dir={resolved.lang === 'ar' ? 'rtl' : 'ltr'}>
        {resolved.text}
      </span>
      {resolved.fallback && (
        <span className="preview-fallback">{` ${t('studioPack.preview.fallback')}`}</span>
      )}
    </>
  );
}

/** The map's steps in order from its start (each once). */
function walk(map: ProcessMap): ProcessMap['steps'] {
  const byId = new Map(map.steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const order: ProcessMap['steps'] = [];
  const queue = [map.start];
  while (queue.length) {
    const step = byId.get(queue.shift()!);
    if (!step || seen.has(step.id)) continue;
    seen.add(step.id);
    order.push(step);
    if (step.kind === 'question') queue.push(...step.answers.map((a) => a.next));
    else if (step.kind !== 'outcome') queue.push(step.next);
  }
  return order;
}

export function ServicePreview({
  device,
  serviceId,
  editing,
}: {
  device: DeviceSettings;
  serviceId: string;
  /** The record on screen, unsaved edits included. */
  editing: { kind: string; record: unknown };
}) {
  const { t, i18n } = useTranslation();
  const session = useStaffSession();
  const staffId = session?.staffId;
  const [saved, setSaved] = useState<Parts | null>(null);
  const [mode, setMode] = useState<'counter' | 'kiosk'>('counter');
  const [lang, setLang] = useState<PackLanguage>(
    (PACK_LANGUAGES as readonly string[]).includes(i18n.language)
      ? (i18n.language as PackLanguage)
      : 'en',
  );

  useEffect(() => {
    if (!staffId) return;
    let current = true;
    void Promise.all([
      callHub<DraftRecord>(device, staffId, `/api/studio/pack/draft/services/${serviceId}`),
      callHub<DraftKind>(device, staffId, '/api/studio/pack/draft/commitments'),
      callHub<DraftKind>(device, staffId, '/api/studio/pack/draft/processMaps'),
    ]).then(([service, commitments, maps]) => {
      if (!current) return;
      const mine = <T,>(kind: DraftKind | null) =>
        (kind?.records ?? [])
          .map((r) => r.record as (T & { serviceId: string }) | null)
          .filter((r): r is T & { serviceId: string } => !!r && r.serviceId === serviceId);
      setSaved({
        service: service.ok ? (service.data.record as Service | null) : null,
        commitments: mine<Commitment>(commitments.ok ? commitments.data : null),
        map: mine<ProcessMap>(maps.ok ? maps.data : null)[0] ?? null,
      });
    });
    return () => {
      current = false;
    };
  }, [device, staffId, serviceId]);

  if (!saved) return <p>{t('app.loading')}</p>;
  const record = editing.record as { id?: string };
  const parts: Parts = {
    service: editing.kind === 'services' ? (editing.record as Service) : saved.service,
    commitments:
      editing.kind === 'commitments'
        ? [...saved.commitments.filter((c) => c.id !== record.id), editing.record as Commitment]
        : saved.commitments,
    map: editing.kind === 'processMaps' ? (editing.record as ProcessMap) : saved.map,
  };
  const { service, commitments, map } = parts;
  const kiosk = mode === 'kiosk';
  const steps = map && Array.isArray(map.steps) ? walk(map) : [];

  return (
    <section className="studio-preview" aria-labelledby="studio-preview-title">
      <h2 id="studio-preview-title">{t('studioPack.preview.title')}</h2>
      <div className="studio-preview__controls">
        <Choices
          legend={t('studioPack.preview.as')}
          name="preview-mode"
          value={mode}
          onChoose={setMode}
          options={['counter', 'kiosk'] as const}
          label={(m) => t(`studioPack.preview.${m}`)}
        />
        <SelectField
          label={t('studioPack.preview.language')}
          value={lang}
          onValue={(v) => setLang(v as PackLanguage)}
        >
          {UI_LANGUAGES.map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>
              {l.name}
            </option>
          ))}
        </SelectField>
      </div>
      <article
        className={`studio-preview__screen studio-preview__screen--${mode}`}
        aria-label={t(
          kiosk ? 'studioPack.preview.kioskScreen' : 'studioPack.preview.counterScreen',
        )}
      >
        {service ? (
          <>
            <h3>
              <Text value={service.name} lang={lang} />
            </h3>
            <p>
              <Text value={service.description} lang={lang} />
            </p>
            {!kiosk && <p>{t('studioPack.preview.tier', { tier: service.tier })}</p>}
            {service.eligibility && (
              <p>
                <strong>{t('studioPack.field.eligibility')}</strong>{' '}
                <Text value={service.eligibility} lang={lang} />
              </p>
            )}
            {service.fees && (
              <p>
                <strong>{t('studioPack.field.fees')}</strong>{' '}
                <Text value={service.fees} lang={lang} />
              </p>
            )}
          </>
        ) : (
          <p>{t('studioPack.preview.noService')}</p>
        )}
        {commitments.map((c) => (
          <div key={c.id} className="studio-preview__promise">
            <strong>{t('studioPack.preview.promise')}</strong>{' '}
            <Text value={c.promise} lang={lang} />
            {!kiosk && (c.steps ?? []).length > 0 && (
              <ul>
                {(c.steps ?? []).map((s) => (
                  <li key={s.id}>
                    {t('studioPack.preview.level', { level: s.level })}{' '}
                    <Text value={s.title} lang={lang} />
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
        {steps.length > 0 && (
          <ol className="studio-preview__steps">
            {steps.map((s) => (
              <li key={s.id}>
                {/* A kiosk shows the citizen's wording only; a counter the staff script too. */}
                <p>
                  <Text value={kiosk ? s.citizen : s.staff} lang={lang} />
                </p>
                {!kiosk && (
                  <p className="hint">
                    {t('studioPack.preview.citizenSees')} <Text value={s.citizen} lang={lang} />
                  </p>
                )}
                {s.kind === 'question' && (
                  <ul>
                    {(s.answers ?? []).map((a) => (
                      <li key={a.id}>
                        <Text value={a.label} lang={lang} />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        )}
      </article>
    </section>
  );
}
