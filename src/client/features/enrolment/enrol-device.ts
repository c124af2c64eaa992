import {
  enrolResponse,
  errorResponse,
  PROTOCOL_VERSION,
  type EnrolRequest,
} from '../../../shared/sync/protocol.ts';
import type { DeviceMode } from '../../../shared/contact.ts';
import { EMPTY_SYNC_SETTINGS, type AnyDoorDatabase } from '../../db/database.ts';

export type EnrolResult =
  { ok: true; accessPointName: string } | { ok: false; message: string | null };

/** Exchanges a one-time code for a device token and stores it; message null = network failure. */
export async function enrolDevice(
  db: AnyDoorDatabase,
  input: { code: string; deviceName: string; mode?: DeviceMode },
  baseUrl = '',
): Promise<EnrolResult> {
  const request: EnrolRequest = {
    type: 'enrol',
    protocolVersion: PROTOCOL_VERSION,
    mode: 'counter',
    ...input,
  };
  let res: Response;
  try {
    res = await fetch(`${baseUrl}/api/devices/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch {
    return { ok: false, message: null };
  }
  const body: unknown = await res.json().catch(() => null);
  const enrolled = enrolResponse.safeParse(body);
  if (!res.ok || !enrolled.success) {
    const error = errorResponse.safeParse(body);
    return { ok: false, message: error.success ? error.data.message : `HTTP ${res.status}` };
  }
  const { deviceId, token, accessPoint, mode } = enrolled.data;
  await db.transaction('rw', db.settings, async () => {
    await db.settings.put({
      key: 'device',
      deviceId,
      token,
      deviceName: input.deviceName,
      accessPointId: accessPoint.id,
      accessPointName: accessPoint.name,
      mode,
      enrolledAt: new Date().toISOString(),
    });
    // A new enrolment starts the feed from the beginning.
    await db.settings.put(EMPTY_SYNC_SETTINGS);
  });
  return { ok: true, accessPointName: accessPoint.name };
}
