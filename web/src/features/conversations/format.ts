import { formatDate } from '../../i18n/format.ts';
import { currentLanguage, intlLocale } from '../../i18n/i18n.ts';

/** "Yesterday", "Ayer", "Gestern": Intl's word, capitalised to start a list row. */
function yesterday(): string {
  const locale = intlLocale();
  const word = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-1, 'day');
  const capitalised = word.charAt(0).toLocaleUpperCase(locale) + word.slice(1);
  // The pseudo-language marks it too: it comes from Intl, not from a hard-coded string.
  return currentLanguage() === 'xx' ? `⟦${capitalised}⟧` : capitalised;
}

/** When a conversation was last active, short enough for a list row on a phone: "14:05", "Yesterday", "3 Nov". */
export function formatListDate(iso: string | null, now: Date = new Date()): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const day = 24 * 3600 * 1000;
  if (date.getTime() >= startOfToday) return formatDate(date, { timeStyle: 'short' });
  if (date.getTime() >= startOfToday - day) return yesterday();
  if (date.getFullYear() === now.getFullYear()) return formatDate(date, { day: 'numeric', month: 'short' });
  return formatDate(date, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** A message's time for its <time> element: the hour on its own, the full date as a tooltip. */
export function formatMessageTime(iso: string): { short: string; full: string } {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { short: '', full: iso };
  return {
    short: formatDate(date, { timeStyle: 'short' }),
    full: formatDate(date, { dateStyle: 'full', timeStyle: 'short' }),
  };
}
