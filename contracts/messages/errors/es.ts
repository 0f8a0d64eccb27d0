import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  signInFirst: 'Inicia sesión.',
  forbidden: 'No tienes permiso para hacer eso.',
  adminOnly: 'Solo un administrador puede hacer eso.',
  csrf: 'Falta el token CSRF o no es válido. Recarga la página y vuelve a intentarlo.',
  unknownOrigin: 'La petición viene de un origen desconocido.',
  crossSite: 'No se permiten peticiones desde otros sitios.',
  internal: 'Algo ha fallado en el servidor. El error ha quedado registrado.',
  databaseDown: 'No se puede acceder a la base de datos.',
  noEndpoint: 'No existe el punto de acceso {method} {path}.',
  bodyTooLarge: 'El cuerpo de la petición es demasiado grande.',
  jsonOnly: 'Envía el cuerpo de la petición como JSON (content-type: application/json).',
  emptyBody: 'El cuerpo de la petición está vacío; envía un objeto JSON.',
  invalidJson: 'El cuerpo de la petición no es JSON válido.',
  invalidRequest: 'La petición no es válida.',
  'invalid.body': 'Parte de lo enviado no es válido: {issues}',
  'invalid.query': 'La consulta de la dirección no es válida: {issues}',
  'invalid.path': 'La dirección no es válida: {issues}',
  'invalid.headers': 'Las cabeceras de la petición no son válidas: {issues}',

  'notFound.generic': 'No se ha encontrado.',
  'notFound.member': 'No se ha encontrado a ese miembro.',
  'notFound.account': 'No se ha encontrado la cuenta.',
  'notFound.deck': 'No se ha encontrado ese mazo.',
  'notFound.card': 'No se ha encontrado esa tarjeta.',
  'notFound.message': 'No se ha encontrado ese mensaje.',
  'notFound.reviewToUndo': 'No hay ningún repaso que deshacer.',
  'notFound.reviewedCard': 'No se ha encontrado la tarjeta repasada.',
  'notFound.text': 'No se ha encontrado ese texto.',
  'notFound.language': 'No se ha encontrado ese idioma.',
  'notFound.conversation': 'No se ha encontrado esa conversación.',
  'notFound.exercise': 'No se ha encontrado ese ejercicio.',
  'notFound.provider': 'No existe ese proveedor.',
  'notFound.model': 'Ese modelo no está en el catálogo.',
  'notFound.download': 'Ese modelo no se está descargando.',
  'notFound.priceOverride': 'No hay ningún precio personalizado para ese modelo.',
  'notFound.summary': 'Esta conversación aún no tiene resumen.',
  'notFound.feedback': 'No hay comentarios para ese mensaje.',
  'notFound.persona': 'No se ha encontrado ese personaje.',
  'notFound.scenario': 'No se ha encontrado ese escenario.',
  'notFound.drills': 'No hay ejercicios de conjugación sin conexión para ese idioma.',
  'notFound.recording': 'No se ha encontrado esa grabación.',

  'auth.ownerExists': 'La cuenta de propietario ya existe. Pide una cuenta a un administrador.',
  'auth.usernameTaken': 'Ese nombre de usuario ya está en uso. Elige otro.',
  'auth.signupClosed':
    'El registro está cerrado en este servidor. Pide a un administrador que te cree una cuenta.',
  'auth.wrongCredentials': 'Usuario o contraseña incorrectos.',
  'auth.disabled': 'Esta cuenta está desactivada. Pide a un administrador que la active.',
  'auth.throttled':
    'Demasiados intentos fallidos de inicio de sesión. Vuelve a intentarlo dentro de {minutes, plural, one {# minuto} other {# minutos}}.',
  'auth.wrongPassword': 'La contraseña no es correcta.',

  'members.ownerProtected':
    'La cuenta de propietario no se puede desactivar ni perder el rol de administrador.',
  'members.lastAdmin': 'Es el último administrador: primero haz administrador a otro miembro.',
  'members.ownerUndeletable': 'La cuenta de propietario no se puede eliminar.',
  'members.transcriptsChildOnly': 'Las transcripciones solo se pueden ver en las cuentas infantiles.',

  'profile.targetIsNative': 'Un idioma que aprendes no puede ser tu lengua materna.',
  'profile.chooseFirst': 'Primero elige tu lengua materna y un idioma que aprender.',

  'conversation.started': 'Esta conversación ya ha empezado.',
  'conversation.latestOnly': 'Solo se puede reintentar la última respuesta.',
  'conversation.retrying': 'Esa respuesta ya se está reintentando.',
  'conversation.stillWriting': 'Esa respuesta todavía se está escribiendo.',
  'conversation.alreadyComplete': 'Esa respuesta ya está completa.',

  noProvider:
    'Todavía no hay ningún proveedor de IA que pueda responder. Un administrador lo configura en la aplicación, en Proveedores de IA: pegando una clave, conectando un servidor local o descargando un modelo local.',
  noProviderDrills:
    'Todavía no hay ningún proveedor de IA que pueda responder. Un administrador lo configura en la aplicación, en Proveedores de IA. Los ejercicios sin conexión funcionan sin él.',

  turnFailed: 'Algo ha fallado en el servidor; tu mensaje está guardado.',
  'model.stopped': 'Detenida.',
  'model.stoppedByLearner': 'Detenida por el estudiante.',
  'model.stoppedBeforeStart': 'Detenida antes de que empezara la respuesta.',
  'model.noStart': 'El proveedor no empezó a responder a tiempo.',
  'model.connectTimeout': 'No se pudo conectar con el proveedor a tiempo.',
  'model.tooLong': 'La respuesta tardó demasiado y se cortó.',
  'model.modelSlow': 'El modelo tardó demasiado en responder.',
  'model.providerUnavailable': 'No se puede llamar al proveedor «{provider}».',
  'model.unreachable': 'No se pudo conectar con el proveedor.',
  'model.keyRejected': 'La respuesta falló: el proveedor rechazó la clave de API.',
  'model.rateLimited': 'La respuesta falló: el proveedor está limitando las peticiones.',
  'model.providerInternal': 'La respuesta falló: el proveedor tuvo un error interno ({status}).',
  'model.refused': 'La respuesta falló: el proveedor rechazó la petición ({status}).',
  'model.connectionFailed': 'Falló la conexión con el proveedor ({detail}).',
  'model.localFailed': 'El modelo local falló mientras respondía ({detail}).',
  'model.unexpected': 'La respuesta falló de forma inesperada.',
  'model.interruptedPartial':
    'El servidor se detuvo mientras escribía esta respuesta; esto es lo que llegó. Reinténtala para obtener la respuesta completa.',
  'model.interrupted': 'El servidor se detuvo mientras escribía esta respuesta. Reinténtala.',
  'vocabulary.deckExists': 'Ya tienes un mazo llamado «{name}» para este idioma.',
  'vocabulary.cardInDeck': '«{term}» ya está en el mazo «{deck}».',
  'vocabulary.sameLanguage': 'Una tarjeta solo puede pasar a un mazo del mismo idioma.',
  'vocabulary.cardInThatDeck': '«{term}» ya está en ese mazo.',
  'vocabulary.justReviewed': 'Esta tarjeta se acaba de repasar. Vuelve a cargar la cola de repaso.',
  'tutor.builtInPersona': 'Los personajes incluidos no se pueden cambiar; crea uno propio.',
  'tutor.sharedPersona': 'Solo un administrador puede cambiar un personaje compartido con todos.',
  'tutor.createForEveryone': 'Solo un administrador puede crear un personaje para todos.',
  'tutor.maxPersonas': 'Puedes tener como mucho {count} personajes propios.',
  'tutor.shareWithEveryone': 'Solo un administrador puede compartir un personaje con todos.',
  'tutor.maxScenarios': 'Puedes escribir como mucho {count} escenarios.',
  'tutor.builtInScenario': 'Los escenarios incluidos no se pueden cambiar; escribe uno propio.',
  'tutor.scenarioAuthor': 'Solo su autor (o un administrador) puede cambiar este escenario.',
  'grammar.notATopic': '«{topic}» no es un tema de gramática de este idioma.',
  'grammar.unusableExercises':
    'La IA devolvió ejercicios en un formato que no se pudo usar. Inténtalo de nuevo.',
  'grammar.noSoundExercise':
    'Ninguno de los ejercicios que escribió la IA pasó las comprobaciones. Inténtalo de nuevo.',
  'grammar.noPortugueseDrills':
    'No hay datos de conjugación sin conexión para el portugués; practícalo con ejercicios generados.',
  'grammar.noVerbInTenses': 'Ninguno de los verbos elegidos se practica en los tiempos elegidos.',
  'grammar.notInDrills': '«{verb}» en «{tense}» no forma parte de los ejercicios.',
  'grammar.notADrillNoun': '«{noun}» no es uno de los sustantivos del ejercicio.',
  'reading.noText': 'Ahí no hay ningún texto que leer.',
  'reading.tooLong': 'El texto tiene {count, number} caracteres; se guardan como mucho {max, number}.',
  'reading.childPasteOnly':
    'Las cuentas infantiles añaden textos pegándolos, o leen los que comparte un administrador.',
  fileEmpty: 'El archivo está vacío.',
  sendFile: 'Envía el archivo como cuerpo de la petición.',
  fileTooLarge: 'El archivo ocupa más de {megabytes} MB.',
  'reading.noProvider':
    'Esto necesita un proveedor de IA. Un administrador puede añadirlo en Proveedores de IA. La lectura y marcar palabras funcionan sin él.',
  'reading.noGlossary':
    'El glosario de la IA no tenía ninguna entrada útil para este texto. Inténtalo de nuevo.',
  'reading.badRewrite': 'No se pudo usar la reescritura de la IA. Inténtalo de nuevo.',
  'reading.noSoundQuestion':
    'Ninguna de las preguntas que escribió la IA pasó las comprobaciones. Inténtalo de nuevo.',
  'reading.noSuchQuestion': 'Todavía no hay esa pregunta para este texto.',
  'reading.conversationNoProvider':
    'Una conversación necesita un proveedor de IA. Un administrador puede añadirlo en Proveedores de IA.',
  'csv.unreadable': 'No se puede leer el CSV: {detail}',
  'csv.noRows': 'El CSV no tiene filas.',
  'csv.noTermColumn': 'La línea de cabecera no tiene columna «term» (también valen: word, front).',
  'csv.tooManyRows': 'El CSV tiene {count, number} filas; importa como mucho {max, number} de una vez.',
  'speech.notSetUpAdmin':
    '{fn, select, transcribe {La transcripción (voz a texto)} other {La síntesis de voz (texto a voz)}} del servidor no está configurada. Elige un modelo de voz en Proveedores de IA → Voz (un servidor compatible con OpenAI o Mistral), o define {setting}.',
  'speech.notSetUp':
    'El propietario aún no ha configurado {fn, select, transcribe {la transcripción (voz a texto)} other {la síntesis de voz (texto a voz)}} del servidor.',
  'speech.cancelled': 'La petición se canceló.',
  'speech.failed':
    'El proveedor de voz no pudo {fn, select, transcribe {transcribir la grabación} other {leer el texto en voz alta}}: {detail}.',
  'speech.tooLarge': 'La grabación ocupa más de {megabytes} MB; graba una más corta.',
} satisfies Translation<typeof en>;
