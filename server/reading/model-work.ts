import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CefrLevel } from '../../contracts/languages.ts';
import type { Coverage, GlossaryEntry, QuestionResult, ReadingQuestion } from '../../contracts/reading.ts';
import { correctionCategorySchema, severitySchema } from '../../contracts/tutor.ts';
import type { DatabaseKind } from '../db/connect.ts';
import type { Database, ReadingTextsTable } from '../db/schema.ts';
import { AppError, noProvider, validationFailed } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { ModelError, ModelOutputError } from '../llm/errors.ts';
import type { GenerateStructured, ModelRole } from '../llm/types.ts';
import {
  composeAnswerJudgementPrompt,
  composeGlossaryPrompt,
  composeQuestionsPrompt,
  composeReadingInput,
  composeRewritePrompt,
} from '../tutor/system-prompt.ts';
import { tidyText } from './extract-text.ts';
import { markWords } from './marks.ts';
import { segmentText, wordKey, wordsOf } from './segment.ts';
import { findReadableText } from './texts.ts';

/**
 * What the model makes of a text: its glossary (one call per text), a rewrite at a level, and
 * comprehension questions — validated, metered (`reading-glossary`, `reading-rewrite`,
 * `reading-questions`) and cached with the text, so a second open costs nothing. A refused or
 * failed call stores nothing.
 */
export type ReadingModelDeps = {
  db: Kysely<Database>;
  kind: DatabaseKind;
  clock: Clock;
  gateway?:
    | { generateStructured: GenerateStructured; isAvailable(role: ModelRole, language?: string): boolean }
    | undefined;
};

export const readingLimits = {
  /** Distinct forms one glossary call explains (the first ones of the text). */
  glossaryWords: 200,
  /** Characters of the text sent with a glossary or questions call, and rewritten. */
  contextCharacters: 8000,
  rewriteCharacters: 6000,
  questions: 5,
};

type GenerationKind = 'glossary' | 'rewrite' | 'questions';

async function cachedContent(db: Kysely<Database>, textId: string, kind: GenerationKind, level: string) {
  const row = await db
    .selectFrom('reading_generations')
    .select('content_json')
    .where('text_id', '=', textId)
    .where('kind', '=', kind)
    .where('level', '=', level)
    .executeTakeFirst();
  return row ? (JSON.parse(row.content_json) as unknown) : undefined;
}

/** Stores a generation; when another request stored the same one meanwhile, that one wins. */
async function storeContent(
  deps: ReadingModelDeps,
  input: { textId: string; userId: string; kind: GenerationKind; level: string; content: unknown },
) {
  await deps.db
    .insertInto('reading_generations')
    .values({
      id: newId(deps.clock.now().getTime()),
      text_id: input.textId,
      user_id: input.userId,
      kind: input.kind,
      level: input.level,
      content_json: JSON.stringify(input.content),
      created_at: deps.clock.now().toISOString(),
    })
    .onConflict((conflict) => conflict.columns(['text_id', 'kind', 'level']).doNothing())
    .execute();
  return cachedContent(deps.db, input.textId, input.kind, input.level);
}

function requireGateway(deps: ReadingModelDeps, role: ModelRole, language: string) {
  if (!deps.gateway?.isAvailable(role, language)) throw noProvider();
  return deps.gateway;
}

/** A gateway failure as the learner's error: a cap (402) and no provider (503) are theirs to act on. */
function modelFailure(error: unknown, what: 'glossary' | 'rewrite' | 'questions' | 'judgement'): unknown {
  if (error instanceof ModelOutputError)
    return new AppError('provider_error', msg('errors.reading.unusableOutput', { what }));
  if (error instanceof ModelError) {
    const code =
      error.code === 'no_provider' || error.code === 'budget_exceeded' ? error.code : 'provider_error';
    return new AppError(code, error.messageRef ?? error.message);
  }
  return error;
}

async function learnerSettings(db: Kysely<Database>, userId: string, language: string) {
  const [level, member] = await Promise.all([
    db
      .selectFrom('user_languages')
      .select('level')
      .where('user_id', '=', userId)
      .where('language', '=', language)
      .executeTakeFirst(),
    db
      .selectFrom('users')
      .leftJoin('profiles', 'profiles.user_id', 'users.id')
      .select(['profiles.native_language', 'users.is_child'])
      .where('users.id', '=', userId)
      .executeTakeFirst(),
  ]);
  return {
    level: (level?.level ?? 'A2') as CefrLevel,
    nativeLanguage: member?.native_language ?? null,
    isChild: member?.is_child === 1,
  };
}

