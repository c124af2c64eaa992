// Looking a citizen up across doors (hub-only: personal data is never synced to every device).
// Search by any of name, phone, email, postcode or date of birth; the hub answers only with
// people this person's partner has dealt with.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CustomerSummary } from '../../../shared/api/customers.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useCan } from '../../db/use-staff.ts';
import { ErrorMessage, TextField } from '../../ui/form-fields.tsx';
import { DataTable, HubView } from '../../ui/hub-view.tsx';
import { formatDate } from '../../i18n/format.ts';

const FIELDS = ['name', 'phone', 'email', 'postcode', 'dateOfBirth'] as const;
type Field = (typeof FIELDS)[number];
const INPUT_TYPES: Partial<Record<Field, string>> = {
  dateOfBirth: 'date',
  email: 'email',
  phone: 'tel',
};

export function CustomersPage({ device }: { device: DeviceSettings }) {
  const { t, i18n } = useTranslation();
  const manage = useCan('customers.manage');
  const [form, setForm] = useState<Record<Field, string>>({
    name: '',
    phone: '',
    email: '',
    postcode: '',
    dateOfBirth: '',
  });
  const [query, setQuery] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function search(event: FormEvent) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const field of FIELDS) {
      const value = form[field].trim();
      if (value) params.set(field, value);
    }
    if ([...params.keys()].length === 0) {
      setError(t('customers.search.needSomething'));
      return;
    }
    setError(null);
    setQuery(params.toString());
  }

  return (
    <section className="panel" aria-labelledby="customers-title">
      <h1 id="customers-title">{t('customers.search.title')}</h1>
      <p className="hint">{t('customers.search.intro')}</p>
      {manage ? (
        <p>
          <Link className="customer-link" to="/customers/matches">
            {t('customers.matches.link')}
          </Link>
        </p>
      ) : null}
      <form className="form" onSubmit={search} role="search">
        <div className="field-row">
          {FIELDS.map((field) => (
            <TextField
              key={field}
              label={t(`customers.fields.${field}`)}
              type={INPUT_TYPES[field] ?? 'text'}
              value={form[field]}
              onValue={(typed) => setForm({ ...form, [field]: typed })}
              maxLength={field === 'email' ? 200 : 120}
              autoComplete="off"
            />
          ))}
        </div>
        <ErrorMessage>{error}</ErrorMessage>
        <div>
          <button type="submit" className="button">
            {t('customers.search.submit')}
          </button>
        </div>
      </form>
      {query !== null ? (
        <HubView<CustomerSummary[]> device={device} path={`/api/customers?${query}`}>
          {(found) =>
            found.length === 0 ? (
              <p role="status">{t('customers.search.none')}</p>
            ) : (
              <DataTable
                data-testid="customer-results"
                caption={t('customers.search.results', { count: found.length })}
                columns={FIELDS.map((field) => t(`customers.fields.${field}`))}
                rows={found}
                rowKey={(c) => c.id}
                cells={(c) => [
                  <Link className="customer-link" to={`/customers/${c.id}`}>
                    {c.name ?? t('customers.noName')}
                  </Link>,
                  c.phone ?? '',
                  c.email ?? '',
                  c.postcode ?? '',
                  c.dateOfBirth ? formatDate(c.dateOfBirth, i18n.language) : '',
                ]}
              />
            )
          }
        </HubView>
      ) : null}
    </section>
  );
}
