import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  listen: 'Anhören',
  stop: 'Stopp',
  'listen.notAllowed':
    'Der Browser hat der Seite das Sprechen noch nicht erlaubt. Drück noch einmal auf Anhören.',
  'listen.failed': 'Der Browser konnte das nicht vorlesen.',
  'note.cannotSpeak': 'Dieser Browser kann keinen Text vorlesen, daher gibt es kein Anhören.',
  'note.cannotSpeakNoServer':
    'Dieser Browser kann keinen Text vorlesen und Sprache über den Server ist nicht verfügbar, daher gibt es kein Anhören.',
  'note.noVoice':
    'Dieser Browser hat keine Stimme für {language}, daher gibt es kein Anhören. Die Spracheinstellungen deines Systems bieten vielleicht eine zum Installieren.',
  'note.noVoiceNoServer':
    'Dieser Browser hat keine Stimme für {language} und Sprache über den Server ist nicht verfügbar, daher gibt es kein Anhören.',
  'note.noServerRecognition':
    'Sprache über den Server ist nicht verfügbar, daher sind Sprechen und Ausspracheübungen hier nicht möglich.',
  'note.noRecognition':
    'Dieser Browser hat keine Spracherkennung, daher sind Sprechen und Ausspracheübungen hier nicht möglich.',
  'note.noRecognitionNoServer':
    'Dieser Browser hat keine Spracherkennung und Sprache über den Server ist nicht verfügbar, daher sind Sprechen und Ausspracheübungen hier nicht möglich.',
  'practice.open': 'Aussprechen üben',
  'practice.close': 'Übung schließen',
  'practice.opening': 'Übung wird geöffnet …',
  speed: 'Tempo',
  'speed.failed': 'Das Tempo konnte nicht gespeichert werden.',
  voiceMode: 'Sprachmodus',
  speak: 'Sprechen',
  stopListening: 'Zuhören beenden',
  setUp: 'Sprache einrichten',
  'status.opening': 'Mikrofon wird geöffnet …',
  'status.waiting': 'Hört zu … sprich {language}, wenn du so weit bist.',
  'status.recordingHandsFree': 'Aufnahme … wird gesendet, wenn du aufhörst zu sprechen.',
  'status.recording': 'Aufnahme … drück Stopp, wenn du fertig bist.',
  'status.transcribing': 'Was du gesagt hast, wird aufgeschrieben …',
  'status.heard': 'Hört zu … „{heard}“',
  'status.listening': 'Hört zu … sprich jetzt {language}.',
  'status.speaking': 'Der Tutor spricht.',
  'status.replying': 'Der Tutor antwortet …',
  'status.tryAgain': '{problem} Drück Sprechen, um es noch einmal zu versuchen.',
  'status.unfinished':
    'Die Antwort wurde nicht fertig. Versuch sie erneut oder drück Sprechen, um weiterzumachen.',
  'status.paused': 'Pausiert. Drück Sprechen, um zu reden.',
  'problem.not-allowed':
    'Der Mikrofonzugriff ist blockiert. Erlaube ihn im Browser für diese Seite und versuch es dann noch einmal.',
  'problem.no-speech': 'Es war nichts zu hören. Versuch es noch einmal, etwas näher am Mikrofon.',
  'problem.no-microphone': 'Kein Mikrofon gefunden. Schließ eins an oder tippe stattdessen.',
  'problem.network':
    'Die Spracherkennung dieses Browsers braucht eine Verbindung zu ihrem Anbieter, und die ist fehlgeschlagen. Tippe stattdessen oder versuch es noch einmal.',
  'problem.language': 'Dieser Browser erkennt kein gesprochenes {language}. Tippe stattdessen.',
  'problem.failed': 'Die Spracherkennung hat unerwartet aufgehört. Versuch es noch einmal.',
  unsupported: 'Dein Browser hat keine Spracherkennung; tippe stattdessen.',
  'mic.not-allowed':
    'Charla darf das Mikrofon nicht nutzen. Erlaube es im Browser für diese Seite (das Symbol neben der Adresse) und versuch es dann noch einmal.',
  'mic.no-microphone': 'Kein Mikrofon gefunden. Schließ eins an oder tippe stattdessen.',
  'mic.unsupported':
    'Dieser Browser kann kein Audio aufnehmen. Tippe stattdessen oder nutze ein aktuelles Chrome, Edge, Firefox oder Safari.',
  'mic.failed':
    'Das Mikrofon konnte nicht geöffnet werden. Prüfe, dass keine andere App es nutzt, und versuch es dann noch einmal.',
  'server.noSpeech': 'Es war nichts zu hören. Versuch es noch einmal, etwas näher am Mikrofon.',
  'server.tooLongSent':
    'Die Aufnahme stoppte am Zwei-Minuten-Limit; was du bis dahin gesagt hast, wurde gesendet.',
  'server.failed': 'Mit dem Audio ist etwas schiefgegangen. Versuch es noch einmal.',
  'server.tooLong': 'Diese Aufnahme war zu lang: Bleib unter zwei Minuten oder teile sie auf.',
  'server.unreadable':
    'Der Server konnte diese Aufnahme nicht lesen. Versuch es noch einmal oder tippe stattdessen.',
  'server.network':
    'Der Server war zum Zuhören nicht erreichbar. Prüfe deine Verbindung und versuch es noch einmal.',
  'server.notSetUpAdmin':
    'Sprache über den Server ist nicht eingerichtet: Füge einen Sprachanbieter und seine Ketten hinzu.',
  'server.notSetUp':
    'Der Besitzer dieses Charla hat Sprache über den Server noch nicht eingerichtet. Tippe stattdessen.',
  'server.overBudget': 'Dein Sprachkontingent ist vorerst aufgebraucht: Das Budgetlimit ist erreicht.',
} satisfies Translation<typeof en>;
