import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'empty.title': 'Rien à afficher pour l’instant',
  'empty.titleMember': '{name} ne s’est pas encore exercé',
  'empty.text':
    'Commencez une conversation ou révisez des cartes : votre série, vos minutes, vos mots et vos erreurs s’afficheront ici dès que vous vous exercerez.',
  'empty.textMember':
    'Sa série, ses minutes, ses mots et ses erreurs s’afficheront ici dès qu’il ou elle s’exercera.',
  'empty.converse': 'Commencer une conversation',
  'empty.review': 'Réviser des cartes',
  'empty.grammar': 'Travailler la grammaire',
  'streak.today': 'Exercice fait aujourd’hui.',
  'streak.keep': 'Pas encore d’exercice aujourd’hui.',
  'streak.start': 'Aucune série en cours.',
  'level.noneMember': 'Aucune langue à apprendre choisie pour l’instant.',
  'level.none': 'Vous n’avez pas encore choisi de langue à apprendre.',
  'level.choose': 'Choisissez-en une dans les paramètres',
} satisfies Translation<typeof en>;
