// The studio's Open311 API keys, from the hub: create a named key for a partner (shown once,
// to copy into FixMyStreet or another integration), every key with when it was last used, and
// revoking one. The franchisor manages every partner's keys and network-wide ones; a partner
// manager only their own partner's. The hub decides, whatever this screen offers.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  OPEN311_KEY_NAME,
  type Open311KeyCreated,
  type Open311KeyList,
  type Open311KeySummary,
} from '../../../shared/api/open311-keys.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { hubPost, type HubPostResult } from '../../sync/hub-session.ts';
import { ErrorMessage, SelectField, TextField } from '../../ui/form-fields.tsx';
import { DataTable, HubView } from '../../ui/hub-view.tsx';

/** The select's value for a network-wide key (no partner). */
const NETWORK = '';

/** Why the hub did not do it, in the person's language where we know the reason. */
function useFailure() {
  const { t } = useTranslation();
  return (result: Exclude<HubPostResult<unknown>, { ok: true }>) =>
    result.reason === 'refused'
      ? t('studioKeys.refused', { message: result.message })
      : t(`hubView.${result.reason}`);
}

/** The key just made: shown this once, focused so a screen reader reads it at once. */
function NewKey({ created }: { created: Open311KeyCreated }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [created]);
  return (
    <section className="studio-key" aria-labelledby="studio-key-title">
      <h2 id="studio-key-title" tabIndex={-1} ref={heading}>
        {t('studioKeys.created.title', { name: created.summary.name })}
      </h2>
      <p>{t('studioKeys.created.once')}</p>
      <label htmlFor="studio-key-value">{t('studioKeys.created.label')}</label>
      <input
        id="studio-key-value"
        className="studio-key__value"
        readOnly
        value={created.key}
        dir="ltr"
        onFocus={(event) => event.target.select()}
      />
    </section>
  );
}

function CreateForm({
  device,
  list,
  onCreated,
}: {
  device: DeviceSettings;
  list: Open311KeyList;
  onCreated: (created: Open311KeyCreated) => void;
}) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const failure = useFailure();
  const [name, setName] = useState('');
  const [partnerId, setPartnerId] = useState(list.partners[0]?.id ?? NETWORK);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(event: FormEvent) {
    event.preventDefault();
    if (!session) return;
    const typed = name.trim();
    if (!OPEN311_KEY_NAME.test(typed)) {
      setProblem(t('studioKeys.form.badName'));
      return;
    }
    setBusy(true);
    const result = await hubPost<Open311KeyCreated>(
      device,
      session.staffId,
      '/api/studio/open311-keys',
      { name: typed, partnerId: partnerId === NETWORK ? null : partnerId },
    );
    setBusy(false);
    if (!result.ok) {
      setProblem(failure(result));
      return;
    }
    setProblem(null);
    setName('');
    onCreated(result.data);
  }

  return (
    <form className="form" onSubmit={(event) => void create(event)} noValidate>
      <h2>{t('studioKeys.form.title')}</h2>
      <TextField
        label={t('studioKeys.form.name')}
        hint={t('studioKeys.form.nameHint')}
        value={name}
        onValue={setName}
        autoComplete="off"
        spellCheck={false}
        maxLength={60}
        dir="ltr"
        aria-invalid={problem ? true : undefined}
        {...(problem ? { 'aria-errormessage': 'studio-key-problem' } : {})}
      />
      <SelectField
        label={t('studioKeys.form.partner')}
        hint={t('studioKeys.form.partnerHint')}
        value={partnerId}
        onValue={setPartnerId}
      >
        {list.partners.map((p) => (
          <option key={p.id} value={p.id}>
            {t('studioKeys.form.partnerOption', { name: p.name, services: p.services })}
          </option>
        ))}
        {list.mayIssueNetworkKey && <option value={NETWORK}>{t('studioKeys.network')}</option>}
      </SelectField>
      {problem && <ErrorMessage id="studio-key-problem">{problem}</ErrorMessage>}
      <button type="submit" className="button" disabled={busy}>
        {t('studioKeys.form.create')}
      </button>
    </form>
  );
}

