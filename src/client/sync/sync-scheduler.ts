// When to sync: at start, when the connection returns, when the page is shown again, after a
// local write, on a timer (backing off with jitter after failures) and when asked. Background
// Sync is not relied on: Safari has none. Only one tab syncs at a time (Web Locks).
import { SyncError, type SyncEngine } from './sync-engine.ts';

export interface SchedulerOptions {
  /** Time between syncs while all is well. */
  intervalMs?: number;
  /** First retry delay after a failure; doubles each time up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

const LOCK_NAME = 'anydoor-sync';

export class SyncScheduler {
  private readonly engine: SyncEngine;
  private readonly intervalMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  /** Set when retrying cannot help (revoked device, outdated app) until the person acts. */
  private halted = false;

  constructor(engine: SyncEngine, options: SchedulerOptions = {}) {
    this.engine = engine;
    this.intervalMs = options.intervalMs ?? 60_000;
    this.baseDelayMs = options.baseDelayMs ?? 2_000;
    this.maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
    this.random = options.random ?? Math.random;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    window.addEventListener('online', this.onOnline);
    document.addEventListener('visibilitychange', this.onVisible);
    void this.syncNow();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    window.removeEventListener('online', this.onOnline);
    document.removeEventListener('visibilitychange', this.onVisible);
  }

  private readonly onOnline = () => {
    this.failures = 0;
    void this.syncNow();
  };

  private readonly onVisible = () => {
    if (document.visibilityState === 'visible') void this.syncNow();
  };

  /** Runs a sync now, or once more right after the one in progress. */
  syncNow(options: { manual?: boolean } = {}): Promise<void> {
    if (options.manual) this.halted = false;
    if (this.halted || this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    clearTimeout(this.timer);
    this.running = this.runLocked().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.syncNow();
      }
    });
    return this.running;
  }

  private async runLocked(): Promise<void> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return this.runOnce();
    await locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
      // Another tab is syncing; its results reach this tab through IndexedDB live queries.
      if (!lock) return this.schedule(this.intervalMs);
      return this.runOnce();
    });
  }

  private async runOnce(): Promise<void> {
    try {
      await this.engine.syncOnce();
      this.failures = 0;
      this.schedule(this.intervalMs);
    } catch (error) {
      if (error instanceof SyncError && !error.retryable) {
        this.halted = true;
        return;
      }
      this.failures++;
      this.schedule(this.backoffDelay());
    }
  }

  /** Exponential backoff with full jitter, so many devices coming back online do not stampede. */
  backoffDelay(): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(this.failures, 20));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.syncNow(), delayMs);
  }
}
