// A file from a staff route (a CSV export): fetched with the hub session, which a plain link
// cannot send, then handed to the browser as a download.
import type { DeviceSettings } from '../db/database.ts';
import { hubFetch } from '../sync/hub-session.ts';

/** Downloads `path` as `filename`; false when the hub would not give it (no session, offline). */
export async function downloadFromHub(
  device: DeviceSettings,
  staffId: string,
  path: string,
  filename: string,
): Promise<boolean> {
  const result = await hubFetch(device, staffId, path);
  if (!result.ok) return false;
  const url = URL.createObjectURL(await result.response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
  return true;
}
