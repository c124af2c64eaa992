// The app's handle on sync, light enough for the first load: the engine, its schemas and the
// scheduler load in the background right after the first screen, so a kiosk or counter shows
// its finder before any of that code has been parsed.
import type { AnyDoorDatabase } from '../db/database.ts';
import type { SyncEngine, SyncProgress } from './sync-engine.ts';
import type { SyncScheduler } from './sync-scheduler.ts';
import { whenIdle } from '../when-idle.ts';

export class SyncServices {
  private readonly db: AnyDoorDatabase;
  private progress: SyncProgress = { running: false, sent: 0, received: 0, toSend: 0 };
  private readonly listeners = new Set<() => void>();
  private loaded: Promise<{ engine: SyncEngine; scheduler: SyncScheduler }> | null = null;
  private intervalMs: number | undefined;

  constructor(db: AnyDoorDatabase) {
    this.db = db;
  }

  /**
   * Starts syncing once the first screen is up and the page is idle (within two seconds): the
   * engine and its schemas are parsed then, not before the first paint. A device not enrolled
   * yet has nothing to sync: with `untilAsked` the engine loads only when enrolment asks for
   * its first sync (`syncNow`), and keeps this interval from then on.
   * @param intervalMs time between syncs while all is well (shorter at mains-powered desks).
   */
  start(intervalMs?: number, { untilAsked = false } = {}): void {
    this.intervalMs = intervalMs;
    if (untilAsked) return;
    whenIdle(() => void this.load(), 2000, 500);
  }

  private load() {
    const { intervalMs } = this;
    this.loaded ??= (async () => {
      const [{ SyncEngine }, { SyncScheduler }] = await Promise.all([
        import('./sync-engine.ts'),
        import('./sync-scheduler.ts'),
      ]);
      const engine = new SyncEngine({ db: this.db });
      engine.subscribe(() => {
        this.progress = engine.getProgress();
        this.listeners.forEach((listener) => listener());
      });
      const scheduler = new SyncScheduler(engine, intervalMs ? { intervalMs } : {});
      scheduler.start();
      return { engine, scheduler };
    })();
    return this.loaded;
  }

  /** Syncs now (or right after the sync in progress); `manual` also retries after a hard stop. */
  async syncNow(options: { manual?: boolean } = {}): Promise<void> {
    const { scheduler } = await this.load();
    await scheduler.syncNow(options);
  }

  getProgress = (): SyncProgress => this.progress;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
