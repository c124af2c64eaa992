import { useLiveQuery } from 'dexie-react-hooks';
import { getDevice, type DeviceSettings } from './database.ts';
import { useDb } from './use-db.ts';

/** The enrolled device; undefined while loading, null when not enrolled. */
export function useDevice(): DeviceSettings | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => (await getDevice(db)) ?? null, [db]);
}
