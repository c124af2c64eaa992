import { useLiveQuery } from 'dexie-react-hooks';
import type { DeviceMode } from '../../shared/contact.ts';
import { getDevice, type DeviceSettings } from './database.ts';
import { useDb } from './use-db.ts';

/** The enrolled device; undefined while loading, null when not enrolled. */
export function useDevice(): DeviceSettings | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => (await getDevice(db)) ?? null, [db]);
}

/** The device's mode, chosen at enrolment; counter until known. */
export function useMode(): DeviceMode {
  return useDevice()?.mode ?? 'counter';
}
