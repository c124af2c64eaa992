import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRepeatingJob } from './repeating-job.ts';

describe('startRepeatingJob', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs one pass at a time, skipping ticks while one runs', async () => {
    let passes = 0;
    let finish: () => void = () => undefined;
    const stop = startRepeatingJob(
      () => {
        passes++;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      { intervalMs: 100, onError: () => undefined },
    );
    expect(passes).toBe(0);
    await vi.advanceTimersByTimeAsync(350);
    expect(passes).toBe(1);
    finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(passes).toBe(2);
    finish();
    await stop();
  });

  it('runs at once when asked, reports failures and keeps going', async () => {
    const errors: unknown[] = [];
    let passes = 0;
    const stop = startRepeatingJob(
      () => {
        passes++;
        return Promise.reject(new Error(`pass ${passes}`));
      },
      { intervalMs: 100, onError: (error) => errors.push(error), runNow: true },
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(passes).toBe(2);
    expect(errors.map((e) => (e as Error).message)).toEqual(['pass 1', 'pass 2']);
    await stop();
  });

  it('stops only once the pass in flight is done, and starts no more', async () => {
    let finish: () => void = () => undefined;
    let passes = 0;
    const stop = startRepeatingJob(
      () => {
        passes++;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      { intervalMs: 100, onError: () => undefined, runNow: true },
    );
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(500);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(passes).toBe(1);
  });
});
