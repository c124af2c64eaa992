// The studio's devices and doors, from the hub: issue an enrolment code for a place (its mode
// fixed by the code, shown once with a QR to scan), every device of each place with what it last
// reported when it synced and what looks wrong, and revoking or replacing a device. The hub
// decides who may do what (the franchisor every place, a manager their partner's), whatever
// this screen offers.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  checkCodeRequest,
  CODE_HOURS_DEFAULT,
  CODE_HOURS_MAX,
  CODE_HOURS_MIN,
  type CodeField,
  type DeviceSummary,
  type IssuedCode,
  type PlaceDevices,
  type ReplacedDevice,
  type StudioDevices,
} from '../../../shared/api/studio-devices.ts';
import type { DeviceMode } from '../../../shared/contact.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { hubPost, type HubPostResult } from '../../sync/hub-session.ts';
import { DeviceModeChoices } from '../../ui/device-mode-choices.tsx';
import { ErrorMessage, SelectField, TextField } from '../../ui/form-fields.tsx';
import { DataTable, HubView } from '../../ui/hub-view.tsx';
import { QrCode } from '../../ui/qr-code.tsx';

/** The link a QR code carries: the enrolment screen with the code (and its mode) filled in. */
function enrolLink(issued: IssuedCode): string {
  const query = new URLSearchParams({ code: issued.code, mode: issued.mode });
  return `${window.location.origin}/enrol?${query.toString()}`;
}

/** Why the hub did not do it, in the person's language where we know the reason. */
function useFailure() {
  const { t } = useTranslation();
  return (result: Exclude<HubPostResult<unknown>, { ok: true }>) =>
    result.reason === 'refused'
      ? t('studioDevices.refused', { message: result.message })
      : t(`hubView.${result.reason}`);
}

function NewCode({ issued, replaced }: { issued: IssuedCode; replaced: string | null }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="studio-code" aria-labelledby="studio-code-title" tabIndex={-1}>
      <h2 id="studio-code-title">
        {replaced
          ? t('studioDevices.code.replacementTitle', { name: replaced })
          : t('studioDevices.code.title', { place: issued.accessPointName })}
      </h2>
      <p className="studio-code__value" data-testid="issued-code">
        {issued.code}
      </p>
      <p>
        {t('studioDevices.code.details', {
          place: issued.accessPointName,
          mode: t(`studioDevices.modes.${issued.mode}`),
          until: formatDateTime(issued.expiresAt, i18n.language),
        })}
      </p>
      <p className="hint">{t('studioDevices.code.once')}</p>
      <QrCode value={enrolLink(issued)} label={t('studioDevices.code.qr', { code: issued.code })} />
    </section>
  );
}

