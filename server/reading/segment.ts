import type { ReadingToken } from '../../contracts/reading.ts';

/**
 * A text as sentences of tokens (`Intl.Segmenter`): words carry their key (lower case, NFC — the
 * form cards' `term_key` has), everything between words is kept as it is, so joining the tokens
 * gives the text back. French and Italian elisions ("l'homme", "dell'acqua"), which the segmenter
 * keeps as one word, are split so "homme" and "acqua" find their cards.
 */
export type SegmentedText = { sentences: Array<{ tokens: ReadingToken[] }> };

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

export const wordKey = (word: string) => word.toLocaleLowerCase('und').normalize('NFC');

export function segmentText(text: string, language: string): SegmentedText {
  const { sentences, words } = segmentersFor(language);
  const elides = language === 'fr' || language === 'it';
  const out: SegmentedText['sentences'] = [];
  for (const sentence of sentences.segment(text)) {
    const tokens: ReadingToken[] = [];
    let gap = '';
    const flush = () => {
      if (gap) tokens.push({ text: gap });
      gap = '';
    };
    for (const piece of words.segment(sentence.segment)) {
      if (!piece.isWordLike || !letter.test(piece.segment)) {
        gap += piece.segment;
        continue;
      }
      flush();
      const split = elides ? elision.exec(piece.segment) : null;
      if (split?.[1] && split[2]) {
        tokens.push({ text: split[1], word: wordKey(split[1]) });
        tokens.push({ text: split[2], word: wordKey(split[2]) });
      } else tokens.push({ text: piece.segment, word: wordKey(piece.segment) });
    }
    flush();
    out.push({ tokens });
  }
  return { sentences: out };
}

/** Running words of a text (what `word_count` stores and coverage divides by). */
export function countWords(text: string, language: string): number {
  let count = 0;
  for (const sentence of segmentText(text, language).sentences)
    for (const token of sentence.tokens) if (token.word) count++;
  return count;
}
