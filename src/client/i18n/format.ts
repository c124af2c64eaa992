// Dates as people read them, in the interface language. Device clocks may be wrong: these are
// for display only.
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    date,
  );
}

export function formatBytes(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(language, {
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
