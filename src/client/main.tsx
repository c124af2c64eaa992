import './zod-without-eval.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import './app/app.css';
import { AnyDoorDatabase, getDevice, getOpenSession, getUiSettings } from './db/database.ts';
import { DbContext } from './db/use-db.ts';
import { initI18n, loadEnglishScreens, UI_LANGUAGES } from './i18n/i18n.ts';
import { ServiceWorkerUpdates } from './pwa/service-worker.ts';
import { UpdatePrompt } from './pwa/update-prompt.tsx';
import { createRouter } from './app/router.tsx';
import { SyncServices } from './sync/sync-services.ts';
import { SyncContext } from './sync/use-sync.ts';
import { whenIdle } from './when-idle.ts';

const db = new AnyDoorDatabase();
// A staff device reopens in its chosen language; a kiosk always starts a session in English.
const device = await getDevice(db).catch(() => undefined);
// A device not enrolled yet opens on enrolment: fetch that screen now, beside the rest of the
// start-up, rather than after the router has found that it is needed.
if (!device) void import('./features/enrolment/enrol-page.tsx');
// A staff device nobody is signed in to opens on its PIN lock: fetch that screen beside the
// start-up too, not after the layout has found it locked (a waterfall on a slow tablet).
else if (device.mode !== 'kiosk') {
  void getOpenSession(db, Date.now())
    .then((session) => {
      if (!session) void import('./features/staff-lock/lock-screen.tsx');
    })
    .catch(() => undefined);
}
await initI18n(
  device?.mode === 'kiosk' ? 'en' : (await getUiSettings(db).catch(() => null))?.language,
);
const sync = new SyncServices(db);
const updates = new ServiceWorkerUpdates();
updates.register();
// A kiosk serves anyone, so it fetches every language while it can (the service worker keeps
// them for offline use); staff devices fetch a language the first time someone picks it.
if (device?.mode === 'kiosk') {
  setTimeout(() => {
    for (const { code } of UI_LANGUAGES) {
      if (code !== 'en') void fetch(`/locales/${code}.json`).catch(() => undefined);
    }
  }, 2000);
}
// The rest of English once the first screen is up and the page is idle, so the next screen
// opens at once without competing with the first for a slow link or a slow phone's CPU.
// (The top-level awaits above may have let the load event pass already.) Enrolment, a first
// visit's screen, needs none of it: the next screen, after enrolling, loads it with itself.
const prefetch = () => whenIdle(() => void loadEnglishScreens(), 3000, 1000);
if (device && document.readyState === 'complete') prefetch();
else if (device) window.addEventListener('load', prefetch, { once: true });
// Desks and kiosks sync every 15 s so a call for help is heard quickly; tablets save battery.
// A device not enrolled yet starts syncing when enrolment asks for its first sync.
sync.start(device?.mode === 'tablet' ? 60_000 : 15_000, { untilAsked: !device });

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
