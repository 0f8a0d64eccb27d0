import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  documentTitle: 'Willkommen · Charla',
  welcome: 'Willkommen, {name}!',
  lead: 'Drei schnelle Entscheidungen, dann kann es losgehen. Du kannst alles später unter Profil und Einstellungen ändern.',
  'native.label': 'Muttersprache',
  'native.hint': 'Erklärungen und Übersetzungen sind in dieser Sprache.',
  'native.required': 'Wähle deine Muttersprache',
  chooseLanguage: 'Sprache wählen',
  'target.label': 'Sprache, die du lernst',
  'target.required': 'Wähle die Sprache, die du lernen möchtest',
  'target.notNative': 'Wähle eine andere Sprache als deine Muttersprache',
  'level.label': 'Niveau',
  'level.hintFor':
    'Dein heutiges Niveau in {language} (GER). Unsicher? Fang niedriger an; der Tutor passt sich an.',
  'level.hint': 'Dein heutiges Niveau (GER). Unsicher? Fang niedriger an; der Tutor passt sich an.',
  'goal.label': 'Tagesziel',
  'goal.option': '{minutes, plural, one {# Minute am Tag} other {# Minuten am Tag}}',
  'goal.hint': 'Jeden Tag ein bisschen bringt mehr als einmal pro Woche viel.',
  submit: 'Los geht’s',
  notYou: 'Nicht {name}?',
  signOut: 'Abmelden',
} satisfies Translation<typeof en>;