/**
 * The cache key of a generation: a child's is made under the child-safety rules, so it is kept
 * apart from an adult's of the same shared text (`level` is '' for the level-free glossary).
 */
const variantOf = (level: string, isChild: boolean) => (isChild ? `${level}:child` : level);

const within = (text: string, max: number) => text.trim().length > 0 && text.length <= max;

// --- Glossary --------------------------------------------------------------------------------------

const glossaryOutputSchema = z.object({
  entries: z.array(
    z.object({ word: z.string(), lemma: z.string(), meaning: z.string(), example: z.string() }),
  ),
});
const storedGlossarySchema = z.object({ entries: z.array(glossaryOutputSchema.shape.entries.element) });

/** The distinct forms of a text in order of first appearance, as many as one call explains. */
function glossaryWords(row: ReadingTextsTable): string[] {
  const seen = new Set<string>();
  for (const sentence of segmentText(row.body, row.language).sentences)
    for (const piece of wordsOf(sentence)) {
      seen.add(wordKey(piece));
      if (seen.size >= readingLimits.glossaryWords) return [...seen];
    }
  return [...seen];
}

/** The text's glossary: from the cache, or one structured call whose valid entries are kept. */
export async function glossaryFor(deps: ReadingModelDeps, userId: string, textId: string) {
  const row = await findReadableText(deps.db, userId, textId);
  const { nativeLanguage, isChild } = await learnerSettings(deps.db, userId, row.language);
  const variant = variantOf('', isChild);
  const cached = await cachedContent(deps.db, row.id, 'glossary', variant);
  if (cached) return { entries: storedGlossarySchema.parse(cached).entries, cached: true };
  const gateway = requireGateway(deps, 'exercises', row.language);
  const words = glossaryWords(row);
  const wanted = new Set(words);
  let output: z.infer<typeof glossaryOutputSchema>;
  try {
    output = (
      await gateway.generateStructured(
        { userId, purpose: 'reading-glossary', role: 'exercises', language: row.language },
        {
          system: composeGlossaryPrompt({ language: row.language, nativeLanguage, isChild }),
          messages: [
            {
              role: 'user',
              content: composeReadingInput('Text', row.body.slice(0, readingLimits.contextCharacters), [
                `Words: ${words.join(', ')}`,
              ]),
            },
          ],
          schema: glossaryOutputSchema,
          schemaName: 'reading_glossary',
          maxOutputTokens: 200 + 60 * words.length,
        },
      )
    ).object;
  } catch (error) {
    throw modelFailure(error, 'glossary');
  }
  // Entries for words that are not in the text, or with a field missing or overlong, are dropped.
  const entries: GlossaryEntry[] = [];
  const done = new Set<string>();
  for (const entry of output.entries) {
    const word = wordKey(entry.word.trim());
    if (!wanted.has(word) || done.has(word)) continue;
    if (!within(entry.lemma, 100) || !within(entry.meaning, 200) || !within(entry.example, 300)) continue;
    done.add(word);
    entries.push({
      word,
      lemma: entry.lemma.trim(),
      meaning: entry.meaning.trim(),
      example: entry.example.trim(),
    });
  }
  if (entries.length === 0) throw new AppError('provider_error', msg('errors.reading.noGlossary'));
  const stored = await storeContent(deps, {
    textId: row.id,
    userId,
    kind: 'glossary',
    level: variant,
    content: { entries },
  });
  return { entries: storedGlossarySchema.parse(stored).entries, cached: false };
}

// --- Rewrite at a level ----------------------------------------------------------------------------

const rewriteOutputSchema = z.object({ text: z.string() });

async function coverageOf(
  deps: ReadingModelDeps,
  userId: string,
  language: string,
  text: string,
): Promise<Coverage> {
  return (await markWords(deps, userId, language, segmentText(text, language))).coverage;
}

