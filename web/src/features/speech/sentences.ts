/**
 * Sentence splitting for speech: a reply is spoken one sentence at a time, and while it streams a
 * sentence can only be spoken once it is certainly over. So a terminator counts only once the text after
 * it is known: a space and the first character of what follows (a decimal point, "p. ej." or "Sr. García"
 * are decided by that character), or a line break, which always ends a sentence (list items, headings and
 * lines the model wrote carry no full stop).
 */

export type SentenceSplit = {
  /** Complete sentences, trimmed, in order. */
  sentences: string[];
  /** The unfinished tail, still to be completed by later text (empty with `final`). */
  rest: string;
};

/** Titles and abbreviations that stand before a capitalised word without ending a sentence. */
const titles = new Set([
  // Spanish
  'sr',
  'sra',
  'srta',
  'sres',
  'dr',
  'dra',
  'ud',
  'uds',
  'vd',
  'vds',
  'lic',
  'ing',
  'núm',
  'pág',
  'av',
  'avda',
  // English
  'mr',
  'mrs',
  'ms',
  'st',
  'prof',
  'vs',
  // French
  'mme',
  'mlle',
  'mm',
  // German
  'hr',
  'hrn',
  'fr',
  'nr',
  // Italian and Portuguese
  'sig',
  'sigg',
  'dott',
  'dottssa',
  'profa',
  'sto',
  'sta',
]);

/** Closing quotes and brackets that belong to the sentence they follow. */
const closers = new Set(['"', "'", '”', '’', '»', '›', ')', ']', '」', '』', '）', '】']);
/** Full-width terminators (Chinese, Japanese) end a sentence with no space after them. */
const wideTerminators = new Set(['。', '！', '？', '．']);
const terminators = new Set(['.', '!', '?', '…']);

const isSpace = (char: string) => /\s/.test(char);
const isLowercase = (char: string) => char !== char.toUpperCase() && char === char.toLowerCase();

/** The word just before `end` (letters and digits only), e.g. "Sr" in "el Sr." */
function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1] ?? '')) start -= 1;
  return text.slice(start, end);
}

/**
 * Whether the terminator run `text[from, to)` ends a sentence, given `next`, the first character after
 * the space that follows it.
 */
function endsSentence(text: string, from: number, to: number, next: string): boolean {
  const run = text.slice(from, to);
  if (run.includes('!') || run.includes('?')) return true;
  // An opening ¿ or ¡ starts a new Spanish sentence whatever came before.
  if (next === '¿' || next === '¡') return true;
  if (run.includes('…') || run.length > 1) {
    // An ellipsis is a pause inside a sentence unless something new (capitalised) follows.
    return !isLowercase(next);
  }
  // A single full stop. Before a lowercase word it is an abbreviation ("aprox. un", "etc. y").
  if (isLowercase(next)) return false;
  const word = wordBefore(text, from);
  // An initial or a one-letter abbreviation: "J. R. Jiménez", "p. ej.", "z. B."
  if (word.length === 1 && /\p{L}/u.test(word)) return false;
  return !titles.has(word.toLowerCase());
}

/**
 * Splits `text` into complete sentences and an unfinished rest. With `final` (the text is all there is)
 * the rest is the last sentence. A boundary is only decided once the character after it is known, so
 * the sentences found in a prefix of a streamed reply stay the same however the reply goes on.
 */
export function splitSentences(text: string, options: { final?: boolean } = {}): SentenceSplit {
  const sentences: string[] = [];
  let start = 0;
  const push = (end: number) => {
    const sentence = text.slice(start, end).trim();
    if (sentence !== '') sentences.push(sentence);
    start = end;
  };
  let index = 0;
  scan: while (index < text.length) {
    const char = text[index] ?? '';
    if (char === '\n') {
      push(index);
      index += 1;
      continue;
    }
    if (wideTerminators.has(char)) {
      let end = index + 1;
      while (wideTerminators.has(text[end] ?? '')) end += 1;
      while (closers.has(text[end] ?? '')) end += 1;
      push(end);
      index = end;
      continue;
    }
    if (!terminators.has(char)) {
      index += 1;
      continue;
    }
    let runEnd = index;
    while (terminators.has(text[runEnd] ?? '')) runEnd += 1;
    let end = runEnd;
    while (closers.has(text[end] ?? '')) end += 1;
    const after = text[end];
    if (after === undefined) break; // Nothing after it yet: undecided.
    if (after === '¿' || after === '¡') {
      push(end);
      index = end;
      continue;
    }
    if (!isSpace(after)) {
      // "3.5", "e.g.", "www.charla.app", "¡Hola!," — inside a sentence.
      index = end;
      continue;
    }
    let next = end;
    while (next < text.length && isSpace(text[next] ?? '')) {
      if (text[next] === '\n') {
        push(end);
        index = next;
        continue scan;
      }
      next += 1;
    }
    if (next >= text.length) break; // Only a space so far: the next character decides.
    if (endsSentence(text, index, runEnd, text[next] ?? '')) push(end);
    index = next;
  }
  if (options.final) {
    push(text.length);
    return { sentences, rest: '' };
  }
  return { sentences, rest: text.slice(start).trimStart() };
}
