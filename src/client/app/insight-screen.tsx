// The insight dashboards in the staff-views hub frame: composed here, since features never
// import each other. Loaded lazily with the screen, like every screen but the finder.
import type { DeviceSettings } from '../db/database.ts';
import { InsightPage } from '../features/insight/insight-page.tsx';
import { HubView } from '../features/staff-views/hub-view.tsx';

export function InsightScreen({ device }: { device: DeviceSettings }) {
  return <InsightPage device={device} HubView={HubView} />;
}
