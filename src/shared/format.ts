// Dates, times and numbers as people read them, in the language of the screen or page: the one
// place they are formatted, for the app (src/client/i18n/format.ts) and the hub's public pages
// (/track, /survey, /review) alike. English is British English ("6 December 2026", never
// "Dec 6, 2026" or "12/6/2026"); every other language its own. Times are UK time, whatever the
// device's zone: every door is in the UK, and a due time means the same at each. Device clocks
// may be wrong: these are for display only.

const ZONE = 'Europe/London';

/**
 * The locale Intl formats with, for an interface language: English as in the UK, Arabic with
 * the digits of the phone numbers, references and postcodes beside it (0-9), the others as is.
 */
export function formatLocale(language: string): string {
  const base = language.split('-')[0]?.toLowerCase();
  if (base === 'en') return 'en-GB';
  if (base === 'ar') return 'ar-u-nu-latn';
  if (base === 'cy') return 'cy-GB';
  return language;
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dates(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${language}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(formatLocale(language), { timeZone: ZONE, ...options });
    cache.set(key, format);
  }
  return format;
}
function numbers(language: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n|${language}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(formatLocale(language), options);
    cache.set(key, format);
  }
  return format;
}

/** An ISO date ("2026-12-06") or timestamp as a Date; null when it is not one. */
function toDate(value: string | Date): Date | null {
  const date =
    value instanceof Date
      ? value
      : new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
const DAY_AND_TIME: Intl.DateTimeFormatOptions = { ...DAY, hour: '2-digit', minute: '2-digit' };

/** Whether a date shows its weekday ("Sunday 6 December 2026"). */
interface DateStyle {
  weekday?: boolean;
}

/** A date or timestamp with these options, and the weekday if asked; as given if not a date. */
function formatWith(
  value: string | Date,
  language: string,
  options: Intl.DateTimeFormatOptions,
  { weekday = false }: DateStyle = {},
): string {
  const date = toDate(value);
  if (!date) return String(value);
  return dates(language, { ...options, ...(weekday ? { weekday: 'long' } : {}) }).format(date);
}

/** "6 December 2026" (with the weekday: "Sunday 6 December 2026"). */
export const formatDate = (value: string | Date, language: string, style?: DateStyle): string =>
  formatWith(value, language, DAY, style);

/** "6 December 2026 at 17:12". */
export const formatDateTime = (value: string | Date, language: string, style?: DateStyle): string =>
  formatWith(value, language, DAY_AND_TIME, style);

/** A calendar month "2026-07" as "July 2026" (short: "Jul 2026", for a chart's axis). */
export function formatMonth(
  month: string,
  language: string,
  { short = false }: { short?: boolean } = {},
): string {
  if (!/^\d{4}-\d{2}$/.test(month)) return month;
  const date = new Date(`${month}-15T12:00:00Z`);
  return dates(language, { month: short ? 'short' : 'long', year: 'numeric' }).format(date);
}

/** A month's name alone ("July"), for a chart's axis. */
export function formatMonthName(month: string, language: string): string {
  if (!/^\d{4}-\d{2}$/.test(month)) return month;
  return dates(language, { month: 'short' }).format(new Date(`${month}-15T12:00:00Z`));
}

/** 1,234 (1 234 in Polish). */
export function formatNumber(
  value: number,
  language: string,
  options: Intl.NumberFormatOptions = {},
): string {
  return numbers(language, options).format(value);
}

/** A percentage given 0-100: "98.1%" ("98,1%" in Polish). */
export function formatPercent(value: number, language: string): string {
  return numbers(language, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

/** Pence as pounds: "£1,234.50". */
export function formatMoney(pence: number, language: string): string {
  return numbers(language, { style: 'currency', currency: 'GBP' }).format(pence / 100);
}

/** Whole pounds, as a chart's axis writes them: "£25,000", "25 000 £" (pl). */
export function formatPounds(pence: number, language: string): string {
  return numbers(language, {
    style: 'currency',
    currency: 'GBP',
    currencyDisplay: 'narrowSymbol',
    maximumFractionDigits: 0,
  }).format(Math.round(pence / 100));
}

/** A list: "a, b and c". */
export function formatList(items: readonly string[], language: string): string {
  return new Intl.ListFormat(formatLocale(language), { type: 'conjunction' }).format(items);
}
