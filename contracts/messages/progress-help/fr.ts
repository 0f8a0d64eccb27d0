import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'streak.counts':
    'Un jour compte dès que vous envoyez un message, révisez une carte ou répondez à une question de grammaire, dans n’importe quelle langue (jours à l’heure de {timeZone}).',
  'streak.countsMember':
    'Un jour compte dès qu’un message est envoyé, une carte révisée ou une question de grammaire répondue, dans n’importe quelle langue (jours à l’heure de {timeZone}).',
  'streak.freezes':
    'Chaque série de {every} jours d’affilée rapporte un gel (au plus {max} en réserve) ; un gel couvre un jour manqué pour que la série continue.',
  goal: 'Estimé d’après votre activité dans toutes les langues : messages, révisions et réponses de grammaire à 5 minutes d’écart au plus forment une séance, comptée de 1 minute avant sa première activité jusqu’à la dernière.',
  goalMember:
    'Estimé d’après son activité dans toutes les langues : messages, révisions et réponses de grammaire à 5 minutes d’écart au plus forment une séance, comptée de 1 minute avant sa première activité jusqu’à la dernière.',
  turns: 'Messages envoyés au tuteur ({language}).',
  words: 'Appris : révisé au moins une fois. Acquis : prochaine révision dans 21 jours ou plus.',
  scenarios: 'Terminé signifie que tous les objectifs du jeu de rôle ont été atteints.',
  level: 'Auto-évalué : le niveau que vous avez indiqué ({language}). Charla n’estime pas les niveaux.',
  levelMember: 'Auto-évalué : le niveau indiqué par le membre ({language}). Charla n’estime pas les niveaux.',
  xp: 'Seule votre pratique rapporte des XP, dans toutes les langues, avec un plafond par type et par jour. Chaque niveau demande 100 XP de plus que le précédent.',
  xpMember:
    'Seule sa pratique rapporte des XP, dans toutes les langues, avec un plafond par type et par jour. Chaque niveau demande 100 XP de plus que le précédent.',
  achievements: 'Obtenus grâce à votre pratique dans toutes les langues. Les succès ne rapportent pas d’XP.',
  achievementsMember:
    'Obtenus grâce à sa pratique dans toutes les langues. Les succès ne rapportent pas d’XP.',
  'table.label': 'XP par type de pratique',
  'table.practice': 'Pratique',
  'table.today': 'Aujourd’hui',
  'table.allTime': 'Au total',
  'kind.turns': 'Tours de conversation',
  'kind.reviews': 'Révisions de cartes',
  'kind.grammar': 'Réponses de grammaire',
  'kind.goals': 'Objectifs de jeux de rôle',
  'kind.role-plays': 'Jeux de rôle terminés',
  'kind.daily-goal': 'Objectif quotidien atteint',
  'rule.turns': '{xp} XP par tour de {min} caractères ou plus, jamais envoyé',
  'rule.reviews': '{recalled} XP par carte retenue, {again} XP par carte oubliée (À revoir)',
  'rule.grammar': '{xp} XP par bonne réponse',
  'rule.goals': '{xp} XP par objectif atteint',
  'rule.role-plays': '{xp} XP par jeu de rôle aux objectifs tous atteints',
  'rule.daily-goal': '{xp} XP par jour où l’objectif quotidien est atteint',
  'rule.cap': '{rule} ; au plus {cap} XP par jour',
  mistakes:
    'Chaque correction du tuteur compte une fois, dans sa catégorie. Les semaines commencent le lundi (UTC).',
} satisfies Translation<typeof en>;
