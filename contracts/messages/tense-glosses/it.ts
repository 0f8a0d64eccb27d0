import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  present: 'presente',
  perfectSpoken: 'passato prossimo (passato parlato)',
  simplePast: 'passato semplice',
  future: 'futuro',
  subjunctive2: 'congiuntivo II (condizionale)',
  presentSimple: 'presente semplice',
  presentContinuous: 'presente progressivo',
  pastSimple: 'passato semplice',
  willFuture: 'futuro con will',
  presentPerfect: 'passato prossimo',
  imperfect: 'imperfetto',
  conditional: 'condizionale',
  presentSubjunctive: 'congiuntivo presente',
  perfectPast: 'passato prossimo (passato)',
} satisfies Translation<typeof en>;
