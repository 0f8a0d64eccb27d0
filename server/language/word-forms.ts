import type { LanguageData } from './context-rules.ts';

/**
 * Word forms a dictionary does not list but a learner may rightly write (diminutives, loanwords),
 * and the slips a learner makes most often (accents, ñ, doubled letters, h, b/v, ll/y, c/z/s),
 * tried in order of likelihood before Hunspell's own suggestions.
 */

/** Accepts a word when the dictionary does. */
export type Lookup = (word: string) => boolean;

const accents: Record<string, Record<string, string[]>> = {
  es: { a: ['á'], e: ['é'], i: ['í'], o: ['ó'], u: ['ú', 'ü'], n: ['ñ'] },
  pt: { a: ['á', 'ã', 'â', 'à'], e: ['é', 'ê'], i: ['í'], o: ['ó', 'õ', 'ô'], u: ['ú'], c: ['ç'] },
  fr: { a: ['à', 'â'], e: ['é', 'è', 'ê', 'ë'], i: ['î', 'ï'], o: ['ô'], u: ['ù', 'û', 'ü'], c: ['ç'] },
  it: { a: ['à'], e: ['è', 'é'], i: ['ì'], o: ['ò'], u: ['ù'] },
  de: { a: ['ä'], o: ['ö'], u: ['ü'] },
  en: {},
};

/** Pairs of spellings of one sound, per language: each is tried both ways. */
const soundAlikes: Record<string, Array<[string, string]>> = {
  es: [
    ['b', 'v'],
    ['ll', 'y'],
    ['s', 'c'],
    ['s', 'z'],
    ['z', 'c'],
    ['j', 'g'],
    ['i', 'y'],
    ['x', 'xc'],
    ['gu', 'g'],
    ['k', 'c'],
    ['k', 'qu'],
    ['cu', 'qu'],
  ],
  pt: [
    ['b', 'v'],
    ['s', 'ç'],
    ['ss', 'ç'],
    ['s', 'z'],
    ['x', 'ch'],
    ['cu', 'qu'],
    ['lh', 'll'],
    ['nh', 'ñ'],
  ],
  fr: [
    ['f', 'ph'],
    ['s', 'c'],
    ['qu', 'c'],
    ['ai', 'è'],
    ['an', 'en'],
  ],
  it: [
    ['cu', 'qu'],
    ['z', 'zz'],
    ['gli', 'li'],
    ['ch', 'c'],
  ],
  de: [
    ['ss', 'ß'],
    ['ie', 'ei'],
    ['t', 'th'],
    ['f', 'v'],
    ['z', 'tz'],
    ['k', 'ck'],
  ],
  en: [
    ['ie', 'ei'],
    ['w', 'wh'],
    ['f', 'ph'],
    ['c', 's'],
    ['ou', 'o'],
  ],
};

const silentH = new Set(['es', 'fr', 'it', 'pt']);
const vowel = /[aeiouáéíóúàèìòùâêîôûãõäöüy]/;

function replaceAt(word: string, index: number, length: number, by: string): string {
  return word.slice(0, index) + by + word.slice(index + length);
}

/** One accent added, removed or moved (ñ, ç and umlauts included). */
function accentVariants(word: string, language: string): string[] {
  const out: string[] = [];
  const marks = accents[language] ?? {};
  for (let index = 0; index < word.length; index++) {
    const character = word[index] as string;
    for (const marked of marks[character] ?? []) out.push(replaceAt(word, index, 1, marked));
    const plain = character.normalize('NFD').replace(/\p{M}/gu, '');
    if (plain !== character && plain.length === 1) {
      out.push(replaceAt(word, index, 1, plain));
      for (const marked of marks[plain] ?? [])
        if (marked !== character) out.push(replaceAt(word, index, 1, marked));
    }
  }
  return out;
}

