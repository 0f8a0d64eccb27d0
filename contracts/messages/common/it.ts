import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'nav.home': 'Home',
  'nav.conversations': 'Conversazioni',
  'nav.vocabulary': 'Vocabolario',
  'nav.grammar': 'Grammatica',
  'nav.reading': 'Lettura',
  'nav.tutor': 'Personaggi e scenari',
  'nav.usage': 'Consumi',
  'nav.settings': 'Profilo e impostazioni',
  'nav.members': 'Membri',
  'nav.adminUsage': 'Consumi e budget',
  'nav.providers': 'Fornitori di IA',
  'nav.serverSettings': 'Impostazioni del server',
  'nav.learn': 'Impara',
  'nav.account': 'Account',
  'nav.admin': 'Amministrazione',

  'shell.skipToContent': 'Vai al contenuto',
  'shell.signedInAs': 'Accesso effettuato come {name}',
  'shell.signOut': 'Esci',
  'shell.menu': 'Menu',
  'shell.mainNav': 'Principale',

  'states.loading': 'Caricamento…',
  'states.documentTitle': '{page} · Charla',
  'states.notFound': 'Pagina non trovata',
  'states.notFoundLead':
    'Non c’è nessuna pagina a questo indirizzo. Forse è stata spostata, o il link contiene un errore.',
  'states.notAllowed': 'Accesso non consentito',
  'states.notAllowedLead':
    'Questa pagina è riservata agli amministratori di questo server. Chiedi a uno di loro se pensi che ti serva.',
  'states.goHome': 'Vai alla home',
  'states.serverUnreachable': 'Charla non riesce a raggiungere il suo server',
  'states.serverSilent': 'Il server non ha risposto.',

  'actions.tryAgain': 'Riprova',
  'actions.cancel': 'Annulla',
  'actions.close': 'Chiudi',
  'actions.save': 'Salva',

  'form.optional': '(facoltativo)',
  'form.correctFields': 'Correggi i campi segnalati qui sotto.',

  'errors.generic': 'Qualcosa è andato storto. Riprova.',
  'errors.network': 'Impossibile raggiungere il server. Controlla la connessione e riprova.',
  'errors.unexpectedStatus': 'Il server ha risposto con un errore inatteso (HTTP {status}). Riprova.',
  'errors.unreadable': 'Il server ha inviato una risposta che l’app non riesce a leggere.',
  'errors.streamLost':
    'La connessione si è interrotta prima della fine della risposta. Ciò che è stato salvato comparirà ricaricando la pagina.',
  'errors.loadFailed': 'Impossibile caricare il contenuto.',

  'language.notSet': 'Non impostata',
  'language.interface': 'Lingua dell’interfaccia',
  'language.interfaceHint': 'La lingua di menu, pulsanti e messaggi di Charla.',

  'level.A1': 'Principiante: frasi semplici',
  'level.A2': 'Elementare: situazioni quotidiane',
  'level.B1': 'Intermedio: argomenti familiari con disinvoltura',
  'level.B2': 'Intermedio superiore: scioltezza sulla maggior parte degli argomenti',
  'level.C1': 'Avanzato: flessibile e preciso',
  'level.C2': 'Padronanza',

  'budgetAlert.seeUsage': 'Vedi i consumi',
  'budgetAlert.dismiss': 'Chiudi',
  'home.title': 'Home',
  'home.leadChild': 'Pronto a esercitarti? Ecco come stai andando.',
  'home.lead': 'Ecco come vanno i tuoi esercizi.',
  'home.loadFailed': 'Impossibile caricare i tuoi progressi: {message}',
  'home.loading': 'Caricamento dei tuoi progressi…',
  'content.inEnglish': 'Per ora gli argomenti di grammatica inclusi sono in inglese.',
} satisfies Translation<typeof en>;
