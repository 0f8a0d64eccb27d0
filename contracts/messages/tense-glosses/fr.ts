import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  present: 'présent',
  perfectSpoken: 'passé composé (passé parlé)',
  simplePast: 'passé simple',
  future: 'futur',
  subjunctive2: 'subjonctif II (conditionnel)',
  presentSimple: 'présent simple',
  presentContinuous: 'présent progressif',
  pastSimple: 'passé simple',
  willFuture: 'futur avec will',
  presentPerfect: 'passé composé',
  imperfect: 'imparfait',
  conditional: 'conditionnel',
  presentSubjunctive: 'subjonctif présent',
  perfectPast: 'passé composé (passé)',
} satisfies Translation<typeof en>;
