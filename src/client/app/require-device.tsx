import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import type { DeviceSettings } from '../db/database.ts';
import { useDevice } from '../db/use-device.ts';

/** Screens that need an enrolled device get it as a prop; others are sent to enrolment. */
export function RequireDevice({ children }: { children: (device: DeviceSettings) => ReactNode }) {
  const { t } = useTranslation();
  const device = useDevice();
  if (device === undefined) return <p>{t('app.loading')}</p>;
  if (device === null) return <Navigate to="/enrol" replace />;
  return children(device);
}
