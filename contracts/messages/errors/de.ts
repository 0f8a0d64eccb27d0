import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  signInFirst: 'Bitte melde dich an.',
  forbidden: 'Das darfst du nicht.',
  adminOnly: 'Das kann nur ein Admin.',
  csrf: 'Das CSRF-Token fehlt oder ist ungültig. Lade die Seite neu und versuch es noch einmal.',
  unknownOrigin: 'Die Anfrage kam von einer unbekannten Herkunft.',
  crossSite: 'Anfragen von anderen Websites sind nicht erlaubt.',
  internal: 'Auf dem Server ist etwas schiefgegangen. Der Fehler wurde protokolliert.',
  databaseDown: 'Die Datenbank ist nicht erreichbar.',
  noEndpoint: 'Es gibt keinen Endpunkt {method} {path}.',
  bodyTooLarge: 'Der Inhalt der Anfrage ist zu groß.',
  jsonOnly: 'Sende den Inhalt der Anfrage als JSON (content-type: application/json).',
  emptyBody: 'Der Inhalt der Anfrage ist leer; sende ein JSON-Objekt.',
  invalidJson: 'Der Inhalt der Anfrage ist kein gültiges JSON.',
  invalidRequest: 'Die Anfrage ist ungültig.',
  'invalid.body': 'Ein Teil der Angaben ist ungültig: {issues}',
  'invalid.query': 'Die Parameter der Adresse sind ungültig: {issues}',
  'invalid.path': 'Die Adresse ist ungültig: {issues}',
  'invalid.headers': 'Die Header der Anfrage sind ungültig: {issues}',

  'notFound.generic': 'Nicht gefunden.',
  'notFound.member': 'Dieses Mitglied wurde nicht gefunden.',
  'notFound.account': 'Das Konto wurde nicht gefunden.',
  'notFound.deck': 'Dieser Stapel wurde nicht gefunden.',
  'notFound.card': 'Diese Karte wurde nicht gefunden.',
  'notFound.message': 'Diese Nachricht wurde nicht gefunden.',
  'notFound.reviewToUndo': 'Es gibt keine Wiederholung zum Rückgängigmachen.',
  'notFound.reviewedCard': 'Die wiederholte Karte wurde nicht gefunden.',
  'notFound.text': 'Dieser Text wurde nicht gefunden.',
  'notFound.language': 'Diese Sprache wurde nicht gefunden.',
  'notFound.conversation': 'Dieses Gespräch wurde nicht gefunden.',
  'notFound.exercise': 'Diese Übung wurde nicht gefunden.',
  'notFound.provider': 'Diesen Anbieter gibt es nicht.',
  'notFound.model': 'Dieses Modell ist nicht im Katalog.',
  'notFound.download': 'Dieses Modell wird gerade nicht heruntergeladen.',
  'notFound.priceOverride': 'Für dieses Modell gibt es keinen eigenen Preis.',
  'notFound.summary': 'Für dieses Gespräch gibt es noch keine Zusammenfassung.',
  'notFound.feedback': 'Zu dieser Nachricht gibt es kein Feedback.',
  'notFound.persona': 'Diese Persona wurde nicht gefunden.',
  'notFound.scenario': 'Dieses Szenario wurde nicht gefunden.',
  'notFound.drills': 'Für diese Sprache gibt es keine Offline-Konjugationsübungen.',
  'notFound.recording': 'Diese Aufnahme wurde nicht gefunden.',

  'auth.ownerExists': 'Das Eigentümerkonto gibt es schon. Bitte einen Admin um ein Konto.',
  'auth.usernameTaken': 'Dieser Benutzername ist vergeben. Bitte wähle einen anderen.',
  'auth.signupClosed':
    'Die Registrierung ist auf diesem Server geschlossen. Bitte einen Admin, dir ein Konto anzulegen.',
  'auth.wrongCredentials': 'Falscher Benutzername oder falsches Passwort.',
  'auth.disabled': 'Dieses Konto ist deaktiviert. Bitte einen Admin, es zu aktivieren.',
  'auth.throttled':
    'Zu viele fehlgeschlagene Anmeldeversuche. Versuch es in {minutes, plural, one {# Minute} other {# Minuten}} noch einmal.',
  'auth.wrongPassword': 'Das Passwort stimmt nicht.',

  'members.ownerProtected':
    'Das Eigentümerkonto kann weder deaktiviert werden noch seine Admin-Rolle verlieren.',
  'members.lastAdmin': 'Das ist der letzte Admin: Mach zuerst ein anderes Mitglied zum Admin.',
  'members.ownerUndeletable': 'Das Eigentümerkonto kann nicht gelöscht werden.',
  'members.transcriptsChildOnly': 'Verläufe sind nur bei Kinderkonten einsehbar.',

  'profile.targetIsNative': 'Eine Lernsprache kann nicht deine Muttersprache sein.',
  'profile.chooseFirst': 'Wähle zuerst deine Muttersprache und eine Sprache zum Lernen.',

  'conversation.started': 'Dieses Gespräch hat schon begonnen.',
  'conversation.latestOnly': 'Nur die letzte Antwort kann wiederholt werden.',
  'conversation.retrying': 'Diese Antwort wird schon wiederholt.',
  'conversation.stillWriting': 'Diese Antwort wird noch geschrieben.',
  'conversation.alreadyComplete': 'Diese Antwort ist schon vollständig.',

  noProvider:
    'Noch kann kein KI-Anbieter antworten. Ein Admin richtet einen in der App unter KI-Anbieter ein: einen Schlüssel einfügen, einen lokalen Server verbinden oder ein lokales Modell herunterladen.',
  noProviderDrills:
    'Noch kann kein KI-Anbieter antworten. Ein Admin richtet einen in der App unter KI-Anbieter ein. Die Offline-Übungen funktionieren auch ohne.',

  turnFailed: 'Auf dem Server ist etwas schiefgegangen; deine Nachricht ist gespeichert.',
  'model.stopped': 'Angehalten.',
  'model.stoppedByLearner': 'Vom Lernenden angehalten.',
  'model.stoppedBeforeStart': 'Angehalten, bevor die Antwort begann.',
  'model.noStart': 'Der Anbieter hat nicht rechtzeitig zu antworten begonnen.',
  'model.connectTimeout': 'Die Verbindung zum Anbieter kam nicht rechtzeitig zustande.',
  'model.tooLong': 'Die Antwort hat zu lange gedauert und wurde abgebrochen.',
  'model.modelSlow': 'Das Modell hat zu lange für die Antwort gebraucht.',
  'model.providerUnavailable': 'Der Anbieter „{provider}“ kann nicht aufgerufen werden.',
  'model.unreachable': 'Der Anbieter ist nicht erreichbar.',
  'model.keyRejected': 'Die Antwort ist fehlgeschlagen: Der Anbieter hat den API-Schlüssel abgelehnt.',
  'model.rateLimited': 'Die Antwort ist fehlgeschlagen: Der Anbieter begrenzt die Anfragen.',
  'model.providerInternal':
    'Die Antwort ist fehlgeschlagen: Beim Anbieter ist ein interner Fehler aufgetreten ({status}).',
  'model.refused': 'Die Antwort ist fehlgeschlagen: Der Anbieter hat die Anfrage abgelehnt ({status}).',
  'model.connectionFailed': 'Die Verbindung zum Anbieter ist fehlgeschlagen ({detail}).',
  'model.localFailed': 'Das lokale Modell ist beim Antworten gescheitert ({detail}).',
  'model.unexpected': 'Die Antwort ist unerwartet fehlgeschlagen.',
  'model.interruptedPartial':
    'Der Server hat angehalten, während diese Antwort geschrieben wurde; das hier ist angekommen. Wiederhole sie für eine vollständige Antwort.',
  'model.interrupted': 'Der Server hat angehalten, während diese Antwort geschrieben wurde. Wiederhole sie.',
  'vocabulary.deckExists': 'Du hast für diese Sprache schon einen Stapel namens „{name}“.',
  'vocabulary.cardInDeck': '„{term}“ ist schon im Stapel „{deck}“.',
  'vocabulary.sameLanguage': 'Eine Karte kann nur in einen Stapel derselben Sprache verschoben werden.',
  'vocabulary.cardInThatDeck': '„{term}“ ist schon in diesem Stapel.',
  'vocabulary.justReviewed': 'Diese Karte wurde gerade wiederholt. Lade die Wiederholung neu.',
  'tutor.builtInPersona':
    'Mitgelieferte Personas lassen sich nicht ändern; erstelle stattdessen eine eigene.',
  'tutor.sharedPersona': 'Nur ein Admin kann eine Persona ändern, die mit allen geteilt ist.',
  'tutor.createForEveryone': 'Nur ein Admin kann eine Persona für alle erstellen.',
  'tutor.maxPersonas': 'Du kannst höchstens {count} eigene Personas haben.',
  'tutor.shareWithEveryone': 'Nur ein Admin kann eine Persona mit allen teilen.',
  'tutor.maxScenarios': 'Du kannst höchstens {count} Szenarien schreiben.',
  'tutor.builtInScenario':
    'Mitgelieferte Szenarien lassen sich nicht ändern; schreib stattdessen ein eigenes.',
  'tutor.scenarioAuthor': 'Nur die Autorin oder der Autor (oder ein Admin) kann dieses Szenario ändern.',
  'grammar.notATopic': '„{topic}“ ist kein Grammatikthema dieser Sprache.',
  'grammar.unusableExercises':
    'Die KI hat Übungen in einer unbrauchbaren Form geliefert. Versuch es noch einmal.',
  'grammar.noSoundExercise': 'Keine der Übungen der KI hat die Prüfungen bestanden. Versuch es noch einmal.',
  'grammar.noPortugueseDrills':
    'Für Portugiesisch gibt es keine Offline-Konjugationsdaten; übe es mit erzeugten Übungen.',
  'grammar.noVerbInTenses': 'Keines der gewählten Verben wird in den gewählten Zeiten geübt.',
  'grammar.notInDrills': '„{verb}“ im „{tense}“ gehört nicht zu den Übungen.',
  'grammar.notADrillNoun': '„{noun}“ ist keines der Übungsnomen.',
  'reading.noText': 'Darin gibt es keinen Text zum Lesen.',
  'reading.tooLong': 'Der Text hat {count, number} Zeichen; höchstens {max, number} werden behalten.',
  'reading.childPasteOnly':
    'Kinderkonten fügen Texte durch Einfügen hinzu oder lesen die, die ein Admin teilt.',
  fileEmpty: 'Die Datei ist leer.',
  sendFile: 'Sende die Datei als Inhalt der Anfrage.',
  fileTooLarge: 'Die Datei ist größer als {megabytes} MB.',
  'reading.noProvider':
    'Dafür braucht es einen KI-Anbieter. Ein Admin kann einen unter KI-Anbieter hinzufügen. Lesen und Wörter markieren funktionieren auch ohne.',
  'reading.noGlossary':
    'Das Glossar der KI hatte keinen brauchbaren Eintrag für diesen Text. Versuch es noch einmal.',
  'reading.badRewrite': 'Die Umschreibung der KI war nicht brauchbar. Versuch es noch einmal.',
  'reading.noSoundQuestion': 'Keine der Fragen der KI hat die Prüfungen bestanden. Versuch es noch einmal.',
  'reading.noSuchQuestion': 'Diese Frage gibt es für diesen Text noch nicht.',
  'reading.conversationNoProvider':
    'Ein Gespräch braucht einen KI-Anbieter. Ein Admin kann einen unter KI-Anbieter hinzufügen.',
  'csv.unreadable': 'Die CSV-Datei kann nicht gelesen werden: {detail}',
  'csv.noRows': 'Die CSV-Datei hat keine Zeilen.',
  'csv.noTermColumn': 'Die Kopfzeile hat keine Spalte „term“ (ebenfalls möglich: word, front).',
  'csv.tooManyRows':
    'Die CSV-Datei hat {count, number} Zeilen; importiere höchstens {max, number} auf einmal.',
  'speech.notSetUpAdmin':
    '{fn, select, transcribe {Die Transkription (Sprache zu Text)} other {Die Sprachausgabe (Text zu Sprache)}} des Servers ist nicht eingerichtet. Wähle ein Sprachmodell unter KI-Anbieter → Sprache (ein OpenAI-kompatibler Server oder Mistral) oder setze {setting}.',
  'speech.notSetUp':
    'Der Eigentümer hat {fn, select, transcribe {die Transkription (Sprache zu Text)} other {die Sprachausgabe (Text zu Sprache)}} des Servers noch nicht eingerichtet.',
  'speech.cancelled': 'Die Anfrage wurde abgebrochen.',
  'speech.failed':
    'Der Sprachanbieter konnte {fn, select, transcribe {die Aufnahme nicht transkribieren} other {den Text nicht vorlesen}}: {detail}.',
  'speech.tooLarge': 'Die Aufnahme ist größer als {megabytes} MB; nimm eine kürzere auf.',
} satisfies Translation<typeof en>;
