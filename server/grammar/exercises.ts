import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ExerciseKind } from '../../contracts/grammar.ts';
import { findLanguage } from '../../contracts/languages.ts';
import type { Database } from '../db/schema.ts';
import { AppError, noProvider, notFound, validationFailed } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { ModelError, ModelOutputError } from '../llm/errors.ts';
import type { GenerateStructured } from '../llm/types.ts';
import { topErrorCategories } from '../tutor/error-patterns.ts';
import { composeExercisePrompt } from '../tutor/system-prompt.ts';
import { checkAnswer } from './answer-check.ts';
import { recordResult } from './results.ts';
import { findTopic } from './topics.ts';

export type ExerciseDeps = {
  db: Kysely<Database>;
  clock: Clock;
  /** The gateway's structured call; absent when no provider is configured. */
  generateStructured?: GenerateStructured | undefined;
  /** Whether a provider can serve the exercises role (and language). */
  isAvailable?: ((language: string) => boolean) | undefined;
};

/**
 * What the model must return. Deliberately flat (no unions, no array bounds): every provider's
 * structured-output mode accepts it. The per-kind rules are checked in code below, and an
 * exercise that breaks one is dropped, never shown.
 */
export const generatedExercisesSchema = z.object({
  exercises: z.array(
    z.object({
      kind: z.enum(['fill-gap', 'transform', 'spot-error']),
      instruction: z.string(),
      prompt: z.string(),
      answer: z.string(),
      acceptableAnswers: z.array(z.string()),
      errorSpan: z.string().nullable(),
      explanation: z.string(),
      errorCategory: z.string().nullable(),
    }),
  ),
});
type GeneratedExercise = z.infer<typeof generatedExercisesSchema>['exercises'][number];

/** A stored exercise: what the learner sees plus the answer, kept server-side until answered. */
const storedExerciseSchema = z.object({
  instruction: z.string(),
  prompt: z.string(),
  answers: z.array(z.string()).min(1),
  explanation: z.string(),
});

const gap = /_{3,}/g;

function normalised(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('und');
}

/** Why an exercise cannot be shown, or null when it is sound. */
export function exerciseProblem(
  exercise: GeneratedExercise,
  wantedKind: ExerciseKind | undefined,
): string | null {
  const within = (text: string, max: number) => text.trim().length > 0 && text.length <= max;
  if (wantedKind && exercise.kind !== wantedKind) return `kind ${exercise.kind} was not asked for`;
  if (!within(exercise.instruction, 300)) return 'instruction missing or too long';
  if (!within(exercise.prompt, 500)) return 'prompt missing or too long';
  if (!within(exercise.answer, 300)) return 'answer missing or too long';
  if (!within(exercise.explanation, 800)) return 'explanation missing or too long';
  if (
    exercise.acceptableAnswers.length > 5 ||
    exercise.acceptableAnswers.some((answer) => !within(answer, 300))
  ) {
    return 'bad acceptable answers';
  }
  switch (exercise.kind) {
    case 'fill-gap': {
      const gaps = exercise.prompt.match(gap)?.length ?? 0;
      if (gaps !== 1) return `a fill-the-gap prompt needs exactly one ___ gap, found ${gaps}`;
      if (/_{3,}/.test(exercise.answer)) return 'the answer contains a gap';
      return null;
    }
    case 'transform':
      if (normalised(exercise.answer) === normalised(exercise.prompt)) return 'the answer repeats the prompt';
      return null;
    case 'spot-error': {
      const span = exercise.errorSpan?.trim();
      if (!span) return 'a spot-the-error exercise needs the wrong words';
      if (!exercise.prompt.includes(span)) return 'the wrong words do not occur in the sentence';
      if (normalised(span) === normalised(exercise.answer)) return 'the correction equals the error';
      return null;
    }
  }
}

/** Whether the learner is a child account: their exercises follow the child-safety rules. */
async function isChildAccount(deps: ExerciseDeps, userId: string): Promise<boolean> {
  const user = await deps.db
    .selectFrom('users')
    .select('is_child')
    .where('id', '=', userId)
    .executeTakeFirst();
  return user?.is_child === 1;
}

/** The learner's top error categories in this language, as the feedback analysis counted them. */
async function recurringMistakes(
  deps: ExerciseDeps,
  userId: string,
  language: { code: string; name: string },
) {
  const top = await topErrorCategories(deps.db, deps.clock, { userId, language: language.code, limit: 3 });
  if (top.length === 0) {
    throw validationFailed(msg('errors.grammar.noMistakes', { languageCode: language.code }), {
      issues: [{ path: 'fromMistakes', message: 'no recorded mistakes yet' }],
    });
  }
  // Category ids are kebab-case ('verb-tense'); the prompt reads better in words.
  return top.map((entry) => entry.category.replaceAll('-', ' '));
}

/**
 * Asks the model for grammar exercises (optionally on a topic, or aimed at the learner's top error
 * categories), validates each one and stores the sound ones. The learner gets them without answers.
 */
