import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  listen: 'Escuchar',
  stop: 'Detener',
  'listen.notAllowed': 'El navegador todavía no dejó hablar a la página. Pulsa Escuchar otra vez.',
  'listen.failed': 'El navegador no pudo leer esto en voz alta.',
  'note.cannotSpeak': 'Este navegador no puede leer texto en voz alta, así que no se ofrece Escuchar.',
  'note.cannotSpeakNoServer':
    'Este navegador no puede leer texto en voz alta y la voz a través del servidor no está disponible, así que no se ofrece Escuchar.',
  'note.noVoice':
    'Este navegador no tiene voz en {language}, así que no se ofrece Escuchar. Puede que los ajustes de voz de tu sistema tengan una para instalar.',
  'note.noVoiceNoServer':
    'Este navegador no tiene voz en {language} y la voz a través del servidor no está disponible, así que no se ofrece Escuchar.',
  'note.noServerRecognition':
    'La voz a través del servidor no está disponible, así que aquí no se puede hablar ni practicar la pronunciación.',
  'note.noRecognition':
    'Este navegador no tiene reconocimiento de voz, así que aquí no se puede hablar ni practicar la pronunciación.',
  'note.noRecognitionNoServer':
    'Este navegador no tiene reconocimiento de voz y la voz a través del servidor no está disponible, así que aquí no se puede hablar ni practicar la pronunciación.',
  'practice.open': 'Practicar cómo se dice',
  'practice.close': 'Cerrar la práctica',
  'practice.opening': 'Abriendo la práctica…',
  speed: 'Velocidad',
  'speed.failed': 'No se pudo guardar la velocidad.',
  voiceMode: 'Modo de voz',
  speak: 'Hablar',
  stopListening: 'Dejar de escuchar',
  setUp: 'Configurar la voz',
  'status.opening': 'Abriendo el micrófono…',
  'status.waiting': 'Escuchando… habla en {language} cuando quieras.',
  'status.recordingHandsFree': 'Grabando… se envía cuando dejes de hablar.',
  'status.recording': 'Grabando… pulsa Detener cuando termines.',
  'status.transcribing': 'Escribiendo lo que dijiste…',
  'status.heard': 'Escuchando… «{heard}»',
  'status.listening': 'Escuchando… habla en {language} ahora.',
  'status.speaking': 'El tutor está hablando.',
  'status.replying': 'El tutor está respondiendo…',
  'status.tryAgain': '{problem} Pulsa Hablar para intentarlo de nuevo.',
  'status.unfinished': 'La respuesta no terminó. Reinténtala o pulsa Hablar para seguir.',
  'status.paused': 'En pausa. Pulsa Hablar para hablar.',
  'problem.not-allowed':
    'El acceso al micrófono está bloqueado. Permítelo para este sitio en el navegador e inténtalo de nuevo.',
  'problem.no-speech': 'No se oyó nada. Inténtalo de nuevo, un poco más cerca del micrófono.',
  'problem.no-microphone': 'No se encontró ningún micrófono. Conecta uno o escribe.',
  'problem.network':
    'El reconocimiento de voz de este navegador necesita conectarse a su proveedor y ha fallado. Escribe o inténtalo de nuevo.',
  'problem.language': 'Este navegador no reconoce el habla en {language}. Escribe.',
  'problem.failed': 'El reconocimiento de voz se detuvo de forma inesperada. Inténtalo de nuevo.',
  unsupported: 'Tu navegador no tiene reconocimiento de voz; escribe.',
  'mic.not-allowed':
    'Charla no puede usar el micrófono. Permítelo para este sitio en el navegador (el icono junto a la dirección) e inténtalo de nuevo.',
  'mic.no-microphone': 'No se encontró ningún micrófono. Conecta uno o escribe.',
  'mic.unsupported':
    'Este navegador no puede grabar audio. Escribe o usa un Chrome, Edge, Firefox o Safari reciente.',
  'mic.failed':
    'No se pudo abrir el micrófono. Comprueba que ninguna otra aplicación lo esté usando e inténtalo de nuevo.',
  'server.noSpeech': 'No se oyó nada. Inténtalo de nuevo, un poco más cerca del micrófono.',
  'server.tooLongSent':
    'La grabación se detuvo al llegar al límite de dos minutos; se envió lo que dijiste hasta ahí.',
  'server.failed': 'Algo falló con el audio. Inténtalo de nuevo.',
  'server.tooLong': 'Esa grabación era demasiado larga: que dure menos de dos minutos, o divídela en partes.',
  'server.unreadable': 'El servidor no pudo leer esa grabación. Inténtalo de nuevo o escribe.',
  'server.network':
    'No se pudo conectar con el servidor para escucharlo. Comprueba tu conexión e inténtalo de nuevo.',
  'server.notSetUpAdmin':
    'La voz a través del servidor no está configurada: añade un proveedor de voz y sus cadenas.',
  'server.notSetUp':
    'El propietario de este Charla todavía no ha configurado la voz a través del servidor. Escribe.',
  'server.overBudget': 'Tu asignación de voz se ha agotado por ahora: se alcanzó el límite del presupuesto.',
} satisfies Translation<typeof en>;
