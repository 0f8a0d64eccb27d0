import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'feedback.unavailable': 'Le correzioni non sono disponibili per questo messaggio.',
  'feedback.none': 'Nessuna correzione.',
  'feedback.labelYours': 'Commenti sul tuo messaggio',
  'feedback.labelTheirs': 'Commenti su questo messaggio',
  'feedback.spelling': 'Ortografia?',
  'feedback.heldBack':
    '{count, plural, one {# altra correzione trattenuta} other {# altre correzioni trattenute}} dall’impostazione delle correzioni.',
  'feedback.checkMine': 'Controlla il mio messaggio ({count})',
  'feedback.showMore': 'Mostra altre {count}',
  'feedback.moreNatural': 'Più naturale:',
  'feedback.newWords': 'Parole nuove:',
  'feedback.why': 'Perché?',
  'feedback.addToDeck': 'Aggiungi al mazzo',
  'feedback.inDeck': 'Nel tuo mazzo',
  'feedback.chipAdd': 'aggiungi al tuo mazzo',
  'feedback.chipInDeck': 'nel tuo mazzo',
  'feedback.editorTitle': 'Aggiungi al tuo mazzo',
  'feedback.addCard': 'Aggiungi scheda',
  'feedback.added': '«{term}» aggiunta al tuo mazzo.',
  'feedback.alreadyThere': '«{term}» era già nel tuo mazzo.',
  'category.verb-tense': 'Tempo verbale',
  'category.agreement': 'Concordanza',
  'category.gender': 'Genere',
  'category.word-order': 'Ordine delle parole',
  'category.preposition': 'Preposizione',
  'category.spelling': 'Ortografia',
  'category.vocabulary-choice': 'Scelta delle parole',
  'category.register': 'Registro',
  'category.other': 'Altro',
} satisfies Translation<typeof en>;