function IssueForm({
  device,
  places,
  onIssued,
}: {
  device: DeviceSettings;
  places: readonly PlaceDevices[];
  onIssued: (issued: IssuedCode) => void;
}) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const failure = useFailure();
  const [place, setPlace] = useState('');
  const [mode, setMode] = useState<DeviceMode | null>(null);
  const [hours, setHours] = useState(String(CODE_HOURS_DEFAULT));
  const [problems, setProblems] = useState<CodeField[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!session) return;
    setError(null);
    const request = {
      accessPointId: place,
      ...(mode ? { mode } : {}),
      expiresInHours: hours.trim() === '' ? Number.NaN : Number(hours),
    };
    const checked = checkCodeRequest(request);
    if (!checked.ok) {
      setProblems(checked.problems.map((p) => p.field));
      return;
    }
    setProblems([]);
    setBusy(true);
    const result = await hubPost<IssuedCode>(
      device,
      session.staffId,
      '/api/studio/enrolment-codes',
      checked.value,
    );
    setBusy(false);
    if (result.ok) onIssued(result.data);
    else setError(failure(result));
  }

  const invalid = (field: CodeField) =>
    problems.includes(field) ? { 'aria-invalid': true as const } : {};
  return (
    <form className="form studio-issue" onSubmit={(event) => void submit(event)} noValidate>
      <h2>{t('studioDevices.issue.title')}</h2>
      <SelectField
        label={t('studioDevices.issue.place')}
        value={place}
        onValue={setPlace}
        {...invalid('accessPointId')}
      >
        <option value="">{t('studioDevices.issue.choosePlace')}</option>
        {places.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      {problems.includes('accessPointId') && (
        <ErrorMessage>{t('studioDevices.issue.placeRequired')}</ErrorMessage>
      )}
      <DeviceModeChoices
        legend={t('studioDevices.issue.mode')}
        name="code-mode"
        value={mode}
        onChoose={setMode}
        modeName={(m) => t(`studioDevices.modes.${m}`)}
      />
      {problems.includes('mode') && (
        <ErrorMessage>{t('studioDevices.issue.modeRequired')}</ErrorMessage>
      )}
      <TextField
        label={t('studioDevices.issue.hours')}
        hint={t('studioDevices.issue.hoursHint', { min: CODE_HOURS_MIN, max: CODE_HOURS_MAX })}
        type="number"
        inputMode="numeric"
        min={CODE_HOURS_MIN}
        max={CODE_HOURS_MAX}
        step={1}
        value={hours}
        onValue={setHours}
        {...invalid('expiresInHours')}
      />
      {problems.includes('expiresInHours') && (
        <ErrorMessage>
          {t('studioDevices.issue.hoursRange', { min: CODE_HOURS_MIN, max: CODE_HOURS_MAX })}
        </ErrorMessage>
      )}
      <ErrorMessage>{error}</ErrorMessage>
      <button type="submit" className="button" disabled={busy}>
        {t('studioDevices.issue.submit')}
      </button>
    </form>
  );
}

type Confirming = { id: string; action: 'revoke' | 'replace' } | null;

function DeviceActions({
  item,
  confirming,
  setConfirming,
  act,
}: {
  item: DeviceSummary;
  confirming: Confirming;
  setConfirming: (next: Confirming) => void;
  act: (item: DeviceSummary, action: 'revoke' | 'replace') => Promise<void>;
}) {
  const { t } = useTranslation();
  if (confirming?.id === item.id) {
    const action = confirming.action;
    return (
      <div className="studio-confirm" role="group" aria-label={t(`studioDevices.${action}.ask`)}>
        <p>{t(`studioDevices.${action}.confirm`, { name: item.name })}</p>
        <button
          type="button"
          className="button button--danger"
          ref={(button) => button?.focus()}
          onClick={() => void act(item, action)}
        >
          {t(`studioDevices.${action}.yes`, { name: item.name })}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setConfirming(null)}
        >
          {t('studioDevices.cancel')}
        </button>
      </div>
    );
  }
  return (
    <div className="studio-actions">
      {item.revokedAt === null && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setConfirming({ id: item.id, action: 'revoke' })}
        >
          {t('studioDevices.revoke.button', { name: item.name })}
        </button>
      )}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => setConfirming({ id: item.id, action: 'replace' })}
      >
        {t('studioDevices.replace.button', { name: item.name })}
      </button>
    </div>
  );
}

function Health({ item }: { item: DeviceSummary }) {
  const { t, i18n } = useTranslation();
  if (item.flags.length === 0) {
    return <span className="badge badge--synced">{t('studioDevices.flags.ok')}</span>;
  }
  return (
    <ul className="studio-flags">
      {item.flags.map((flag) => (
        <li key={flag} className={`badge ${flag === 'revoked' ? 'badge--done' : 'badge--pending'}`}>
          {t(`studioDevices.flags.${flag}`, {
            when: item.revokedAt ? formatDateTime(item.revokedAt, i18n.language) : '',
            count: item.outbox ?? 0,
          })}
        </li>
      ))}
    </ul>
  );
}

