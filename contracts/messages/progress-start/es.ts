import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'empty.title': 'Aún no hay nada que mostrar',
  'empty.titleMember': '{name} aún no ha practicado',
  'empty.text':
    'Empieza una conversación o repasa tarjetas: tu racha, tus minutos, tus palabras y tus errores aparecerán aquí en cuanto practiques.',
  'empty.textMember': 'Su racha, sus minutos, sus palabras y sus errores aparecerán aquí cuando practique.',
  'empty.converse': 'Empezar una conversación',
  'empty.review': 'Repasar tarjetas',
  'empty.grammar': 'Practicar gramática',
  'streak.today': 'Ha practicado hoy.',
  'streak.keep': 'Aún no ha practicado hoy.',
  'streak.start': 'Ahora mismo no tiene racha.',
  'level.noneMember': 'Aún no ha elegido un idioma para aprender.',
  'level.none': 'Aún no has elegido un idioma para aprender.',
  'level.choose': 'Elige uno en los ajustes',
} satisfies Translation<typeof en>;
