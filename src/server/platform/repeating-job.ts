// A job the hub runs on a timer (the follow-up sender, the insight fold): never two passes at
// once (a tick that finds one running is skipped), failures reported rather than thrown, and
// stopping waits for the pass in flight, so shutdown closes the store after it, not under it.

export interface RepeatingJobOptions {
  intervalMs: number;
  onError: (error: unknown) => void;
  /** Run a first pass straight away instead of after the first interval. */
  runNow?: boolean;
}

/** Starts `pass` every `intervalMs`; returns a stop function that resolves once it is idle. */
export function startRepeatingJob(
  pass: () => Promise<void>,
  options: RepeatingJobOptions,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = pass()
      .catch(options.onError)
      .finally(() => {
        running = null;
      });
  };
  if (options.runNow) tick();
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
