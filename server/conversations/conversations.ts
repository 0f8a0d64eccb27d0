import type { Kysely, Selectable } from 'kysely';
import type {
  Conversation,
  ConversationCreate,
  ConversationListItem,
  Message,
} from '../../contracts/conversations.ts';
import type { CefrLevel } from '../../contracts/languages.ts';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import type { DatabaseKind } from '../db/connect.ts';
import { containsFolded } from '../db/folded-match.ts';
import type { ConversationsTable, Database, MessagesTable } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { languageNameFor, parseMessageRef, render, translate } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import type { ConversationSetup } from '../tutor/conversation-setup.ts';
import { feedbackForMessages } from '../tutor/feedback.ts';
import { parseGoalsMet } from '../tutor/tutor-context.ts';
import { markdownToPlainText } from './plain-text.ts';

export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;

export function presentConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    title: row.title,
    language: row.language,
    level: row.level as CefrLevel,
    personaId: row.persona_id,
    scenarioId: row.scenario_id,
    mode: row.mode,
    messageCount: Number(row.message_count),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastMessageAt: row.last_message_at,
    subject: row.subject,
    correctionPolicy: row.correction_policy,
    goalsMet: parseGoalsMet(row.goals_met_json),
    endedAt: row.ended_at,
  };
}

/** A stored message; a failure's catalogue message is rendered in the reader's language. */
export function presentMessage(row: MessageRow, language: InterfaceLanguage = 'en'): Message {
  const failureRef = parseMessageRef(row.failure_ref);
  return {
    id: row.id,
    role: row.role,
    text: row.text,
    status: row.status,
    failureReason: row.failure_reason,
    failureMessage: failureRef ? render(language, failureRef) : row.failure_message,
    replyTo: row.reply_to,
    provider: row.provider,
    model: row.model,
    usage:
      row.input_tokens === null
        ? null
        : {
            inputTokens: Number(row.input_tokens),
            outputTokens: Number(row.output_tokens ?? 0),
            cacheReadTokens: Number(row.cache_read_tokens ?? 0),
            cacheWriteTokens: Number(row.cache_write_tokens ?? 0),
            estimated: row.usage_estimated === 1,
          },
    latencyMs: row.latency_ms === null ? null : Number(row.latency_ms),
    createdAt: row.created_at,
  };
}

/** A conversation the user owns; another member's id is indistinguishable from a missing one. */
export async function findOwnConversation(
  db: Kysely<Database>,
  userId: string,
  id: string,
): Promise<ConversationRow> {
  const row = await db
    .selectFrom('conversations')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound('conversation');
  return row;
}

/**
 * Starts a conversation in a target language, at the learner's level for it unless one is given,
 * with the persona, scenario, mode and subject the tutor resolved (`setup`).
 */
export async function createConversation(
  db: Kysely<Database>,
  clock: Clock,
  userId: string,
  input: ConversationCreate,
  setup?: ConversationSetup,
  /** The creator's interface language: the title made when none is given is in it. */
  readerLanguage: InterfaceLanguage = 'en',
): Promise<Conversation> {
  const known = await db
    .selectFrom('user_languages')
    .select('level')
    .where('user_id', '=', userId)
    .where('language', '=', input.language)
    .executeTakeFirst();
  const level = input.level ?? setup?.level ?? (known?.level as CefrLevel | undefined) ?? 'A1';
  const now = clock.now().toISOString();
  const row: ConversationRow = {
    id: newId(clock.now().getTime()),
    user_id: userId,
    title:
      input.title ??
      setup?.title ??
      translate(readerLanguage, 'conversation-list.defaultTitle', {
        language: languageNameFor(readerLanguage, input.language),
      }),
    language: input.language,
    level,
    persona_id: setup?.persona_id ?? null,
    scenario_id: setup?.scenario_id ?? null,
    mode: setup?.mode ?? null,
    subject: setup?.subject ?? null,
    correction_policy: setup?.correction_policy ?? null,
    goals_met_json: '[]',
    ended_at: null,
    outcome_json: null,
    summary: null,
    summary_through: null,
    message_count: 0,
    created_at: now,
    updated_at: now,
    last_message_at: null,
    // A title the learner gave is theirs; otherwise a summary of the conversation replaces it later.
    title_source: input.title ? 'learner' : 'default',
  };
  await db.insertInto('conversations').values(row).execute();
  return presentConversation(row);
}

/**
 * The learner's conversations, newest activity first; `q` searches titles and message text, ignoring
 * case and accents ("cafe" finds "Café"; `db/folded-match.ts` says how and why).
 */
export async function listConversations(
  { db, kind }: { db: Kysely<Database>; kind: DatabaseKind },
  userId: string,
  options: { q?: string | undefined; limit: number },
): Promise<ConversationListItem[]> {
  let query = db.selectFrom('conversations').selectAll().where('user_id', '=', userId);
  const q = options.q;
  if (q) {
    const matches = (column: string) => containsFolded(kind, column, q);
    query = query.where((eb) =>
      eb.or([
        matches('conversations.title'),
        eb.exists(
          eb
            .selectFrom('messages')
            .select('messages.id')
            .whereRef('messages.conversation_id', '=', 'conversations.id')
            .where(matches('messages.text')),
        ),
      ]),
    );
  }
  const rows = await query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
  const previews = new Map<string, string>();
  for (const row of rows) {
    const last = await db
      .selectFrom('messages')
      .select('text')
      .where('conversation_id', '=', row.id)
      .where('text', '!=', '')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    // Replies are Markdown; a list row shows words, not `**` and `###` (cut after, so markers never count).
    if (last) previews.set(row.id, markdownToPlainText(last.text).slice(0, 140));
  }
  return rows.map((row) => ({ ...presentConversation(row), preview: previews.get(row.id) ?? null }));
}

/** One page of messages, oldest first, ending before `before` (or at the newest). */
export async function readConversationPage(
  db: Kysely<Database>,
  userId: string,
  id: string,
  options: { before?: string | undefined; limit: number; language?: InterfaceLanguage },
) {
  const conversation = await findOwnConversation(db, userId, id);
  let query = db.selectFrom('messages').selectAll().where('conversation_id', '=', id);
  if (options.before) query = query.where('id', '<', options.before);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(options.limit + 1)
    .execute();
  const hasMore = rows.length > options.limit;
  const page = rows.slice(0, options.limit).reverse();
  const feedback = await feedbackForMessages(
    db,
    page.filter((row) => row.role === 'learner').map((row) => row.id),
    options.language ?? 'en',
  );
  return {
    conversation: presentConversation(conversation),
    messages: page.map((row) => ({
      ...presentMessage(row, options.language ?? 'en'),
      ...(row.role === 'learner' && { feedback: feedback.get(row.id) ?? null }),
    })),
    hasMore,
  };
}

export async function renameConversation(
  db: Kysely<Database>,
  clock: Clock,
  userId: string,
  id: string,
  title: string,
): Promise<Conversation> {
  await findOwnConversation(db, userId, id);
  await db
    .updateTable('conversations')
    .set({ title, title_source: 'learner', updated_at: clock.now().toISOString() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .execute();
  return presentConversation(await findOwnConversation(db, userId, id));
}

export async function deleteConversation(db: Kysely<Database>, userId: string, id: string): Promise<void> {
  await findOwnConversation(db, userId, id);
  await db.deleteFrom('conversations').where('id', '=', id).where('user_id', '=', userId).execute();
}
