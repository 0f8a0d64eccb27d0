import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'practice.label': 'Entraînement à la prononciation',
  'practice.choose': 'Choisissez quoi dire',
  'practice.hearFirst': 'L’écouter d’abord',
  'practice.tryAgain': 'Réessayer',
  'practice.start': 'Commencer à parler',
  'practice.recording':
    'Enregistrement… lisez la phrase à voix haute en {language}, puis appuyez sur Arrêter.',
  'practice.listening': 'À l’écoute… lisez la phrase à voix haute en {language}.',
  'practice.listeningHeard':
    'À l’écoute… lisez la phrase à voix haute en {language}. Entendu jusqu’ici : « {heard} »',
  'practice.noWords': 'Cette phrase n’a aucun mot à comparer.',
  'practice.score':
    '{percent} — {matched} sur {count, plural, one {# mot reconnu} other {# mots reconnus}} tels qu’écrits',
  'practice.scoreExtra':
    '{percent} — {matched} sur {count, plural, one {# mot reconnu} other {# mots reconnus}} tels qu’écrits, {extra, plural, one {# mot en trop entendu} other {# mots en trop entendus}}',
  'practice.heard': 'Entendu : {heard}',
  'practice.marks':
    '{count, plural, one {Un mot a été entendu} other {# mots ont été entendus}} avec d’autres accents ou signes. Certains se prononcent pareil (él et el), d’autres non (año et ano) : écoutez et jugez à l’oreille.',
  'practice.key': 'Légende',
  'practice.legend.word': 'mot',
  'practice.legend.match': 'reconnu',
  'practice.legend.substituted': 'entendu comme un autre mot',
  'practice.legend.missed': 'pas entendu',
  'practice.legend.extra': 'en trop',
} satisfies Translation<typeof en>;
