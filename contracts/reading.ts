import { z } from 'zod';
import { freeText } from './free-text.ts';
import { cefrLevelSchema, languageCodeSchema } from './languages.ts';
import { correctionCategorySchema, severitySchema } from './tutor.ts';

/** The reading room: texts, the reading view, glossary, rewrites and questions (decision 020). */

/** Characters of plain text a text may hold (about 30,000 words). */
export const readingTextMaxCharacters = 200_000;

export const readingSourceSchema = z.enum(['paste', 'file', 'url']);
export type ReadingSource = z.infer<typeof readingSourceSchema>;

export const textIdParamsSchema = z.strictObject({ id: z.uuid('must be a text id') });

export const readingTextSummarySchema = z.object({
  id: z.uuid(),
  language: z.string(),
  title: z.string(),
  source: readingSourceSchema,
  sourceUrl: z.string().nullable(),
  sourceName: z.string().nullable(),
  wordCount: z.number().int(),
  shared: z.boolean(),
  /** False for a text an admin shared with this learner: it can be read, not changed. */
  own: z.boolean(),
  createdAt: z.string(),
});
export type ReadingTextSummary = z.infer<typeof readingTextSummarySchema>;

export const readingTextSchema = readingTextSummarySchema.extend({ body: z.string() });
export type ReadingText = z.infer<typeof readingTextSchema>;

export const readingTextListSchema = z.object({ texts: z.array(readingTextSummarySchema) });
export const readingTextListQuerySchema = z.strictObject({ language: languageCodeSchema.optional() });

const titleField = freeText({ max: 200 }).optional();

export const pasteTextSchema = z.strictObject({
  language: languageCodeSchema,
  title: titleField,
  text: freeText({ max: readingTextMaxCharacters, min: 1, multiline: true }),
});

export const urlTextSchema = z.strictObject({
  language: languageCodeSchema,
  title: titleField,
  url: freeText({ max: 2000, min: 1 }),
});

export const fileTextQuerySchema = z.strictObject({
  language: languageCodeSchema,
  fileName: freeText({ max: 255, min: 1 }),
  title: titleField,
});

export const shareTextSchema = z.strictObject({ shared: z.boolean() });

export const readingTextResponseSchema = z.object({ text: readingTextSchema });

// ---------------------------------------------------------------------------------------------------
// The reading view

export const wordStatusSchema = z.enum(['known', 'learning', 'new']);
export type WordStatus = z.infer<typeof wordStatusSchema>;

/**
 * A sentence as pieces that join back into its text: even positions (0, 2, …) hold what stands
 * between words (possibly empty), odd positions hold words. A word's key into `words` is
 * `wordKey(piece)` (`contracts/reading-words.ts`). Compact on purpose: a 5,000-word text is
 * ~10,000 pieces.
 */
export const readingSentenceSchema = z.array(z.string());

export const readingWordSchema = z.object({
  status: wordStatusSchema,
  /** The lemma the language data gives for this form (or the one a card matched through), when it differs. */
  lemma: z.string().optional(),
  /** The learner's card that matched (the most stable one), if any. */
  cardId: z.string().optional(),
  /** Running words of the text with this form. */
  count: z.number().int(),
});
export type ReadingWord = z.infer<typeof readingWordSchema>;

export const coverageSchema = z.object({
  /** Running words (tokens) of the text. */
  words: z.number().int(),
  known: z.number().int(),
  learning: z.number().int(),
  new: z.number().int(),
  /** known / words, 0–1: readers need about 0.95–0.98 for comfortable reading. */
  knownShare: z.number(),
  newShare: z.number(),
});
export type Coverage = z.infer<typeof coverageSchema>;

export const readingViewSchema = z.object({
  text: readingTextSummarySchema,
  sentences: z.array(readingSentenceSchema),
  words: z.record(z.string(), readingWordSchema),
  coverage: coverageSchema,
  /** The known share readers need for comfortable reading (Nation): below `comfortable`, it is hard. */
  thresholds: z.object({ comfortable: z.number(), adequate: z.number() }),
});
export type ReadingView = z.infer<typeof readingViewSchema>;

export const knownWordSchema = z.strictObject({
  language: languageCodeSchema,
  word: freeText({ max: 100, min: 1 }),
  known: z.boolean(),
});
export const knownWordResultSchema = z.object({ language: z.string(), word: z.string(), known: z.boolean() });

// ---------------------------------------------------------------------------------------------------
// Glossary, rewrite, questions

export const glossaryEntrySchema = z.object({
  word: z.string(),
  lemma: z.string(),
  meaning: z.string(),
  example: z.string(),
});
export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;

export const glossarySchema = z.object({ entries: z.array(glossaryEntrySchema), cached: z.boolean() });
export type Glossary = z.infer<typeof glossarySchema>;

/** The body of a call that takes no options (glossary, questions, conversation): `{}`. */
export const emptyBodySchema = z.strictObject({});

export const rewriteRequestSchema = z.strictObject({ level: cefrLevelSchema.optional() });
export const rewriteSchema = z.object({
  level: cefrLevelSchema,
  text: z.string(),
  cached: z.boolean(),
  original: coverageSchema,
  rewritten: coverageSchema,
});
export type Rewrite = z.infer<typeof rewriteSchema>;

export const readingQuestionSchema = z.object({
  index: z.number().int(),
  kind: z.enum(['choice', 'open']),
  question: z.string(),
  /** The options of a multiple-choice question (the right one stays on the server). */
  options: z.array(z.string()),
});
export type ReadingQuestion = z.infer<typeof readingQuestionSchema>;

export const readingQuestionsSchema = z.object({
  level: cefrLevelSchema,
  questions: z.array(readingQuestionSchema),
  cached: z.boolean(),
});

export const questionAnswerSchema = z.strictObject({
  /** The question's index in the text's questions. */
  question: z.number().int().min(0).max(19),
  answer: freeText({ max: 2000, min: 1, multiline: true }),
});
export const questionResultSchema = z.object({
  correct: z.boolean(),
  /** The right option or a model answer. */
  expected: z.string(),
  /** For an open answer: the feedback role's comment and corrections of the learner's language. */
  comment: z.string().nullable(),
  corrections: z.array(
    z.object({
      original: z.string(),
      corrected: z.string(),
      category: correctionCategorySchema,
      explanation: z.string(),
      severity: severitySchema,
    }),
  ),
});
export type QuestionResult = z.infer<typeof questionResultSchema>;

export const talkAboutTextResultSchema = z.object({ conversationId: z.uuid() });
