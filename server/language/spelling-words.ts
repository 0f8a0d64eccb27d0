/** A word of a learner's message, where it starts, and whether it opens a sentence. */
export type MessageWord = { word: string; offset: number; sentenceStart: boolean };

// Letters joined by apostrophes or hyphens stay one word: "j'ai", "aujourd'hui", "chamo-me".
const wordPattern = /\p{L}+(?:['’-]\p{L}+)*/gu;

/** Splits a message into the words worth checking: no digits, no URLs, no e-mail addresses. */
export function wordsOf(text: string): MessageWord[] {
  const cleaned = text
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, (match) => ' '.repeat(match.length))
    .replace(/\S+@\S+/g, (match) => ' '.repeat(match.length));
  const words: MessageWord[] = [];
  for (const match of cleaned.matchAll(wordPattern)) {
    const offset = match.index ?? 0;
    const before = cleaned.slice(0, offset).trimEnd();
    const sentenceStart = before === '' || /[.!?¡¿:;"«“(\n-]$/.test(before);
    // Tokens glued to digits ("2x", "3ème") are not words a dictionary can judge.
    const next = cleaned[offset + match[0].length] ?? '';
    const previous = cleaned[offset - 1] ?? '';
    if (/\d/.test(next) || /\d/.test(previous)) continue;
    words.push({ word: match[0], offset, sentenceStart });
  }
  return words;
}

/**
 * Whether a word should be skipped rather than judged: acronyms, and (outside German, where every
 * noun is capitalised) capitalised words inside a sentence, which are nearly always names.
 */
export function isLikelyName(word: MessageWord, language: string): boolean {
  if (word.word.length > 1 && word.word === word.word.toUpperCase()) return true;
  if (/\p{Lu}/u.test(word.word.slice(1))) return true;
  const capitalised = /^\p{Lu}/u.test(word.word);
  return capitalised && !word.sentenceStart && language !== 'de';
}

const silentH = new Set(['es', 'fr', 'it', 'pt']);
const betacism = new Set(['es', 'pt']);
const cuQu = new Set(['it', 'es', 'pt', 'fr']);

/**
 * Spellings a learner of `language` is likely to have meant, tried before Hunspell's own
 * suggestions, which miss the commonest learner slips: a dropped silent h ("ablar" → "hablar"),
 * b/v confusion ("bibiendo" → "viviendo", the same sound in Spanish) and cu/qu ("cuando" → "quando").
 */
export function learnerVariants(word: string, language: string): string[] {
  const variants = new Set<string>();
  const lower = word.toLowerCase();
  if (silentH.has(language)) {
    // "aora" → "ahora", "ablar" → "hablar": an h before any vowel.
    for (let index = 0; index < word.length; index++) {
      if (/[aeiouáéíóú]/.test(lower[index] as string) && lower[index - 1] !== 'h')
        variants.add(`${word.slice(0, index)}h${word.slice(index)}`);
    }
  }
  if (cuQu.has(language)) {
    // "cuando" → "quando" (Italian), "squola" → "scuola": the same sound spelt two ways.
    for (const [from, to] of [
      ['cu', 'qu'],
      ['qu', 'cu'],
    ] as const) {
      for (let index = lower.indexOf(from); index !== -1; index = lower.indexOf(from, index + 1))
        variants.add(`${word.slice(0, index)}${to}${word.slice(index + 2)}`);
    }
  }
  if (betacism.has(language) && /[bv]/.test(lower)) {
    const swap = (character: string) => ({ b: 'v', v: 'b', B: 'V', V: 'B' })[character] ?? character;
    variants.add(word.replace(/[bvBV]/g, swap));
    for (let index = 0; index < word.length; index++) {
      if (/[bvBV]/.test(word[index] as string))
        variants.add(word.slice(0, index) + swap(word[index] as string) + word.slice(index + 1));
    }
  }
  variants.delete(word);
  return [...variants];
}
