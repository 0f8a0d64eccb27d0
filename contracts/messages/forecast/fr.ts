import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  caption: 'À réviser dans les {days} prochains jours : {total} révisions (aujourd’hui {today})',
  table: 'Révisions à faire par jour',
  value: 'Révisions à faire',
  day: 'Jour',
} satisfies Translation<typeof en>;
