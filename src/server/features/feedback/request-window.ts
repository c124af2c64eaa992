// At most `limit` requests in any `windowMs`: a provider's published rate limit (GOV.UK Notify:
// 3,000 a minute per API key), kept on our side so a burst waits its turn instead of being
// refused. A sliding log of the last `limit` start times; each take() resolves when the request
// may start, in the order they were asked for.
export interface RequestWindowOptions {
  limit: number;
  windowMs: number;
  /** For tests: the clock and the wait. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class RequestWindow {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Start times of the requests in the current window, oldest first. */
  private readonly starts: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(options: RequestWindowOptions) {
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Waits until one more request keeps within the limit, and counts it. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.claim());
    // One waiter at a time; a failure never blocks those behind it.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async claim(): Promise<void> {
    for (;;) {
      const now = this.now();
      while (this.starts.length > 0 && (this.starts[0] ?? 0) <= now - this.windowMs) {
        this.starts.shift();
      }
      if (this.starts.length < this.limit) {
        this.starts.push(now);
        return;
      }
      await this.sleep((this.starts[0] ?? now) + this.windowMs - now);
    }
  }
}
