// An enrolled device as the hub knows it: what every device route authenticates and every op
// handler is given.
import { DEVICE_MODES, type DeviceMode } from '../../../shared/contact.ts';
import type { DevicesTable } from './schema.ts';

export interface Device {
  id: string;
  accessPointId: string;
  name: string;
  enrolledAt: string;
  revokedAt: string | null;
  mode: DeviceMode;
}

/** A row of `devices`; a mode this hub does not know reads as a counter. */
export function toDevice(row: DevicesTable): Device {
  return {
    id: row.id,
    accessPointId: row.access_point_id,
    name: row.name,
    enrolledAt: row.enrolled_at,
    revokedAt: row.revoked_at,
    mode: (DEVICE_MODES as readonly string[]).includes(row.mode)
      ? (row.mode as DeviceMode)
      : 'counter',
  };
}
