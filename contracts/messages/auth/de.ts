import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'signIn.title': 'Anmelden',
  'signIn.submit': 'Anmelden',
  'signIn.newHere': 'Neu hier?',
  'signIn.createAccount': 'Konto erstellen',
  'signIn.askAdmin': 'Noch kein Konto? Bitte einen Admin dieses Servers, dir eines anzulegen.',
  'signIn.enterUsername': 'Gib deinen Benutzernamen ein',
  'signIn.enterPassword': 'Gib dein Passwort ein',
  'field.username': 'Benutzername',
  'field.password': 'Passwort',
  'field.email': 'E-Mail',
  'signUp.title': 'Registrieren',
  'signUp.closedTitle': 'Die Registrierung ist geschlossen',
  'signUp.closedText':
    'Dieser Server nimmt keine neuen Registrierungen an. Bitte einen Admin dieses Servers, dir ein Konto anzulegen.',
  'signUp.haveAccount': 'Schon ein Konto?',
  'signUp.signIn': 'Anmelden',
  'signUp.ownerTitle': 'Eigentümerkonto erstellen',
  'signUp.ownerLead':
    'Willkommen! Das ist das erste Konto auf diesem Server. Es wird zum Eigentümer: ein Admin, der die Familie oder Klasse verwaltet, Konten für die anderen Lernenden anlegt und sich um die Servereinstellungen kümmert.',
  'signUp.learnerTitle': 'Dein Konto erstellen',
  'signUp.learnerLead': 'Wähle einen Benutzernamen und ein Passwort, um mit dem Lernen zu beginnen.',
  'signUp.usernameHint': '3–32 Zeichen: Buchstaben, Ziffern, Punkt, Unterstrich oder Bindestrich.',
  'signUp.passwordHint':
    'Mindestens 10 Zeichen. Ein paar Wörter, die nichts miteinander zu tun haben, ergeben ein starkes Passwort.',
  'signUp.submit': 'Konto erstellen',
  'problem.chooseUsername': 'Wähle einen Benutzernamen',
  'problem.minChars': 'Verwende mindestens {count} Zeichen',
  'problem.maxChars': 'Verwende höchstens {count} Zeichen',
  'problem.usernameCharacters': 'Verwende nur Buchstaben a–z, Ziffern, Punkt, Unterstrich und Bindestrich',
} satisfies Translation<typeof en>;
