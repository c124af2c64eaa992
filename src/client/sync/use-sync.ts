import { createContext, useContext, useSyncExternalStore } from 'react';
import type { SyncEngine, SyncProgress } from './sync-engine.ts';
import type { SyncScheduler } from './sync-scheduler.ts';

export interface SyncServices {
  engine: SyncEngine;
  scheduler: SyncScheduler;
}

export const SyncContext = createContext<SyncServices | null>(null);

export function useSync(): SyncServices {
  const services = useContext(SyncContext);
  if (!services) throw new Error('useSync outside SyncContext');
  return services;
}

export function useSyncProgress(): SyncProgress {
  const { engine } = useSync();
  return useSyncExternalStore(engine.subscribe, engine.getProgress);
}