function PlaceTable({
  place,
  confirming,
  setConfirming,
  act,
}: {
  place: PlaceDevices;
  confirming: Confirming;
  setConfirming: (next: Confirming) => void;
  act: (item: DeviceSummary, action: 'revoke' | 'replace') => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const when = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : '–');
  return (
    <section className="studio-place" aria-labelledby={`place-${place.id}`}>
      <h3 id={`place-${place.id}`}>{place.name}</h3>
      {place.pendingCodes.length > 0 && (
        <p className="hint">{t('studioDevices.pending', { count: place.pendingCodes.length })}</p>
      )}
      {place.devices.length === 0 ? (
        <p>{t('studioDevices.noDevices')}</p>
      ) : (
        <DataTable
          caption={t('studioDevices.caption', { place: place.name })}
          columns={[
            t('studioDevices.columns.device'),
            t('studioDevices.columns.mode'),
            t('studioDevices.columns.staff'),
            t('studioDevices.columns.lastSync'),
            t('studioDevices.columns.outbox'),
            t('studioDevices.columns.versions'),
            t('studioDevices.columns.storage'),
            t('studioDevices.columns.health'),
            t('studioDevices.columns.actions'),
          ]}
          rows={place.devices}
          rowKey={(item) => item.id}
          rowData={(item) => ({ 'data-device': item.id })}
          cells={(item) => [
            item.name,
            t(`studioDevices.modes.${item.mode}`),
            item.lastStaffName ?? item.lastStaffId ?? '–',
            when(item.lastSyncAt),
            item.outbox === null ? '–' : String(item.outbox),
            item.appVersion === null && item.packVersion === null
              ? '–'
              : t('studioDevices.versions', {
                  app: item.appVersion ?? '–',
                  pack: item.packVersion ?? '–',
                }),
            item.storagePersisted === null
              ? '–'
              : t(item.storagePersisted ? 'studioDevices.persisted' : 'studioDevices.evictable'),
            <Health key="health" item={item} />,
            <DeviceActions
              key="actions"
              item={item}
              confirming={confirming}
              setConfirming={setConfirming}
              act={act}
            />,
          ]}
        />
      )}
    </section>
  );
}

export function StudioDevicesPage({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const failure = useFailure();
  const [issued, setIssued] = useState<{ code: IssuedCode; replaced: string | null } | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Bumped after each change, so the list is read again from the hub.
  const [generation, setGeneration] = useState(0);

  const showCode = (code: IssuedCode, replaced: string | null) => {
    setIssued({ code, replaced });
    setMessage(null);
    setGeneration((g) => g + 1);
    // The new code is what the person needs next: take them (and the screen reader) there.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>('.studio-code')?.focus({ preventScroll: false }),
    );
  };

  async function act(item: DeviceSummary, action: 'revoke' | 'replace') {
    if (!session) return;
    setError(null);
    const path = `/api/studio/devices/${encodeURIComponent(item.id)}/${action}`;
    const result =
      action === 'revoke'
        ? await hubPost<DeviceSummary>(device, session.staffId, path, {})
        : await hubPost<ReplacedDevice>(device, session.staffId, path, {});
    setConfirming(null);
    if (!result.ok) {
      setError(failure(result));
      return;
    }
    if (action === 'replace') {
      showCode((result.data as ReplacedDevice).code, item.name);
    } else {
      setMessage(t('studioDevices.revoke.done', { name: item.name }));
      setGeneration((g) => g + 1);
    }
  }

  return (
    <section className="panel studio-devices" aria-labelledby="studio-devices-title">
      <h1 id="studio-devices-title">{t('studioDevices.title')}</h1>
      <p className="hint">{t('studioDevices.intro')}</p>
      {issued && <NewCode issued={issued.code} replaced={issued.replaced} />}
      <p role="status">{message}</p>
      <ErrorMessage>{error}</ErrorMessage>
      <HubView<StudioDevices> key={generation} device={device} path="/api/studio/devices">
        {(data) => (
          <>
            <IssueForm
              device={device}
              places={data.places}
              onIssued={(code) => showCode(code, null)}
            />
            <h2>{t('studioDevices.byPlace')}</h2>
            <p className="hint">{t('studioDevices.flagsHint')}</p>
            {data.places.length === 0 ? (
              <p>{t('studioDevices.noPlaces')}</p>
            ) : (
              data.places.map((place) => (
                <PlaceTable
                  key={place.id}
                  place={place}
                  confirming={confirming}
                  setConfirming={setConfirming}
                  act={act}
                />
              ))
            )}
          </>
        )}
      </HubView>
    </section>
  );
}
