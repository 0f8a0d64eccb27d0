import { z } from 'zod';
import { freeText } from './free-text.ts';
import { cefrLevelSchema, languageCodeSchema } from './languages.ts';

export const grammarLanguageParamsSchema = z.strictObject({ language: languageCodeSchema });

// ---------------------------------------------------------------------------------------------------
// Topics

export const topicDrillSchema = z.union([
  z.object({ type: z.literal('conjugation'), verbs: z.array(z.string()), tenses: z.array(z.string()) }),
  z.object({ type: z.literal('articles') }),
]);

export const grammarTopicSchema = z.object({
  id: z.string(),
  level: cefrLevelSchema,
  title: z.string(),
  summary: z.string(),
  example: z.string(),
  /** An offline drill that practises the topic, when one exists. */
  drill: topicDrillSchema.optional(),
});
export type GrammarTopic = z.infer<typeof grammarTopicSchema>;

export const topicListSchema = z.object({ language: z.string(), topics: z.array(grammarTopicSchema) });

export const topicsQuerySchema = z.strictObject({ language: languageCodeSchema });

// ---------------------------------------------------------------------------------------------------
// Conjugation drills

export const conjugationCatalogueSchema = z.object({
  language: z.string(),
  persons: z.array(z.string()),
  tenses: z.array(
    z.object({
      id: z.string(),
      /** The tense's name in the language being learned ("Pretérito indefinido"). */
      name: z.string(),
      /** What it is, in English ("simple past"). */
      english: z.string(),
      /** What it is, in the reader's interface language ("einfache Vergangenheit"). */
      gloss: z.string(),
      level: cefrLevelSchema,
    }),
  ),
  verbs: z.array(
    z.object({
      infinitive: z.string(),
      english: z.string(),
      irregular: z.boolean(),
      tenses: z.array(z.string()),
    }),
  ),
});

const name = freeText({ max: 60, min: 1 });
const nameList = z.array(name).max(100);

export const conjugationDrillRequestSchema = z.strictObject({
  /** Infinitives to practise; all of the language's drill verbs when omitted. */
  verbs: nameList.optional(),
  /** Tense ids from the catalogue; all when omitted. */
  tenses: nameList.optional(),
  /** 0–5: I, you, he/she, we, you (plural), they; all when omitted. */
  persons: z.array(z.number().int().min(0).max(5)).max(6).optional(),
  count: z.number().int().min(1).max(50).default(10),
  /** Same seed, same questions (for sharing a drill or testing). */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
});

export const conjugationQuestionSchema = z.object({
  verb: z.string(),
  english: z.string(),
  tense: z.string(),
  tenseName: z.string(),
  person: z.number().int(),
  personLabel: z.string(),
});

export const conjugationDrillSchema = z.object({
  language: z.string(),
  questions: z.array(conjugationQuestionSchema),
});

export const conjugationCheckSchema = z.strictObject({
  verb: name,
  tense: name,
  person: z.number().int().min(0).max(5),
  answer: freeText({ max: 200, trim: false }),
  /** Accents must match exactly (otherwise a missing accent counts, with a note). */
  strict: z.boolean().default(false),
  durationMs: z.number().int().min(0).max(3_600_000).optional(),
});

export const answerResultSchema = z.object({
  correct: z.boolean(),
  /** Right but for accents (counted as right only when not strict). */
  accentsDiffer: z.boolean(),
  expected: z.string(),
  accepted: z.array(z.string()),
});

// ---------------------------------------------------------------------------------------------------
// German articles

export const articleDrillQuerySchema = z.strictObject({
  count: z.coerce.number().int().min(1).max(50).default(10),
  level: cefrLevelSchema.optional(),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
});

export const articleQuestionSchema = z.object({ noun: z.string(), english: z.string(), level: z.string() });
export const articleDrillSchema = z.object({ questions: z.array(articleQuestionSchema) });

export const articleCheckSchema = z.strictObject({
  noun: name,
  answer: z.enum(['der', 'die', 'das']),
  durationMs: z.number().int().min(0).max(3_600_000).optional(),
});

export const articleResultSchema = z.object({
  correct: z.boolean(),
  article: z.enum(['der', 'die', 'das']),
  gender: z.enum(['masculine', 'feminine', 'neuter']),
  noun: z.string(),
});

// ---------------------------------------------------------------------------------------------------
// Generated exercises

export const exerciseKindSchema = z.enum(['fill-gap', 'transform', 'spot-error']);
export type ExerciseKind = z.infer<typeof exerciseKindSchema>;

export const exerciseRequestSchema = z.strictObject({
  language: languageCodeSchema,
  /** Mixed kinds when omitted. */
  kind: exerciseKindSchema.optional(),
  level: cefrLevelSchema.optional(),
  topicId: name.optional(),
  /** The learner's recurring error categories (e.g. "verb tense", "gender"): exercises target them. */
  errorCategories: z.array(name).max(5).optional(),
  /** Aim at the learner's own top error categories from their conversations (last 30 days). */
  fromMistakes: z.boolean().optional(),
  count: z.number().int().min(1).max(10).default(5),
});
export type ExerciseRequest = z.input<typeof exerciseRequestSchema>;

/** An exercise as the learner sees it: no answer until they have tried. */
export const exerciseSchema = z.object({
  id: z.string(),
  kind: exerciseKindSchema,
  language: z.string(),
  level: z.string(),
  instruction: z.string(),
  prompt: z.string(),
  errorCategory: z.string().nullable(),
});

export const exerciseBatchSchema = z.object({
  exercises: z.array(exerciseSchema),
  /** Exercises the model produced that failed validation and are not shown. */
  discarded: z.number().int(),
});

export const exerciseAnswerSchema = z.strictObject({
  answer: freeText({ max: 1000, trim: false }),
  strict: z.boolean().default(false),
  durationMs: z.number().int().min(0).max(3_600_000).optional(),
});

export const exerciseResultSchema = answerResultSchema.extend({ explanation: z.string() });

// ---------------------------------------------------------------------------------------------------
// Practice summary

export const grammarStatsQuerySchema = z.strictObject({ language: languageCodeSchema.optional() });

export const grammarStatsSchema = z.object({
  today: z.object({ answered: z.number().int(), correct: z.number().int() }),
  total: z.object({ answered: z.number().int(), correct: z.number().int() }),
  byKind: z.array(z.object({ kind: z.string(), answered: z.number().int(), correct: z.number().int() })),
});
