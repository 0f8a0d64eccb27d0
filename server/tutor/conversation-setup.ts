import type { Kysely } from 'kysely';
import type { CorrectionPolicy } from '../../contracts/auth.ts';
import type { CefrLevel } from '../../contracts/languages.ts';
import type { MessageKey, MessageRef } from '../../contracts/messages/catalogues.ts';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import { type ConversationTutorUpdate, type TutorMode, tutorModeCatalogue } from '../../contracts/tutor.ts';
import type { Database } from '../db/schema.ts';
import { conflict, noProvider } from '../errors.ts';
import { invalidBody } from '../i18n/field-issues.ts';
import { languageNameFor, msg, translate } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { findUsablePersona } from './personas.ts';
import { findUsableScenario, inLanguageOf } from './scenarios.ts';

/** The tutor's columns of a new conversation. */
export type ConversationSetup = {
  persona_id: string | null;
  scenario_id: string | null;
  mode: TutorMode | null;
  subject: string | null;
  correction_policy: CorrectionPolicy | null;
  /** A title fitting the scenario or mode, unless the learner gave one. */
  title: string | undefined;
  /** The learner's default tutor level, when they set one and the request did not. */
  level: CefrLevel | undefined;
};

/** A field the setup refuses, worded (summary included) in the reader's language. */
const invalid = (path: string, message: MessageRef) => invalidBody([{ path, message }]);

/**
 * Checks and completes a new conversation's persona, scenario, mode, subject and correction policy.
 * A scenario implies the role-play mode; the learner's tutor defaults fill what the request leaves
 * out. Unknown or another member's private persona or scenario is a validation error.
 */
export async function resolveConversationSetup(
  db: Kysely<Database>,
  viewer: { userId: string; role: 'admin' | 'learner'; isChild?: boolean | undefined },
  input: {
    language: string;
    level?: CefrLevel | undefined;
    title?: string | undefined;
    personaId?: string | undefined;
    scenarioId?: string | undefined;
    mode?: TutorMode | undefined;
    subject?: string | undefined;
    correctionPolicy?: CorrectionPolicy | undefined;
  },
  /** The creator's interface language: a title made here is in it. */
  readerLanguage: InterfaceLanguage = 'en',
): Promise<ConversationSetup> {
  if (input.personaId && !(await findUsablePersona(db, viewer.userId, input.personaId)))
    throw invalid('personaId', msg('validation.notYourPersona'));
  const mode = input.mode ?? (input.scenarioId ? 'scenario' : null);
  if (mode === 'scenario' && !input.scenarioId)
    throw invalid('scenarioId', msg('validation.scenarioRequired'));
  if (input.scenarioId && mode !== 'scenario') throw invalid('mode', msg('validation.modeMustBeScenario'));
  const scenario = input.scenarioId ? await findUsableScenario(db, viewer, input.scenarioId) : undefined;
  if (input.scenarioId && !scenario) throw invalid('scenarioId', msg('validation.notYourScenario'));
  const preferences = await db
    .selectFrom('tutor_preferences')
    .select(['subject', 'learner_level'])
    .where('user_id', '=', viewer.userId)
    .executeTakeFirst();
  const languageName = languageNameFor(readerLanguage, input.language);
  const modeName =
    mode && tutorModeCatalogue.some((info) => info.id === mode)
      ? translate(readerLanguage, `tutor-page.mode.${mode}.name` as MessageKey)
      : undefined;
  const subject = input.subject ?? (mode === 'scenario' ? null : (preferences?.subject ?? null));
  return {
    persona_id: input.personaId ?? null,
    scenario_id: scenario?.id ?? null,
    mode,
    subject,
    correction_policy: input.correctionPolicy ?? null,
    title:
      input.title ??
      (scenario
        ? `${inLanguageOf(scenario, readerLanguage).title} (${languageName})`
        : mode && mode !== 'free'
          ? `${modeName}${subject ? `: ${subject.slice(0, 60)}` : ''} (${languageName})`
          : undefined),
    level: input.level ?? ((preferences?.learner_level as CefrLevel | null) || undefined),
  };
}

/**
 * Prepares the tutor's opening message of a conversation that has none yet: a `streaming`
 * placeholder the reply stream fills. Refused (409) once the conversation has messages.
 */
export async function acceptOpening(
  db: Kysely<Database>,
  clock: Clock,
  input: { userId: string; conversation: { id: string; message_count: number }; ownerId: string },
): Promise<{ tutorMessageId: string }> {
  if (Number(input.conversation.message_count) > 0) throw conflict(msg('errors.conversation.started'));
  const now = clock.now();
  const at = now.toISOString();
  const tutorMessageId = newId(now.getTime());
  await db.transaction().execute(async (trx) => {
    // Compare-and-set on the count: two openings racing cannot both start.
    const claimed = await trx
      .updateTable('conversations')
      .set((eb) => ({ message_count: eb('message_count', '+', 1), updated_at: at, last_message_at: at }))
      .where('id', '=', input.conversation.id)
      .where('message_count', '=', 0)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) throw conflict(msg('errors.conversation.started'));
    await trx
      .insertInto('messages')
      .values({
        id: tutorMessageId,
        conversation_id: input.conversation.id,
        user_id: input.userId,
        role: 'tutor',
        text: '',
        status: 'streaming',
        reply_to: null,
        failure_reason: null,
        failure_message: null,
        provider: null,
        model: null,
        input_tokens: null,
        output_tokens: null,
        cache_read_tokens: null,
        cache_write_tokens: null,
        usage_estimated: null,
        latency_ms: null,
        owner_id: input.ownerId,
        created_at: at,
        updated_at: at,
      })
      .execute();
  });
  return { tutorMessageId };
}

export function assertProvider(available: boolean): void {
  if (!available) throw noProvider();
}

/**
 * Changes a running conversation's persona, subject or correction policy (null: back to the default).
 * The next turn uses them; earlier feedback keeps the policy it was made with.
 */
export async function updateConversationTutor(
  db: Kysely<Database>,
  clock: Clock,
  viewer: { userId: string; role: 'admin' | 'learner' },
  conversationId: string,
  update: ConversationTutorUpdate,
): Promise<void> {
  if (update.personaId && !(await findUsablePersona(db, viewer.userId, update.personaId)))
    throw invalid('personaId', msg('validation.notYourPersona'));
  await db
    .updateTable('conversations')
    .set({
      ...(update.personaId !== undefined && { persona_id: update.personaId }),
      ...(update.subject !== undefined && { subject: update.subject }),
      ...(update.correctionPolicy !== undefined && { correction_policy: update.correctionPolicy }),
      updated_at: clock.now().toISOString(),
    })
    .where('id', '=', conversationId)
    .where('user_id', '=', viewer.userId)
    .execute();
}
