import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  caption: 'Pendientes en los próximos {days} días: {total} repasos (hoy {today})',
  table: 'Repasos pendientes por día',
  value: 'Repasos pendientes',
  day: 'Día',
} satisfies Translation<typeof en>;
