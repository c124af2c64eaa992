import { describe, expect, it } from 'vitest';
import { SyncScheduler } from './sync-scheduler.ts';
import type { SyncEngine } from './sync-engine.ts';

describe('sync backoff', () => {
  const engine = {} as SyncEngine;

  function delaysFor(random: number, failures: number): number {
    const scheduler = new SyncScheduler(engine, {
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
      random: () => random,
    });
    (scheduler as unknown as { failures: number }).failures = failures;
    return scheduler.backoffDelay();
  }

  it('doubles after each failure, up to the ceiling', () => {
    expect(delaysFor(1, 1)).toBe(2000);
    expect(delaysFor(1, 2)).toBe(4000);
    expect(delaysFor(1, 5)).toBe(32_000);
    expect(delaysFor(1, 30)).toBe(60_000);
  });

  it('spreads retries between half and all of the delay', () => {
    expect(delaysFor(0, 3)).toBe(4000);
    expect(delaysFor(0.5, 3)).toBe(6000);
    expect(delaysFor(0.999, 3)).toBeLessThanOrEqual(8000);
  });
});
