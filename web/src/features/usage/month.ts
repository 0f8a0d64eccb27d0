import { formatDate } from '../../i18n/format.ts';

/** "2026-11" → "2026-10" / "2026-12". */
export function shiftMonth(month: string, by: number): string {
  const [year = 1970, number = 1] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year, number - 1 + by, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** "2026-11" → "November 2026". */
export function monthName(month: string): string {
  const [year = 1970, number = 1] = month.split('-').map(Number);
  return formatDate(Date.UTC(year, number - 1, 1), { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A reset instant in words, in the server's budget time zone. */
export function resetWords(iso: string, timeZone: string): string {
  return formatDate(iso, { dateStyle: 'long', timeStyle: 'short', timeZone });
}
