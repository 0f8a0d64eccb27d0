import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'level.title': 'Stufe {level}!',
  'level.detail': 'Du hast Stufe {level} erreicht. Weiter so.',
  'level.spoken': 'Du hast Stufe {level} erreicht.',
  'achievement.detail': 'Du hast einen neuen Erfolg errungen.',
  'achievement.spoken': 'Neuer Erfolg: {title}.',
  'streak.title': '{days, plural, one {# Tag in Folge!} other {# Tage in Folge!}}',
  'streak.detail': 'Deine Serie wächst. Bis morgen.',
  'streak.spoken': '{days, plural, one {# Tag in Folge.} other {# Tage in Folge.}}',
  'goal.title': 'Tagesziel erreicht!',
  'goal.detail': '{minutes, plural, one {# Minute Übung heute.} other {# Minuten Übung heute.}} Gut gemacht.',
  'goal.spoken': 'Tagesziel erreicht.',
  several: 'Gut gemacht!',
  dismiss: 'Schließen',
} satisfies Translation<typeof en>;
