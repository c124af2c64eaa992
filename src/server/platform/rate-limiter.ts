// One small in-memory limiter for the public endpoints (/track lookups, Open311 posts, device
// enrolment): enough to make guessing references and codes useless and to stop a runaway client,
// with no dependency. Each key gets a window that starts at its first hit, so a burst cannot
// straddle two fresh windows.

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly hits = new Map<string, { start: number; count: number }>();
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(limit: number, windowMs = 60_000) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Counts one hit for `key`; refused hits say how long until the window ends (Retry-After). */
  hit(key: string, now = Date.now()): RateVerdict {
    const entry = this.hits.get(key);
    if (!entry || now - entry.start >= this.windowMs) {
      if (this.hits.size >= 10_000) this.prune(now);
      this.hits.set(key, { start: now, count: 1 });
      return { allowed: true };
    }
    entry.count++;
    if (entry.count <= this.limit) return { allowed: true };
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((entry.start + this.windowMs - now) / 1000)),
    };
  }

  /**
   * Takes back one counted hit for `key`, for an attempt that turned out to be no guess (an
   * enrolment with a code that was issued). Counting first and forgiving after, rather than
   * counting failures once they fail, keeps a burst of concurrent guesses within the limit.
   */
  forgive(key: string): void {
    const entry = this.hits.get(key);
    if (entry && entry.count > 0) entry.count--;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.hits) {
      if (now - entry.start >= this.windowMs) this.hits.delete(key);
    }
    // Still full of live windows (many addresses at once): forget them rather than grow.
    if (this.hits.size >= 10_000) this.hits.clear();
  }
}
