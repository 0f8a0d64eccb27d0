import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSpellChecker } from '../server/language/spelling.ts';
import type { BenchRow } from './run.ts';

/**
 * Spelling quality on the development set in bench/spelling-dev-set (sentences written for it, see
 * its README): the share of flags on words that were right (false alarms), recall of misspelled
 * non-words and of real words used for another (el/él, its/it's), whether the first suggestion is
 * the intended word, and the time per message of the real worker, warm.
 */

type Annotation = {
  start: number;
  end: number;
  kind: 'nonword' | 'realword' | 'foreign';
  wrong: string;
  right: string;
};
type Message = { language: string; nativeLanguage: string; text: string; annotations: Annotation[] };
/** One flag of the checker: where it starts and what it proposes first. */
type Flag = { offset: number; word: string; first: string | undefined };

const setDir = fileURLToPath(new URL('./spelling-dev-set/', import.meta.url));
const markup = /\{([^>{}]+)>([^{}]+)\}|\[([^>\][]+)>([^\][]+)\]|<([^<>]+)>/g;

/** Reads one language's file: the plain text of each line and where its marked words are. */
export function readDevSet(language: string): Message[] {
  const lines = readFileSync(`${setDir}${language}.txt`, 'utf8').split('\n');
  const nativeLanguage = /^# native: (\w+)/.exec(lines[0] ?? '')?.[1] ?? 'en';
  const messages: Message[] = [];
  for (const line of lines) {
    if (!line.trim() || line.startsWith('#')) continue;
    let text = '';
    let last = 0;
    const annotations: Annotation[] = [];
    for (const match of line.matchAll(markup)) {
      text += line.slice(last, match.index);
      last = (match.index ?? 0) + match[0].length;
      const [kind, wrong, right] = match[1]
        ? (['nonword', match[1], match[2]] as const)
        : match[3]
          ? (['realword', match[3], match[4]] as const)
          : (['foreign', match[5], match[5]] as const);
      annotations.push({
        start: text.length,
        end: text.length + (wrong ?? '').length,
        kind,
        wrong: wrong ?? '',
        right: right ?? '',
      });
      text += wrong;
    }
    text += line.slice(last);
    messages.push({ language, nativeLanguage, text, annotations });
  }
  return messages;
}

const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

type Checker = ReturnType<typeof createSpellChecker>;

/** Every flag the checker raises on a message: misspellings and (once they exist) context corrections. */
async function flagsOf(checker: Checker, message: Message): Promise<Flag[]> {
  const withReview = checker as Checker & {
    review?: (
      language: string,
      text: string,
      options: { nativeLanguage: string; explanationLanguage: string },
    ) => Promise<{
      spelling: Array<{ word: string; offset: number; suggestions: string[] }>;
      corrections: Array<{ original: string; corrected: string; offset: number | null }>;
    }>;
  };
  if (!withReview.review) {
    const issues = await checker.check(message.language, message.text);
    return issues.map((issue) => ({ offset: issue.offset, word: issue.word, first: issue.suggestions[0] }));
  }
  const review = await withReview.review(message.language, message.text, {
    nativeLanguage: message.nativeLanguage,
    explanationLanguage: 'native',
  });
  return [
    ...review.spelling.map((issue) => ({
      offset: issue.offset,
      word: issue.word,
      first: issue.suggestions[0],
    })),
    ...review.corrections.map((correction) => ({
      offset: correction.offset ?? -1,
      word: correction.original,
      first: correction.corrected,
    })),
  ];
}

type Tally = {
  messages: number;
  words: number;
  flags: number;
  falseAlarms: number;
  nonwords: number;
  nonwordsFound: number;
  realwords: number;
  realwordsFound: number;
  realwordsRight: number;
  otherMisspellings: number;
  otherFirstRight: number;
  accentMisspellings: number;
  accentFirstRight: number;
  foreignFlagged: number;
  messagesAtEight: number;
  times: number[];
};

function emptyTally(): Tally {
  return {
    messages: 0,
    words: 0,
    flags: 0,
    falseAlarms: 0,
    nonwords: 0,
    nonwordsFound: 0,
    realwords: 0,
    realwordsFound: 0,
    realwordsRight: 0,
    otherMisspellings: 0,
    otherFirstRight: 0,
    accentMisspellings: 0,
    accentFirstRight: 0,
    foreignFlagged: 0,
    messagesAtEight: 0,
    times: [],
  };
}

