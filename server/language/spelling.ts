import { Worker } from 'node:worker_threads';
import type { Correction, SpellingIssue } from '../../contracts/tutor.ts';
import type { StoredLanguageNotice } from '../tutor/feedback-notes.ts';
import type { RuleHit } from './context-rules.ts';
import { minDetectableLength } from './detect-language.ts';
import { checkWithLanguageTool, type LanguageToolCorrection } from './languagetool.ts';
import type { ForeignWord, SpellRequest, SpellResponse, SpellResult } from './spelling-worker.ts';

/** Languages with a bundled Hunspell dictionary. */
export const spellingLanguages = ['es', 'fr', 'de', 'it', 'pt', 'en'] as const;

/** An offline correction: a context rule's or LanguageTool's, with the rule that made it. */
export type OfflineCorrection = Correction & { rule: string; checker: 'charla' | 'languagetool' };

/** Everything the offline checks found in one learner message. */
export type OfflineReview = {
  /** Misspelt words with their likely corrections first. */
  spelling: SpellingIssue[];
  /** Real words used for others (context rules) and LanguageTool's matches, most severe first. */
  corrections: OfflineCorrection[];
  /** Words of the learner's native language (or English) that the target language lacks. */
  foreignWords: ForeignWord[];
};

export type ReviewOptions = {
  nativeLanguage?: string | null | undefined;
  /** The language explanations are written in (a rule without it explains itself in English). */
  explanationLanguage: string;
};

export type SpellChecker = {
  /** Words that are not words of `language` (misspellings and other languages' words), with suggestions. */
  check(language: string, text: string): Promise<SpellingIssue[]>;
  /** The full offline review of a learner's message: spelling, context rules, other languages, LanguageTool. */
  review(language: string, text: string, options: ReviewOptions): Promise<OfflineReview>;
  /** Loads the dictionaries now, in the background (optional: they load on first use anyway). */
  warm(languages?: readonly string[]): void;
  close(): Promise<void>;
};

export type SpellCheckerOptions = {
  /** A safety bound for very long texts; a message of ordinary length never reaches it. */
  maxIssues?: number;
  /** After this long a check yields nothing rather than holding the feedback back. */
  timeoutMs?: number;
  /** How long Hunspell's own suggestions may take per message (the learner's likely slips are always tried). */
  suggestionBudgetMs?: number;
  /** A self-hosted LanguageTool server whose matches are merged in. */
  languageTool?: { url: string; timeoutMs: number } | undefined;
  log?: { warn(object: unknown, message: string): void };
};

const severityRank = { major: 0, moderate: 1, minor: 2 } as const;
const empty: SpellResult = { issues: [], foreign: [], rules: [] };

function overlaps(a: { offset: number; length: number }, b: { offset: number; length: number }) {
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}

/**
 * Merges the worker's findings with LanguageTool's: one flag per span (Charla's own wins, it has
 * the learner-aware suggestions), LanguageTool's misspellings of capitalised words left out (names),
 * and the corrections ordered most severe first.
 */
export function mergeOfflineFindings(
  found: SpellResult,
  languageTool: LanguageToolCorrection[],
): OfflineReview {
  const spans = [
    ...found.issues.map((issue) => ({ offset: issue.offset, length: issue.word.length })),
    ...found.rules.map((hit) => ({ offset: hit.offset, length: hit.original.length })),
    ...found.foreign.map((word) => ({ offset: word.offset, length: word.word.length })),
  ];
  const own: OfflineCorrection[] = found.rules.map((hit: RuleHit) => ({
    original: hit.original,
    corrected: hit.corrected,
    category: hit.category,
    explanation: hit.explanation,
    severity: hit.severity,
    source: 'spelling',
    offset: hit.offset,
    rule: hit.rule,
    checker: 'charla',
    // Filled by the analysis (front, translation) and the merge (the corrected sentence).
    cardFront: null,
    translation: null,
    example: null,
  }));
  const theirs: OfflineCorrection[] = [];
  for (const match of languageTool) {
    const span = { offset: match.offset, length: match.original.length };
    if (spans.some((other) => overlaps(other, span))) continue;
    if (match.misspelling && /^\p{Lu}/u.test(match.original)) continue;
    spans.push(span);
    theirs.push({
      original: match.original,
      corrected: match.corrected,
      category: match.category,
      explanation: match.explanation,
      severity: match.severity,
      source: 'spelling',
      offset: match.offset,
      rule: match.rule,
      checker: 'languagetool',
      cardFront: null,
      translation: null,
      example: null,
    });
  }
  const corrections = [...own, ...theirs].sort(
    (a, b) => severityRank[a.severity] - severityRank[b.severity] || (a.offset ?? 0) - (b.offset ?? 0),
  );
  return { spelling: found.issues, corrections, foreignWords: found.foreign };
}

/**
 * The language-switch notice for words of another language inside a target-language message
 * ("“the”, “boring”: words in English"), or null when there are none or the turn is too short to judge.
 * Stored as codes and worded when read, in the reader's language (tutor/feedback-notes.ts).
 */
