// One record of the draft, edited: every field from its schema (texts in all six languages side
// by side, the missing ones marked), validated as you type against the whole draft (the hub's
// validatePack, a moment after the last keystroke), saved with the revision it was opened at.
// If someone else saved it meanwhile the hub refuses (409) and their version is shown, to
// take or to overwrite knowingly. A process map is drawn as it is edited; a service, its
// commitment or its map can be previewed as a counter and as a kiosk show it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { packRecordSchemas, PACK_KINDS, type PackKind } from '../../../shared/pack/schema.ts';
import type {
  DraftConflict,
  DraftRecord,
  DraftRefused,
  DraftSaved,
  DraftValidation,
  VersionList,
} from '../../../shared/pack/studio-api.ts';
import type { PackError } from '../../../shared/pack/validate-pack.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { BackLink } from '../../ui/back-link.tsx';
import { EditConflict } from '../../ui/edit-conflict.tsx';
import { ErrorMessage } from '../../ui/form-fields.tsx';
import { HubView } from '../../ui/hub-view.tsx';
import { blankOf, SchemaForm } from '../../ui/schema-form.tsx';
import { ErrorList } from './error-list.tsx';
import { MapDiagram } from './map-diagram.tsx';
import { callHub, messageOf } from './pack-api.ts';
import { ServicePreview } from './service-preview.tsx';

type Obj = Record<string, unknown>;

/** How long after the last change the draft is validated again. */
const VALIDATE_AFTER_MS = 500;

type Status =
  | { kind: 'idle' }
  | { kind: 'saved'; revision: number }
  | { kind: 'removed' }
  | { kind: 'conflict'; current: DraftRecord }
  | { kind: 'refused'; message: string; errors: PackError[] }
  | { kind: 'failed'; message: string };

function Editor({
  device,
  kind,
  id,
  opened,
}: {
  device: DeviceSettings;
  kind: PackKind;
  id: string;
  opened: DraftRecord;
}) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const staffId = session?.staffId;
  const [value, setValue] = useState<Obj>(
    (opened.record as Obj | null) ?? (opened.published as Obj | null) ?? {},
  );
  const [revision, setRevision] = useState(opened.revision);
  const [errors, setErrors] = useState<PackError[]>([]);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const validate = useCallback(
    (record: Obj) => {
      if (!staffId) return;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        void callHub<DraftValidation>(device, staffId, '/api/studio/pack/draft/validate', 'POST', {
          kind,
          id,
          record,
        }).then((answer) => {
          if (answer.ok) setErrors(answer.data.errors);
        });
      }, VALIDATE_AFTER_MS);
    },
    [device, staffId, kind, id],
  );
  useEffect(() => {
    validate(value);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
    // Only on opening; every change validates from onChange.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function change(next: Obj) {
    setValue(next);
    setStatus({ kind: 'idle' });
    validate(next);
  }

  async function save(method: 'PUT' | 'DELETE') {
    if (!staffId) return;
    setBusy(true);
    const answer =
      method === 'PUT'
        ? await callHub<DraftSaved>(
            device,
            staffId,
            `/api/studio/pack/draft/${kind}/${id}`,
            'PUT',
            {
              revision,
              record: value,
            },
          )
        : await callHub<DraftSaved>(
            device,
            staffId,
            `/api/studio/pack/draft/${kind}/${id}?revision=${revision}`,
            'DELETE',
          );
    setBusy(false);
    if (answer.ok) {
      setRevision(answer.data.revision);
      setErrors(answer.data.errors);
      setStatus(
        method === 'PUT' ? { kind: 'saved', revision: answer.data.revision } : { kind: 'removed' },
      );
      return;
    }
    if (answer.status === 409) {
      setStatus({ kind: 'conflict', current: (answer.body as DraftConflict).current });
      return;
    }
    if (answer.status === 422) {
      const refused = answer.body as DraftRefused;
      setStatus({ kind: 'refused', message: t('studioPack.refused'), errors: refused.errors });
      return;
    }
    setStatus({ kind: 'failed', message: messageOf(answer.body) ?? t('studioPack.failed') });
  }

  function takeTheirs(current: DraftRecord) {
    setValue((current.record as Obj | null) ?? {});
    setRevision(current.revision);
    setStatus({ kind: 'idle' });
    setFormKey((k) => k + 1);
    validate((current.record as Obj | null) ?? {});
  }

  const mine = errors.filter((e) => e.kind === kind && e.record === id);
  const others = errors.length - mine.length;
  const serviceId =
    kind === 'services' ? id : typeof value.serviceId === 'string' ? value.serviceId : null;

  return (
    <>
      <p className="hint">
        {opened.published
          ? t('studioPack.revisionOf', { revision })
          : t('studioPack.newRecordHint')}
      </p>
      <div aria-live="polite" className="studio-pack-validation">
        {mine.length === 0 ? (
          <p className="success">{t('studioPack.recordValid')}</p>
        ) : (
          <p className="error">{t('studioPack.recordErrors', { count: mine.length })}</p>
        )}
        {others > 0 && <p className="hint">{t('studioPack.otherErrors', { count: others })}</p>}
      </div>
      {kind === 'processMaps' && <MapDiagram value={value} />}
      <form
        className="form studio-pack-editor"
        onSubmit={(event) => {
          event.preventDefault();
          void save('PUT');
        }}
      >
        <SchemaForm
          key={formKey}
          schema={packRecordSchemas[kind]}
          value={value}
          onChange={change}
          errors={mine}
          locked={['id']}
        />
        <div className="studio-pack-actions">
          <button type="submit" className="button" disabled={busy}>
            {t('studioPack.save')}
          </button>
          {opened.published && (
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => void save('DELETE')}
            >
              {t('studioPack.remove')}
            </button>
          )}
        </div>
      </form>
      <div aria-live="assertive">
        {status.kind === 'saved' && (
          <p className="success">{t('studioPack.saved', { revision: status.revision })}</p>
        )}
        {status.kind === 'removed' && <p className="success">{t('studioPack.removedSaved')}</p>}
        {status.kind === 'refused' && <ErrorList message={status.message} errors={status.errors} />}
        {status.kind === 'failed' && <ErrorMessage>{status.message}</ErrorMessage>}
        {status.kind === 'conflict' && (
          <EditConflict current={status.current} onTakeTheirs={() => takeTheirs(status.current)}>
            <details>
              <summary>{t('studioPack.theirVersion')}</summary>
              <pre className="studio-pack-theirs">
                {JSON.stringify(status.current.record, null, 2)}
              </pre>
            </details>
          </EditConflict>
        )}
      </div>
      {serviceId && (
        <ServicePreview device={device} serviceId={serviceId} editing={{ kind, record: value }} />
      )}
    </>
  );
}

