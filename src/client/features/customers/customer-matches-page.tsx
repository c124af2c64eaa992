// Likely duplicates, proposed and never merged silently: each pair side by side with the fields
// that agree, and a choice for a person with `customers.manage`: keep one record and merge the
// other into it (undoable from the kept record's page), or say they are two people.
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CustomerSummary, MatchProposal } from '../../../shared/api/customers.ts';
import type { MatchField } from '../../../shared/customer.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { BackLink } from '../../ui/back-link.tsx';
import { DataTable, HubView } from '../../ui/hub-view.tsx';
import { formatDate } from '../../i18n/format.ts';
import { IDENTITY_FIELDS, type IdentityField } from './identity-fields.ts';
import {
  ActionButton,
  ActionMessage,
  useCustomerAction,
  type CustomerAction,
} from './customer-action.tsx';

/** Which match reasons speak for a field of the record. */
const REASONS: Record<IdentityField, MatchField[]> = {
  name: ['name', 'name-similar'],
  dateOfBirth: ['dateOfBirth'],
  postcode: ['postcode'],
  phone: ['phone'],
  email: ['email'],
};

export function CustomerMatchesPage({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  const action = useCustomerAction(device);
  return (
    <section className="panel" aria-labelledby="matches-title">
      <BackLink to="/customers">{t('customers.search.back')}</BackLink>
      <h1 id="matches-title">{t('customers.matches.title')}</h1>
      <p className="hint">{t('customers.matches.intro')}</p>
      <ActionMessage action={action} />
      <HubView<MatchProposal[]> key={action.version} device={device} path="/api/customers/matches">
        {(pairs) =>
          pairs.length === 0 ? (
            <p>{t('customers.matches.none')}</p>
          ) : (
            <ul className="customer-pairs">
              {pairs.map((pair) => (
                <Pair key={`${pair.a.id}/${pair.b.id}`} pair={pair} action={action} />
              ))}
            </ul>
          )
        }
      </HubView>
    </section>
  );
}

function Pair({ pair, action }: { pair: MatchProposal; action: CustomerAction }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { a, b } = pair;
  const label = (c: CustomerSummary) => c.name ?? t('customers.noName');
  const titleId = `pair-${a.id}-${b.id}`;
  const value = (c: CustomerSummary, field: IdentityField) => {
    const v = c[field];
    if (!v) return t('customers.notGiven');
    return field === 'dateOfBirth' ? formatDate(v, i18n.language) : v;
  };
  const verdict = (field: IdentityField) => {
    const reasons = REASONS[field];
    if (pair.agree.includes('name-similar') && field === 'name')
      return t('customers.matches.similar');
    if (reasons.some((r) => pair.agree.includes(r))) return t('customers.matches.agree');
    if (reasons.some((r) => pair.disagree.includes(r))) return t('customers.matches.differ');
    return '';
  };

  async function merge(keep: CustomerSummary, other: CustomerSummary) {
    const done = await action.run(
      '/api/customers/merges',
      { keepId: keep.id, mergeId: other.id },
      t('customers.matches.merged', { name: label(keep) }),
      { reload: false },
    );
    // The kept record's page says what happened (and offers the undo).
    if (done) {
      await navigate(`/customers/${keep.id}`, {
        state: { merged: t('customers.matches.merged', { name: label(keep) }) },
      });
    }
  }

  return (
    <li className="customer-pair" aria-labelledby={titleId} data-testid="customer-pair">
      <h2 id={titleId}>{t('customers.matches.pair', { a: label(a), b: label(b) })}</h2>
      <DataTable
        caption={t('customers.matches.compare')}
        columns={[
          t('customers.matches.field'),
          <Link className="customer-link" to={`/customers/${a.id}`}>
            {t('customers.matches.recordA')}
          </Link>,
          <Link className="customer-link" to={`/customers/${b.id}`}>
            {t('customers.matches.recordB')}
          </Link>,
          t('customers.matches.verdict'),
        ]}
        rows={IDENTITY_FIELDS}
        rowKey={(field) => field}
        cells={(field) => [
          t(`customers.fields.${field}`),
          value(a, field),
          value(b, field),
          verdict(field),
        ]}
      />
      <div className="customer-actions">
        <ActionButton action={action} onPress={() => merge(a, b)}>
          {t('customers.matches.keep', { name: label(a), which: t('customers.matches.recordA') })}
        </ActionButton>
        <ActionButton action={action} onPress={() => merge(b, a)}>
          {t('customers.matches.keep', { name: label(b), which: t('customers.matches.recordB') })}
        </ActionButton>
        <ActionButton
          action={action}
          secondary
          onPress={() =>
            action.run(
              '/api/customers/matches/reject',
              { aId: a.id, bId: b.id },
              t('customers.matches.rejected'),
            )
          }
        >
          {t('customers.matches.reject')}
        </ActionButton>
      </div>
    </li>
  );
}
