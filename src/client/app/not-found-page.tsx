import { useTranslation } from 'react-i18next';
import { NotFound } from '../ui/not-found.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return <NotFound title={t('app.notFound')} to="/" back={t('app.goHome')} />;
}
