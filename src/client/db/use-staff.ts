import { useLiveQuery } from 'dexie-react-hooks';
import { can, type Action } from '../../shared/staff.ts';
import { getStaffSession, type StaffSessionSettings } from './database.ts';
import { useDb } from './use-db.ts';

/** The person signed in; undefined while loading, null when the device is locked. */
export function useStaffSession(): StaffSessionSettings | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => (await getStaffSession(db)) ?? null, [db]);
}

/** Whether the person signed in may do `action` (false while loading or locked). */
export function useCan(action: Action): boolean {
  const session = useStaffSession();
  return session ? can(session.role, action) : false;
}
