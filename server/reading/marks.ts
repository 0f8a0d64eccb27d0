import type { Kysely } from 'kysely';
import type { Coverage, ReadingWord, WordStatus } from '../../contracts/reading.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { loadLemmaTable } from './lemmas.ts';
import { type SegmentedText, wordKey } from './segment.ts';

/**
 * Known, learning or new for every word of a text, from the learner's cards and marks as they are
 * now (never cached: a review changes the next open). A card is known once its FSRS stability
 * reaches `knownStabilityDays` — the interval at which progress calls a card mature.
 */
export const knownStabilityDays = 21;

/** Nation's lexical coverage: ~98 % known running words for comfortable reading, ~95 % adequate. */
export const coverageThresholds = { comfortable: 0.98, adequate: 0.95 };

/** Articles a card's term may start with ("el perro", "der Hund"): the card still matches "perro". */
const articles: Record<string, string[]> = {
  es: ['el', 'la', 'los', 'las', 'un', 'una'],
  fr: ['le', 'la', 'les', "l'", 'un', 'une'],
  it: ['il', 'lo', 'la', 'i', 'gli', 'le', "l'", 'un', 'una'],
  pt: ['o', 'a', 'os', 'as', 'um', 'uma'],
  de: ['der', 'die', 'das', 'ein', 'eine'],
  en: ['the', 'a', 'an', 'to'],
};

/** Keys per query: far below SQLite's and PostgreSQL's bound-parameter limits. */
const chunkSize = 4000;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += chunkSize)
    out.push(items.slice(start, start + chunkSize));
  return out;
}

type Match = { stability: number; cardId: string };

/** The forms a card's term can take for this word: the word, its lemmas, each with an article. */
function candidateTerms(word: string, lemmas: readonly string[], language: string): string[] {
  const bases = [word, ...lemmas];
  const out = [...bases];
  for (const article of articles[language] ?? [])
    for (const base of bases) out.push(article.endsWith("'") ? `${article}${base}` : `${article} ${base}`);
  return out;
}

/** Marks every distinct word of a segmented text for one learner and sums the coverage. */
export async function markWords(
  deps: { db: Kysely<Database>; clock: Clock },
  userId: string,
  language: string,
  segmented: SegmentedText,
): Promise<{ words: Record<string, ReadingWord>; coverage: Coverage }> {
  const counts = new Map<string, number>();
  for (const sentence of segmented.sentences)
    for (const token of sentence.tokens)
      if (token.word) counts.set(token.word, (counts.get(token.word) ?? 0) + 1);
  const table = await loadLemmaTable(language);
  const candidates = new Map<string, string[]>();
  const wanted = new Set<string>();
  for (const word of counts.keys()) {
    const terms = candidateTerms(word, table.get(word) ?? [], language);
    candidates.set(word, terms);
    for (const term of terms) wanted.add(term);
  }
  const all = [...wanted];
  const best = new Map<string, Match>();
  const known = new Set<string>();
  await Promise.all([
    ...chunks(all).map(async (terms) => {
      const rows = await deps.db
        .selectFrom('vocabulary_cards')
        .select(['id', 'term_key', 'stability'])
        .where('user_id', '=', userId)
        .where('term_key', 'in', terms)
        .where('language', '=', language)
        .execute();
      for (const row of rows) {
        const stability = Number(row.stability);
        const current = best.get(row.term_key);
        if (!current || stability > current.stability) best.set(row.term_key, { stability, cardId: row.id });
      }
    }),
    ...chunks([...counts.keys()].flatMap((word) => [word, ...(table.get(word) ?? [])])).map(async (words) => {
      const rows = await deps.db
        .selectFrom('reading_known_words')
        .select('word')
        .where('user_id', '=', userId)
        .where('language', '=', language)
        .where('word', 'in', words)
        .execute();
      for (const row of rows) known.add(row.word);
    }),
  ]);

  const words: Record<string, ReadingWord> = {};
  const coverage: Coverage = { words: 0, known: 0, learning: 0, new: 0, knownShare: 0, newShare: 0 };
  for (const [word, count] of counts) {
    const lemmas = table.get(word) ?? [];
    let match: Match | undefined;
    for (const term of candidates.get(word) ?? []) {
      const found = best.get(term);
      if (found && (!match || found.stability > match.stability)) match = found;
    }
    const markedKnown = known.has(word) || lemmas.some((lemma) => known.has(lemma));
    const status: WordStatus =
      markedKnown || (match && match.stability >= knownStabilityDays) ? 'known' : match ? 'learning' : 'new';
    words[word] = { status, lemma: lemmas[0] ?? null, cardId: match?.cardId ?? null, count };
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
      .values({ user_id: userId, language: input.language, word, created_at: deps.clock.now().toISOString() })
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
