// One person in the studio: who they are and what their role needs to train in, then each
// change as its own small form: name, role and teams; the places they work at (their
// partner's only); a new PIN, made by the hub and shown once; and revoking them, asked twice.
// The hub checks every change again and logs it.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type {
  AssignablePlace,
  PeopleList,
  PersonEntry,
  PersonSaved,
} from '../../../shared/api/people.ts';
import type { Revoked } from '../../../shared/api/staff.ts';
import { grantableRoles } from '../../../shared/people.ts';
import { can, isPrivileged, type Role } from '../../../shared/staff.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { formatDate, formatList } from '../../i18n/format.ts';
import { BackLink } from '../../ui/back-link.tsx';
import { SelectField, TextField } from '../../ui/form-fields.tsx';
import { HubView } from '../../ui/hub-view.tsx';
import { useLocalText } from '../../ui/localised.tsx';
import { sendPeople, type PeopleAnswer, type PeopleFailure } from './people-api.ts';
import { Checkboxes, Failure, SecretShown, TrainingTable } from './people-parts.tsx';

type Failed = { reason: PeopleFailure; detail: string } | null;

export function PersonPage({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  const { staffId = '' } = useParams();
  // Bumped after each change, so the view reads the person again from the hub.
  const [version, setVersion] = useState(0);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [done, setDone] = useState('');
  return (
    <section className="panel" aria-labelledby="person-title">
      <BackLink to="/studio/people">{t('studioPeople.back')}</BackLink>
      <HubView<PeopleList> key={version} device={device} path="/api/staff/people">
        {({ people, places }) => {
          const person = people.find((p) => p.id === staffId);
          if (!person) {
            return (
              <>
                <h1 id="person-title">{t('studioPeople.title')}</h1>
                <p>{t('studioPeople.notFound')}</p>
              </>
            );
          }
          return (
            <PersonView
              device={device}
              person={person}
              places={places}
              changed={(message, made) => {
                setDone(message);
                setSecret(made ?? null);
                setVersion((v) => v + 1);
              }}
            />
          );
        }}
      </HubView>
      {done ? (
        <p className="success" role="status">
          {done}
        </p>
      ) : null}
      {secret ? <SecretShown name={secret.name} secret={secret.secret} /> : null}
    </section>
  );
}

function PersonView({
  device,
  person,
  places,
  changed,
}: {
  device: DeviceSettings;
  person: PersonEntry;
  places: AssignablePlace[];
  changed: (message: string, secret?: { name: string; secret: string }) => void;
}) {
  const { t, i18n } = useTranslation();
  const db = useDb();
  const local = useLocalText();
  const session = useStaffSession();
  const partners = useLiveQuery(() => db.partners.toArray(), [db]);
  const partner = partners?.find((p) => p.id === person.partnerId);
  const placeName = (id: string) => places.find((p) => p.id === id)?.name ?? id;
  const teamName = (id: string) => local(partner?.teams.find((x) => x.id === id)?.name) || id;

  /** Sends one change; on success says so (and shows a new secret once). */
  const act =
    (path: string, done: (name: string) => string) =>
    async (body: unknown): Promise<Failed> => {
      if (!session) return { reason: 'no-session', detail: '' };
      const answer: PeopleAnswer<PersonSaved | Revoked> = await sendPeople(
        device,
        session.staffId,
        `/api/staff/${encodeURIComponent(person.id)}/${path}`,
        body,
      );
      if (!answer.ok) return { reason: answer.reason, detail: answer.detail };
      const made = 'secret' in answer.data ? answer.data.secret : undefined;
      changed(done(person.name), made ? { name: person.name, secret: made } : undefined);
      return null;
    };

  return (
    <>
      <h1 id="person-title">{person.name}</h1>
      <dl className="studio-people__facts">
        <dt>{t('studioPeople.id')}</dt>
        <dd>
          <code>{person.id}</code>
        </dd>
        <dt>{t('studioPeople.role')}</dt>
        <dd>{t(`roles.${person.role}`)}</dd>
        <dt>{t('studioPeople.partner')}</dt>
        <dd>
          {person.partnerId === null
            ? t('studioPeople.franchisorStaff')
            : local(partner?.name) || person.partnerId}
        </dd>
        <dt>{t('studioPeople.places')}</dt>
        <dd>{formatList(person.accessPointIds.map(placeName), i18n.language)}</dd>
        <dt>{t('studioPeople.teams')}</dt>
        <dd>
          {person.teamIds.length === 0
            ? t('studioPeople.noTeams')
            : formatList(person.teamIds.map(teamName), i18n.language)}
        </dd>
        <dt>{t('studioPeople.status')}</dt>
        <dd>
          {person.revokedAt
            ? t('studioPeople.revokedOn', { date: formatDate(person.revokedAt, i18n.language) })
            : t('studioPeople.working')}
        </dd>
      </dl>
      <h2>{t('studioPeople.training.title')}</h2>
      <TrainingTable person={person} />
      {person.revokedAt ? null : (
        <div className="columns">
          <EditForm
            person={person}
            teams={(partner?.teams ?? []).map((x) => ({ id: x.id, label: teamName(x.id) }))}
            send={act('edit', (name) => t('studioPeople.edit.done', { name }))}
          />
          <MoveForm
            person={person}
            places={places.filter(
              (p) => person.partnerId === null || p.partnerId === person.partnerId,
            )}
            placeName={placeName}
            send={act('move', (name) => t('studioPeople.move.done', { name }))}
          />
          <OneButton
            title={t('studioPeople.reset.title')}
            hint={t(
              isPrivileged(person.role)
                ? 'studioPeople.reset.hintSecret'
                : 'studioPeople.reset.hint',
            )}
            button={t('studioPeople.reset.button', { name: person.name })}
            send={act('reset-pin', (name) => t('studioPeople.reset.done', { name }))}
          />
          <OneButton
            title={t('studioPeople.revoke.title')}
            hint={t('studioPeople.revoke.hint')}
            button={t('studioPeople.revoke.button', { name: person.name })}
            confirm={t('studioPeople.revoke.confirm', { name: person.name })}
            yes={t('studioPeople.revoke.yes', { name: person.name })}
            send={act('revoke', (name) => t('studioPeople.revoke.done', { name }))}
          />
        </div>
      )}
    </>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="panel">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

function EditForm({
  person,
  teams,
  send,
}: {
  person: PersonEntry;
  teams: { id: string; label: string }[];
  send: (body: unknown) => Promise<Failed>;
}) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const franchisor = session ? can(session.role, 'partners.all') : false;
  const [name, setName] = useState(person.name);
  const [role, setRole] = useState<Role>(person.role);
  const [teamIds, setTeamIds] = useState(person.teamIds);
  const [failure, setFailure] = useState<Failed>(null);
  const roles = session ? grantableRoles(session.role, franchisor) : [];
  const offered = roles.includes(person.role) ? roles : [person.role, ...roles];
  const crossing = isPrivileged(role) !== isPrivileged(person.role);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setFailure({ reason: 'name-missing', detail: '' });
    setFailure(await send({ name: name.trim(), role, teamIds }));
  }
  return (
    <Part title={t('studioPeople.edit.title')}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <TextField label={t('studioPeople.name')} value={name} onValue={setName} maxLength={80} />
        <SelectField
          label={t('studioPeople.role')}
          value={role}
          onValue={(chosen) => setRole(chosen as Role)}
          hint={crossing ? t('studioPeople.edit.newSecret') : undefined}
        >
          {offered.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </SelectField>
        {teams.length > 0 ? (
          <Checkboxes
            legend={t('studioPeople.teams')}
            options={teams}
            chosen={teamIds}
            onChange={setTeamIds}
          />
        ) : null}
        <Failure failure={failure} />
        <button type="submit" className="button">
          {t('studioPeople.edit.submit')}
        </button>
      </form>
    </Part>
  );
}

function MoveForm({
  person,
  places,
  placeName,
  send,
}: {
  person: PersonEntry;
  places: AssignablePlace[];
  placeName: (id: string) => string;
  send: (body: unknown) => Promise<Failed>;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState(person.accessPointIds);
  const [failure, setFailure] = useState<Failed>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen.length === 0) return setFailure({ reason: 'no-place', detail: '' });
    setFailure(await send({ accessPointIds: chosen }));
  }
  return (
    <Part title={t('studioPeople.move.title')}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <Checkboxes
          legend={t('studioPeople.places')}
          hint={t('studioPeople.placesHint')}
          options={places.map((p) => ({ id: p.id, label: p.name }))}
          chosen={chosen}
          onChange={setChosen}
        />
        <Failure failure={failure} name={placeName} />
        <button type="submit" className="button">
          {t('studioPeople.move.submit')}
        </button>
      </form>
    </Part>
  );
}

/** A change that is one button (reset a PIN), or one asked twice (revoke). */
function OneButton({
  title,
  hint,
  button,
  confirm,
  yes,
  send,
}: {
  title: string;
  hint: string;
  button: string;
  confirm?: string;
  yes?: string;
  send: (body: unknown) => Promise<Failed>;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [failure, setFailure] = useState<Failed>(null);
  const go = async () => {
    setAsking(false);
    setFailure(await send({}));
  };
  return (
    <Part title={title}>
      <p className="hint">{hint}</p>
      {asking ? (
        <div role="group" aria-label={confirm}>
          <p>{confirm}</p>
          <button type="button" className="button" onClick={() => void go()}>
            {yes}
          </button>{' '}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setAsking(false)}
          >
            {t('studioPeople.cancel')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => (confirm ? setAsking(true) : void go())}
        >
          {button}
        </button>
      )}
      <Failure failure={failure} />
    </Part>
  );
}