/** Single-slip variants of a lower-case word, most likely kind first (accents and ñ, then doubling, then sounds). */
export function slipVariants(word: string, language: string): string[] {
  const out = accentVariants(word, language);
  // Doubled letters: one too many, or one missing.
  for (let index = 1; index < word.length; index++) {
    if (word[index] === word[index - 1]) out.push(replaceAt(word, index, 1, ''));
  }
  for (let index = 0; index < word.length; index++) {
    const character = word[index] as string;
    if (/\p{L}/u.test(character) && !vowel.test(character) && word[index + 1] !== character)
      out.push(replaceAt(word, index, 0, character));
  }
  // A silent h dropped ("aora" → "ahora") or added.
  if (silentH.has(language)) {
    for (let index = 0; index < word.length; index++) {
      if (vowel.test(word[index] as string) && word[index - 1] !== 'h')
        out.push(replaceAt(word, index, 0, 'h'));
      if (word[index] === 'h' && word[index - 1] !== 'c') out.push(replaceAt(word, index, 1, ''));
    }
  }
  // A plural -s on a word that has none ("beaucoups" → "beaucoup").
  if (word.length > 3 && word.endsWith('s')) out.push(word.slice(0, -1));
  // b and v sound the same in Spanish: a learner swaps them all at once ("bibian" → "vivian").
  if ((language === 'es' || language === 'pt') && /[bv]/.test(word))
    out.push(word.replace(/[bv]/g, (letter) => (letter === 'b' ? 'v' : 'b')));
  // Letters of one sound.
  for (const [first, second] of soundAlikes[language] ?? []) {
    for (const [from, to] of [
      [first, second],
      [second, first],
    ] as const) {
      for (let index = word.indexOf(from); index !== -1; index = word.indexOf(from, index + 1))
        out.push(replaceAt(word, index, from.length, to));
    }
  }
  return [...new Set(out)].filter((variant) => variant !== word && variant.length > 0);
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * The words a learner most likely meant, best first: one slip away, else one slip plus an accent
 * ("jugeton" → "juguetón"). Case follows the learner's word, except that a capitalised word inside
 * a sentence that the dictionary knows in lower case is proposed in lower case ("Ingles" →
 * "inglés": Spanish writes languages in lower case).
 */
export function likelySlips(
  word: string,
  language: string,
  isWord: Lookup,
  sentenceStart: boolean,
): string[] {
  const lower = word.toLowerCase();
  const capitalised = word !== lower && /^\p{Lu}/u.test(word);
  const found: string[] = [];
  const take = (candidate: string) => {
    const proper = isWord(capitalise(candidate)) && !isWord(candidate);
    // A name is rarely one slip from a short common word ("Max" / "máx", "Ross" / "ros"): a
    // capitalised word only counts as a slip of a proper noun (México) or of a longer word.
    if (capitalised && !proper && candidate.length < (sentenceStart ? 4 : 5)) return;
    if (capitalised && (sentenceStart || proper) && isWord(capitalise(candidate)))
      found.push(capitalise(candidate));
    else if (isWord(candidate)) found.push(candidate);
  };
  const first = slipVariants(lower, language);
  for (const candidate of first) take(candidate);
  // Two slips only for words in lower case: a name is often two slips from some word.
  if (found.length === 0 && lower.length >= 4 && !capitalised) {
    for (const candidate of first) {
      for (const second of accentVariants(candidate, language)) take(second);
      if (found.length >= 3) break;
    }
  }
  return [...new Set(found)];
}

/**
 * Whether a word the dictionary rejects is a regular derived form of one it accepts: a diminutive
 * or augmentative ("abuelita" ← "abuela", "cochecito" ← "coche", "cafecito" ← "café", "chiquito" ←
 * "chico"), or a listed loanword and its plural. The base loses its written accent in the derived
 * form ("árbol" → "arbolito"), so one accent may be restored on the base, but never a ñ.
 */
export function isDerivedForm(word: string, data: LanguageData | null, isWord: Lookup): boolean {
  if (!data) return false;
  const lower = word.toLowerCase();
  for (const derivation of data.derivations) {
    if (!lower.endsWith(derivation.suffix) || lower.length - derivation.suffix.length < 2) continue;
    const stem = lower.slice(0, lower.length - derivation.suffix.length);
    const stems = new Set([stem]);
    for (const [derived, base] of data.stemChanges)
      if (stem.endsWith(derived)) stems.add(stem.slice(0, -derived.length) + base);
    for (const candidateStem of stems) {
      for (const ending of derivation.endings) {
        const base = candidateStem + ending;
        if (base.length < 4) continue;
        // "-ito" after a consonant base ("papelito"), but a base in -n takes "-cito" ("camioncito"):
        // without this, "pequenito" would pass as a diminutive of some rare word in -n.
        if (ending === '' && base.endsWith('n') && !derivation.suffix.startsWith('c')) continue;
        if (isWord(base)) return true;
        for (let index = 0; index < base.length; index++) {
          const accented = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú' }[base[index] as string];
          if (accented && isWord(replaceAt(base, index, 1, accented))) return true;
        }
      }
    }
  }
  return false;
}

/** The loanwords of a language with their plurals, in lower case. */
export function loanwordForms(data: LanguageData | null): Set<string> {
  const forms = new Set<string>();
  for (const word of data?.loanwords ?? []) {
    const lower = word.toLowerCase();
    forms.add(lower);
    forms.add(`${lower}s`);
  }
  return forms;
}
