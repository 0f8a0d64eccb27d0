import type { Kysely } from 'kysely';
import type { ReadingView } from '../../contracts/reading.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { coverageThresholds, markWords } from './marks.ts';
import { segmentText } from './segment.ts';
import { findReadableText, presentText } from './texts.ts';

/**
 * Opens a text for reading: sentences and words, each word known, learning or new for this
 * learner from their cards as they are at this moment, and the known share as its difficulty.
 */
export async function openText(
  deps: { db: Kysely<Database>; clock: Clock },
  userId: string,
  textId: string,
): Promise<ReadingView> {
  const row = await findReadableText(deps.db, userId, textId);
  const segmented = segmentText(row.body, row.language);
  const { words, coverage } = await markWords(deps, userId, row.language, segmented);
  return {
    text: presentText(row, userId),
    sentences: segmented.sentences,
    words,
    coverage,
    thresholds: coverageThresholds,
  };
}
