import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  title: 'Sprache',
  rate: 'Sprechtempo',
  rateHint: 'Wie schnell Antworten und Karten vorgelesen werden. Langsamer hilft am Anfang.',
  rateValue: '{rate} des normalen Tempos',
  voices: 'Stimmen',
  voicesHint:
    'Mit „online“ markierte Stimmen schicken den Text zum Vorlesen an den Hersteller des Browsers; die anderen funktionieren offline.',
  'voice.label': 'Stimme für {language}',
  'voice.unsupported': 'Dieser Browser kann nicht sprechen und hat daher keine Stimmen zur Auswahl.',
  'voice.loading': 'Stimmen dieses Browsers werden gesucht …',
  'voice.none': 'Dieser Browser hat keine Stimme für {language}.',
  'voice.missing': 'Die gewählte Stimme gibt es auf diesem Gerät nicht: Hier spricht die passendste.',
  'voice.automatic': 'Automatisch',
  'voice.automaticNamed': 'Automatisch ({voice})',
  'voice.notHere': '{voice} (nicht auf diesem Gerät)',
  'voice.online': 'online',
  'voice.test': 'Stimme testen',
  stop: 'Stopp',
  autoSpeak: 'Antworten beim Eintreffen vorlesen',
  autoSpeakHint:
    'Satz für Satz, während der Tutor schreibt. Der Sprachmodus macht das auch und hört dir danach zu.',
  engine: 'Sprach-Engine',
  'engine.auto': 'Automatisch',
  'engine.auto.description':
    'Die Sprache dieses Browsers, wo sie funktioniert (kostenlos); die des Servers, wo der Browser keine Erkennung oder Stimme für die Sprache hat oder seine Erkennung versagt.',
  'engine.browser': 'Nur dieser Browser',
  'engine.browser.description': 'Nichts, was du sagst oder hörst, läuft über den Server von Charla.',
  'engine.server': 'Der Server',
  'engine.server.description':
    'Dieselben Stimmen und dieselbe Erkennung auf jedem Gerät. Dein Audio geht an den Server von Charla und an den KI-Anbieter, den der Besitzer eingerichtet hat, und zählt für dein Budget.',
  serverVoices: 'Server-Stimmen',
  'serverVoice.label': 'Server-Stimme für {language}',
  'serverVoice.default': 'Standard',
  'serverVoice.defaultNamed': 'Standard ({voice})',
  'serverVoice.gone': '{voice} (nicht mehr angeboten)',
  'serverVoice.failed': 'Die Stimme des Servers konnte nicht abgespielt werden.',
  'serverVoice.server': 'Server',
  storeAudio: 'Meine Aufnahmen behalten',
  storeAudioHint:
    'Aus: Was du über den Server sagst, wird transkribiert und vergessen. An: Es wird aufbewahrt, damit du es wieder anhören kannst, steht unten und in deinem Export und lässt sich jederzeit löschen.',
  'privacy.server':
    'Beim Sprechen geht dein Audio an den Server von Charla, der es zum Aufschreiben an den KI-Anbieter weitergibt, den der Besitzer eingerichtet hat.',
  'privacy.browser':
    'In diesem Browser nutzt das Sprechen seine eigene Spracherkennung. Die meisten Browser schicken das Audio zur Erkennung an ihren Hersteller (Chrome an Google); Charla erhält es nie, außer die Sprache des Servers springt ein.',
  'privacy.none':
    'Dieser Browser hat keine Spracherkennung: Mit der automatischen Engine springt die Sprache des Servers ein, wo der Besitzer sie eingerichtet hat.',
  save: 'Spracheinstellungen speichern',
  saved: 'Deine Spracheinstellungen sind gespeichert.',
  'note.overBudget':
    'Dein Sprachbudget ist vorerst aufgebraucht: Die Sprache des Servers ist wieder da, wenn das Budget zurückgesetzt wird.',
  'note.adminSpeech':
    'Die Sprache des Servers ist nicht eingerichtet. {link} mit einem KI-Anbieter, der sie bietet.',
  'note.adminTranscription':
    'Die Transkription des Servers ist nicht eingerichtet. {link} mit einem KI-Anbieter, der sie bietet.',
  'note.adminVoices':
    'Die Stimmen des Servers sind nicht eingerichtet. {link} mit einem KI-Anbieter, der sie bietet.',
  'note.setUp': 'Richte Sprache ein',
  'note.learnerSpeech':
    'Der Besitzer dieses Charla hat die Sprache des Servers nicht eingerichtet: Die Sprache dieses Browsers wird verwendet.',
  'note.learnerTranscription':
    'Der Besitzer dieses Charla hat die Transkription des Servers nicht eingerichtet: Die Sprache dieses Browsers wird verwendet.',
  'note.learnerVoices':
    'Der Besitzer dieses Charla hat die Stimmen des Servers nicht eingerichtet: Die Sprache dieses Browsers wird verwendet.',
  'recordings.title': 'Deine Aufnahmen',
  'recordings.none': 'Noch keine: Was du über die Sprache des Servers sagst, wird ab jetzt hier aufbewahrt.',
  'recordings.nothingHeard': '(nichts zu hören)',
  'recordings.delete': 'Löschen',
  'recordings.deleteLabel': 'die Aufnahme „{transcript}“',
  'recordings.deleteFailed': 'Die Aufnahme konnte nicht gelöscht werden. Versuch es noch einmal.',
  'recordings.deleted': 'Aufnahme gelöscht.',
} satisfies Translation<typeof en>;
