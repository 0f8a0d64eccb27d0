import type { Kysely } from 'kysely';
import type { ReadingView } from '../../contracts/reading.ts';
import type { DatabaseKind } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { coverageThresholds, markWords } from './marks.ts';
import { type SegmentedText, segmentText } from './segment.ts';
import { findReadableText, presentText } from './texts.ts';

/**
 * Segmentations of recently opened texts. A text's body never changes, so its sentences and words
 * are worth keeping (segmenting 5,000 words takes ~10 ms); its marks are not: they are computed
 * from the cards at every open.
 */
const segmentations = new Map<string, SegmentedText>();
const segmentationsKept = 32;

function segmentationOf(id: string, body: string, language: string): SegmentedText {
  let segmented = segmentations.get(id);
  if (segmented) {
    segmentations.delete(id);
  } else {
    segmented = segmentText(body, language);
    if (segmentations.size >= segmentationsKept)
      segmentations.delete(segmentations.keys().next().value as string);
  }
  segmentations.set(id, segmented);
  return segmented;
}

/**
 * Opens a text for reading: sentences and words, each word known, learning or new for this
 * learner from their cards as they are at this moment, and the known share as its difficulty.
 */
export async function openText(
  deps: { db: Kysely<Database>; kind: DatabaseKind },
  userId: string,
  textId: string,
): Promise<ReadingView> {
  const row = await findReadableText(deps.db, userId, textId);
  const segmented = segmentationOf(row.id, row.body, row.language);
  const { words, coverage } = await markWords(deps, userId, row.language, segmented);
  return {
    text: presentText(row, userId),
    sentences: segmented.sentences,
    words,
    coverage,
    thresholds: coverageThresholds,
  };
}
