import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import './app/app.css';
import { AnyDoorDatabase } from './db/database.ts';
import { DbContext } from './db/use-db.ts';
import { initI18n } from './i18n/i18n.ts';
import { ServiceWorkerUpdates } from './pwa/service-worker.ts';
import { UpdatePrompt } from './pwa/update-prompt.tsx';
import { createRouter } from './app/router.tsx';
import { SyncEngine } from './sync/sync-engine.ts';
import { SyncScheduler } from './sync/sync-scheduler.ts';
import { SyncContext } from './sync/use-sync.ts';

await initI18n();
const db = new AnyDoorDatabase();
const engine = new SyncEngine({ db });
const scheduler = new SyncScheduler(engine);
const updates = new ServiceWorkerUpdates();
updates.register();
scheduler.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <DbContext value={db}>
      <SyncContext value={{ engine, scheduler }}>
        <UpdatePrompt updates={updates} />
        <RouterProvider router={createRouter()} />
      </SyncContext>
    </DbContext>
  </StrictMode>,
);
