import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'empty.title': 'Noch nichts zu sehen',
  'empty.titleMember': '{name} hat noch nicht geübt',
  'empty.text':
    'Beginne ein Gespräch oder wiederhole Karten: Deine Serie, Minuten, Wörter und Fehler erscheinen hier, sobald du übst.',
  'empty.textMember': 'Serie, Minuten, Wörter und Fehler erscheinen hier, sobald geübt wird.',
  'empty.converse': 'Gespräch beginnen',
  'empty.review': 'Karten wiederholen',
  'empty.grammar': 'Grammatik üben',
  'streak.today': 'Heute geübt.',
  'streak.keep': 'Heute noch nicht geübt.',
  'streak.start': 'Zurzeit keine Serie.',
  'level.noneMember': 'Noch keine Sprache zum Lernen gewählt.',
  'level.none': 'Du hast noch keine Sprache zum Lernen gewählt.',
  'level.choose': 'In den Einstellungen wählen',
} satisfies Translation<typeof en>;
