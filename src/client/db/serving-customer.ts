// The citizen being served at this desk right now, once staff looked them up in the single
// customer view: contacts and cases recorded meanwhile join their record. Held in memory only
// (a reload, a lock or another person signing in ends it): who someone is never goes into the
// device's storage beyond the id on the ops that name them.
import { useSyncExternalStore } from 'react';
import { useStaffSession } from './use-staff.ts';

export interface ServingCustomer {
  id: string;
  /** For the banner only. */
  name: string;
  /** The person who looked them up: serving ends when someone else is at the desk. */
  staffId: string;
}

let serving: ServingCustomer | null = null;
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((listener) => listener());

export function startServing(customer: ServingCustomer): void {
  serving = customer;
  changed();
}

export function stopServing(): void {
  serving = null;
  changed();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The customer being served by the person signed in, or null. */
export function useServingCustomer(): ServingCustomer | null {
  const current = useSyncExternalStore(subscribe, () => serving);
  const session = useStaffSession();
  return current && session && session.staffId === current.staffId ? current : null;
}
