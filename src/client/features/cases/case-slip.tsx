// The slip a citizen takes away from the desk: the reference and a QR code to follow it, and
// on paper what it is about, what was promised and by when, who owns it and how to reach them.
// Offline, the owner and due date come from the pack on the device (the hub confirms them when
// it receives the case), and the slip says that tracking starts once the device has synced.
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { caseDues, routeCase } from '../../../shared/routing.ts';
import { useDb } from '../../db/use-db.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { Localised, useLocalText } from '../../ui/localised.tsx';
import { Ltr, useLtr } from '../../ui/ltr.tsx';
import { ownerName } from '../../ui/owner-name.ts';
import { QrCode } from '../../ui/qr-code.tsx';

export function CaseSlip({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const db = useDb();
  const local = useLocalText();
  const ltr = useLtr();
  const data = useLiveQuery(async () => {
    const record = await db.cases.get(caseId);
    if (!record) return null;
    const [service, commitment, partners] = await Promise.all([
      db.services.get(record.serviceId),
      db.commitments.where('serviceId').equals(record.serviceId).first(),
      db.partners.toArray(),
    ]);
    return { record, service, commitment, partners };
  }, [db, caseId]);
  if (!data) return null;
  const { record, service, commitment, partners } = data;
  // The hub's routing once it has the case; until then the same rules, worked out here.
  const synced = record.receivedAt !== '' && record.ownerPartnerId !== '';
  const owner = synced
    ? { partnerId: record.ownerPartnerId, teamId: record.ownerTeamId }
    : service
      ? routeCase(service, record.location?.postcode)
      : null;
  const promiseDue = synced
    ? record.dues.find((d) => d.stepId === 'promise')?.due
    : owner
      ? caseDues(commitment, owner, new Date(record.openedAt)).find((d) => d.stepId === 'promise')
          ?.due
      : undefined;
  const partner = owner ? partners.find((p) => p.id === owner.partnerId) : undefined;
  const phone = service?.phone ?? partner?.phone;
  const url = `${window.location.origin}/track/${record.reference}`;
  return (
    <>
      <p className="slip__reference" data-testid="case-reference">
        <Ltr>{record.reference}</Ltr>
      </p>
      <dl className="facts slip__facts" data-testid="slip-facts">
        {service ? (
          <div>
            <dt>{t('cases.slip.service')}</dt>
            <dd>
              <Localised text={service.name} />
            </dd>
          </div>
        ) : null}
        {commitment ? (
          <div>
            <dt>{t('cases.slip.promise')}</dt>
            <dd>
              <Localised text={commitment.promise} />
              {promiseDue ? (
                <>
                  {' '}
                  <strong data-testid="slip-due">
                    {t('cases.slip.dueBy', { when: formatDateTime(promiseDue, i18n.language) })}
                  </strong>
                </>
              ) : null}
            </dd>
          </div>
        ) : null}
        {owner ? (
          <div>
            <dt>{t('cases.slip.owner')}</dt>
            <dd data-testid="slip-owner">{ownerName(partners, local, owner)}</dd>
          </div>
        ) : null}
        {phone || partner?.website ? (
          <div>
            <dt>{t('cases.slip.contact')}</dt>
            <dd data-testid="slip-contact">
              {phone ? t('cases.slip.phone', { phone: ltr(phone) }) : null}
              {phone && partner?.website ? ' · ' : null}
              {partner?.website ? <Ltr>{partner.website}</Ltr> : null}
            </dd>
          </div>
        ) : null}
      </dl>
      <p>{t('cases.slipTrack', { url: ltr(url) })}</p>
      {synced ? null : (
        <p className="callout slip__offline" data-testid="slip-offline">
          {t('cases.slip.notYetSynced')}
        </p>
      )}
      <QrCode value={url} label={t('cases.qrLabel', { reference: record.reference })} />
    </>
  );
}