function score(tally: Tally, message: Message, flags: Flag[], ms: number) {
  tally.messages++;
  tally.words += message.text.match(/\p{L}+/gu)?.length ?? 0;
  tally.times.push(ms);
  tally.flags += flags.length;
  if (flags.length >= 8) tally.messagesAtEight++;
  const errorAt = (flag: Flag) =>
    message.annotations.find((annotation) => flag.offset >= annotation.start && flag.offset < annotation.end);
  for (const flag of flags) {
    const annotation = errorAt(flag);
    if (!annotation || annotation.kind === 'foreign') tally.falseAlarms++;
    if (annotation?.kind === 'foreign') tally.foreignFlagged++;
  }
  for (const annotation of message.annotations) {
    if (annotation.kind === 'foreign') continue;
    const flag = flags.find((candidate) => errorAt(candidate) === annotation);
    const firstRight = flag?.first?.toLowerCase() === annotation.right.toLowerCase();
    if (annotation.kind === 'realword') {
      tally.realwords++;
      if (flag) tally.realwordsFound++;
      if (firstRight) tally.realwordsRight++;
      continue;
    }
    tally.nonwords++;
    if (flag) tally.nonwordsFound++;
    if (fold(annotation.wrong) === fold(annotation.right)) {
      tally.accentMisspellings++;
      if (firstRight) tally.accentFirstRight++;
    } else {
      tally.otherMisspellings++;
      if (firstRight) tally.otherFirstRight++;
    }
  }
}

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);

function rowOf(language: string, tally: Tally): BenchRow {
  const sorted = [...tally.times].sort((a, b) => a - b);
  return {
    benchmark: 'spelling-quality',
    language,
    messages: tally.messages,
    words: tally.words,
    flags: tally.flags,
    'false alarms %': share(tally.falseAlarms, tally.flags),
    'non-word recall %': share(tally.nonwordsFound, tally.nonwords),
    'real-word recall %': share(tally.realwordsFound, tally.realwords),
    'real-word right fix %': share(tally.realwordsRight, tally.realwords),
    'top sugg. (other) %': share(tally.otherFirstRight, tally.otherMisspellings),
    'top sugg. (accents) %': share(tally.accentFirstRight, tally.accentMisspellings),
    'foreign flagged': tally.foreignFlagged,
    'msgs ≥ 8 flags': tally.messagesAtEight,
    'p50 ms': sorted[Math.floor(sorted.length / 2)] ?? null,
    'max ms': sorted.at(-1) ?? null,
  };
}

export default async function spellingQuality(): Promise<BenchRow[]> {
  const checker = createSpellChecker({ timeoutMs: 60_000 });
  const languages = readdirSync(setDir)
    .filter((file) => file.endsWith('.txt'))
    .map((file) => file.replace(/\.txt$/, ''))
    .sort((a, b) => (a === 'es' ? -1 : b === 'es' ? 1 : a.localeCompare(b)));
  const rows: BenchRow[] = [];
  const all = emptyTally();
  try {
    for (const language of languages) {
      const messages = readDevSet(language);
      // Warm-up: load this language's dictionaries (and any the checks use beside them) first.
      await flagsOf(checker, messages[0] as Message);
      const tally = emptyTally();
      for (const message of messages) {
        const started = performance.now();
        const flags = await flagsOf(checker, message);
        const ms = performance.now() - started;
        score(tally, message, flags, ms);
        score(all, message, flags, ms);
      }
      rows.push(rowOf(language, tally));
    }
    rows.push(rowOf('all', all));
    // A long message: every Spanish line as one text, to show the time is bounded, not the count.
    const long = readDevSet('es');
    const text = long.map((message) => message.text).join(' ');
    const started = performance.now();
    const flags = await flagsOf(checker, { language: 'es', nativeLanguage: 'en', text, annotations: [] });
    rows.push({
      benchmark: 'spelling-quality',
      language: 'es (all lines as one message)',
      words: text.match(/\p{L}+/gu)?.length ?? 0,
      flags: flags.length,
      'max ms': performance.now() - started,
    });
  } finally {
    await checker.close();
  }
  return rows;
}
