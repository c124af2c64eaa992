import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceWorkerUpdates } from './service-worker.ts';

export function UpdatePrompt({ updates }: { updates: ServiceWorkerUpdates }) {
  const { t } = useTranslation();
  const ready = useSyncExternalStore(updates.subscribe, updates.isUpdateReady);
  if (!ready) return null;
  return (
    <div className="update-prompt" role="status">
      <p>{t('pwa.updateReady')}</p>
      <button type="button" className="button" onClick={() => updates.applyUpdate()}>
        {t('pwa.reload')}
      </button>
      <button type="button" className="button button--secondary" onClick={() => updates.dismiss()}>
        {t('pwa.later')}
      </button>
    </div>
  );
}
