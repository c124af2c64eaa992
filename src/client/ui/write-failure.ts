// What a person reads when a write was not saved. A full device gets its own clear message
// (what happened, that nothing half-saved remains, what to do); anything else names the cause.
import type { TFunction } from 'i18next';
import { StorageFullError } from '../db/writes.ts';

export function writeFailure(t: TFunction, key: string, error: unknown): string {
  if (error instanceof StorageFullError) return t('app.storageFull');
  return t(key, { message: error instanceof Error ? error.message : String(error) });
}
