import { currentLanguage, intlLocale } from './i18n.ts';

/**
 * Numbers, dates, money and relative times in the interface language, through `Intl` (issue 18).
 * Components call these while rendering; `useT` re-renders them when the language changes. Money is
 * `format-money.ts`: a page that only shows dates (the conversation screen) does not load it.
 */

/** The pseudo-language marks formatted values too: they come from Intl, not from a hard-coded string. */
export function marked(text: string): string {
  return currentLanguage() === 'xx' ? `⟦${text}⟧` : text;
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return marked(new Intl.NumberFormat(intlLocale(), options).format(value));
}

export function formatPercent(fraction: number, maximumFractionDigits = 0): string {
  return marked(
    new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits }).format(fraction),
  );
}

/** The interface's English is British ("practise"): its dates read "1 December 2026", not "December 1". */
export function formatDate(value: Date | string | number, options?: Intl.DateTimeFormatOptions): string {
  return marked(new Intl.DateTimeFormat(intlLocale(), options).format(new Date(value)));
}

/** "2026-11-24" → "24 Nov" (or "24. Nov."), read as a calendar date (no time zone shift). */
export function formatCalendarDate(day: string, options: Intl.DateTimeFormatOptions = {}): string {
  const [year, month, date] = day.split('-').map(Number);
  return formatDate(Date.UTC(year ?? 1970, (month ?? 1) - 1, date ?? 1), {
    day: 'numeric',
    month: 'short',
    ...options,
    timeZone: 'UTC',
  });
}

const relativeUnits: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** "3 days ago", "in 2 hours", "vor 3 Tagen": the largest whole unit of the difference. */
export function formatRelativeTime(value: Date | string | number, now: Date = new Date()): string {
  const difference = new Date(value).getTime() - now.getTime();
  const format = new Intl.RelativeTimeFormat(intlLocale(), { numeric: 'auto' });
  for (const [unit, size] of relativeUnits) {
    if (Math.abs(difference) >= size) return marked(format.format(Math.round(difference / size), unit));
  }
  return marked(format.format(0, 'minute'));
}

/** "a, b and c" in the interface language. */
export function formatList(items: readonly string[], type: Intl.ListFormatType = 'conjunction'): string {
  // The interface's English is British (`interfaceLocale`): no serial comma before "and".
  return marked(new Intl.ListFormat(intlLocale(), { style: 'long', type }).format(items));
}
