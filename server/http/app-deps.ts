import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import type { SpellChecker } from '../language/spelling.ts';
import type { Clock } from '../lib/clock.ts';
import type { Llm } from '../model-calls.ts';
import type { ReadingFetch } from '../reading/fetch-url.ts';

/** Everything a route needs, passed in explicitly: no module singletons, so tests build isolated apps. */
export type AppDeps = {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  llm: Llm;
  /** Offline spelling (a worker thread); buildApp creates one when absent and stops it on close. */
  spelling?: SpellChecker;
  /** Where the reading room may fetch URLs; public addresses only unless a test allows its own server. */
  readingFetch?: ReadingFetch;
  /** The built web app's folder; web/dist unless a test serves its own. */
  webRoot?: string;
};
