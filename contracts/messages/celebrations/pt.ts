import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'level.title': 'Nível {level}!',
  'level.detail': 'Chegou ao nível {level}. Continue assim.',
  'level.spoken': 'Chegou ao nível {level}.',
  'achievement.detail': 'Ganhou uma nova conquista.',
  'achievement.spoken': 'Nova conquista: {title}.',
  'streak.title': '{days, plural, one {# dia seguido!} other {# dias seguidos!}}',
  'streak.detail': 'A sua série está a crescer. Até amanhã.',
  'streak.spoken': '{days, plural, one {# dia seguido.} other {# dias seguidos.}}',
  'goal.title': 'Objetivo diário cumprido!',
  'goal.detail':
    '{minutes, plural, one {# minuto de prática hoje.} other {# minutos de prática hoje.}} Muito bem.',
  'goal.spoken': 'Objetivo diário cumprido.',
  several: 'Muito bem!',
  dismiss: 'Fechar',
} satisfies Translation<typeof en>;