/** The text rewritten at the learner's level (or the one asked for), with both versions' shares. */
export async function rewriteFor(
  deps: ReadingModelDeps,
  userId: string,
  textId: string,
  input: { level?: CefrLevel | undefined },
) {
  const row = await findReadableText(deps.db, userId, textId);
  const settings = await learnerSettings(deps.db, userId, row.language);
  const level = input.level ?? settings.level;
  const variant = variantOf(level, settings.isChild);
  let cached = await cachedContent(deps.db, row.id, 'rewrite', variant);
  const wasCached = cached !== undefined;
  if (!cached) {
    const gateway = requireGateway(deps, 'exercises', row.language);
    const source = row.body.slice(0, readingLimits.rewriteCharacters);
    let output: z.infer<typeof rewriteOutputSchema>;
    try {
      output = (
        await gateway.generateStructured(
          { userId, purpose: 'reading-rewrite', role: 'exercises', language: row.language },
          {
            system: composeRewritePrompt({ language: row.language, level, isChild: settings.isChild }),
            messages: [{ role: 'user', content: composeReadingInput('Text', source) }],
            schema: rewriteOutputSchema,
            schemaName: 'reading_rewrite',
            // A rewrite is about as long as its source: bytes / 2 tokens leaves room for any script.
            maxOutputTokens: Math.ceil(Buffer.byteLength(source) / 2) + 200,
          },
        )
      ).object;
    } catch (error) {
      throw modelFailure(error, 'rewrite');
    }
    const text = tidyText(output.text);
    if (!text || text.length > source.length * 3)
      throw new AppError('provider_error', msg('errors.reading.badRewrite'));
    cached = await storeContent(deps, {
      textId: row.id,
      userId,
      kind: 'rewrite',
      level: variant,
      content: { text },
    });
  }
  const text = z.object({ text: z.string() }).parse(cached).text;
  const [original, rewritten] = await Promise.all([
    coverageOf(deps, userId, row.language, row.body.slice(0, readingLimits.rewriteCharacters)),
    coverageOf(deps, userId, row.language, text),
  ]);
  return { level, text, cached: wasCached, original, rewritten };
}

// --- Questions -------------------------------------------------------------------------------------

const questionsOutputSchema = z.object({
  questions: z.array(
    z.object({
      kind: z.enum(['choice', 'open']),
      question: z.string(),
      options: z.array(z.string()),
      answerIndex: z.number().int().nullable(),
      modelAnswer: z.string(),
    }),
  ),
});
type GeneratedQuestion = z.infer<typeof questionsOutputSchema>['questions'][number];
const storedQuestionsSchema = z.object({ questions: questionsOutputSchema.shape.questions });

/** Why a generated question cannot be asked, or null when it is sound. */
export function questionProblem(question: GeneratedQuestion): string | null {
  if (!within(question.question, 400)) return 'question missing or too long';
  if (!within(question.modelAnswer, 400)) return 'answer missing or too long';
  if (question.kind === 'open') return question.options.length === 0 ? null : 'an open question has options';
  if (question.options.length < 3 || question.options.length > 4) return 'a choice needs 3 or 4 options';
  if (question.options.some((option) => !within(option, 200))) return 'an option is empty or too long';
  const distinct = new Set(question.options.map((option) => option.trim().toLocaleLowerCase('und')));
  if (distinct.size !== question.options.length) return 'options repeat';
  if (
    question.answerIndex === null ||
    question.answerIndex < 0 ||
    question.answerIndex >= question.options.length
  )
    return 'the right option is not among the options';
  return null;
}

function presentQuestions(questions: GeneratedQuestion[]): ReadingQuestion[] {
  return questions.map((question, index) => ({
    index,
    kind: question.kind,
    question: question.question,
    options: question.options,
  }));
}

async function storedQuestions(deps: ReadingModelDeps, textId: string, level: string) {
  const cached = await cachedContent(deps.db, textId, 'questions', level);
  return cached ? storedQuestionsSchema.parse(cached).questions : undefined;
}

/** Comprehension questions at the learner's level: cached, or generated and checked one by one. */
export async function questionsFor(deps: ReadingModelDeps, userId: string, textId: string) {
  const row = await findReadableText(deps.db, userId, textId);
  const { level, isChild } = await learnerSettings(deps.db, userId, row.language);
  const variant = variantOf(level, isChild);
  const cached = await storedQuestions(deps, row.id, variant);
  if (cached) return { level, questions: presentQuestions(cached), cached: true };
  const gateway = requireGateway(deps, 'exercises', row.language);
  let output: z.infer<typeof questionsOutputSchema>;
  try {
    output = (
      await gateway.generateStructured(
        { userId, purpose: 'reading-questions', role: 'exercises', language: row.language },
        {
          system: composeQuestionsPrompt({
            language: row.language,
            level,
            count: readingLimits.questions,
            isChild,
          }),
          messages: [
            {
              role: 'user',
              content: composeReadingInput('Text', row.body.slice(0, readingLimits.contextCharacters)),
            },
          ],
          schema: questionsOutputSchema,
          schemaName: 'reading_questions',
          maxOutputTokens: 300 + 200 * readingLimits.questions,
        },
      )
    ).object;
  } catch (error) {
    throw modelFailure(error, 'questions');
  }
  const sound = output.questions
    .filter((question) => questionProblem(question) === null)
    .slice(0, readingLimits.questions)
    .map((question) => ({
      ...question,
      question: question.question.trim(),
      options: question.options.map((option) => option.trim()),
      modelAnswer: question.modelAnswer.trim(),
    }));
  if (sound.length === 0) throw new AppError('provider_error', msg('errors.reading.noSoundQuestion'));
  const stored = await storeContent(deps, {
    textId: row.id,
    userId,
    kind: 'questions',
    level: variant,
    content: { questions: sound },
  });
  return { level, questions: presentQuestions(storedQuestionsSchema.parse(stored).questions), cached: false };
}

