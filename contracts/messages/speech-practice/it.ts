import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'practice.label': 'Esercizio di pronuncia',
  'practice.choose': 'Scegli cosa dire',
  'practice.hearFirst': 'Ascoltalo prima',
  'practice.tryAgain': 'Riprova',
  'practice.start': 'Inizia a parlare',
  'practice.recording': 'Registrazione… leggi la frase ad alta voce in {language}, poi premi Ferma.',
  'practice.listening': 'In ascolto… leggi la frase ad alta voce in {language}.',
  'practice.listeningHeard':
    'In ascolto… leggi la frase ad alta voce in {language}. Sentito finora: «{heard}»',
  'practice.noWords': 'Questa frase non ha parole da confrontare.',
  'practice.score':
    '{percent} — {matched} su {count, plural, one {# parola riconosciuta} other {# parole riconosciute}} come scritte',
  'practice.scoreExtra':
    '{percent} — {matched} su {count, plural, one {# parola riconosciuta} other {# parole riconosciute}} come scritte, {extra, plural, one {# parola in più sentita} other {# parole in più sentite}}',
  'practice.heard': 'Sentito: {heard}',
  'practice.marks':
    '{count, plural, one {Una parola è stata sentita} other {# parole sono state sentite}} con altri accenti o segni. Alcune suonano uguali (él ed el), altre no (año e ano): ascolta e giudica a orecchio.',
  'practice.key': 'Legenda',
  'practice.legend.word': 'parola',
  'practice.legend.match': 'riconosciuta',
  'practice.legend.substituted': 'sentita come un’altra parola',
  'practice.legend.missed': 'non sentita',
  'practice.legend.extra': 'in più',
} satisfies Translation<typeof en>;
