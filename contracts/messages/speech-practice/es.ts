import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'practice.label': 'Práctica de pronunciación',
  'practice.choose': 'Elige qué decir',
  'practice.hearFirst': 'Escúchalo primero',
  'practice.tryAgain': 'Intentar de nuevo',
  'practice.start': 'Empezar a hablar',
  'practice.recording': 'Grabando… lee la frase en voz alta en {language} y pulsa Detener.',
  'practice.listening': 'Escuchando… lee la frase en voz alta en {language}.',
  'practice.listeningHeard':
    'Escuchando… lee la frase en voz alta en {language}. Oído hasta ahora: «{heard}»',
  'practice.noWords': 'Esta frase no tiene palabras que comparar.',
  'practice.score':
    '{percent}: {matched} de {count, plural, one {# palabra reconocida} other {# palabras reconocidas}} tal como están escritas',
  'practice.scoreExtra':
    '{percent}: {matched} de {count, plural, one {# palabra reconocida} other {# palabras reconocidas}} tal como están escritas; {extra, plural, one {se oyó # palabra de más} other {se oyeron # palabras de más}}',
  'practice.heard': 'Oído: {heard}',
  'practice.marks':
    '{count, plural, one {Una palabra se oyó} other {# palabras se oyeron}} con otros acentos o signos. Algunas suenan igual (él y el), otras no (año y ano): escucha y juzga de oído.',
  'practice.key': 'Leyenda',
  'practice.legend.word': 'palabra',
  'practice.legend.match': 'reconocida',
  'practice.legend.substituted': 'oída como otra palabra',
  'practice.legend.missed': 'no oída',
  'practice.legend.extra': 'de más',
} satisfies Translation<typeof en>;
