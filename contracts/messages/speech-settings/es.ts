import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  title: 'Voz',
  rate: 'Velocidad de lectura',
  rateHint:
    'La velocidad a la que se leen en voz alta las respuestas y las tarjetas. Más despacio ayuda al empezar.',
  rateValue: '{rate} de la velocidad normal',
  voices: 'Voces',
  voicesHint:
    'Las voces marcadas como «en línea» envían el texto al fabricante del navegador para leerlo; las demás funcionan sin conexión.',
  'voice.label': 'Voz en {language}',
  'voice.unsupported': 'Este navegador no puede hablar, así que no tiene voces para elegir.',
  'voice.loading': 'Buscando las voces de este navegador…',
  'voice.none': 'Este navegador no tiene voz en {language}.',
  'voice.missing': 'La voz que elegiste no está en este dispositivo: aquí habla la más parecida.',
  'voice.automatic': 'Automática',
  'voice.automaticNamed': 'Automática ({voice})',
  'voice.notHere': '{voice} (no está en este dispositivo)',
  'voice.online': 'en línea',
  'voice.test': 'Probar la voz',
  stop: 'Detener',
  autoSpeak: 'Leer las respuestas en voz alta según llegan',
  autoSpeakHint:
    'Frase a frase mientras el tutor escribe. El modo de voz también lo hace y luego te escucha.',
  engine: 'Motor de voz',
  'engine.auto': 'Automático',
  'engine.auto.description':
    'La voz de este navegador donde funciona (gratis); la del servidor donde el navegador no tiene reconocimiento o voz para el idioma, o su reconocimiento falla.',
  'engine.browser': 'Solo este navegador',
  'engine.browser.description': 'Nada de lo que dices u oyes pasa por el servidor de Charla.',
  'engine.server': 'El servidor',
  'engine.server.description':
    'Las mismas voces y el mismo reconocimiento en todos los dispositivos. Tu audio se envía al servidor de Charla y al proveedor de IA que configuró el propietario, y cuenta para tu presupuesto.',
  serverVoices: 'Voces del servidor',
  'serverVoice.label': 'Voz del servidor en {language}',
  'serverVoice.default': 'Predeterminada',
  'serverVoice.defaultNamed': 'Predeterminada ({voice})',
  'serverVoice.gone': '{voice} (ya no se ofrece)',
  'serverVoice.failed': 'No se pudo reproducir la voz del servidor.',
  'serverVoice.server': 'servidor',
  storeAudio: 'Guardar mis grabaciones',
  storeAudioHint:
    'Desactivado: lo que dices a través del servidor se transcribe y se olvida. Activado: se guarda para que lo vuelvas a escuchar, aparece abajo y en tu exportación, y puedes borrarlo cuando quieras.',
  'privacy.server':
    'Al hablar, tu audio se envía al servidor de Charla, que lo pasa al proveedor de IA que configuró el propietario para transcribirlo.',
  'privacy.browser':
    'En este navegador, hablar usa su propio reconocimiento de voz. La mayoría de los navegadores envían el audio a su fabricante para reconocerlo (Chrome lo envía a Google); Charla nunca lo recibe salvo que la voz del servidor lo sustituya.',
  'privacy.none':
    'Este navegador no tiene reconocimiento de voz: con el motor automático, la voz del servidor lo sustituye donde el propietario la haya configurado.',
  save: 'Guardar los ajustes de voz',
  saved: 'Tus ajustes de voz están guardados.',
  'note.overBudget':
    'Tu presupuesto de voz se ha agotado por ahora: la voz del servidor vuelve cuando se renueve el presupuesto.',
  'note.adminSpeech':
    'La voz del servidor no está configurada. {link} con un proveedor de IA que la ofrezca.',
  'note.adminTranscription':
    'La transcripción del servidor no está configurada. {link} con un proveedor de IA que la ofrezca.',
  'note.adminVoices':
    'Las voces del servidor no están configuradas. {link} con un proveedor de IA que las ofrezca.',
  'note.setUp': 'Configura la voz',
  'note.learnerSpeech':
    'El propietario de este Charla no ha configurado la voz del servidor: se usa la de este navegador.',
  'note.learnerTranscription':
    'El propietario de este Charla no ha configurado la transcripción del servidor: se usa la voz de este navegador.',
  'note.learnerVoices':
    'El propietario de este Charla no ha configurado las voces del servidor: se usa la voz de este navegador.',
  'recordings.title': 'Tus grabaciones',
  'recordings.none':
    'Todavía ninguna: lo que digas a través de la voz del servidor se guarda aquí a partir de ahora.',
  'recordings.nothingHeard': '(no se oyó nada)',
  'recordings.delete': 'Eliminar',
  'recordings.deleteLabel': 'la grabación «{transcript}»',
  'recordings.deleteFailed': 'No se pudo eliminar esta grabación. Inténtalo de nuevo.',
  'recordings.deleted': 'Grabación eliminada.',
} satisfies Translation<typeof en>;
