import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  unavailable: 'Le correzioni non sono disponibili per questo messaggio.',
  'unavailable.malformed':
    'Le correzioni non sono disponibili per questo messaggio: l’analisi è tornata in un formato non valido.',
  'unavailable.budget':
    'Le correzioni non sono disponibili per questo messaggio: il budget di IA non copre l’analisi in questo momento.',
  'unavailable.noProvider':
    'Le correzioni non sono disponibili per questo messaggio: nessun fornitore di IA è configurato per le correzioni.',
  'unavailable.timeout':
    'Le correzioni non sono disponibili per questo messaggio: l’analisi ha richiesto troppo tempo.',
  'unavailable.noAnswer':
    'Le correzioni non sono disponibili per questo messaggio: il servizio di analisi non ha risposto.',
  'notice.message':
    'Questo messaggio sembra in {detected}. Prova a dirlo in {target}; il tutor ti aiuterà se ti blocchi.',
  'notice.words':
    '{count, plural, one {{words} è una parola in {detected}} other {{words} sono parole in {detected}}}, non in {target}. Prova a dirlo in {target}; il tutor ti aiuterà se ti blocchi.',
  quoted: '«{word}»',
} satisfies Translation<typeof en>;
