import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  present: 'Präsens',
  perfectSpoken: 'Perfekt (gesprochene Vergangenheit)',
  simplePast: 'einfache Vergangenheit',
  future: 'Futur',
  subjunctive2: 'Konjunktiv II (würde)',
  presentSimple: 'einfaches Präsens',
  presentContinuous: 'Verlaufsform der Gegenwart',
  pastSimple: 'einfache Vergangenheit',
  willFuture: 'Futur mit will',
  presentPerfect: 'Perfekt',
  imperfect: 'Imperfekt',
  conditional: 'Konditional',
  presentSubjunctive: 'Konjunktiv Präsens',
  perfectPast: 'Perfekt (Vergangenheit)',
} satisfies Translation<typeof en>;
