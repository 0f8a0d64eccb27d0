import type { Kysely } from 'kysely';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import tenseGlosses from '../../contracts/messages/tense-glosses/en.ts';
import type { Database } from '../db/schema.ts';
import { AppError, notFound, validationFailed } from '../errors.ts';
import { invalidBody } from '../i18n/field-issues.ts';
import { msg, translate } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { checkAnswer } from './answer-check.ts';
import { pick, randomSeed, seededRandom } from './random.ts';
import { recordResult } from './results.ts';
import {
  type ConjugationLanguage,
  conjugate,
  isConjugationLanguage,
  loadVerbFile,
  type VerbFile,
} from './verb-data.ts';

function requireConjugationLanguage(language: string): ConjugationLanguage {
  if (isConjugationLanguage(language)) return language;
  if (language === 'pt') {
    throw new AppError('not_found', msg('errors.grammar.noPortugueseDrills'));
  }
  throw notFound('drills');
}

function verbTenses(file: VerbFile, verb: VerbFile['verbs'][number]) {
  return file.tenses.filter((tense) => !verb.exclude?.includes(tense.id));
}

/** A tense's English gloss in the verb files → its key in the `tense-glosses` catalogue. */
const glossKeys = new Map<string, keyof typeof tenseGlosses>(
  Object.entries(tenseGlosses).map(([key, english]) => [english, key as keyof typeof tenseGlosses]),
);

/** What a tense is, in the reader's interface language (English when the catalogue lacks the gloss). */
export function tenseGloss(english: string, reader: InterfaceLanguage): string {
  const key = glossKeys.get(english);
  return key ? translate(reader, `tense-glosses.${key}`) : english;
}

/** The verbs, tenses and persons a learner can pick from for one language. */
export async function conjugationCatalogue(language: string, reader: InterfaceLanguage = 'en') {
  const file = await loadVerbFile(requireConjugationLanguage(language));
  return {
    language: file.language,
    persons: file.persons,
    tenses: file.tenses.map(({ id, name, english, level }) => ({
      id,
      name,
      english,
      gloss: tenseGloss(english, reader),
      level,
    })),
    verbs: file.verbs.map((verb) => ({
      infinitive: verb.infinitive,
      english: verb.english,
      irregular: verb.irregular,
      tenses: verbTenses(file, verb).map((tense) => tense.id),
    })),
  };
}

/**
 * Questions for a conjugation drill: random verb, tense and person from the learner's selection.
 * The answers stay on the server; each answer is checked (and recorded) one at a time.
 */
export async function createConjugationDrill(
  language: string,
  input: {
    verbs?: string[] | undefined;
    tenses?: string[] | undefined;
    persons?: number[] | undefined;
    count: number;
    seed?: number | undefined;
  },
) {
  const file = await loadVerbFile(requireConjugationLanguage(language));
  const unknownVerbs = (input.verbs ?? []).filter(
    (name) => !file.verbs.some((verb) => verb.infinitive === name),
  );
  const unknownTenses = (input.tenses ?? []).filter((id) => !file.tenses.some((tense) => tense.id === id));
  const issues = [
    ...unknownVerbs.map((name) => ({ path: 'verbs', message: msg('validation.notADrillVerb', { name }) })),
    ...unknownTenses.map((id) => ({
      path: 'tenses',
      message: msg('validation.notATense', {
        id,
        tenses: file.tenses.map((tense) => tense.id).join(', '),
      }),
    })),
  ];
  if (issues.length > 0) throw invalidBody(issues);
  const verbs = input.verbs?.length
    ? file.verbs.filter((verb) => input.verbs!.includes(verb.infinitive))
    : file.verbs;
  const wantedTenses = input.tenses?.length ? new Set(input.tenses) : undefined;
  const persons = input.persons?.length ? [...new Set(input.persons)] : [0, 1, 2, 3, 4, 5];
  const pairs = verbs.flatMap((verb) =>
    verbTenses(file, verb)
      .filter((tense) => !wantedTenses || wantedTenses.has(tense.id))
      .map((tense) => ({ verb, tense })),
  );
  if (pairs.length === 0) {
    throw validationFailed(msg('errors.grammar.noVerbInTenses'), {
      issues: [{ path: 'tenses', message: msg('validation.noVerbInTenses') }],
    });
  }
  const random = seededRandom(input.seed ?? randomSeed());
  const questions = Array.from({ length: input.count }, () => {
    const { verb, tense } = pick(pairs, random);
    const person = pick(persons, random);
    return {
      verb: verb.infinitive,
      english: verb.english,
      tense: tense.id,
      tenseName: tense.name,
      person,
      personLabel: file.persons[person]!,
    };
  });
  return { language: file.language, questions };
}

/** Checks one typed form against every accepted answer and records the result as practice. */
export async function checkConjugation(
  deps: { db: Kysely<Database>; clock: Clock },
  userId: string,
  language: string,
  input: {
    verb: string;
    tense: string;
    person: number;
    answer: string;
    strict: boolean;
    durationMs?: number | undefined;
  },
) {
  const code = requireConjugationLanguage(language);
  const file = await loadVerbFile(code);
  const verb = file.verbs.find((entry) => entry.infinitive === input.verb);
  const tense = file.tenses.find((entry) => entry.id === input.tense);
  if (!verb || !tense || verb.exclude?.includes(tense.id)) {
    throw validationFailed(msg('errors.grammar.notInDrills', { verb: input.verb, tense: input.tense }), {
      issues: [{ path: verb ? 'tense' : 'verb', message: msg('validation.notInDrills') }],
    });
  }
  const accepted = await conjugate(code, verb, tense, input.person);
  const result = checkAnswer(input.answer, accepted, { strict: input.strict });
  await recordResult(deps.db, deps.clock, {
    userId,
    language: code,
    kind: 'conjugation',
    item: `${verb.infinitive}:${tense.id}:${input.person}`,
    answer: input.answer,
    expected: accepted[0]!,
    correct: result.correct,
    durationMs: input.durationMs,
  });
  return { ...result, expected: accepted[0]!, accepted };
}
