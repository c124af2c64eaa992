import type { TFunction } from 'i18next';
import type { Duration } from '../../../shared/pack/schema.ts';

export function formatDuration(t: TFunction, duration: Duration): string {
  return t(`directory.duration.${duration.unit}`, { count: duration.amount });
}
