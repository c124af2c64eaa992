// Idle detection for a kiosk: any touch, key or pointer movement counts as someone there.
import { useEffect, useState } from 'react';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'input', 'wheel', 'touchstart'] as const;

/** Seconds since the last activity, ticking once a second. */
export function useIdleSeconds(): [number, () => void] {
  const [last, setLast] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const seen = () => setLast(Date.now());
    ACTIVITY.forEach((e) => window.addEventListener(e, seen, { passive: true }));
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      ACTIVITY.forEach((e) => window.removeEventListener(e, seen));
      clearInterval(tick);
    };
  }, []);
  return [Math.max(0, Math.floor((now - last) / 1000)), () => setLast(Date.now())];
}