export function foreignWordsNotice(
  foreignWords: ForeignWord[],
  target: string,
  text: string,
): StoredLanguageNotice | null {
  // Like detection, a short turn ("OK, thank you") is never judged: the notice would nag.
  if (foreignWords.length === 0 || text.replace(/[^\p{L}]/gu, '').length < minDetectableLength) return null;
  const counts = new Map<string, number>();
  for (const word of foreignWords) counts.set(word.language, (counts.get(word.language) ?? 0) + 1);
  const detected = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
  const words = [
    ...new Set(foreignWords.filter((word) => word.language === detected).map((word) => word.word)),
  ];
  return { kind: 'words', detected, target, words };
}

/**
 * Offline checks in one worker thread, started on first use so the server's start is not
 * delayed: Hunspell spelling with learner-aware suggestions, names told from misspellings word by
 * word, other languages' words, the context rules of content/language-rules, and (when an owner
 * runs one) LanguageTool. A check that takes longer than `timeoutMs` yields nothing rather than
 * holding the feedback back; a crashed worker is replaced on the next check.
 */
export function createSpellChecker(options: SpellCheckerOptions = {}): SpellChecker {
  const maxIssues = options.maxIssues ?? 200;
  const timeoutMs = options.timeoutMs ?? 5000;
  const suggestionBudgetMs = options.suggestionBudgetMs ?? 250;
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve(result: SpellResult): void; reject(error: Error): void }>();

  function failAll(error: Error) {
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  }

  function ensureWorker(): Worker {
    if (worker) return worker;
    const started = new Worker(new URL('./spelling-worker.ts', import.meta.url));
    // Never keep the process alive just for spelling.
    started.unref();
    started.on('message', (response: SpellResponse) => {
      const request = pending.get(response.id);
      if (!request) return;
      pending.delete(response.id);
      if ('error' in response) request.reject(new Error(response.error));
      else request.resolve({ issues: response.issues, foreign: response.foreign, rules: response.rules });
    });
    started.on('error', (error) => {
      worker = undefined;
      failAll(error);
    });
    started.on('exit', () => {
      if (worker === started) worker = undefined;
      failAll(new Error('the spelling worker stopped'));
    });
    worker = started;
    return started;
  }

  function send(
    language: string,
    text: string,
    otherLanguages: string[],
    explanationLanguage: string,
  ): Promise<SpellResult> {
    const id = nextId++;
    return new Promise<SpellResult>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      const request: SpellRequest = {
        id,
        language,
        text,
        maxIssues,
        suggestionBudgetMs,
        otherLanguages,
        explanationLanguage,
      };
      ensureWorker().postMessage(request);
    });
  }

  async function withTimeout<T>(work: Promise<T>, fallback: T): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(fallback), timeoutMs);
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  const supported = (language: string) => (spellingLanguages as readonly string[]).includes(language);
  const othersFor = (language: string, native: string | null | undefined) =>
    [...new Set([native, 'en'])].filter(
      (other): other is string => typeof other === 'string' && other !== language && supported(other),
    );

  return {
    async check(language, text) {
      if (!supported(language) || !text.trim()) return [];
      const found = await withTimeout(send(language, text, othersFor(language, undefined), 'en'), empty);
      // A word of another language is not a word of this one either: the plain check lists it.
      return [
        ...found.issues,
        ...found.foreign.map(({ word, offset, suggestions }) => ({ word, offset, suggestions })),
      ].sort((a, b) => a.offset - b.offset);
    },
    async review(language, text, reviewOptions) {
      if (!supported(language) || !text.trim()) return { spelling: [], corrections: [], foreignWords: [] };
      const [found, languageTool] = await Promise.all([
        withTimeout(
          send(
            language,
            text,
            othersFor(language, reviewOptions.nativeLanguage),
            reviewOptions.explanationLanguage,
          ),
          empty,
        ),
        options.languageTool
          ? checkWithLanguageTool(
              { ...options.languageTool, ...(options.log ? { log: options.log } : {}) },
              { language, text, nativeLanguage: reviewOptions.nativeLanguage },
            )
          : Promise.resolve([]),
      ]);
      return mergeOfflineFindings(found, languageTool);
    },
    warm(languages = spellingLanguages) {
      for (const language of languages) send(language, 'a', [], 'en').catch(() => {});
    },
    async close() {
      const current = worker;
      worker = undefined;
      failAll(new Error('the spelling checker was closed'));
      await current?.terminate();
    },
  };
}

/**
 * The model's corrections with the offline ones added where the model said nothing about those
 * words: one correction per span, the model's first (it sees the whole sentence).
 */
export function mergeWithModelCorrections<T extends Correction>(
  model: T[],
  offline: OfflineCorrection[],
): Array<T | OfflineCorrection> {
  const covered = (correction: OfflineCorrection) =>
    model.some((other) =>
      other.offset !== null && correction.offset !== null
        ? overlaps(
            { offset: other.offset, length: other.original.length },
            { offset: correction.offset, length: correction.original.length },
          )
        : other.original.toLowerCase().includes(correction.original.toLowerCase()),
    );
  return [...model, ...offline.filter((correction) => !covered(correction))];
}
