import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';

describe('RateLimiter', () => {
  it('allows `limit` hits per key in a window, then says when to retry', () => {
    const limiter = new RateLimiter(2, 60_000);
    const t0 = 1_000_000;
    expect(limiter.hit('a', t0)).toEqual({ allowed: true });
    expect(limiter.hit('a', t0 + 1000)).toEqual({ allowed: true });
    expect(limiter.hit('a', t0 + 20_500)).toEqual({ allowed: false, retryAfterSeconds: 40 });
    // Other keys have windows of their own.
    expect(limiter.hit('b', t0 + 20_500)).toEqual({ allowed: true });
    // The window starts at the first hit and ends a minute later.
    expect(limiter.hit('a', t0 + 59_999)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.hit('a', t0 + 60_000)).toEqual({ allowed: true });
  });

  it('stays bounded when many keys arrive', () => {
    const limiter = new RateLimiter(1, 1000);
    for (let i = 0; i < 25_000; i++) limiter.hit(`k${i}`, i);
    expect(limiter.hit('k24999', 24_999)).toMatchObject({ allowed: false });
  });

  it('takes back a forgiven hit, and never below nothing', () => {
    const limiter = new RateLimiter(1, 60_000);
    expect(limiter.hit('a', 0)).toEqual({ allowed: true });
    limiter.forgive('a');
    expect(limiter.hit('a', 1)).toEqual({ allowed: true });
    expect(limiter.hit('a', 2)).toMatchObject({ allowed: false });
    limiter.forgive('unknown');
    limiter.forgive('b');
    expect(limiter.hit('b', 3)).toEqual({ allowed: true });
  });
});
