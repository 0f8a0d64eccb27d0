import { wordKey } from '../../contracts/reading-words.ts';

export { wordKey };

/**
 * A text as sentences of pieces (`Intl.Segmenter`): odd positions are words, even positions what
 * stands between them, so joining the pieces gives the text back. French and Italian elisions
 * ("l'homme", "dell'acqua"), which the segmenter keeps as one word, are split so "homme" and
 * "acqua" find their cards.
 */
export type SegmentedText = { sentences: string[][] };

const segmenters = new Map<string, { sentences: Intl.Segmenter; words: Intl.Segmenter }>();
const letter = /\p{L}/u;
const elision = /^(\p{L}{1,4}['’])(\p{L}.*)$/u;

function segmentersFor(language: string) {
  let pair = segmenters.get(language);
  if (!pair) {
    pair = {
      sentences: new Intl.Segmenter(language, { granularity: 'sentence' }),
      words: new Intl.Segmenter(language, { granularity: 'word' }),
    };
    segmenters.set(language, pair);
  }
  return pair;
}

export function segmentText(text: string, language: string): SegmentedText {
  const { sentences, words } = segmentersFor(language);
  const elides = language === 'fr' || language === 'it';
  const out: string[][] = [];
  for (const sentence of sentences.segment(text)) {
    const pieces: string[] = [];
    let gap = '';
    let hasWord = false;
    for (const piece of words.segment(sentence.segment)) {
      if (!piece.isWordLike || !letter.test(piece.segment)) {
        gap += piece.segment;
        continue;
      }
      hasWord = true;
      const split = elides ? elision.exec(piece.segment) : null;
      if (split?.[1] && split[2]) pieces.push(gap, split[1], '', split[2]);
      else pieces.push(gap, piece.segment);
      gap = '';
    }
    pieces.push(gap);
    // Blank lines come out as sentences of their own: they belong to the sentence before them.
    const previous = out.at(-1);
    if (previous && !hasWord) previous[previous.length - 1] += pieces.join('');
    else out.push(pieces);
  }
  return { sentences: out };
}

/** The words of a segmented sentence (its odd pieces). */
export function* wordsOf(sentence: readonly string[]): Generator<string> {
  for (let index = 1; index < sentence.length; index += 2) yield sentence[index] as string;
}

/** Running words of a text (what `word_count` stores and coverage divides by). */
export function countWords(text: string, language: string): number {
  let count = 0;
  for (const sentence of segmentText(text, language).sentences) count += (sentence.length - 1) / 2;
  return count;
}
