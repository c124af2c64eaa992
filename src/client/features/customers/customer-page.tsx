// One citizen across services and doors (hub-only): their details, every contact and case
// (another partner's cases as summaries: service, status, dates, owner), the records merged
// into this one with an undo, and, for those allowed, export and erasure on request.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { CustomerDetail } from '../../../shared/api/customers.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { startServing, useServingCustomer } from '../../db/serving-customer.ts';
import { useCan, useStaffSession } from '../../db/use-staff.ts';
import { hubGet } from '../../sync/hub-session.ts';
import { useLocalText } from '../../ui/localised.tsx';
import { BackLink } from '../../ui/back-link.tsx';
import { DataTable, HubView } from '../../ui/hub-view.tsx';
import { formatDate } from '../../i18n/format.ts';
import { IDENTITY_FIELDS } from './identity-fields.ts';
import {
  ActionButton,
  ActionMessage,
  useCustomerAction,
  type CustomerAction,
} from './customer-action.tsx';

export function CustomerPage({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  const { customerId = '' } = useParams();
  const action = useCustomerAction(device);
  // Arriving from a merge on the duplicates page.
  const arrived = (useLocation().state as { merged?: string } | null)?.merged;
  return (
    <section className="panel" aria-labelledby="customer-title">
      <BackLink to="/customers">{t('customers.search.back')}</BackLink>
      {action.message ? (
        <ActionMessage action={action} testId="customer-message" />
      ) : arrived ? (
        <p className="success" role="status">
          {arrived}
        </p>
      ) : null}
      <HubView<CustomerDetail>
        key={`${customerId}/${action.version}`}
        device={device}
        path={`/api/customers/${encodeURIComponent(customerId)}`}
      >
        {(detail) => <CustomerView device={device} detail={detail} action={action} />}
      </HubView>
    </section>
  );
}

function CustomerView({
  device,
  detail,
  action,
}: {
  device: DeviceSettings;
  detail: CustomerDetail;
  action: CustomerAction;
}) {
  const { t, i18n } = useTranslation();
  const db = useDb();
  const local = useLocalText();
  const manage = useCan('customers.manage');
  const session = useStaffSession();
  const [confirming, setConfirming] = useState(false);
  const serving = useServingCustomer();
  const { customer, contacts, cases, merges } = detail;
  const live = !customer.mergedInto && !customer.erasedAt;
  const serviceIds = [...new Set([...cases, ...contacts].map((r) => r.serviceId))];
  const services = useLiveQuery(() => db.services.bulkGet(serviceIds), [db, serviceIds.join()]);
  const partners = useLiveQuery(() => db.partners.toArray(), [db]);
  const serviceName = (id: string) => {
    const found = services?.find((s) => s?.id === id);
    return found ? local(found.name) : id;
  };
  const partnerName = (id: string) => {
    const found = partners?.find((p) => p.id === id);
    return found ? local(found.name) : id;
  };
  const date = (iso: string | null) => (iso ? formatDate(iso, i18n.language) : '');

  async function exportRecord() {
    if (!session) return;
    const result = await hubGet<unknown>(
      device,
      session.staffId,
      `/api/customers/${customer.id}/export`,
    );
    if (!result.ok) return;
    // A file for the citizen: everything held about them, as the hub gave it.
    const blob = new Blob([JSON.stringify(result.data, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `customer-${customer.id}.json`;
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <>
      <h1 id="customer-title" data-testid="customer-name">
        {customer.erasedAt ? t('customers.erased') : (customer.name ?? t('customers.noName'))}
      </h1>
      {customer.mergedInto ? (
        <p>
          {t('customers.mergedInto')}{' '}
          <Link className="customer-link" to={`/customers/${customer.mergedInto}`}>
            {t('customers.openKept')}
          </Link>
        </p>
      ) : null}
      {live && session && serving?.id !== customer.id ? (
        <div className="customer-actions">
          <button
            type="button"
            className="button"
            data-testid="serve-customer"
            onClick={() =>
              startServing({
                id: customer.id,
                name: customer.name ?? t('customers.noName'),
                staffId: session.staffId,
              })
            }
          >
            {t('customers.serving.start')}
          </button>
        </div>
      ) : null}
      {customer.erasedAt ? (
        <p className="hint">{t('customers.erasedOn', { when: date(customer.erasedAt) })}</p>
      ) : (
        <dl className="customer-facts">
          {IDENTITY_FIELDS.filter((f) => f !== 'name').map((field) => (
            <div key={field}>
              <dt>{t(`customers.fields.${field}`)}</dt>
              <dd>
                {(field === 'dateOfBirth' ? date(customer[field]) : customer[field]) ||
                  t('customers.notGiven')}
              </dd>
            </div>
          ))}
        </dl>
      )}

      <DataTable
        data-testid="customer-cases"
        caption={t('customers.cases.title', { count: cases.length })}
        columns={[
          t('customers.cases.service'),
          t('customers.cases.status'),
          t('customers.cases.opened'),
          t('customers.cases.resolved'),
          t('customers.cases.owner'),
          t('customers.cases.details'),
        ]}
        rows={cases}
        rowKey={(c) => c.id}
        cells={(c) => [
          serviceName(c.serviceId),
          t(`cases.state.${c.status}`),
          date(c.openedAt),
          date(c.resolvedAt),
          partnerName(c.ownerPartnerId),
          c.full ? (
            <>
              <strong>{c.full.reference}</strong> {c.full.details}
            </>
          ) : (
            <span className="hint">{t('customers.cases.summaryOnly')}</span>
          ),
        ]}
      />

      <DataTable
        data-testid="customer-contacts"
        caption={t('customers.contacts.title', { count: contacts.length })}
        columns={[
          t('customers.contacts.when'),
          t('customers.contacts.service'),
          t('customers.contacts.channel'),
          t('customers.contacts.place'),
        ]}
        rows={contacts}
        rowKey={(c) => c.id}
        cells={(c) => [
          date(c.createdAt),
          serviceName(c.serviceId),
          t(`channels.${c.channel}`),
          c.accessPointName,
        ]}
      />

      {merges.length > 0 ? (
        <>
          <h2>{t('customers.merges.title')}</h2>
          <ul className="note-list" data-testid="customer-merges">
            {merges.map((m) => (
              <li key={m.id} className="note">
                <p>
                  {t('customers.merges.entry', {
                    name: m.mergedName ?? t('customers.noName'),
                    when: date(m.mergedAt),
                    who: m.staffId,
                    contacts: m.contactCount,
                    cases: m.caseCount,
                  })}
                </p>
                {manage ? (
                  <ActionButton
                    action={action}
                    secondary
                    onPress={() =>
                      action.run(
                        `/api/customers/merges/${m.id}/undo`,
                        undefined,
                        t('customers.merges.undone'),
                      )
                    }
                  >
                    {t('customers.merges.undo')}
                  </ActionButton>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {manage && !customer.mergedInto ? (
        <>
          <h2>{t('customers.request.title')}</h2>
          <p className="hint">{t('customers.request.intro')}</p>
          <div className="customer-actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void exportRecord()}
            >
              {t('customers.request.export')}
            </button>
            {!customer.erasedAt && !confirming ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setConfirming(true)}
              >
                {t('customers.request.erase')}
              </button>
            ) : null}
          </div>
          {confirming ? (
            <div className="customer-confirm" role="group" aria-labelledby="erase-confirm">
              <p id="erase-confirm">{t('customers.request.confirm')}</p>
              <div className="customer-actions">
                <ActionButton
                  action={action}
                  onPress={() =>
                    action
                      .run(
                        `/api/customers/${customer.id}/erase`,
                        undefined,
                        t('customers.request.erased'),
                      )
                      .then(() => setConfirming(false))
                  }
                >
                  {t('customers.request.eraseNow')}
                </ActionButton>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setConfirming(false)}
                >
                  {t('customers.request.keep')}
                </button>
              </div>
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}
