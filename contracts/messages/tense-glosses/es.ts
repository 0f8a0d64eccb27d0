import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  present: 'presente',
  perfectSpoken: 'perfecto (pasado hablado)',
  simplePast: 'pasado simple',
  future: 'futuro',
  subjunctive2: 'subjuntivo II (condicional)',
  presentSimple: 'presente simple',
  presentContinuous: 'presente continuo',
  pastSimple: 'pasado simple',
  willFuture: 'futuro con will',
  presentPerfect: 'pretérito perfecto',
  imperfect: 'imperfecto',
  conditional: 'condicional',
  presentSubjunctive: 'presente de subjuntivo',
  perfectPast: 'perfecto (pasado)',
} satisfies Translation<typeof en>;
