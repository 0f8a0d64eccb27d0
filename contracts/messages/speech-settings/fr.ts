import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  title: 'Voix',
  rate: 'Vitesse de lecture',
  rateHint: 'La vitesse de lecture à voix haute des réponses et des cartes. Plus lent aide au début.',
  rateValue: '{rate} de la vitesse normale',
  voices: 'Voix',
  voicesHint:
    'Les voix marquées « en ligne » envoient le texte à l’éditeur du navigateur pour être lues ; les autres fonctionnent hors ligne.',
  'voice.label': 'Voix en {language}',
  'voice.unsupported': 'Ce navigateur ne sait pas parler, il n’a donc aucune voix à proposer.',
  'voice.loading': 'Recherche des voix de ce navigateur…',
  'voice.none': 'Ce navigateur n’a pas de voix en {language}.',
  'voice.missing': 'La voix choisie n’est pas sur cet appareil : la plus proche parle ici à sa place.',
  'voice.automatic': 'Automatique',
  'voice.automaticNamed': 'Automatique ({voice})',
  'voice.notHere': '{voice} (absente de cet appareil)',
  'voice.online': 'en ligne',
  'voice.test': 'Tester la voix',
  stop: 'Arrêter',
  autoSpeak: 'Lire les réponses à voix haute dès qu’elles arrivent',
  autoSpeakHint:
    'Phrase par phrase pendant que le tuteur écrit. Le mode vocal le fait aussi, puis vous écoute.',
  engine: 'Moteur vocal',
  'engine.auto': 'Automatique',
  'engine.auto.description':
    'La voix de ce navigateur là où elle fonctionne (gratuit) ; celle du serveur là où le navigateur n’a pas de reconnaissance ou de voix pour la langue, ou quand sa reconnaissance échoue.',
  'engine.browser': 'Ce navigateur uniquement',
  'engine.browser.description': 'Rien de ce que vous dites ou entendez ne passe par le serveur de Charla.',
  'engine.server': 'Le serveur',
  'engine.server.description':
    'Les mêmes voix et la même reconnaissance sur tous les appareils. Votre audio est envoyé au serveur de Charla et au fournisseur d’IA configuré par le propriétaire, et compte dans votre budget.',
  serverVoices: 'Voix du serveur',
  'serverVoice.label': 'Voix du serveur en {language}',
  'serverVoice.default': 'Par défaut',
  'serverVoice.defaultNamed': 'Par défaut ({voice})',
  'serverVoice.gone': '{voice} (plus proposée)',
  'serverVoice.failed': 'La voix du serveur n’a pas pu être lue.',
  'serverVoice.server': 'serveur',
  storeAudio: 'Conserver mes enregistrements',
  storeAudioHint:
    'Désactivé : ce que vous dites via le serveur est transcrit puis oublié. Activé : c’est conservé pour que vous puissiez le réécouter, listé ci-dessous, inclus dans votre export et supprimable à tout moment.',
  'privacy.server':
    'Parler envoie votre audio au serveur de Charla, qui le transmet au fournisseur d’IA configuré par le propriétaire pour être transcrit.',
  'privacy.browser':
    'Dans ce navigateur, parler utilise sa propre reconnaissance vocale. La plupart des navigateurs envoient l’audio à leur éditeur pour le reconnaître (Chrome l’envoie à Google) ; Charla ne le reçoit jamais, sauf si la voix du serveur prend le relais.',
  'privacy.none':
    'Ce navigateur n’a pas de reconnaissance vocale : avec le moteur automatique, la voix du serveur prend le relais là où le propriétaire l’a configurée.',
  save: 'Enregistrer les réglages vocaux',
  saved: 'Vos réglages vocaux sont enregistrés.',
  'note.overBudget':
    'Votre budget vocal est épuisé pour le moment : la voix du serveur revient quand le budget se renouvelle.',
  'note.adminSpeech':
    'La voix du serveur n’est pas configurée. {link} avec un fournisseur d’IA qui la propose.',
  'note.adminTranscription':
    'La transcription du serveur n’est pas configurée. {link} avec un fournisseur d’IA qui la propose.',
  'note.adminVoices':
    'Les voix du serveur ne sont pas configurées. {link} avec un fournisseur d’IA qui les propose.',
  'note.setUp': 'Configurez la voix',
  'note.learnerSpeech':
    'Le propriétaire de ce Charla n’a pas configuré la voix du serveur : celle de ce navigateur est utilisée.',
  'note.learnerTranscription':
    'Le propriétaire de ce Charla n’a pas configuré la transcription du serveur : la voix de ce navigateur est utilisée.',
  'note.learnerVoices':
    'Le propriétaire de ce Charla n’a pas configuré les voix du serveur : la voix de ce navigateur est utilisée.',
  'recordings.title': 'Vos enregistrements',
  'recordings.none':
    'Aucun pour l’instant : ce que vous dites via la voix du serveur est conservé ici désormais.',
  'recordings.nothingHeard': '(rien n’a été entendu)',
  'recordings.delete': 'Supprimer',
  'recordings.deleteLabel': 'l’enregistrement « {transcript} »',
  'recordings.deleteFailed': 'Impossible de supprimer cet enregistrement. Réessayez.',
  'recordings.deleted': 'Enregistrement supprimé.',
} satisfies Translation<typeof en>;
