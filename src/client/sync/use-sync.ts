import { createContext, useContext, useSyncExternalStore } from 'react';
import type { SyncProgress } from './sync-engine.ts';
import type { SyncServices } from './sync-services.ts';

export const SyncContext = createContext<SyncServices | null>(null);

export function useSync(): SyncServices {
  const services = useContext(SyncContext);
  if (!services) throw new Error('useSync outside SyncContext');
  return services;
}

export function useSyncProgress(): SyncProgress {
  const sync = useSync();
  return useSyncExternalStore(sync.subscribe, sync.getProgress);
}
