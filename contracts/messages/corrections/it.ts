import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  off: 'Disattivate',
  'off.description': 'Nessuna correzione: solo conversazione.',
  'on-request': 'Su richiesta',
  'on-request.description': 'Correzioni solo quando le chiedi.',
  important: 'Solo le importanti',
  'important.description': 'Al massimo 3 correzioni per turno: gli errori che contano di più.',
  all: 'Tutte',
  'all.description': 'Ogni errore viene corretto, anche il più piccolo.',
} satisfies Translation<typeof en>;
