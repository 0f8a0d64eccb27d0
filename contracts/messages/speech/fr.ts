import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  listen: 'Écouter',
  stop: 'Arrêter',
  'listen.notAllowed':
    'Le navigateur n’a pas encore autorisé la page à parler. Appuyez de nouveau sur Écouter.',
  'listen.failed': 'Le navigateur n’a pas pu lire ceci à voix haute.',
  'note.cannotSpeak': 'Ce navigateur ne peut pas lire de texte à voix haute, donc Écouter n’est pas proposé.',
  'note.cannotSpeakNoServer':
    'Ce navigateur ne peut pas lire de texte à voix haute et la voix par le serveur n’est pas disponible, donc Écouter n’est pas proposé.',
  'note.noVoice':
    'Ce navigateur n’a pas de voix en {language}, donc Écouter n’est pas proposé. Les réglages vocaux de votre système en proposent peut-être une à installer.',
  'note.noVoiceNoServer':
    'Ce navigateur n’a pas de voix en {language} et la voix par le serveur n’est pas disponible, donc Écouter n’est pas proposé.',
  'note.noServerRecognition':
    'La voix par le serveur n’est pas disponible, donc parler et s’entraîner à la prononciation ne sont pas possibles ici.',
  'note.noRecognition':
    'Ce navigateur n’a pas de reconnaissance vocale, donc parler et s’entraîner à la prononciation ne sont pas possibles ici.',
  'note.noRecognitionNoServer':
    'Ce navigateur n’a pas de reconnaissance vocale et la voix par le serveur n’est pas disponible, donc parler et s’entraîner à la prononciation ne sont pas possibles ici.',
  'practice.open': 'S’entraîner à le dire',
  'practice.close': 'Fermer l’entraînement',
  'practice.opening': 'Ouverture de l’entraînement…',
  speed: 'Vitesse',
  'speed.failed': 'Impossible d’enregistrer la vitesse.',
  voiceMode: 'Mode vocal',
  speak: 'Parler',
  stopListening: 'Arrêter l’écoute',
  setUp: 'Configurer la voix',
  'status.opening': 'Ouverture du micro…',
  'status.waiting': 'À l’écoute… parlez en {language} quand vous êtes prêt.',
  'status.recordingHandsFree': 'Enregistrement… envoyé quand vous cessez de parler.',
  'status.recording': 'Enregistrement… appuyez sur Arrêter quand vous avez fini.',
  'status.transcribing': 'Transcription de ce que vous avez dit…',
  'status.heard': 'À l’écoute… « {heard} »',
  'status.listening': 'À l’écoute… parlez en {language} maintenant.',
  'status.speaking': 'Le tuteur parle.',
  'status.replying': 'Le tuteur répond…',
  'status.tryAgain': '{problem} Appuyez sur Parler pour réessayer.',
  'status.unfinished': 'La réponse ne s’est pas terminée. Relancez-la, ou appuyez sur Parler pour continuer.',
  'status.paused': 'En pause. Appuyez sur Parler pour parler.',
  'problem.not-allowed':
    'L’accès au micro est bloqué. Autorisez-le pour ce site dans le navigateur, puis réessayez.',
  'problem.no-speech': 'Aucune parole entendue. Réessayez, un peu plus près du micro.',
  'problem.no-microphone': 'Aucun micro trouvé. Branchez-en un, ou écrivez.',
  'problem.network':
    'La reconnaissance vocale de ce navigateur doit se connecter à son éditeur, et cela a échoué. Écrivez, ou réessayez.',
  'problem.language': 'Ce navigateur ne reconnaît pas la parole en {language}. Écrivez plutôt.',
  'problem.failed': 'La reconnaissance vocale s’est arrêtée de façon inattendue. Réessayez.',
  unsupported: 'Votre navigateur n’a pas de reconnaissance vocale ; écrivez plutôt.',
  'mic.not-allowed':
    'Charla ne peut pas utiliser le micro. Autorisez-le pour ce site dans le navigateur (l’icône à côté de l’adresse), puis réessayez.',
  'mic.no-microphone': 'Aucun micro trouvé. Branchez-en un, ou écrivez.',
  'mic.unsupported':
    'Ce navigateur ne peut pas enregistrer d’audio. Écrivez, ou utilisez un Chrome, Edge, Firefox ou Safari récent.',
  'mic.failed':
    'Le micro n’a pas pu être ouvert. Vérifiez qu’aucune autre application ne l’utilise, puis réessayez.',
  'server.noSpeech': 'Aucune parole entendue. Réessayez, un peu plus près du micro.',
  'server.tooLongSent':
    'L’enregistrement s’est arrêté à la limite de deux minutes ; ce que vous avez dit jusque-là a été envoyé.',
  'server.failed': 'Un problème est survenu avec l’audio. Réessayez.',
  'server.tooLong': 'Cet enregistrement était trop long : restez sous deux minutes, ou découpez-le.',
  'server.unreadable': 'Le serveur n’a pas pu lire cet enregistrement. Réessayez, ou écrivez.',
  'server.network': 'Impossible de joindre le serveur pour l’écouter. Vérifiez votre connexion et réessayez.',
  'server.notSetUpAdmin':
    'La voix par le serveur n’est pas configurée : ajoutez un fournisseur de voix et ses chaînes.',
  'server.notSetUp':
    'Le propriétaire de ce Charla n’a pas encore configuré la voix par le serveur. Écrivez plutôt.',
  'server.overBudget': 'Votre quota vocal est épuisé pour le moment : le plafond du budget est atteint.',
} satisfies Translation<typeof en>;
