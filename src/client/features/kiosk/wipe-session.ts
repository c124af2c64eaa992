// The end of a kiosk session: nothing the citizen typed or chose may outlive it. Kiosk
// screens keep what a citizen types in memory only (never IndexedDB), so the wipe clears the
// browser's other stores and then reloads the page, which drops every bit of in-memory state
// and the DOM. The service worker serves the reload offline.
export async function wipeKioskSession(): Promise<void> {
  try {
    sessionStorage.clear();
    localStorage.clear();
  } catch {
    // Storage may be disabled; there is then nothing in it either.
  }
  if ('caches' in window) {
    // Only the app shell (precache) and the language files may stay in Cache Storage.
    const keep = /workbox-precache|anydoor-locales/;
    for (const name of await caches.keys()) if (!keep.test(name)) await caches.delete(name);
  }
  window.location.replace('/');
}
