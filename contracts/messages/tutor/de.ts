import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'feedback.unavailable': 'Für diese Nachricht sind keine Korrekturen verfügbar.',
  'feedback.none': 'Keine Korrekturen.',
  'feedback.labelYours': 'Rückmeldung zu deiner Nachricht',
  'feedback.labelTheirs': 'Rückmeldung zu dieser Nachricht',
  'feedback.spelling': 'Rechtschreibung?',
  'feedback.heldBack':
    '{count, plural, one {# weitere Korrektur} other {# weitere Korrekturen}} durch die Korrektureinstellung zurückgehalten.',
  'feedback.checkMine': 'Meine Nachricht prüfen ({count})',
  'feedback.showMore': '{count} weitere zeigen',
  'feedback.moreNatural': 'Natürlicher:',
  'feedback.newWords': 'Neue Wörter:',
  'feedback.why': 'Warum?',
  'feedback.addToDeck': 'Zum Stapel hinzufügen',
  'feedback.inDeck': 'In deinem Stapel',
  'feedback.chipAdd': 'zu deinem Stapel hinzufügen',
  'feedback.chipInDeck': 'in deinem Stapel',
  'feedback.editorTitle': 'Zu deinem Stapel hinzufügen',
  'feedback.addCard': 'Karte hinzufügen',
  'feedback.added': '„{term}“ zu deinem Stapel hinzugefügt.',
  'feedback.alreadyThere': '„{term}“ war schon in deinem Stapel.',
  'category.verb-tense': 'Zeitform',
  'category.agreement': 'Kongruenz',
  'category.gender': 'Genus',
  'category.word-order': 'Wortstellung',
  'category.preposition': 'Präposition',
  'category.spelling': 'Rechtschreibung',
  'category.vocabulary-choice': 'Wortwahl',
  'category.register': 'Register',
  'category.other': 'Sonstiges',
} satisfies Translation<typeof en>;
