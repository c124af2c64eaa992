// Open311's rate limit: a token bucket per key (and per client address). An integration that
// catches up after an outage (FixMyStreet sends its whole backlog at once) spends the burst
// at full speed, then goes on at the sustained rate; a refused call says, in Retry-After, when
// the next token will be there, which FixMyStreet's retry loop honours.

export type BucketVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class TokenBucket {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Tokens added per minute: the sustained rate. */
  private readonly perMinute: number;
  /** The bucket's size: how many calls may come at once. */
  private readonly burst: number;

  constructor(perMinute: number, burst: number) {
    this.perMinute = perMinute;
    this.burst = burst;
  }

  take(key: string, now = Date.now()): BucketVerdict {
    const perMs = this.perMinute / 60_000;
    const held = this.buckets.get(key);
    const tokens = held ? Math.min(this.burst, held.tokens + (now - held.at) * perMs) : this.burst;
    if (tokens >= 1) {
      if (!held && this.buckets.size >= 10_000) this.prune(now);
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      return { allowed: true };
    }
    this.buckets.set(key, { tokens, at: now });
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)),
    };
  }

  /** Full buckets carry nothing worth keeping; if every bucket is in use, forget them all. */
  private prune(now: number): void {
    const perMs = this.perMinute / 60_000;
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.at) * perMs >= this.burst) this.buckets.delete(key);
    }
    if (this.buckets.size >= 10_000) this.buckets.clear();
  }
}
