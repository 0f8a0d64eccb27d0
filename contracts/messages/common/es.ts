import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'nav.home': 'Inicio',
  'nav.conversations': 'Conversaciones',
  'nav.vocabulary': 'Vocabulario',
  'nav.grammar': 'Gramática',
  'nav.reading': 'Lectura',
  'nav.tutor': 'Personajes y escenarios',
  'nav.usage': 'Consumo',
  'nav.settings': 'Perfil y ajustes',
  'nav.members': 'Miembros',
  'nav.adminUsage': 'Consumo y presupuestos',
  'nav.providers': 'Proveedores de IA',
  'nav.serverSettings': 'Ajustes del servidor',
  'nav.learn': 'Aprender',
  'nav.account': 'Cuenta',
  'nav.admin': 'Administración',

  'shell.skipToContent': 'Saltar al contenido',
  'shell.signedInAs': 'Sesión iniciada como {name}',
  'shell.signOut': 'Cerrar sesión',
  'shell.menu': 'Menú',
  'shell.mainNav': 'Principal',

  'states.loading': 'Cargando…',
  'states.documentTitle': '{page} · Charla',
  'states.notFound': 'Página no encontrada',
  'states.notFoundLead':
    'No hay ninguna página en esta dirección. Puede que se haya movido o que el enlace esté mal escrito.',
  'states.notAllowed': 'Acceso no permitido',
  'states.notAllowedLead':
    'Esta página es solo para los administradores de este servidor. Pregunta a uno si crees que la necesitas.',
  'states.goHome': 'Ir al inicio',
  'states.serverUnreachable': 'Charla no puede conectar con su servidor',
  'states.serverSilent': 'El servidor no respondió.',

  'actions.tryAgain': 'Reintentar',
  'actions.cancel': 'Cancelar',
  'actions.close': 'Cerrar',
  'actions.save': 'Guardar',

  'form.optional': '(opcional)',
  'form.correctFields': 'Corrige los campos marcados abajo.',

  'errors.generic': 'Algo ha fallado. Inténtalo de nuevo.',
  'errors.network': 'No se pudo conectar con el servidor. Comprueba tu conexión e inténtalo de nuevo.',
  'errors.unexpectedStatus':
    'El servidor respondió con un error inesperado (HTTP {status}). Inténtalo de nuevo.',
  'errors.unreadable': 'El servidor envió una respuesta que la aplicación no puede leer.',
  'errors.streamLost':
    'Se perdió la conexión antes de que terminara la respuesta. Lo que se guardó aparecerá al recargar.',
  'errors.loadFailed': 'No se pudo cargar.',

  'language.notSet': 'Sin definir',
  'language.interface': 'Idioma de la interfaz',
  'language.interfaceHint': 'El idioma de los menús, botones y mensajes de Charla.',

  'level.A1': 'Principiante: frases sencillas',
  'level.A2': 'Elemental: situaciones cotidianas',
  'level.B1': 'Intermedio: temas conocidos con soltura',
  'level.B2': 'Intermedio alto: fluidez en la mayoría de temas',
  'level.C1': 'Avanzado: flexible y preciso',
  'level.C2': 'Maestría',

  'budgetAlert.seeUsage': 'Ver el consumo',
  'budgetAlert.dismiss': 'Descartar',
  'home.title': 'Inicio',
  'home.leadChild': '¿Listo para practicar? Así vas.',
  'home.lead': 'Así va tu práctica.',
  'home.loadFailed': 'No se pudo cargar tu progreso: {message}',
  'home.loading': 'Cargando tu progreso…',
  'content.inEnglish': 'Por ahora, los temas de gramática incluidos están en inglés.',
} satisfies Translation<typeof en>;
