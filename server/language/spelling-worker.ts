import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { type Hunspell, type HunspellFactory, loadModule } from 'hunspell-asm';
import { applyContextRules, languageData, type RuleHit } from './context-rules.ts';
import { wordsOf } from './spelling-words.ts';
import { isDerivedForm, likelySlips, loanwordForms } from './word-forms.ts';

/**
 * The spelling worker: Hunspell (WebAssembly) with the six dictionaries, loaded on first use per
 * language, plus the context rules of content/language-rules. Hunspell's suggestions take 20–190 ms
 * a word, so they run here, never on the request thread, and only within a time budget.
 */

export type SpellRequest = {
  id: number;
  language: string;
  text: string;
  /** A safety bound on issues for very long texts; ordinary messages never reach it. */
  maxIssues: number;
  /** Time Hunspell's own suggestions may take for one message; the learner's likely slips are always tried. */
  suggestionBudgetMs: number;
  /** Languages whose words are reported as foreign rather than misspelt (the native language, English). */
  otherLanguages: string[];
  explanationLanguage: string;
};
export type WorkerIssue = { word: string; offset: number; suggestions: string[] };
export type ForeignWord = { word: string; offset: number; language: string; suggestions: string[] };
export type SpellResult = { issues: WorkerIssue[]; foreign: ForeignWord[]; rules: RuleHit[] };
export type SpellResponse = ({ id: number } & SpellResult) | { id: number; error: string };

let factory: Promise<HunspellFactory> | undefined;
const checkers = new Map<string, Promise<Hunspell>>();

async function loadChecker(language: string): Promise<Hunspell> {
  factory ??= loadModule();
  const hunspell = await factory;
  // The dictionary packages export a top-level-await module; reading their files directly is simpler.
  const entry = import.meta.resolve(`dictionary-${language}`);
  const [aff, dic] = await Promise.all([
    readFile(new URL('index.aff', entry)),
    readFile(new URL('index.dic', entry)),
  ]);
  const affPath = hunspell.mountBuffer(aff, `${language}.aff`);
  const dicPath = hunspell.mountBuffer(dic, `${language}.dic`);
  const checker = hunspell.create(affPath, dicPath);
  // Place names the dictionary lacks, in their correct form: "Dubai" is then a near miss of "Dubái".
  for (const place of languageData(language)?.places ?? [])
    for (const part of place.split(' ')) checker.addWord(part);
  return checker;
}

function checkerFor(language: string): Promise<Hunspell> {
  let checker = checkers.get(language);
  if (!checker) {
    checker = loadChecker(language);
    checkers.set(language, checker);
  }
  return checker;
}

