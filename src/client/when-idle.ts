// Work that can wait for the first screen: run it when the page is next idle, and no later than
// `within` ms; a browser without requestIdleCallback (Safari) runs it after `fallbackMs`.
export function whenIdle(run: () => void, within: number, fallbackMs: number): void {
  if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: within });
  else setTimeout(run, fallbackMs);
}
