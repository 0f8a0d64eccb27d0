import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  caption: 'Pendentes nos próximos {days} dias: {total} revisões (hoje {today})',
  table: 'Revisões pendentes por dia',
  value: 'Revisões pendentes',
  day: 'Dia',
} satisfies Translation<typeof en>;
