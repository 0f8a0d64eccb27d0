import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'empty.title': 'Ancora niente da mostrare',
  'empty.titleMember': '{name} non si è ancora esercitato',
  'empty.text':
    'Inizia una conversazione o ripassa delle schede: la tua serie, i minuti, le parole e gli errori compariranno qui appena ti eserciti.',
  'empty.textMember': 'La serie, i minuti, le parole e gli errori compariranno qui quando si eserciterà.',
  'empty.converse': 'Inizia una conversazione',
  'empty.review': 'Ripassa le schede',
  'empty.grammar': 'Esercita la grammatica',
  'streak.today': 'Esercitato oggi.',
  'streak.keep': 'Oggi non si è ancora esercitato.',
  'streak.start': 'Nessuna serie al momento.',
  'level.noneMember': 'Nessuna lingua da imparare scelta finora.',
  'level.none': 'Non hai ancora scelto una lingua da imparare.',
  'level.choose': 'Scegline una nelle impostazioni',
} satisfies Translation<typeof en>;
