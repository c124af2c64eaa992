// One place (or partner) edited: every field from the pack's schema — opening hours, closures
// and bank holidays, facilities, the mobile library's stops — and the services offered face to
// face, found by name. Saving publishes the change at once (the hub checks the person may
// change this place, and the whole pack is validated); someone else's save since it was opened
// is refused with their version.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { packAccessPoint, partner } from '../../../shared/pack/schema.ts';
import type {
  DraftConflict,
  DraftRefused,
  PlaceSaved,
  PlacesView,
} from '../../../shared/pack/studio-api.ts';
import type { PackError } from '../../../shared/pack/validate-pack.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { hubFetch } from '../../sync/hub-session.ts';
import { BackLink } from '../../ui/back-link.tsx';
import { EditConflict } from '../../ui/edit-conflict.tsx';
import { ErrorMessage, TextField } from '../../ui/form-fields.tsx';
import { HubView } from '../../ui/hub-view.tsx';
import { blankOf, SchemaForm } from '../../ui/schema-form.tsx';

type Obj = Record<string, unknown>;

function ServicesOffered({
  services,
  chosen,
  onChange,
}: {
  services: PlacesView['services'];
  chosen: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const words = search.trim().toLowerCase();
  const name = new Map(services.map((s) => [s.id, s.name]));
  const found = words
    ? services
        .filter((s) => !chosen.includes(s.id) && s.name.toLowerCase().includes(words))
        .slice(0, 12)
    : [];
  return (
    <fieldset className="schema-field schema-field--choices">
      <legend>{t('studioPack.field.faceToFaceServiceIds')}</legend>
      <p className="hint">{t('studioPlaces.servicesCount', { count: chosen.length })}</p>
      <TextField label={t('studioPlaces.findService')} value={search} onValue={setSearch} />
      {found.length > 0 && (
        <ul className="studio-places-found">
          {found.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => onChange([...chosen, s.id])}
              >
                {t('studioPlaces.offer', { service: s.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>{t('studioPlaces.offered')}</summary>
        <ul className="studio-places-offered">
          {chosen.map((id) => (
            <li key={id}>
              {name.get(id) ?? id}{' '}
              <button
                type="button"
                className="button button--secondary"
                onClick={() => onChange(chosen.filter((c) => c !== id))}
              >
                {t('studioPlaces.stopOffering', { service: name.get(id) ?? id })}
              </button>
            </li>
          ))}
        </ul>
      </details>
    </fieldset>
  );
}

function Editor({
  device,
  view,
  kind,
  id,
  isNew,
}: {
  device: DeviceSettings;
  view: PlacesView;
  kind: 'accessPoints' | 'partners';
  id: string;
  isNew: boolean;
}) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const schema = kind === 'accessPoints' ? packAccessPoint : partner;
  const found = (kind === 'accessPoints' ? view.places : view.partners).find((r) => r.id === id);
  const [value, setValue] = useState<Obj>(
    (found?.record as Obj | null) ?? { ...(blankOf(schema) as Obj), id },
  );
  const [revision, setRevision] = useState(found?.revision ?? 0);
  const [formKey, setFormKey] = useState(0);
  const [status, setStatus] = useState<
    | { kind: 'saved'; version: number }
    | { kind: 'refused'; message: string; errors: PackError[] }
    | { kind: 'conflict'; current: DraftConflict['current'] }
    | null
  >(null);

  if (!found && !isNew) return <ErrorMessage>{t('studioPack.noSuchRecord')}</ErrorMessage>;

  async function save() {
    if (!session) return;
    const path =
      kind === 'accessPoints' ? `/api/studio/places/${id}` : `/api/studio/partners/${id}`;
    const sent = await hubFetch(device, session.staffId, path, {
      method: 'PUT',
      body: { revision, record: value },
    });
    if (sent.ok) {
      const saved = (await sent.response.json()) as PlaceSaved;
      setRevision(saved.revision);
      setStatus({ kind: 'saved', version: saved.version });
      return;
    }
    const body = (await sent.refused?.json().catch(() => null)) as
      DraftRefused | DraftConflict | { message?: string } | null;
    if (sent.refused?.status === 409 && body && 'current' in body) {
      setStatus({ kind: 'conflict', current: body.current });
    } else {
      setStatus({
        kind: 'refused',
        message:
          sent.reason === 'forbidden'
            ? t('studioPlaces.notYours')
            : (body && 'message' in body && body.message) || t('studioPack.failed'),
        errors: body && 'errors' in body ? body.errors : [],
      });
    }
  }

  const errors = status?.kind === 'refused' ? status.errors.filter((e) => e.record === id) : [];
  return (
    <form
      className="form studio-pack-editor"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <SchemaForm
        key={formKey}
        schema={schema}
        value={value}
        onChange={(next) => {
          setValue(next);
          setStatus(null);
        }}
        errors={errors}
        locked={['id']}
        only={Object.keys(schema.shape).filter((k) => k !== 'faceToFaceServiceIds')}
      />
      {kind === 'accessPoints' && (
        <ServicesOffered
          services={view.services}
          chosen={(value.faceToFaceServiceIds as string[] | undefined) ?? []}
          onChange={(ids) => setValue({ ...value, faceToFaceServiceIds: ids })}
        />
      )}
      <button type="submit" className="button">
        {t('studioPlaces.saveAndPublish')}
      </button>
      <div aria-live="assertive">
        {status?.kind === 'saved' && (
          <p className="success">{t('studioPlaces.saved', { version: status.version })}</p>
        )}
        {status?.kind === 'refused' && (
          <div className="error" role="alert">
            <p>{status.message}</p>
            <ul>
              {status.errors.map((e, i) => (
                <li key={i}>
                  <code>{e.field}</code> {e.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
        {status?.kind === 'conflict' && (
          <EditConflict
            current={status.current}
            onTakeTheirs={() => {
              setValue((status.current.record as Obj | null) ?? {});
              setRevision(status.current.revision);
              setFormKey((k) => k + 1);
              setStatus(null);
            }}
          />
        )}
      </div>
    </form>
  );
}

export function PlaceEditorPage({
  device,
  kind,
}: {
  device: DeviceSettings;
  kind: 'accessPoints' | 'partners';
}) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  return (
    <section className="panel studio-places" aria-labelledby="place-editor-title">
      <BackLink to="/studio/places">{t('studioPlaces.back')}</BackLink>
      <h1 id="place-editor-title">
        {t(kind === 'accessPoints' ? 'studioPlaces.editPlace' : 'studioPlaces.editPartner', { id })}
      </h1>
      <HubView<PlacesView> device={device} path="/api/studio/places">
        {(view) => (
          <Editor
            key={id}
            device={device}
            view={view}
            kind={kind}
            id={id}
            isNew={search.get('new') === '1'}
          />
        )}
      </HubView>
    </section>
  );
}
