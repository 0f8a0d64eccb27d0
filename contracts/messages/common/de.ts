import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'nav.home': 'Start',
  'nav.conversations': 'Gespräche',
  'nav.vocabulary': 'Wortschatz',
  'nav.grammar': 'Grammatik',
  'nav.reading': 'Lesen',
  'nav.tutor': 'Personas und Szenarien',
  'nav.usage': 'Verbrauch',
  'nav.settings': 'Profil und Einstellungen',
  'nav.members': 'Mitglieder',
  'nav.adminUsage': 'Verbrauch und Budgets',
  'nav.providers': 'KI-Anbieter',
  'nav.serverSettings': 'Servereinstellungen',
  'nav.learn': 'Lernen',
  'nav.account': 'Konto',
  'nav.admin': 'Verwaltung',

  'shell.skipToContent': 'Zum Inhalt springen',
  'shell.signedInAs': 'Angemeldet als {name}',
  'shell.signOut': 'Abmelden',
  'shell.menu': 'Menü',
  'shell.mainNav': 'Hauptmenü',

  'states.loading': 'Wird geladen …',
  'states.documentTitle': '{page} · Charla',
  'states.notFound': 'Seite nicht gefunden',
  'states.notFoundLead':
    'Unter dieser Adresse gibt es keine Seite. Vielleicht wurde sie verschoben oder der Link ist fehlerhaft.',
  'states.notAllowed': 'Kein Zugriff',
  'states.notAllowedLead':
    'Diese Seite ist nur für Admins dieses Servers. Frag einen Admin, wenn du sie brauchst.',
  'states.goHome': 'Zur Startseite',
  'states.serverUnreachable': 'Charla erreicht seinen Server nicht',
  'states.serverSilent': 'Der Server hat nicht geantwortet.',

  'actions.tryAgain': 'Erneut versuchen',
  'actions.cancel': 'Abbrechen',
  'actions.close': 'Schließen',
  'actions.save': 'Speichern',

  'form.optional': '(optional)',
  'form.correctFields': 'Bitte korrigiere die unten markierten Felder.',

  'errors.generic': 'Etwas ist schiefgegangen. Bitte versuch es noch einmal.',
  'errors.network': 'Der Server ist nicht erreichbar. Prüfe deine Verbindung und versuch es noch einmal.',
  'errors.unexpectedStatus':
    'Der Server hat mit einem unerwarteten Fehler geantwortet (HTTP {status}). Bitte versuch es noch einmal.',
  'errors.unreadable': 'Der Server hat eine Antwort geschickt, die die App nicht lesen kann.',
  'errors.streamLost':
    'Die Verbindung ist abgebrochen, bevor die Antwort fertig war. Was gespeichert wurde, erscheint nach dem Neuladen.',
  'errors.loadFailed': 'Das konnte nicht geladen werden.',

  'language.notSet': 'Nicht festgelegt',
  'language.interface': 'Sprache der Oberfläche',
  'language.interfaceHint': 'Die Sprache von Charlas Menüs, Schaltflächen und Meldungen.',

  'level.A1': 'Anfänger: einfache Sätze',
  'level.A2': 'Grundkenntnisse: Alltagssituationen',
  'level.B1': 'Mittelstufe: vertraute Themen mühelos',
  'level.B2': 'Obere Mittelstufe: fließend bei den meisten Themen',
  'level.C1': 'Fortgeschritten: flexibel und präzise',
  'level.C2': 'Muttersprachliches Niveau',

  'budgetAlert.seeUsage': 'Verbrauch ansehen',
  'budgetAlert.dismiss': 'Ausblenden',
  'home.title': 'Start',
  'home.leadChild': 'Bereit zum Üben? So läuft es bei dir.',
  'home.lead': 'So läuft dein Üben.',
  'home.loadFailed': 'Dein Fortschritt konnte nicht geladen werden: {message}',
  'home.loading': 'Dein Fortschritt wird geladen …',
  'content.inEnglish': 'Die mitgelieferten Grammatikthemen gibt es vorerst nur auf Englisch.',
} satisfies Translation<typeof en>;
