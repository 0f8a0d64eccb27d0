import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'level.title': 'Niveau {level} !',
  'level.detail': 'Vous avez atteint le niveau {level}. Continuez comme ça.',
  'level.spoken': 'Vous avez atteint le niveau {level}.',
  'achievement.detail': 'Vous avez obtenu un nouveau succès.',
  'achievement.spoken': 'Nouveau succès : {title}.',
  'streak.title': '{days, plural, one {# jour d’affilée !} other {# jours d’affilée !}}',
  'streak.detail': 'Votre série s’allonge. À demain.',
  'streak.spoken': '{days, plural, one {# jour d’affilée.} other {# jours d’affilée.}}',
  'goal.title': 'Objectif du jour atteint !',
  'goal.detail':
    '{minutes, plural, one {# minute de pratique aujourd’hui.} other {# minutes de pratique aujourd’hui.}} Bravo.',
  'goal.spoken': 'Objectif du jour atteint.',
  several: 'Bravo !',
  dismiss: 'Fermer',
} satisfies Translation<typeof en>;
