import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  present: 'presente',
  perfectSpoken: 'perfeito (passado falado)',
  simplePast: 'passado simples',
  future: 'futuro',
  subjunctive2: 'conjuntivo II (condicional)',
  presentSimple: 'presente simples',
  presentContinuous: 'presente contínuo',
  pastSimple: 'passado simples',
  willFuture: 'futuro com will',
  presentPerfect: 'pretérito perfeito composto',
  imperfect: 'imperfeito',
  conditional: 'condicional',
  presentSubjunctive: 'presente do conjuntivo',
  perfectPast: 'perfeito (passado)',
} satisfies Translation<typeof en>;