export async function generateExercises(
  deps: ExerciseDeps,
  userId: string,
  input: {
    language: string;
    kind?: ExerciseKind | undefined;
    level?: string | undefined;
    topicId?: string | undefined;
    errorCategories?: string[] | undefined;
    fromMistakes?: boolean | undefined;
    count: number;
  },
) {
  const language = findLanguage(input.language);
  if (!language) throw notFound('language');
  const topic = input.topicId ? await findTopic(input.language, input.topicId) : undefined;
  if (input.topicId && !topic) {
    throw validationFailed(msg('errors.grammar.notATopic', { topic: input.topicId }), {
      issues: [{ path: 'topicId', message: 'is not a topic of this language' }],
    });
  }
  if (!deps.generateStructured || deps.isAvailable?.(input.language) === false) {
    throw noProvider();
  }
  const level =
    input.level ??
    (
      await deps.db
        .selectFrom('user_languages')
        .select('level')
        .where('user_id', '=', userId)
        .where('language', '=', input.language)
        .executeTakeFirst()
    )?.level ??
    topic?.level ??
    'A2';
  const errorCategories =
    input.errorCategories ?? (input.fromMistakes ? await recurringMistakes(deps, userId, language) : []);
  const prompt = composeExercisePrompt({
    languageName: language.name,
    level,
    kind: input.kind,
    count: input.count,
    topic,
    errorCategories,
    isChild: await isChildAccount(deps, userId),
  });

  let generated: GeneratedExercise[];
  try {
    const result = await deps.generateStructured(
      { userId, purpose: 'exercise', role: 'exercises', language: input.language },
      {
        system: prompt.system,
        messages: [{ role: 'user', content: prompt.user }],
        schema: generatedExercisesSchema,
        schemaName: 'grammar_exercises',
        maxOutputTokens: 400 + 250 * input.count,
      },
    );
    generated = result.object.exercises;
  } catch (error) {
    if (error instanceof ModelOutputError) {
      throw new AppError('provider_error', msg('errors.grammar.unusableExercises'));
    }
    if (error instanceof ModelError) {
      // A missing provider (503) and a reached budget cap (402) are the learner's to act on, not outages.
      const code =
        error.code === 'no_provider' || error.code === 'budget_exceeded' ? error.code : 'provider_error';
      throw new AppError(code, error.messageRef ?? error.message);
    }
    throw error;
  }

  const sound = generated
    .filter((exercise) => exerciseProblem(exercise, input.kind) === null)
    .slice(0, input.count);
  if (sound.length === 0) {
    throw new AppError('provider_error', msg('errors.grammar.noSoundExercise'));
  }
  const now = deps.clock.now();
  const rows = sound.map((exercise) => ({
    id: newId(now.getTime()),
    user_id: userId,
    language: input.language,
    kind: exercise.kind,
    level,
    topic_id: topic?.id ?? null,
    error_category: errorCategories.length ? exercise.errorCategory?.trim() || null : null,
    exercise_json: JSON.stringify({
      instruction: exercise.instruction.trim(),
      prompt: exercise.prompt.trim(),
      answers: [exercise.answer.trim(), ...exercise.acceptableAnswers.map((answer) => answer.trim())],
      explanation: exercise.explanation.trim(),
    }),
    answered_at: null,
    created_at: now.toISOString(),
  }));
  await deps.db.insertInto('grammar_exercises').values(rows).execute();
  return {
    exercises: rows.map((row) => {
      const stored = storedExerciseSchema.parse(JSON.parse(row.exercise_json));
      return {
        id: row.id,
        kind: row.kind as ExerciseKind,
        language: row.language,
        level: row.level,
        instruction: stored.instruction,
        prompt: stored.prompt,
        errorCategory: row.error_category,
      };
    }),
    discarded: generated.length - sound.length,
  };
}

/** Checks an answer to a generated exercise, reveals the answer and explanation, records it. */
export async function answerExercise(
  deps: { db: Kysely<Database>; clock: Clock },
  userId: string,
  exerciseId: string,
  input: { answer: string; strict: boolean; durationMs?: number | undefined },
) {
  const row = await deps.db
    .selectFrom('grammar_exercises')
    .selectAll()
    .where('id', '=', exerciseId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound('exercise');
  const stored = storedExerciseSchema.parse(JSON.parse(row.exercise_json));
  const result = checkAnswer(input.answer, stored.answers, { strict: input.strict });
  await recordResult(deps.db, deps.clock, {
    userId,
    language: row.language,
    kind: 'exercise',
    item: row.id,
    answer: input.answer,
    expected: stored.answers[0]!,
    correct: result.correct,
    durationMs: input.durationMs,
  });
  if (!row.answered_at) {
    await deps.db
      .updateTable('grammar_exercises')
      .set({ answered_at: deps.clock.now().toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
  return {
    ...result,
    expected: stored.answers[0]!,
    accepted: stored.answers,
    explanation: stored.explanation,
  };
}