/** Whether Hunspell accepts the word, trying its parts when elisions or hyphens join several. */
function isCorrect(spell: (word: string) => boolean, word: string): boolean {
  const plain = word.replace(/’/g, "'");
  if (spell(plain)) return true;
  if (!/['-]/.test(plain)) return false;
  // "dell'anno", "l'homme", "chamo-me": each part on its own, the elided part with its apostrophe.
  const parts = plain.split(/(?<=')|-/).filter(Boolean);
  return parts.every((part) => spell(part) || (part.endsWith("'") && part.length <= 6));
}

const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Hunspell's suggestions for words the slips did not explain, cached: learners repeat their mistakes. */
const suggestionCache = new Map<string, string[]>();
function hunspellSuggestions(hunspell: Hunspell, language: string, word: string): string[] {
  const key = `${language}:${word}`;
  let found = suggestionCache.get(key);
  if (!found) {
    found = hunspell.suggest(word).filter((suggestion) => !suggestion.startsWith('-'));
    if (suggestionCache.size > 5000) suggestionCache.clear();
    suggestionCache.set(key, found);
  }
  return found;
}

type Pending = { word: string; offset: number; sentenceStart: boolean; slips: string[] };

async function check(request: SpellRequest): Promise<SpellResult> {
  const { language } = request;
  const hunspell = await checkerFor(language);
  const others = await Promise.all(
    request.otherLanguages.map(async (other) => ({ language: other, hunspell: await checkerFor(other) })),
  );
  const data = languageData(language);
  const loanwords = loanwordForms(data);
  const spell = (word: string) => hunspell.spell(word) || loanwords.has(word.toLowerCase());
  const isWord = (word: string) => spell(word) || isDerivedForm(word, data, spell);

  const rules = applyContextRules(data?.rules ?? [], request.text, request.explanationLanguage);
  const ruled = new Set(rules.map((hit) => hit.offset));
  const pending: Pending[] = [];
  const foreign: ForeignWord[] = [];

  for (const word of wordsOf(request.text)) {
    if (pending.length >= request.maxIssues) break;
    if (ruled.has(word.offset)) continue;
    const text = word.word.replace(/’/g, "'");
    // Acronyms and words with inner capitals (NASA, iPhone) are not judged.
    if (text.length > 1 && text === text.toUpperCase()) continue;
    if (/\p{Lu}/u.test(text.slice(1))) continue;
    if (isCorrect(isWord, text)) continue;
    const lower = text.toLowerCase();
    const capitalised = lower !== text;
    // German writes every noun with a capital: a capital says nothing about names there.
    if (capitalised && language !== 'de') {
      if (isCorrect(isWord, lower)) continue;
      // A capitalised word is a name unless it is one slip away from a word (or a listed place):
      // "Mexico" → "México" is corrected, "Charlie" and "Chaplin" are left alone.
      const slips = likelySlips(text, language, isWord, word.sentenceStart);
      if (slips.length > 0)
        pending.push({ word: word.word, offset: word.offset, sentenceStart: word.sentenceStart, slips });
      continue;
    }
    const slips = likelySlips(text, language, isWord, word.sentenceStart);
    // An accent or a doubled letter away from a word of the target language is a misspelling
    // ("cafe" → "café", "machina" → "macchina"), even when English knows it; otherwise a word another language of the learner knows is that
    // language ("the", "boring"), reported as such.
    const accentOrDouble = slips.some(
      (slip) =>
        folded(slip) === folded(text) ||
        folded(slip).replace(/(\p{L})\1/gu, '$1') === folded(text).replace(/(\p{L})\1/gu, '$1'),
    );
    const known = accentOrDouble ? undefined : others.find((other) => other.hunspell.spell(lower));
    if (known) {
      foreign.push({
        word: word.word,
        offset: word.offset,
        language: known.language,
        suggestions: slips.slice(0, 5),
      });
      continue;
    }
    pending.push({ word: word.word, offset: word.offset, sentenceStart: word.sentenceStart, slips });
  }

  // Hunspell's own suggestions cost 20–190 ms a word: the time is bounded, not the number of flags.
  // Words the likely slips explain need none; the others get them while the budget lasts.
  const started = performance.now();
  const withSuggestions = (item: Pending) => {
    let suggestions = item.slips;
    if (suggestions.length === 0 && performance.now() - started < request.suggestionBudgetMs) {
      const text = item.word.replace(/’/g, "'");
      const fromHunspell = hunspellSuggestions(hunspell, language, text);
      const lower = text.toLowerCase();
      if (
        lower !== text &&
        fromHunspell.length === 0 &&
        performance.now() - started < request.suggestionBudgetMs
      )
        fromHunspell.push(
          ...hunspellSuggestions(hunspell, language, lower).map(
            (suggestion) => suggestion.charAt(0).toUpperCase() + suggestion.slice(1),
          ),
        );
      // Same letters first (accents or case only), then Hunspell's order.
      const key = folded(text);
      const sameLetters = fromHunspell.filter((suggestion) => folded(suggestion) === key);
      suggestions = [...new Set([...suggestions, ...sameLetters, ...fromHunspell])];
    }
    return suggestions.slice(0, 5);
  };
  const issues: WorkerIssue[] = pending.map((item) => ({
    word: item.word,
    offset: item.offset,
    suggestions: withSuggestions(item),
  }));
  // A foreign word still gets the target language's words for it, when the budget allows.
  for (const word of foreign)
    if (word.suggestions.length === 0)
      word.suggestions = withSuggestions({ ...word, sentenceStart: false, slips: [] });
  return { issues, foreign, rules };
}

parentPort?.on('message', (request: SpellRequest) => {
  check(request).then(
    (result) => parentPort?.postMessage({ id: request.id, ...result } satisfies SpellResponse),
    (error: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});
