import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'feedback.unavailable': 'Las correcciones no están disponibles para este mensaje.',
  'feedback.none': 'Sin correcciones.',
  'feedback.labelYours': 'Comentarios sobre tu mensaje',
  'feedback.labelTheirs': 'Comentarios sobre este mensaje',
  'feedback.spelling': '¿Ortografía?',
  'feedback.heldBack':
    '{count, plural, one {# corrección más retenida} other {# correcciones más retenidas}} por el ajuste de correcciones.',
  'feedback.checkMine': 'Revisar mi mensaje ({count})',
  'feedback.showMore': 'Mostrar {count} más',
  'feedback.moreNatural': 'Más natural:',
  'feedback.newWords': 'Palabras nuevas:',
  'feedback.why': '¿Por qué?',
  'feedback.addToDeck': 'Añadir al mazo',
  'feedback.inDeck': 'En tu mazo',
  'feedback.chipAdd': 'añadir a tu mazo',
  'feedback.chipInDeck': 'en tu mazo',
  'feedback.editorTitle': 'Añadir a tu mazo',
  'feedback.addCard': 'Añadir tarjeta',
  'feedback.added': '«{term}» añadida a tu mazo.',
  'feedback.alreadyThere': '«{term}» ya estaba en tu mazo.',
  'category.verb-tense': 'Tiempo verbal',
  'category.agreement': 'Concordancia',
  'category.gender': 'Género',
  'category.word-order': 'Orden de las palabras',
  'category.preposition': 'Preposición',
  'category.spelling': 'Ortografía',
  'category.vocabulary-choice': 'Elección de palabras',
  'category.register': 'Registro',
  'category.other': 'Otro',
} satisfies Translation<typeof en>;
