import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'refusal.usedUp':
    '{scope, select, member {Votre budget IA {period, select, month {mensuel} other {quotidien}}} other {Le budget IA {period, select, month {mensuel} other {quotidien}} du serveur}} de {cap} est épuisé ({spent} dépensés{held, select, none {} other {, {held} réservés par des requêtes en cours}}). Il se renouvelle le {resetsAt} ({timeZone}). {scope, select, member {Un administrateur peut l’augmenter.} other {Il est partagé par tout le monde sur ce serveur ; un administrateur peut l’augmenter.}}',
  'refusal.tooLittle':
    '{scope, select, member {Il reste {left} sur votre budget IA {period, select, month {mensuel} other {quotidien}}} other {Il reste {left} sur le budget IA {period, select, month {mensuel} other {quotidien}} du serveur}} de {cap} ({spent} dépensés{held, select, none {} other {, {held} réservés par des requêtes en cours}}), moins que ce que peut coûter cette requête (jusqu’à {required}). Il se renouvelle le {resetsAt} ({timeZone}). {scope, select, member {Un administrateur peut l’augmenter.} other {Il est partagé par tout le monde sur ce serveur ; un administrateur peut l’augmenter.}}',
  'refusal.child':
    '{scope, select, member {Ton temps avec le tuteur {period, select, month {pour ce mois-ci} other {pour aujourd’hui}}} other {Le temps du tuteur pour tout le monde {period, select, month {ce mois-ci} other {aujourd’hui}}}} {state, select, usedUp {est écoulé} other {est presque écoulé : il n’en reste pas assez pour ça}}. Il se remplit de nouveau le {resetsAt}. D’ici là, tu peux toujours t’entraîner sur les mots et la grammaire.',
  'refusal.earlier': 'Le budget IA ne suffisait pas pour cette réponse au moment de la demande.',
  'alert.usedUp':
    '{scope, select, member {Votre budget IA mensuel} other {Le budget IA mensuel du serveur}} de {cap} est épuisé. {mode, select, downgrade {Le tuteur passe à un modèle moins cher jusqu’à son renouvellement ou jusqu’à ce qu’un administrateur l’augmente.} other {Le tuteur s’arrête jusqu’à son renouvellement ou jusqu’à ce qu’un administrateur l’augmente.}}',
  'alert.usedUpShort':
    '{scope, select, member {Votre budget IA mensuel} other {Le budget IA mensuel du serveur}} de {cap} est épuisé ({spent} dépensés ; le reste ne couvre pas une autre requête{mode, select, downgrade { avec le modèle habituel} other {}}). {mode, select, downgrade {Le tuteur passe à un modèle moins cher jusqu’à son renouvellement ou jusqu’à ce qu’un administrateur l’augmente.} other {Le tuteur s’arrête jusqu’à son renouvellement ou jusqu’à ce qu’un administrateur l’augmente.}}',
  'alert.threshold':
    '{scope, select, member {Votre budget IA mensuel} other {Le budget IA mensuel du serveur}} est utilisé à {threshold} % ({spent} sur {cap}).',
  'alert.child.threshold': 'Tu as utilisé {threshold} % de ton temps avec le tuteur pour ce mois-ci.',
  'alert.child.usedUp':
    'Ton temps avec le tuteur pour ce mois-ci est écoulé. {mode, select, downgrade {Tu peux continuer à parler avec le tuteur jusqu’à ce qu’il se remplisse de nouveau le mois prochain.} other {Il se remplit de nouveau le mois prochain. D’ici là, tu peux toujours t’entraîner sur les mots et la grammaire.}}',
} satisfies Translation<typeof en>;
