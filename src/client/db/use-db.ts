import { createContext, useContext } from 'react';
import type { AnyDoorDatabase } from './database.ts';

export const DbContext = createContext<AnyDoorDatabase | null>(null);

export function useDb(): AnyDoorDatabase {
  const db = useContext(DbContext);
  if (!db) throw new Error('useDb outside DbContext');
  return db;
}
