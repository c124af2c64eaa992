// The studio's people: everyone a manager looks after (the franchisor: everyone, or one
// partner's), with their role, places, training and whether they still work. From here a
// manager invites someone or opens a person to edit, move, reset a PIN or revoke. The hub
// decides whom this person may see, whatever this screen asks for.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PeopleList } from '../../../shared/api/people.ts';
import { can } from '../../../shared/staff.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { formatList } from '../../i18n/format.ts';
import { SelectField } from '../../ui/form-fields.tsx';
import { DataTable, HubView } from '../../ui/hub-view.tsx';
import { useLocalText } from '../../ui/localised.tsx';
import { TrainingSummary } from './people-parts.tsx';

export function PeoplePage({ device }: { device: DeviceSettings }) {
  const { t, i18n } = useTranslation();
  const db = useDb();
  const local = useLocalText();
  const session = useStaffSession();
  const partners = useLiveQuery(() => db.partners.toArray(), [db]);
  const [partner, setPartner] = useState('');
  const franchisor = session ? can(session.role, 'partners.all') : false;
  const partnerName = (id: string | null) =>
    id === null
      ? t('studioPeople.franchisorStaff')
      : local(partners?.find((p) => p.id === id)?.name) || id;
  const path = `/api/staff/people${partner ? `?partner=${encodeURIComponent(partner)}` : ''}`;

  return (
    <section className="panel" aria-labelledby="people-title">
      <h1 id="people-title">{t('studioPeople.title')}</h1>
      <p className="hint">{t(franchisor ? 'studioPeople.introAll' : 'studioPeople.intro')}</p>
      <p>
        <Link to="/studio/people/new" className="button">
          {t('studioPeople.invite.link')}
        </Link>
      </p>
      {franchisor && (
        <SelectField label={t('studioPeople.partnerFilter')} value={partner} onValue={setPartner}>
          <option value="">{t('studioPeople.everyPartner')}</option>
          {(partners ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {local(p.name)}
            </option>
          ))}
        </SelectField>
      )}
      <HubView<PeopleList> device={device} path={path}>
        {({ people, places }) => {
          const placeName = (id: string) => places.find((p) => p.id === id)?.name ?? id;
          return people.length === 0 ? (
            <p>{t('studioPeople.none')}</p>
          ) : (
            <DataTable
              caption={t('studioPeople.caption')}
              columns={[
                t('studioPeople.person'),
                t('studioPeople.role'),
                ...(franchisor ? [t('studioPeople.partner')] : []),
                t('studioPeople.places'),
                t('studioPeople.training.title'),
                t('studioPeople.status'),
              ]}
              rows={people}
              rowKey={(p) => p.id}
              rowData={(p) => ({ 'data-person': p.id })}
              cells={(p) => [
                <Link key="name" to={`/studio/people/${encodeURIComponent(p.id)}`}>
                  {p.name}
                </Link>,
                t(`roles.${p.role}`),
                ...(franchisor ? [partnerName(p.partnerId)] : []),
                formatList(p.accessPointIds.map(placeName), i18n.language),
                <TrainingSummary key="training" person={p} />,
                p.revokedAt ? t('studioPeople.revoked') : t('studioPeople.working'),
              ]}
            />
          );
        }}
      </HubView>
    </section>
  );
}
