import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'failure.stoppedPartial': 'Vor dem Ende angehalten; was angekommen ist, bleibt erhalten.',
  'failure.stoppedEmpty': 'Angehalten, bevor sie begann.',
  'failure.interruptedPartial':
    'Der Server wurde während dieser Antwort neu gestartet; der gespeicherte Teil bleibt erhalten.',
  'failure.interruptedEmpty': 'Der Server wurde neu gestartet, bevor diese Antwort begann.',
  'failure.timeoutPartial':
    'Der KI-Anbieter hat mitten in dieser Antwort aufgehört zu senden (Zeitüberschreitung); was angekommen ist, bleibt erhalten.',
  'failure.timeoutEmpty': 'Der KI-Anbieter hat zu lange für die Antwort gebraucht.',
  'failure.providerPartial':
    'Die Verbindung zum KI-Anbieter ist mitten in dieser Antwort abgebrochen; was angekommen ist, bleibt erhalten.',
  'failure.providerEmpty': 'Der KI-Anbieter konnte nicht antworten.',
  'failure.otherPartial': 'Diese Antwort hat vor dem Ende aufgehört.',
  'failure.otherEmpty': 'Es kam keine Antwort.',
  'turn.stoppedByLearner': 'Vom Lernenden angehalten.',
  'turn.notAccepted': 'Der Server hat den Zug beendet, bevor er ihn angenommen hat. Versuch es noch einmal.',
  'turn.endedEarly': 'Die Antwort endete zu früh. Lade die Seite neu, um zu sehen, was gespeichert wurde.',
  'turn.sendFailed': 'Senden fehlgeschlagen. Prüfe deine Verbindung und versuch es noch einmal.',
  'turn.interrupted': 'Die Antwort wurde unterbrochen.',
} satisfies Translation<typeof en>;
