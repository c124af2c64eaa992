import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import type { DeviceSettings } from '../db/database.ts';
import { useDevice } from '../db/use-device.ts';

/**
 * Screens that need an enrolled device get it as a prop; others are sent to enrolment.
 * Staff screens are not reachable from a kiosk, whatever URL a citizen types.
 */
export function RequireDevice({
  children,
  staff = false,
}: {
  children: (device: DeviceSettings) => ReactNode;
  staff?: boolean;
}) {
  const { t } = useTranslation();
  const device = useDevice();
  if (device === undefined) return <p>{t('app.loading')}</p>;
  if (device === null) return <Navigate to="/enrol" replace />;
  if (staff && device.mode === 'kiosk') return <Navigate to="/" replace />;
  return children(device);
}
