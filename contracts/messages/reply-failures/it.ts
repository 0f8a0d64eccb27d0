import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'failure.stoppedPartial': 'Interrotta prima della fine; ciò che è arrivato viene conservato.',
  'failure.stoppedEmpty': 'Interrotta prima di iniziare.',
  'failure.interruptedPartial':
    'Il server si è riavviato mentre scriveva questa risposta; la parte salvata viene conservata.',
  'failure.interruptedEmpty': 'Il server si è riavviato prima dell’inizio di questa risposta.',
  'failure.timeoutPartial':
    'Il fornitore di IA ha smesso di inviare a metà risposta (tempo scaduto); ciò che è arrivato viene conservato.',
  'failure.timeoutEmpty': 'Il fornitore di IA ha impiegato troppo a rispondere.',
  'failure.providerPartial':
    'La connessione con il fornitore di IA si è interrotta a metà risposta; ciò che è arrivato viene conservato.',
  'failure.providerEmpty': 'Il fornitore di IA non ha potuto rispondere.',
  'failure.otherPartial': 'Questa risposta si è fermata prima di essere completa.',
  'failure.otherEmpty': 'Non è arrivata nessuna risposta.',
  'turn.stoppedByLearner': 'Interrotta dallo studente.',
  'turn.notAccepted': 'Il server ha chiuso il turno prima di accettarlo. Riprova.',
  'turn.endedEarly': 'La risposta è finita prima del previsto. Ricarica per vedere cosa è stato salvato.',
  'turn.sendFailed': 'Invio non riuscito. Controlla la connessione e riprova.',
  'turn.interrupted': 'La risposta è stata interrotta.',
} satisfies Translation<typeof en>;
