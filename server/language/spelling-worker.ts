import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { type Hunspell, type HunspellFactory, loadModule } from 'hunspell-asm';
import { isLikelyName, learnerVariants, wordsOf } from './spelling-words.ts';

/**
 * The spelling worker: Hunspell (WebAssembly) with the six dictionaries, loaded on first use per
 * language. Suggestions take 20–190 ms a word, so they run here, never on the request thread.
 */

export type SpellRequest = { id: number; language: string; text: string; maxIssues: number };
export type SpellResponse =
  | { id: number; issues: Array<{ word: string; offset: number; suggestions: string[] }> }
  | { id: number; error: string };

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
  return hunspell.create(affPath, dicPath);
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
function isCorrect(hunspell: Hunspell, word: string): boolean {
  const plain = word.replace(/’/g, "'");
  if (hunspell.spell(plain)) return true;
  if (!/['-]/.test(plain)) return false;
  // "dell'anno", "l'homme", "chamo-me": each part on its own, the elided part with its apostrophe.
  const parts = plain.split(/(?<=')|-/).filter(Boolean);
  return parts.every((part) => hunspell.spell(part) || (part.endsWith("'") && part.length <= 6));
}

const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Hunspell's suggestions, improved for learners: likely learner slips (see `learnerVariants`) that
 * are real words come first, a capitalised word also gets the suggestions for its lower-case form
 * (Hunspell misses "Voce" → "Você"), and a suggestion that differs only by accents or case is
 * moved to the front.
 */
function suggestionsFor(hunspell: Hunspell, word: string, language: string): string[] {
  const likely = learnerVariants(word, language).filter((variant) => hunspell.spell(variant));
  const found = [...likely, ...hunspell.suggest(word)];
  const lower = word.toLowerCase();
  if (lower !== word && /^\p{Lu}/u.test(word)) {
    for (const suggestion of hunspell.suggest(lower))
      found.push(suggestion.charAt(0).toUpperCase() + suggestion.slice(1));
  }
  const unique = [...new Set(found)].filter((suggestion) => !suggestion.startsWith('-'));
  const key = folded(word);
  const sameLetters = unique.filter((suggestion) => folded(suggestion) === key);
  const first = [...sameLetters, ...likely.filter((suggestion) => !sameLetters.includes(suggestion))];
  return [...first, ...unique.filter((suggestion) => !first.includes(suggestion))].slice(0, 5);
}

async function check(request: SpellRequest): Promise<SpellResponse> {
  const hunspell = await checkerFor(request.language);
  const issues: Array<{ word: string; offset: number; suggestions: string[] }> = [];
  for (const word of wordsOf(request.text)) {
    if (issues.length >= request.maxIssues) break;
    if (isLikelyName(word, request.language)) continue;
    if (isCorrect(hunspell, word.word)) continue;
    const suggestions = suggestionsFor(hunspell, word.word.replace(/’/g, "'"), request.language);
    issues.push({ word: word.word, offset: word.offset, suggestions });
  }
  return { id: request.id, issues };
}

parentPort?.on('message', (request: SpellRequest) => {
  check(request).then(
    (response) => parentPort?.postMessage(response),
    (error: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});
