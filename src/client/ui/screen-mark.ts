// When a screen first became usable in this page load, as a performance mark the coldStart
// benchmark reads (bench/cold-start-benchmark.ts): a counter's PIN lock, a kiosk's attract
// screen, the finder after unlocking.
import { useEffect } from 'react';

export type ScreenMark = 'lock' | 'attract' | 'finder';

export function useScreenMark(screen: ScreenMark, ready = true): void {
  useEffect(() => {
    const name = `anydoor:${screen}`;
    if (ready && performance.getEntriesByName(name).length === 0) performance.mark(name);
  }, [screen, ready]);
}
