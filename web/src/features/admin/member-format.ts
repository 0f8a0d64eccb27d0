import { formatDate, formatRelativeTime, marked } from '../../i18n/format.ts';
import { intlLocale, translate } from '../../i18n/i18n.ts';

/**
 * "3 hours ago", or "Never" for a member who has not signed in yet (the caller renders with `admin`).
 * "Now" is Intl's word, so the providers page (which has no `admin` words loaded) can use this too.
 */
export function formatLastSeen(iso: string | null, now: Date = new Date()): string {
  if (!iso) return translate('admin.members.never');
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return translate('admin.members.unknown');
  if (Math.abs(then.getTime() - now.getTime()) < 60_000) {
    const locale = intlLocale();
    const word = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(0, 'second');
    return marked(word.charAt(0).toLocaleUpperCase(locale) + word.slice(1));
  }
  return formatRelativeTime(then, now);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatDate(date, { dateStyle: 'medium', timeStyle: 'short' });
}
