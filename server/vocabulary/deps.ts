import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';

/** What the vocabulary use cases need. `fuzz: false` makes intervals exact (tests, benchmarks). */
export type VocabularyDeps = {
  db: Kysely<Database>;
  clock: Clock;
  fuzz?: boolean;
};
