// Says, on every staff screen, whose record the contacts and cases recorded now will join (see
// db/serving-customer.ts), with the way to stop. Shown only after a lookup in the customer view.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { stopServing, useServingCustomer } from '../db/serving-customer.ts';

export function ServingBanner() {
  const { t } = useTranslation();
  const serving = useServingCustomer();
  if (!serving) return null;
  return (
    <div className="serving-banner" role="status" data-testid="serving-banner">
      <span>
        {t('customers.serving.banner', { name: serving.name })}{' '}
        <Link className="customer-link" to={`/customers/${serving.id}`}>
          {t('customers.serving.open')}
        </Link>
      </span>
      <button type="button" className="button button--secondary" onClick={stopServing}>
        {t('customers.serving.stop')}
      </button>
    </div>
  );
}
