import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'level.title': '¡Nivel {level}!',
  'level.detail': 'Has llegado al nivel {level}. ¡Sigue así!',
  'level.spoken': 'Has llegado al nivel {level}.',
  'achievement.detail': 'Has conseguido un nuevo logro.',
  'achievement.spoken': 'Nuevo logro: {title}.',
  'streak.title': '{days, plural, one {¡# día seguido!} other {¡# días seguidos!}}',
  'streak.detail': 'Tu racha crece. Hasta mañana.',
  'streak.spoken': '{days, plural, one {# día seguido.} other {# días seguidos.}}',
  'goal.title': '¡Objetivo diario cumplido!',
  'goal.detail':
    '{minutes, plural, one {# minuto de práctica hoy.} other {# minutos de práctica hoy.}} ¡Bien hecho!',
  'goal.spoken': 'Objetivo diario cumplido.',
  several: '¡Bien hecho!',
  dismiss: 'Cerrar',
} satisfies Translation<typeof en>;
