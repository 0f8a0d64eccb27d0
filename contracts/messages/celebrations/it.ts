import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'level.title': 'Livello {level}!',
  'level.detail': 'Hai raggiunto il livello {level}. Continua così.',
  'level.spoken': 'Hai raggiunto il livello {level}.',
  'achievement.detail': 'Hai ottenuto un nuovo traguardo.',
  'achievement.spoken': 'Nuovo traguardo: {title}.',
  'streak.title': '{days, plural, one {# giorno di fila!} other {# giorni di fila!}}',
  'streak.detail': 'La tua serie cresce. A domani.',
  'streak.spoken': '{days, plural, one {# giorno di fila.} other {# giorni di fila.}}',
  'goal.title': 'Obiettivo giornaliero raggiunto!',
  'goal.detail':
    '{minutes, plural, one {# minuto di esercizio oggi.} other {# minuti di esercizio oggi.}} Ben fatto.',
  'goal.spoken': 'Obiettivo giornaliero raggiunto.',
  several: 'Ben fatto!',
  dismiss: 'Chiudi',
} satisfies Translation<typeof en>;
