// Locks a staff device left alone: any touch or key keeps it open; IDLE_LOCK_MS without one
// locks it, so the next person at the counter sees nobody's work. Idle time runs from the last
// touch or key, kept in IndexedDB (written at most every 30 s), not from when the page loaded:
// a device closed with someone signed in and reopened later is locked at once.
import { useEffect } from 'react';
import { forgetPrivilegedVerifiers, lock, touchOrLock } from '../../db/staff-session.ts';
import { useDb } from '../../db/use-db.ts';
import { closeHubSession } from '../../sync/hub-session.ts';

export function IdleLock() {
  const db = useDb();
  useEffect(() => {
    // Null until the person touches or types on this page: loading it is not activity.
    let lastActivity: number | null = null;
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
    void forgetPrivilegedVerifiers(db);
    const timer = window.setInterval(check, 15_000);
    // Leaving the page: activity since the last 15-second check is written now.
    const leaving = () => {
      if (document.visibilityState === 'hidden') check();
    };
    document.addEventListener('visibilitychange', leaving);
    return () => {
      for (const name of events) window.removeEventListener(name, active);
      document.removeEventListener('visibilitychange', leaving);
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
