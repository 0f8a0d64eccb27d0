import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'failure.stoppedPartial': 'Arrêtée avant la fin ; ce qui est arrivé est conservé.',
  'failure.stoppedEmpty': 'Arrêtée avant d’avoir commencé.',
  'failure.interruptedPartial':
    'Le serveur a redémarré pendant l’écriture de cette réponse ; la partie enregistrée est conservée.',
  'failure.interruptedEmpty': 'Le serveur a redémarré avant le début de cette réponse.',
  'failure.timeoutPartial':
    'Le fournisseur d’IA a cessé d’envoyer au milieu de cette réponse (délai dépassé) ; ce qui est arrivé est conservé.',
  'failure.timeoutEmpty': 'Le fournisseur d’IA a mis trop de temps à répondre.',
  'failure.providerPartial':
    'La connexion au fournisseur d’IA a été coupée au milieu de cette réponse ; ce qui est arrivé est conservé.',
  'failure.providerEmpty': 'Le fournisseur d’IA n’a pas pu répondre.',
  'failure.otherPartial': 'Cette réponse s’est arrêtée avant d’être complète.',
  'failure.otherEmpty': 'Aucune réponse n’est arrivée.',
  'turn.stoppedByLearner': 'Arrêtée par l’apprenant.',
  'turn.notAccepted': 'Le serveur a terminé le tour avant de l’accepter. Réessayez.',
  'turn.endedEarly': 'La réponse s’est terminée trop tôt. Rechargez pour voir ce qui a été enregistré.',
  'turn.sendFailed': 'Envoi impossible. Vérifiez votre connexion et réessayez.',
  'turn.interrupted': 'La réponse a été interrompue.',
} satisfies Translation<typeof en>;
