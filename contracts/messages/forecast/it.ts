import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  caption: 'Da ripassare nei prossimi {days} giorni: {total} ripassi (oggi {today})',
  table: 'Ripassi previsti al giorno',
  value: 'Ripassi previsti',
  day: 'Giorno',
} satisfies Translation<typeof en>;