export function RecordEditorPage({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  const params = useParams();
  const [search] = useSearchParams();
  const session = useStaffSession();
  const staffId = session?.staffId;
  const kind = params.kind as PackKind;
  const id = params.id ?? '';
  const isNew = search.get('new') === '1';
  const [opened, setOpened] = useState<DraftRecord | null | 'missing' | 'failed'>(null);

  useEffect(() => {
    if (!staffId || !PACK_KINDS.includes(kind)) return;
    let current = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      void callHub<DraftRecord>(device, staffId, `/api/studio/pack/draft/${kind}/${id}`).then(
        (answer) => {
          if (!current) return;
          // Until the person has opened a hub session (the prompt above), try again shortly.
          if (!answer.ok && answer.reason === 'no-session') retry = setTimeout(load, 1000);
          else if (answer.ok) setOpened(answer.data);
          else if (answer.status === 404 && isNew) {
            setOpened({
              kind,
              id,
              revision: 0,
              pending: false,
              record: { ...(blankOf(packRecordSchemas[kind]) as Obj), id } as never,
              published: null,
              updatedBy: null,
              updatedAt: null,
            });
          } else setOpened(answer.status === 404 ? 'missing' : 'failed');
        },
      );
    load();
    return () => {
      current = false;
      clearTimeout(retry);
    };
  }, [device, staffId, kind, id, isNew]);

  return (
    <section className="panel studio-pack" aria-labelledby="record-editor-title">
      <BackLink to="/studio/pack">{t('studioPack.back')}</BackLink>
      <h1 id="record-editor-title">
        {t('studioPack.editTitle', {
          kind: PACK_KINDS.includes(kind) ? t(`studioPack.kinds.${kind}`) : kind,
          id,
        })}
      </h1>
      {/* The versions are small: loading them opens a hub session first when there is none. */}
      <HubView<VersionList> device={device} path="/api/studio/pack/versions">
        {() => null}
      </HubView>
      {!PACK_KINDS.includes(kind) || opened === 'missing' ? (
        <ErrorMessage>{t('studioPack.noSuchRecord')}</ErrorMessage>
      ) : opened === 'failed' ? (
        <ErrorMessage>{t('studioPack.failed')}</ErrorMessage>
      ) : opened === null ? (
        <p>{t('app.loading')}</p>
      ) : (
        <Editor key={`${kind}/${id}`} device={device} kind={kind} id={id} opened={opened} />
      )}
    </section>
  );
}
