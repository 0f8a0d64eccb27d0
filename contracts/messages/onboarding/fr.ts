import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  documentTitle: 'Bienvenue · Charla',
  welcome: 'Bienvenue, {name} !',
  lead: 'Trois choix rapides et c’est parti. Vous pourrez tous les modifier plus tard dans Profil et réglages.',
  'native.label': 'Langue maternelle',
  'native.hint': 'Les explications et les traductions utilisent cette langue.',
  'native.required': 'Choisissez votre langue maternelle',
  chooseLanguage: 'Choisissez une langue',
  'target.label': 'Langue que vous apprenez',
  'target.required': 'Choisissez la langue que vous voulez apprendre',
  'target.notNative': 'Choisissez une autre langue que votre langue maternelle',
  'level.label': 'Niveau',
  'level.hintFor':
    'Votre niveau en {language} aujourd’hui (CECR). Pas sûr ? Commencez plus bas : le tuteur s’adapte.',
  'level.hint': 'Votre niveau aujourd’hui (CECR). Pas sûr ? Commencez plus bas : le tuteur s’adapte.',
  'goal.label': 'Objectif quotidien',
  'goal.option': '{minutes, plural, one {# minute par jour} other {# minutes par jour}}',
  'goal.hint': 'Un peu chaque jour vaut mieux que beaucoup une fois par semaine.',
  submit: 'Commencer à apprendre',
  notYou: 'Vous n’êtes pas {name} ?',
  signOut: 'Se déconnecter',
} satisfies Translation<typeof en>;
