import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Coverage, ReadingWord, WordStatus } from '../../contracts/reading.ts';
import type { DatabaseKind } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { loadLemmaTable } from './lemmas.ts';
import { type SegmentedText, wordKey, wordsOf } from './segment.ts';

/**
 * Known, learning or new for every word of a text, from the learner's cards and marks as they are
 * now (never cached: a review changes the next open). A card is known once its FSRS stability
 * reaches `knownStabilityDays` — the interval at which progress calls a card mature.
 */
export const knownStabilityDays = 21;

/** Nation's lexical coverage: ~98 % known running words for comfortable reading, ~95 % adequate. */
export const coverageThresholds = { comfortable: 0.98, adequate: 0.95 };

/**
 * `column in (values)` with the whole list as one parameter: a JSON array read by `json_each` on
 * SQLite, a text array on PostgreSQL. Thousands of bound parameters would cost more to parse and
 * plan than the index lookups themselves, and could pass either database's parameter limit.
 */
function inList(kind: DatabaseKind, column: string, values: string[]): RawBuilder<boolean> {
  return kind === 'postgres'
    ? sql<boolean>`${sql.ref(column)} = any(${values}::text[])`
    : sql<boolean>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
}

/**
 * The learner's cards in `language` whose `term_key` is one of `terms`. On PostgreSQL the lookup is
 * one index probe per term (a lateral subquery that `offset 0` keeps from being flattened): for one
 * learner's rows the planner otherwise prefers a sequential scan hashed against the array, which
 * costs about twice as much at 50,000 cards.
 */
async function cardsMatching(
  deps: { db: Kysely<Database>; kind: DatabaseKind },
  userId: string,
  language: string,
  terms: string[],
): Promise<Array<{ id: string; term_key: string; stability: number }>> {
  if (deps.kind === 'postgres') {
    const { rows } = await sql<{ id: string; term_key: string; stability: number }>`
      select card.id, card.term_key, card.stability
      from unnest(${terms}::text[]) as wanted(term)
      cross join lateral (
        select id, term_key, stability from vocabulary_cards
        where user_id = ${userId} and term_key = wanted.term and language = ${language}
        offset 0
      ) as card`.execute(deps.db);
    return rows;
  }
  return deps.db
    .selectFrom('vocabulary_cards')
    .select(['id', 'term_key', 'stability'])
    .where('user_id', '=', userId)
    .where(inList(deps.kind, 'term_key', terms))
    .where('language', '=', language)
    .execute();
}

type Match = { stability: number; cardId: string };

/** Marks every distinct word of a segmented text for one learner and sums the coverage. */
export async function markWords(
  deps: { db: Kysely<Database>; kind: DatabaseKind },
  userId: string,
  language: string,
  segmented: SegmentedText,
): Promise<{ words: Record<string, ReadingWord>; coverage: Coverage }> {
  // Count pieces as written first: a text repeats its forms, so each is normalised once.
  const pieceCounts = new Map<string, number>();
  for (const sentence of segmented.sentences)
    for (const piece of wordsOf(sentence)) pieceCounts.set(piece, (pieceCounts.get(piece) ?? 0) + 1);
  const counts = new Map<string, number>();
  for (const [piece, count] of pieceCounts) {
    const word = wordKey(piece);
    counts.set(word, (counts.get(word) ?? 0) + count);
  }
  const table = await loadLemmaTable(language);
  // A word matches a card whose term is the word itself or one of its lemmas, exactly.
  const wanted = new Set<string>();
  for (const word of counts.keys()) {
    wanted.add(word);
    for (const lemma of table.get(word) ?? []) wanted.add(lemma);
  }
  const terms = [...wanted];
  const [cards, marked] = await Promise.all([
    cardsMatching(deps, userId, language, terms),
    deps.db
      .selectFrom('reading_known_words')
      .select('word')
      .where('user_id', '=', userId)
      .where('language', '=', language)
      .where(inList(deps.kind, 'word', terms))
      .execute(),
  ]);
  const best = new Map<string, Match>();
  for (const row of cards) {
    const stability = Number(row.stability);
    const current = best.get(row.term_key);
    if (!current || stability > current.stability) best.set(row.term_key, { stability, cardId: row.id });
  }
  const known = new Set(marked.map((row) => row.word));

  const words: Record<string, ReadingWord> = {};
  const coverage: Coverage = { words: 0, known: 0, learning: 0, new: 0, knownShare: 0, newShare: 0 };
  for (const [word, count] of counts) {
    const lemmas = table.get(word) ?? [];
    let match: Match | undefined;
    let matchedBase: string | undefined;
    for (const base of [word, ...lemmas]) {
      const found = best.get(base);
      if (found && (!match || found.stability > match.stability)) {
        match = found;
        matchedBase = base;
      }
    }
    const markedKnown = known.has(word) || lemmas.some((lemma) => known.has(lemma));
    const status: WordStatus =
      markedKnown || (match && match.stability >= knownStabilityDays) ? 'known' : match ? 'learning' : 'new';
    // The lemma shown is the one a card matched through ("fui" → ir, not ser, when the card is ir).
    const lemma = matchedBase && matchedBase !== word ? matchedBase : lemmas[0];
    const entry: ReadingWord = { status, count };
    if (lemma) entry.lemma = lemma;
    if (match) entry.cardId = match.cardId;
    words[word] = entry;
    coverage.words += count;
    coverage[status] += count;
  }
  coverage.knownShare = coverage.words ? coverage.known / coverage.words : 0;
  coverage.newShare = coverage.words ? coverage.new / coverage.words : 0;
  return { words, coverage };
}

/** Marks a word known (or not) for the learner in a language: one key or one tap in the reader. */
export async function setKnownWord(
  deps: { db: Kysely<Database>; clock: Clock },
  userId: string,
  input: { language: string; word: string; known: boolean },
) {
  const word = wordKey(input.word.trim());
  if (input.known) {
    await deps.db
      .insertInto('reading_known_words')
      .values({
        id: newId(deps.clock.now().getTime()),
        user_id: userId,
        language: input.language,
        word,
        created_at: deps.clock.now().toISOString(),
      })
      .onConflict((conflict) => conflict.columns(['user_id', 'language', 'word']).doNothing())
      .execute();
  } else {
    await deps.db
      .deleteFrom('reading_known_words')
      .where('user_id', '=', userId)
      .where('language', '=', input.language)
      .where('word', '=', word)
      .execute();
  }
  return { language: input.language, word, known: input.known };
}
