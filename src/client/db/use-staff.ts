import { useLiveQuery } from 'dexie-react-hooks';
import { can, type Action } from '../../shared/staff.ts';
import { getOpenSession, type StaffSessionSettings } from './database.ts';
import { useDb } from './use-db.ts';

/**
 * The person signed in; undefined while loading, null when the device is locked. A session
 * left idle too long (a device reopened after a pause) reads as locked at once, before the
 * idle lock has cleared it, so nothing of the person's work is drawn.
 */
export function useStaffSession(): StaffSessionSettings | null | undefined {
  const db = useDb();
  return useLiveQuery(() => getOpenSession(db, Date.now()), [db]);
}

/** Whether the person signed in may do `action` (false while loading or locked). */
export function useCan(action: Action): boolean {
  const session = useStaffSession();
  return session ? can(session.role, action) : false;
}
