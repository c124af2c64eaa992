// Locks a staff device left alone: any touch or key keeps it open; IDLE_LOCK_MS without one
// locks it, so the next person at the counter sees nobody's work.
import { useEffect } from 'react';
import { lock, touchOrLock } from '../../db/staff-session.ts';
import { useDb } from '../../db/use-db.ts';
import { closeHubSession } from '../../sync/hub-session.ts';

export function IdleLock() {
  const db = useDb();
  useEffect(() => {
    let lastActivity = Date.now();
    const active = () => {
      lastActivity = Date.now();
    };
    const check = () =>
      void touchOrLock(db, lastActivity).then((state) => {
        if (state === 'locked') closeHubSession();
      });
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const name of events) window.addEventListener(name, active, { passive: true });
    check();
    const timer = window.setInterval(check, 15_000);
    return () => {
      for (const name of events) window.removeEventListener(name, active);
      window.clearInterval(timer);
    };
  }, [db]);
  return null;
}

/** Ends the session now ("Lock" in the masthead). */
export async function lockNow(db: Parameters<typeof lock>[0]): Promise<void> {
  closeHubSession();
  await lock(db);
}
