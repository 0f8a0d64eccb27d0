/**
 * What each tense of the conjugation drills is, in the reader's interface language (the tense's own name
 * is in the language being learned; content/grammar/verbs/*.json glosses it in English, which picks the key).
 */
export default {
  present: 'present',
  perfectSpoken: 'perfect (spoken past)',
  simplePast: 'simple past',
  future: 'future',
  subjunctive2: 'subjunctive II (would)',
  presentSimple: 'present simple',
  presentContinuous: 'present continuous',
  pastSimple: 'past simple',
  willFuture: 'will-future',
  presentPerfect: 'present perfect',
  imperfect: 'imperfect',
  conditional: 'conditional',
  presentSubjunctive: 'present subjunctive',
  perfectPast: 'perfect (past)',
} as const;
