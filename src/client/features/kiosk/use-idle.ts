// Idle detection for a kiosk: any touch, key or pointer movement counts as someone there.
import { useCallback, useEffect, useRef, useState } from 'react';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'input', 'wheel', 'touchstart'] as const;

/**
 * Seconds since the last activity, ticking once a second. While `hold` is true (a citizen is
 * waiting for a person they called) the kiosk counts as in use; the count starts again from
 * when the hold ends.
 */
export function useIdleSeconds(hold = false): [number, () => void] {
  const [last, setLast] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  const held = useRef(hold);
  useEffect(() => {
    held.current = hold;
  }, [hold]);
  useEffect(() => {
    const seen = () => setLast(Date.now());
    ACTIVITY.forEach((e) => window.addEventListener(e, seen, { passive: true }));
    const tick = setInterval(() => {
      const at = Date.now();
      // Held: the last activity is now, so the count starts from the end of the hold.
      if (held.current) setLast(at);
      setNow(at);
    }, 1000);
    return () => {
      ACTIVITY.forEach((e) => window.removeEventListener(e, seen));
      clearInterval(tick);
    };
  }, []);
  const stillHere = useCallback(() => setLast(Date.now()), []);
  return [hold ? 0 : Math.max(0, Math.floor((now - last) / 1000)), stillHere];
}
