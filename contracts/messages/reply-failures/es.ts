import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'failure.stoppedPartial': 'Detenida antes del final; se conserva lo que llegó.',
  'failure.stoppedEmpty': 'Detenida antes de empezar.',
  'failure.interruptedPartial':
    'El servidor se reinició mientras escribía esta respuesta; se conserva la parte guardada.',
  'failure.interruptedEmpty': 'El servidor se reinició antes de que empezara esta respuesta.',
  'failure.timeoutPartial':
    'El proveedor de IA dejó de enviar a mitad de esta respuesta (se agotó el tiempo); se conserva lo que llegó.',
  'failure.timeoutEmpty': 'El proveedor de IA tardó demasiado en responder.',
  'failure.providerPartial':
    'La conexión con el proveedor de IA se cortó a mitad de esta respuesta; se conserva lo que llegó.',
  'failure.providerEmpty': 'El proveedor de IA no pudo responder.',
  'failure.otherPartial': 'Esta respuesta se detuvo antes de completarse.',
  'failure.otherEmpty': 'No llegó ninguna respuesta.',
  'turn.stoppedByLearner': 'Detenida por el estudiante.',
  'turn.notAccepted': 'El servidor terminó el turno antes de aceptarlo. Inténtalo de nuevo.',
  'turn.endedEarly': 'La respuesta terminó antes de tiempo. Recarga para ver lo que se guardó.',
  'turn.sendFailed': 'No se pudo enviar. Comprueba tu conexión e inténtalo de nuevo.',
  'turn.interrupted': 'La respuesta se interrumpió.',
} satisfies Translation<typeof en>;
