import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import './app/app.css';
import { AnyDoorDatabase, getDevice, getUiSettings } from './db/database.ts';
import { DbContext } from './db/use-db.ts';
import { initI18n } from './i18n/i18n.ts';
import { ServiceWorkerUpdates } from './pwa/service-worker.ts';
import { UpdatePrompt } from './pwa/update-prompt.tsx';
import { createRouter } from './app/router.tsx';
import { SyncServices } from './sync/sync-services.ts';
import { SyncContext } from './sync/use-sync.ts';

const db = new AnyDoorDatabase();
// A staff device reopens in its chosen language; a kiosk always starts a session in English.
const device = await getDevice(db).catch(() => undefined);
await initI18n(
  device?.mode === 'kiosk' ? 'en' : (await getUiSettings(db).catch(() => null))?.language,
);
const sync = new SyncServices(db);
const updates = new ServiceWorkerUpdates();
updates.register();
sync.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <DbContext value={db}>
      <SyncContext value={sync}>
        <UpdatePrompt updates={updates} />
        <RouterProvider router={createRouter()} />
      </SyncContext>
    </DbContext>
  </StrictMode>,
);
