// Registers the precaching service worker (built by vite-plugin-pwa) with workbox-window and
// reports when a new version waits, so the person chooses when to reload. workbox-window loads
// after the first screen: registration waits for the page's load event anyway.
import type { Workbox } from 'workbox-window';

type Listener = () => void;

export class ServiceWorkerUpdates {
  private workbox: Workbox | null = null;
  private updateReady = false;
  private readonly listeners = new Set<Listener>();

  register(): void {
    if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
    void import('workbox-window').then(({ Workbox }) => {
      const workbox = new Workbox('/sw.js', { scope: '/' });
      workbox.addEventListener('waiting', () => {
        this.updateReady = true;
        this.listeners.forEach((listener) => listener());
      });
      this.workbox = workbox;
      void workbox.register();
    });
    // Ask the browser not to evict offline work under storage pressure.
    void navigator.storage?.persist?.();
  }

  isUpdateReady = (): boolean => this.updateReady;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Activates the waiting version, then reloads once it controls the page. */
  applyUpdate(): void {
    const workbox = this.workbox;
    if (!workbox) return;
    workbox.addEventListener('controlling', () => window.location.reload());
    workbox.messageSkipWaiting();
  }

  dismiss(): void {
    this.updateReady = false;
    this.listeners.forEach((listener) => listener());
  }
}
