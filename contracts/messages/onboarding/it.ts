import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  documentTitle: 'Benvenuto · Charla',
  welcome: 'Benvenuto, {name}!',
  lead: 'Tre scelte veloci e sei pronto. Potrai cambiarle tutte in seguito in Profilo e impostazioni.',
  'native.label': 'Lingua madre',
  'native.hint': 'Spiegazioni e traduzioni usano questa lingua.',
  'native.required': 'Scegli la tua lingua madre',
  chooseLanguage: 'Scegli una lingua',
  'target.label': 'Lingua che stai imparando',
  'target.required': 'Scegli la lingua che vuoi imparare',
  'target.notNative': 'Scegli una lingua diversa dalla tua lingua madre',
  'level.label': 'Livello',
  'level.hintFor':
    'Il tuo livello di {language} oggi (QCER). Non sei sicuro? Parti più in basso: il tutor si adatta.',
  'level.hint': 'Il tuo livello oggi (QCER). Non sei sicuro? Parti più in basso: il tutor si adatta.',
  'goal.label': 'Obiettivo giornaliero',
  'goal.option': '{minutes, plural, one {# minuto al giorno} other {# minuti al giorno}}',
  'goal.hint': 'Un po’ ogni giorno vale più di tanto una volta alla settimana.',
  submit: 'Inizia a imparare',
  notYou: 'Non sei {name}?',
  signOut: 'Esci',
} satisfies Translation<typeof en>;
