// Inviting someone: their name and id, a role this manager may give, their teams and places
// (a manager's own partner's only), and a first PIN the hub makes and shows once, or one the
// manager sets. The screen checks what it can (the id's form, a PIN strong enough for the
// role) and says plainly what the hub refused (an id taken, a place not theirs).
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AssignablePlace, PeopleList, PersonSaved } from '../../../shared/api/people.ts';
import { weakSecret } from '../../../shared/people-schema.ts';
import { grantableRoles } from '../../../shared/people.ts';
import { can, isPrivileged, type Role } from '../../../shared/staff.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { BackLink } from '../../ui/back-link.tsx';
import { Choices, SecretField, SelectField, TextField } from '../../ui/form-fields.tsx';
import { HubView } from '../../ui/hub-view.tsx';
import { useLocalText } from '../../ui/localised.tsx';
import { idFromName, sendPeople, STAFF_ID, type PeopleFailure } from './people-api.ts';
import { Checkboxes, Failure, SecretShown } from './people-parts.tsx';

export function InvitePage({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="invite-title">
      <h1 id="invite-title">{t('studioPeople.invite.title')}</h1>
      <BackLink to="/studio/people">{t('studioPeople.back')}</BackLink>
      <HubView<PeopleList> device={device} path="/api/staff/people">
        {({ places }) => <InviteForm device={device} places={places} />}
      </HubView>
    </section>
  );
}

function InviteForm({ device, places }: { device: DeviceSettings; places: AssignablePlace[] }) {
  const { t } = useTranslation();
  const db = useDb();
  const local = useLocalText();
  const session = useStaffSession();
  const partners = useLiveQuery(() => db.partners.toArray(), [db]);
  const franchisor = session ? can(session.role, 'partners.all') : false;
  const roles = session ? grantableRoles(session.role, franchisor) : [];
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [idTouched, setIdTouched] = useState(false);
  const [role, setRole] = useState<Role>('counter');
  // A manager adds to their own partner; the franchisor chooses ('' is its own staff).
  const [chosenPartner, setPartnerId] = useState('');
  const partnerId = franchisor ? chosenPartner : (session?.partnerId ?? '');
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [placeIds, setPlaceIds] = useState<string[]>([]);
  const [how, setHow] = useState<'make' | 'set'>('make');
  const [pin, setPin] = useState('');
  const [failure, setFailure] = useState<{ reason: PeopleFailure; detail: string } | null>(null);
  const [saved, setSaved] = useState<PersonSaved | null>(null);
  const [busy, setBusy] = useState(false);

  const partner = partners?.find((p) => p.id === partnerId);
  const open = places.filter((p) => !partnerId || p.partnerId === partnerId);
  const placeName = (placeId: string) => places.find((p) => p.id === placeId)?.name ?? placeId;
  const teamName = (teamId: string) =>
    local(partner?.teams.find((team) => team.id === teamId)?.name) || teamId;
  const privileged = isPrivileged(role);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!session || busy) return;
    const staffId = idTouched ? id : idFromName(name);
    if (!name.trim()) return setFailure({ reason: 'name-missing', detail: '' });
    if (!STAFF_ID.test(staffId)) return setFailure({ reason: 'bad-id', detail: '' });
    if (placeIds.length === 0) {
      return setFailure({ reason: 'no-place', detail: '' });
    }
    if (how === 'set' && weakSecret(role, pin)) {
      return setFailure({ reason: 'weak-secret', detail: '' });
    }
    setBusy(true);
    const answer = await sendPeople<PersonSaved>(device, session.staffId, '/api/staff/people', {
      id: staffId,
      name: name.trim(),
      role,
      partnerId: partnerId || null,
      teamIds,
      accessPointIds: placeIds,
      ...(how === 'set' ? { pin } : {}),
    });
    setBusy(false);
    setPin('');
    if (answer.ok) {
      setFailure(null);
      setSaved(answer.data);
    } else {
      setFailure({ reason: answer.reason, detail: answer.detail });
    }
  }

  if (saved) {
    return (
      <>
        <p className="success">{t('studioPeople.invite.done', { name: saved.person.name })}</p>
        {saved.secret ? <SecretShown name={saved.person.name} secret={saved.secret} /> : null}
        <p>
          <Link to={`/studio/people/${encodeURIComponent(saved.person.id)}`}>
            {t('studioPeople.open', { name: saved.person.name })}
          </Link>
        </p>
      </>
    );
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <TextField
        label={t('studioPeople.name')}
        value={name}
        onValue={setName}
        maxLength={80}
        autoComplete="off"
        required
      />
      <TextField
        label={t('studioPeople.id')}
        hint={t('studioPeople.idHint')}
        value={idTouched ? id : idFromName(name)}
        onValue={(typed) => {
          setIdTouched(true);
          setId(typed.toLowerCase());
        }}
        maxLength={80}
        autoComplete="off"
        spellCheck={false}
      />
      <SelectField
        label={t('studioPeople.role')}
        value={role}
        onValue={(chosen) => setRole(chosen as Role)}
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </SelectField>
      {franchisor ? (
        <SelectField
          label={t('studioPeople.partner')}
          value={partnerId}
          onValue={(chosen) => {
            setPartnerId(chosen);
            setTeamIds([]);
            setPlaceIds([]);
          }}
        >
          <option value="">{t('studioPeople.franchisorStaff')}</option>
          {(partners ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {local(p.name)}
            </option>
          ))}
        </SelectField>
      ) : null}
      {partner && partner.teams.length > 0 ? (
        <Checkboxes
          legend={t('studioPeople.teams')}
          options={partner.teams.map((team) => ({ id: team.id, label: teamName(team.id) }))}
          chosen={teamIds}
          onChange={setTeamIds}
        />
      ) : null}
      <Checkboxes
        legend={t('studioPeople.places')}
        hint={t('studioPeople.placesHint')}
        options={open.map((p) => ({ id: p.id, label: p.name }))}
        chosen={placeIds}
        onChange={setPlaceIds}
      />
      <Choices
        legend={t('studioPeople.secret.how')}
        name="secret-how"
        options={['make', 'set'] as const}
        value={how}
        onChoose={setHow}
        label={(option) => t(`studioPeople.secret.${option}`)}
      />
      {how === 'set' ? (
        <SecretField
          passphrase={privileged}
          label={t(privileged ? 'studioPeople.secret.setPassphrase' : 'studioPeople.secret.setPin')}
          hint={t(
            privileged ? 'studioPeople.secret.passphraseRule' : 'studioPeople.secret.pinRule',
          )}
          value={pin}
          onValue={setPin}
        />
      ) : null}
      <Failure
        failure={failure}
        name={(d) => (places.some((p) => p.id === d) ? placeName(d) : d)}
      />
      <button type="submit" className="button" disabled={busy}>
        {t('studioPeople.invite.submit')}
      </button>
    </form>
  );
}
