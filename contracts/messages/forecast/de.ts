import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  caption: 'Fällig in den nächsten {days} Tagen: {total} Wiederholungen (heute {today})',
  table: 'Fällige Wiederholungen pro Tag',
  value: 'Fällige Wiederholungen',
  day: 'Tag',
} satisfies Translation<typeof en>;
