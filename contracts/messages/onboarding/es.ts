import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  documentTitle: 'Bienvenida · Charla',
  welcome: '¡Hola, {name}!',
  lead: 'Tres elecciones rápidas y listo. Puedes cambiarlas todas más tarde en Perfil y ajustes.',
  'native.label': 'Lengua materna',
  'native.hint': 'Las explicaciones y traducciones usan este idioma.',
  'native.required': 'Elige tu lengua materna',
  chooseLanguage: 'Elige un idioma',
  'target.label': 'Idioma que aprendes',
  'target.required': 'Elige el idioma que quieres aprender',
  'target.notNative': 'Elige un idioma distinto de tu lengua materna',
  'level.label': 'Nivel',
  'level.hintFor':
    'Tu nivel de {language} hoy (MCER). ¿No estás seguro? Empieza más abajo; el tutor se adapta.',
  'level.hint': 'Tu nivel hoy (MCER). ¿No estás seguro? Empieza más abajo; el tutor se adapta.',
  'goal.label': 'Objetivo diario',
  'goal.option': '{minutes, plural, one {# minuto al día} other {# minutos al día}}',
  'goal.hint': 'Un poco cada día vale más que mucho una vez por semana.',
  submit: 'Empezar a aprender',
  notYou: '¿No eres {name}?',
  signOut: 'Cerrar sesión',
} satisfies Translation<typeof en>;