function RevokeButton({
  device,
  apiKey,
  onRevoked,
}: {
  device: DeviceSettings;
  apiKey: Open311KeySummary;
  onRevoked: (message: string) => void;
}) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const failure = useFailure();
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);

  if (apiKey.revokedAt) return null;
  async function revoke() {
    if (!session) return;
    const result = await hubPost<Open311KeySummary>(
      device,
      session.staffId,
      `/api/studio/open311-keys/${encodeURIComponent(apiKey.name)}/revoke`,
    );
    if (!result.ok) {
      setProblem(failure(result));
      return;
    }
    setAsking(false);
    onRevoked(t('studioKeys.revoked', { name: apiKey.name }));
  }
  if (!asking) {
    return (
      <button type="button" className="button button--secondary" onClick={() => setAsking(true)}>
        {t('studioKeys.revoke', { name: apiKey.name })}
      </button>
    );
  }
  return (
    <div className="studio-key__confirm" role="group" aria-label={t('studioKeys.confirm.label')}>
      <p>{t('studioKeys.confirm.question', { name: apiKey.name })}</p>
      <button type="button" className="button" ref={confirm} onClick={() => void revoke()}>
        {t('studioKeys.confirm.yes', { name: apiKey.name })}
      </button>
      <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>
        {t('studioKeys.confirm.no')}
      </button>
      {problem && <ErrorMessage>{problem}</ErrorMessage>}
    </div>
  );
}

function KeyTable({
  device,
  list,
  onRevoked,
}: {
  device: DeviceSettings;
  list: Open311KeyList;
  onRevoked: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const partnerName = (id: string | null) =>
    id === null ? t('studioKeys.network') : (list.partners.find((p) => p.id === id)?.name ?? id);
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  if (list.keys.length === 0) return <p>{t('studioKeys.empty')}</p>;
  return (
    <DataTable
      caption={t('studioKeys.table.caption')}
      columns={[
        t('studioKeys.table.name'),
        t('studioKeys.table.partner'),
        t('studioKeys.table.startsWith'),
        t('studioKeys.table.created'),
        t('studioKeys.table.lastUsed'),
        t('studioKeys.table.status'),
        t('studioKeys.table.action'),
      ]}
      rows={list.keys}
      rowKey={(key) => key.name}
      rowData={(key) => ({ 'data-key': key.name })}
      cells={(key) => [
        <code key="name">{key.name}</code>,
        partnerName(key.partnerId),
        key.keyPrefix ? <code key="prefix">{`${key.keyPrefix}…`}</code> : '–',
        key.createdBy
          ? t('studioKeys.table.createdBy', { when: when(key.createdAt), who: key.createdBy })
          : when(key.createdAt),
        key.lastUsedAt ? when(key.lastUsedAt) : t('studioKeys.table.never'),
        key.revokedAt
          ? t('studioKeys.table.revokedAt', { when: when(key.revokedAt) })
          : t('studioKeys.table.active'),
        <RevokeButton key="revoke" device={device} apiKey={key} onRevoked={onRevoked} />,
      ]}
    />
  );
}

export function StudioKeysPage({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  // Bumped after a change, so the list is read again from the hub.
  const [version, setVersion] = useState(0);
  const [created, setCreated] = useState<Open311KeyCreated | null>(null);
  const [said, setSaid] = useState('');
  return (
    <section className="panel" aria-labelledby="studio-keys-title">
      <h1 id="studio-keys-title">{t('studioKeys.title')}</h1>
      <p className="hint">{t('studioKeys.intro')}</p>
      <p role="status" className="studio-key__status">
        {said}
      </p>
      {created && <NewKey created={created} />}
      <HubView<Open311KeyList> device={device} path={`/api/studio/open311-keys?v=${version}`}>
        {(list) => (
          <>
            <CreateForm
              device={device}
              list={list}
              onCreated={(made) => {
                setCreated(made);
                setSaid('');
                setVersion((v) => v + 1);
              }}
            />
            <h2>{t('studioKeys.table.title')}</h2>
            <KeyTable
              device={device}
              list={list}
              onRevoked={(message) => {
                setSaid(message);
                setVersion((v) => v + 1);
              }}
            />
          </>
        )}
      </HubView>
    </section>
  );
}
