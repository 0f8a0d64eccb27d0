/**
 * Pronunciation practice: the recogniser's transcript aligned word by word with the sentence the learner
 * read, by a word-level edit distance (Levenshtein over words). Decision 010 records the rules:
 *
 * - Case, punctuation and typographic variants (’ for ', composed or decomposed letters) are not heard,
 *   so they never count against the learner.
 * - Accents and other marks are not folded away: "año" and "ano", "papá" and "papa" sound different, so
 *   a word heard with other marks is not a match. Some do sound alike ("él" and "el", "où" and "ou"), and
 *   a recogniser picks one spelling from context, so such a word is marked as differing only in its marks
 *   for the learner to judge by ear — it still does not count as matched.
 * - The score is the share of the target's words matched exactly in the alignment; words heard in
 *   addition are shown but do not lower it.
 */

import { normaliseText, stripAccents } from '../vocabulary/answer-match.ts';

export type AlignedWord =
  | { kind: 'match'; target: string; heard: string }
  /** `marksOnly`: the two differ only in accents or other marks (é, ñ, ü…) or in ß against ss. */
  | { kind: 'substitution'; target: string; heard: string; marksOnly: boolean }
  | { kind: 'missed'; target: string }
  | { kind: 'extra'; heard: string };

export type Alignment = {
  /** In reading order; missed and substituted words stand where the target has them. */
  words: AlignedWord[];
  targetCount: number;
  matched: number;
  /** Matched ÷ target words, 0–1; null when the target has no words to say. */
  score: number | null;
};

/** The words of `text` as written (punctuation dropped), split as the language splits words. */
export function tokenizeWords(text: string, language: string): string[] {
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    // The platform's word rules: "peut-être" is two words, "l'homme" one, and Japanese and Chinese,
    // written without spaces, are split by dictionary.
    const segmenter = new Intl.Segmenter(language, { granularity: 'word' });
    return [...segmenter.segment(text)]
      .filter((segment) => segment.isWordLike)
      .map((segment) => segment.segment);
  }
  return text.match(/[\p{L}\p{M}\p{N}]+(?:['’.][\p{L}\p{M}\p{N}]+)*/gu) ?? [];
}

/**
 * Step costs. Another word in a target word's place costs more than a missed or an extra word alone but
 * less than both, so words that do match stay lined up instead of pairing unrelated words around them;
 * a word differing only in its marks costs less than another word, so it is paired with its target.
 */
const missCost = 1;
const extraCost = 1;
const substitutionCost = 1.5;
const marksOnlyCost = 1;

/**
 * Aligns what was heard with the target sentence. Among equally cheap alignments the earlier words pair
 * first, and a pair comes before a missed word, before an extra one — so the output is deterministic.
 */
export function alignWords(target: string, heard: string, language: string): Alignment {
  const targetWords = tokenizeWords(target, language);
  const heardWords = tokenizeWords(heard, language);
  // Compared like typed review answers: without case or typographic variation, marks kept.
  const a = targetWords.map(normaliseText);
  const b = heardWords.map(normaliseText);
  const n = a.length;
  const m = b.length;
  const pairCost = (i: number, j: number) => {
    const x = a[i] as string;
    const y = b[j] as string;
    if (x === y) return 0;
    return stripAccents(x) === stripAccents(y) ? marksOnlyCost : substitutionCost;
  };

  // rest[i][j]: the cheapest alignment of the target words from i on with the heard words from j on.
  // Built from the end so the walk below can go forward and, among equally cheap alignments, pair words
  // in reading order: the first "con" heard goes with the first "con" of the target.
  const rest: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const at = (i: number, j: number) => rest[i]?.[j] as number;
  for (let i = n; i >= 0; i--) {
    const row = rest[i] as number[];
    for (let j = m; j >= 0; j--) {
      if (i === n) row[j] = (m - j) * extraCost;
      else if (j === m) row[j] = (n - i) * missCost;
      else
        row[j] = Math.min(
          pairCost(i, j) + at(i + 1, j + 1),
          missCost + at(i + 1, j),
          extraCost + at(i, j + 1),
        );
    }
  }

  const words: AlignedWord[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const step = i < n && j < m ? pairCost(i, j) : Number.POSITIVE_INFINITY;
    if (at(i, j) === step + at(i + 1, j + 1)) {
      const target = targetWords[i] as string;
      const heard = heardWords[j] as string;
      words.push(
        step === 0
          ? { kind: 'match', target, heard }
          : { kind: 'substitution', target, heard, marksOnly: step === marksOnlyCost },
      );
      i += 1;
      j += 1;
    } else if (i < n && at(i, j) === missCost + at(i + 1, j)) {
      words.push({ kind: 'missed', target: targetWords[i] as string });
      i += 1;
    } else {
      words.push({ kind: 'extra', heard: heardWords[j] as string });
      j += 1;
    }
  }
  const matched = words.filter((word) => word.kind === 'match').length;
  return { words, targetCount: n, matched, score: n === 0 ? null : matched / n };
}
