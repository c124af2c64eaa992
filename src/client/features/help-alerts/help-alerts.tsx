// On counters and tablets: a kiosk at this access point, or one this place answers for (the
// pack's `helpFrom`, e.g. a foyer kiosk with no staff of its own), has asked for a person. The
// hub sends a call only to the devices that should hear it.
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { DeviceSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useSync } from '../../sync/use-sync.ts';

const RECENT_MS = 30 * 60_000;

export function HelpAlerts({ device }: { device: DeviceSettings }) {
  const { t, i18n } = useTranslation();
  const db = useDb();
  const sync = useSync();
  const open = useLiveQuery(async () => {
    const events = await db.helpEvents.toArray();
    const answered = new Set(events.filter((e) => e.kind === 'answer').map((e) => e.requestId));
    const since = Date.now() - RECENT_MS;
    const calls = events.filter(
      (e) =>
        e.kind === 'request' &&
        e.deviceId !== device.deviceId &&
        !answered.has(e.id) &&
        Date.parse(e.receivedAt || e.createdAt) >= since,
    );
    // A call from another place (a kiosk answered from here) says where it is.
    return Promise.all(
      calls.map(async (call) => ({
        ...call,
        place:
          call.accessPointId === device.accessPointId
            ? null
            : ((await db.accessPoints.get(call.accessPointId))?.name ?? call.accessPointId),
      })),
    );
  }, [db, device.accessPointId, device.deviceId]);
  // Writing code loads on demand: it is not needed for the first screen.
  async function answer(requestId: string) {
    const { sendHelpEvent } = await import('../../db/writes.ts');
    await sendHelpEvent(db, requestId);
    await sync.syncNow();
  }
  if (!open || open.length === 0) return null;
  return (
    <section className="help-alerts" role="alert" aria-label={t('help.region')}>
      {open.map((request) => (
        <p key={request.id} className="help-alerts__item">
          {request.place
            ? t('help.neededAt', {
                kiosk: request.deviceName,
                place: request.place,
                when: formatDateTime(request.createdAt, i18n.language),
              })
            : t('help.needed', {
                kiosk: request.deviceName,
                when: formatDateTime(request.createdAt, i18n.language),
              })}{' '}
          <button type="button" className="button" onClick={() => void answer(request.id)}>
            {t('help.coming')}
          </button>
        </p>
      ))}
    </section>
  );
}
