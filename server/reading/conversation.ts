import type { Expression, Kysely } from 'kysely';
import type { ActiveSession } from '../auth/sessions.ts';
import { createConversation } from '../conversations/conversations.ts';
import type { Database } from '../db/schema.ts';
import { AppError, noProvider } from '../errors.ts';
import { msg, translate } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { ModelError } from '../llm/errors.ts';
import type { ModelGateway } from '../llm/gateway.ts';
import {
  composeReadingInput,
  composeReadingSummaryPrompt,
  readingTextPromptLimit,
} from '../tutor/system-prompt.ts';
import { tidyText } from './extract-text.ts';
import { findReadableText } from './texts.ts';

/** Characters of a long text the summary call reads. */
const summaryInputCharacters = 40_000;

/**
 * The text a conversation is about, for the tutor's prompt: the whole text when it fits the prompt's
 * bound, else its summary (made when the conversation started). Undefined for other conversations.
 */
export async function readingForPrompt(db: Kysely<Database>, conversationId: string) {
  return readingFromRow(await readingRowQuery(db, conversationId).executeTakeFirst());
}

/** The row readingForPrompt reads; a turn folds it into its first statement (turn-start.ts). */
export function readingRowQuery(
  db: Pick<Kysely<Database>, 'selectFrom'>,
  conversationId: string | Expression<string>,
) {
  return db
    .selectFrom('reading_conversations')
    .innerJoin('reading_texts', 'reading_texts.id', 'reading_conversations.text_id')
    .leftJoin('reading_generations', (join) =>
      join
        .onRef('reading_generations.text_id', '=', 'reading_texts.id')
        .on('reading_generations.kind', '=', 'summary')
        .on('reading_generations.level', '=', ''),
    )
    .select(['reading_texts.title', 'reading_texts.body', 'reading_generations.content_json'])
    .where('reading_conversations.conversation_id', '=', conversationId);
}

export type ReadingRow = { title: string; body: string; content_json: string | null };

export function readingFromRow(row: ReadingRow | undefined | null) {
  if (!row) return undefined;
  if (row.body.length <= readingTextPromptLimit)
    return { title: row.title, text: row.body, summarised: false };
  const summary = row.content_json ? (JSON.parse(row.content_json) as { text?: unknown }).text : undefined;
  return typeof summary === 'string'
    ? { title: row.title, text: summary, summarised: true }
    : { title: row.title, text: row.body.slice(0, readingTextPromptLimit), summarised: false };
}

/**
 * Starts a conversation about a text. A text longer than the prompt's bound is summarised first by
 * the summary role (metered as `reading-rewrite`, cached with the text); a refusal stores nothing.
 */
export async function startTextConversation(
  deps: { db: Kysely<Database>; clock: Clock; gateway?: ModelGateway | undefined },
  caller: Pick<ActiveSession, 'userId' | 'interfaceLanguage'>,
  textId: string,
) {
  const text = await findReadableText(deps.db, caller.userId, textId);
  if (!deps.gateway?.isAvailable('conversation', text.language)) throw noProvider();
  if (text.body.length > readingTextPromptLimit) await summarise(deps, caller.userId, text);
  // Titled in the reader's interface language ("About “…”", "Sobre «…»").
  const conversation = await createConversation(deps.db, deps.clock, caller.userId, {
    language: text.language,
    title: translate(caller.interfaceLanguage ?? 'en', 'conversation-list.aboutText', {
      title: text.title.slice(0, 100),
    }),
  });
  await deps.db
    .insertInto('reading_conversations')
    .values({
      conversation_id: conversation.id,
      text_id: text.id,
      user_id: caller.userId,
      created_at: deps.clock.now().toISOString(),
    })
    .execute();
  return { conversationId: conversation.id };
}

async function summarise(
  deps: { db: Kysely<Database>; clock: Clock; gateway?: ModelGateway | undefined },
  userId: string,
  text: { id: string; language: string; body: string },
) {
  const cached = await deps.db
    .selectFrom('reading_generations')
    .select('id')
    .where('text_id', '=', text.id)
    .where('kind', '=', 'summary')
    .where('level', '=', '')
    .executeTakeFirst();
  if (cached || !deps.gateway) return;
  const level = (
    await deps.db
      .selectFrom('user_languages')
      .select('level')
      .where('user_id', '=', userId)
      .where('language', '=', text.language)
      .executeTakeFirst()
  )?.level;
  let summary: string;
  try {
    summary = (
      await deps.gateway.generateText(
        // The closed list of purposes has no summary of a reading text; it is a shortened rewrite.
        { userId, purpose: 'reading-rewrite', role: 'summary', language: text.language },
        {
          system: composeReadingSummaryPrompt({
            language: text.language,
            level: (level ?? 'A2') as Parameters<typeof composeReadingSummaryPrompt>[0]['level'],
          }),
          messages: [
            {
              role: 'user',
              content: composeReadingInput('Text', text.body.slice(0, summaryInputCharacters)),
            },
          ],
          maxOutputTokens: 1200,
        },
      )
    ).text;
  } catch (error) {
    if (error instanceof ModelError) {
      const code =
        error.code === 'no_provider' || error.code === 'budget_exceeded' ? error.code : 'provider_error';
      throw new AppError(code, error.messageRef ?? error.message);
    }
    throw error;
  }
  const tidy = tidyText(summary).slice(0, readingTextPromptLimit);
  if (!tidy) throw new AppError('provider_error', msg('errors.reading.emptySummary'));
  await deps.db
    .insertInto('reading_generations')
    .values({
      id: newId(deps.clock.now().getTime()),
      text_id: text.id,
      user_id: userId,
      kind: 'summary',
      level: '',
      content_json: JSON.stringify({ text: tidy }),
      created_at: deps.clock.now().toISOString(),
    })
    .onConflict((conflict) => conflict.columns(['text_id', 'kind', 'level']).doNothing())
    .execute();
}