const judgementSchema = z.object({
  correct: z.boolean(),
  comment: z.string(),
  corrections: z.array(
    z.object({
      original: z.string(),
      corrected: z.string(),
      category: correctionCategorySchema.catch('other'),
      explanation: z.string(),
      severity: severitySchema.catch('minor'),
    }),
  ),
});

const normalisedAnswer = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ');

/**
 * Scores an answer: a choice exactly against the right option; an open answer by the feedback role
 * (content judged, language corrected as in conversations). Every answer is stored, and counted as
 * practice for progress and XP.
 */
export async function answerQuestion(
  deps: ReadingModelDeps,
  userId: string,
  textId: string,
  input: { question: number; answer: string },
): Promise<QuestionResult> {
  const index = input.question;
  const row = await findReadableText(deps.db, userId, textId);
  const settings = await learnerSettings(deps.db, userId, row.language);
  const question = (await storedQuestions(deps, row.id, variantOf(settings.level, settings.isChild)))?.[
    index
  ];
  if (!question)
    throw validationFailed(msg('errors.reading.noSuchQuestion'), {
      issues: [{ path: 'index', message: 'no such question' }],
    });
  let result: QuestionResult;
  if (question.kind === 'choice') {
    const right = question.options[question.answerIndex ?? 0] as string;
    result = {
      correct: normalisedAnswer(input.answer) === normalisedAnswer(right),
      expected: right,
      comment: null,
      corrections: [],
    };
  } else {
    const gateway = requireGateway(deps, 'feedback', row.language);
    let judgement: z.infer<typeof judgementSchema>;
    try {
      judgement = (
        await gateway.generateStructured(
          { userId, purpose: 'reading-questions', role: 'feedback', language: row.language },
          {
            system: composeAnswerJudgementPrompt({ language: row.language, ...settings }),
            messages: [
              {
                role: 'user',
                content: composeReadingInput('Learner answer', input.answer, [
                  composeReadingInput('Text', row.body.slice(0, readingLimits.contextCharacters)),
                  `Question: ${question.question}`,
                  `Model answer: ${question.modelAnswer}`,
                ]),
              },
            ],
            schema: judgementSchema,
            schemaName: 'reading_answer_judgement',
            maxOutputTokens: 600,
          },
        )
      ).object;
    } catch (error) {
      throw modelFailure(error, 'judgement');
    }
    result = {
      correct: judgement.correct,
      expected: question.modelAnswer,
      comment: judgement.comment.trim().slice(0, 500) || null,
      // Only corrections of words the learner really wrote are shown.
      corrections: judgement.corrections
        .filter((correction) => correction.original && input.answer.includes(correction.original))
        .slice(0, 10)
        .map((correction) => ({
          original: correction.original,
          corrected: correction.corrected,
          category: correction.category,
          explanation: correction.explanation.slice(0, 300),
          severity: correction.severity,
        })),
    };
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('reading_answers')
      .values({
        id: newId(now.getTime()),
        user_id: userId,
        text_id: row.id,
        question: index,
        answer: input.answer,
        correct: result.correct ? 1 : 0,
        feedback_json: question.kind === 'open' ? JSON.stringify(result) : null,
        created_at: now.toISOString(),
      })
      .execute();
    // Progress and XP are computed from practice events; a comprehension answer is one, stored
    // beside the grammar answers it is scored like (decision 020).
    await trx
      .insertInto('grammar_results')
      .values({
        id: newId(now.getTime()),
        user_id: userId,
        language: row.language,
        kind: 'reading',
        item: `${row.id}:${index}`,
        answer: input.answer.slice(0, 1000),
        expected: result.expected.slice(0, 1000),
        correct: result.correct ? 1 : 0,
        duration_ms: null,
        created_at: now.toISOString(),
      })
      .execute();
  });
  return result;
}
