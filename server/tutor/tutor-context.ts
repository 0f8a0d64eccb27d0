import type { Expression, Kysely } from 'kysely';
import type { CefrLevel } from '../../contracts/languages.ts';
import {
  type CorrectionCategory,
  type EffectiveCorrectionPolicy,
  type Scenario,
  type TutorMode,
  tutorModeSchema,
} from '../../contracts/tutor.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { type ReadingRow, readingForPrompt, readingFromRow } from '../reading/conversation.ts';
import { parseDefaultCorrectionPolicy } from '../settings/server-settings.ts';
import { effectiveCorrectionPolicy } from './correction-policy.ts';
import { topErrorCategories } from './error-patterns.ts';
import { resolvePersona } from './personas.ts';
import { findUsableScenario } from './scenarios.ts';
import type { PromptContext } from './system-prompt.ts';

/** The conversation fields the tutor reads. */
export type TutorConversation = {
  id: string;
  language: string;
  level: string;
  persona_id: string | null;
  scenario_id: string | null;
  mode: string | null;
  subject: string | null;
  correction_policy: string | null;
  goals_met_json: string;
};

/** Everything a turn needs to know about the tutor side, loaded once per turn. */
export type TutorContext = {
  prompt: PromptContext;
  policy: EffectiveCorrectionPolicy;
  explanationLanguage: 'native' | 'target';
  nativeLanguage: string | null;
  scenario: Scenario | null;
  goalsMet: string[];
  /** The learner's recurring categories; grammar focus shows these first. */
  focusCategories: CorrectionCategory[];
};

const maxDueWords = 12;

/** Due and weak words in the learner's decks for a language, most overdue first. */
export async function dueWordsFor(
  db: Kysely<Database>,
  clock: Clock,
  userId: string,
  language: string,
): Promise<string[]> {
  const now = clock.now().toISOString();
  const rows = await db
    .selectFrom('vocabulary_cards')
    .select('term')
    .where('user_id', '=', userId)
    .where('language', '=', language)
    .where((eb) => eb.or([eb('due', '<=', now), eb('lapses', '>=', 2)]))
    .orderBy('due')
    .limit(maxDueWords)
    .execute();
  return rows.map((row) => row.term);
}

export function parseGoalsMet(json: string | null | undefined): string[] {
  try {
    const value = JSON.parse(json ?? '[]') as unknown;
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Loads the tutor's view of a conversation: persona, scenario or mode, learner profile, correction
 * policy, recurring mistakes and (vocabulary builder) due words. A persona or scenario deleted since
 * the conversation began falls back gracefully instead of failing the turn.
 */
export async function loadTutorContext(
  db: Kysely<Database>,
  clock: Clock,
  userId: string,
  conversation: TutorConversation,
  /** Rows a turn already read in its first statement (turn-start.ts): not read again. */
  preloaded?: {
    profile: TutorProfileRow | undefined;
    reading: ReadingRow | undefined;
    topErrors: Array<{ category: CorrectionCategory; count: number }>;
  },
): Promise<TutorContext> {
  const profile = preloaded ? preloaded.profile : await profileRowQuery(db, userId).executeTakeFirst();
  const parsedMode = tutorModeSchema.safeParse(conversation.mode);
  let mode: TutorMode | null = parsedMode.success ? parsedMode.data : null;
  const viewer = { userId, role: profile?.role ?? 'learner', isChild: profile?.is_child === 1 };
  const [persona, scenario, topErrors, reading] = await Promise.all([
    resolvePersona(db, userId, [conversation.persona_id, profile?.preferred_persona]),
    conversation.scenario_id ? findUsableScenario(db, viewer, conversation.scenario_id) : undefined,
    preloaded?.topErrors ?? topErrorCategories(db, clock, { userId, language: conversation.language }),
    preloaded ? readingFromRow(preloaded.reading) : readingForPrompt(db, conversation.id),
  ]);
  // A role-play whose scenario was deleted carries on as a free conversation.
  if (mode === 'scenario' && !scenario) mode = 'free';
  const dueWords = mode === 'vocabulary' ? await dueWordsFor(db, clock, userId, conversation.language) : [];
  const nativeLanguage = profile?.native_language ?? null;
  return {
    prompt: {
      language: conversation.language,
      level: conversation.level as CefrLevel,
      nativeLanguage,
      isChild: profile?.is_child === 1,
      persona,
      subject: conversation.subject,
      mode,
      scenario: mode === 'scenario' ? (scenario ?? null) : null,
      topErrors,
      dueWords,
      reading,
    },
    policy: effectiveCorrectionPolicy({
      conversationPolicy: conversation.correction_policy,
      profilePolicy: profile?.correction_policy ?? null,
      profilePolicyExplicit: profile?.correction_policy_explicit === 1,
      mode,
      serverDefault: parseDefaultCorrectionPolicy(profile?.server_correction_policy),
    }),
    explanationLanguage: profile?.explanation_language === 'target' ? 'target' : 'native',
    nativeLanguage,
    scenario: mode === 'scenario' ? (scenario ?? null) : null,
    goalsMet: parseGoalsMet(conversation.goals_met_json),
    focusCategories: mode === 'grammar' || mode === 'teacher' ? topErrors.map((error) => error.category) : [],
  };
}

export type TutorProfileRow = {
  role: 'admin' | 'learner';
  is_child: number;
  native_language: string | null;
  preferred_persona: string | null;
  correction_policy: string | null;
  correction_policy_explicit: number | null;
  explanation_language: string | null;
  server_correction_policy: string | null;
};

/** The learner's side of the tutor's context (profile, role, the admin's default policy). */
export function profileRowQuery(
  db: Pick<Kysely<Database>, 'selectFrom'>,
  userId: string | Expression<string>,
) {
  return db
    .selectFrom('users')
    .leftJoin('profiles', 'profiles.user_id', 'users.id')
    .select([
      'users.role',
      'users.is_child',
      'profiles.native_language',
      'profiles.preferred_persona',
      'profiles.correction_policy',
      'profiles.correction_policy_explicit',
      'profiles.explanation_language',
      // The admin's default correction policy, in the same round trip.
      (eb) =>
        eb
          .selectFrom('settings')
          .select('settings.value')
          .where('settings.key', '=', 'defaultCorrectionPolicy')
          .as('server_correction_policy'),
    ])

    .where('users.id', '=', userId);
}
