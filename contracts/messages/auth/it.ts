import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'signIn.title': 'Accedi',
  'signIn.submit': 'Accedi',
  'signIn.newHere': 'Sei nuovo?',
  'signIn.createAccount': 'Crea un account',
  'signIn.askAdmin':
    'Non hai ancora un account? Chiedi a un amministratore di questo server di crearne uno per te.',
  'signIn.enterUsername': 'Inserisci il tuo nome utente',
  'signIn.enterPassword': 'Inserisci la tua password',
  'field.username': 'Nome utente',
  'field.password': 'Password',
  'field.email': 'Email',
  'signUp.title': 'Registrati',
  'signUp.closedTitle': 'Le registrazioni sono chiuse',
  'signUp.closedText':
    'Questo server non accetta nuove registrazioni. Chiedi a un amministratore di questo server di crearti un account.',
  'signUp.haveAccount': 'Hai già un account?',
  'signUp.signIn': 'Accedi',
  'signUp.ownerTitle': 'Crea l’account del proprietario',
  'signUp.ownerLead':
    'Benvenuto! Questo è il primo account del server e ne diventa il proprietario: un amministratore che gestisce la famiglia o la classe, crea gli account degli altri studenti e si occupa delle impostazioni del server.',
  'signUp.learnerTitle': 'Crea il tuo account',
  'signUp.learnerLead': 'Scegli un nome utente e una password per iniziare a imparare.',
  'signUp.usernameHint': 'Da 3 a 32 caratteri: lettere, cifre, punto, trattino basso o trattino.',
  'signUp.passwordHint': 'Almeno 10 caratteri. Qualche parola senza legami tra loro fa una password robusta.',
  'signUp.submit': 'Crea account',
  'problem.chooseUsername': 'Scegli un nome utente',
  'problem.minChars': 'Usa almeno {count} caratteri',
  'problem.maxChars': 'Usa al massimo {count} caratteri',
  'problem.usernameCharacters': 'Usa solo lettere a–z, cifre, punto, trattino basso e trattino',
} satisfies Translation<typeof en>;
