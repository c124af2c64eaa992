// Dates, times and numbers as people read them, in the interface language: every screen formats
// through here (never toLocaleString or Intl directly), so English is British ("6 December
// 2026") and each language its own. The formats themselves are src/shared/format.ts, shared
// with the hub's public pages.
export {
  formatDate,
  formatDateTime,
  formatList,
  formatLocale,
  formatMoney,
  formatMonth,
  formatMonthName,
  formatNumber,
  formatPercent,
  formatPounds,
} from '../../shared/format.ts';
import { formatLocale } from '../../shared/format.ts';

export function formatBytes(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(formatLocale(language), {
    style: 'unit',
    unit: units[unit],
    maximumFractionDigits: 1,
  }).format(value);
}

/**
 * A phone number, reference or web address set inside a sentence: isolated left to right, so a
 * right-to-left sentence (Arabic) neither reorders its groups ("01234 500500") nor its parts.
 */
export function isolated(text: string): string {
  return `\u2066${text}\u2069`;
}
