/** When a conversation was last active, short enough for a list row on a phone: "14:05", "Yesterday", "3 Nov". */
export function formatListDate(iso: string | null, now: Date = new Date()): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const day = 24 * 3600 * 1000;
  if (date.getTime() >= startOfToday) return date.toLocaleTimeString('en', { timeStyle: 'short' });
  if (date.getTime() >= startOfToday - day) return 'Yesterday';
  if (date.getFullYear() === now.getFullYear()) {
    return date.toLocaleDateString('en', { day: 'numeric', month: 'short' });
  }
  return date.toLocaleDateString('en', { day: 'numeric', month: 'short', year: 'numeric' });
}

/** A message's time for its <time> element: the hour on its own, the full date as a tooltip. */
export function formatMessageTime(iso: string): { short: string; full: string } {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { short: '', full: iso };
  return {
    short: date.toLocaleTimeString('en', { timeStyle: 'short' }),
    full: date.toLocaleString('en', { dateStyle: 'full', timeStyle: 'short' }),
  };
}
