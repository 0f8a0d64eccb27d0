import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import type { ModelGateway } from '../llm/gateway.ts';
import { composeTitlePrompt } from '../tutor/system-prompt.ts';

export type TitleDeps = {
  db: Kysely<Database>;
  clock: Clock;
  gateway: ModelGateway;
  log: { warn(object: unknown, message: string): void };
};

/** At most this many of the first messages are read: a title names what the talk is about. */
const messagesRead = 6;

/** A title as the model wrote it, made fit for a list: one line, no quotes, at most 60 characters. */
export function cleanTitle(text: string): string {
  const line = text.split('\n').find((part) => part.trim()) ?? '';
  const bare = line
    .trim()
    .replace(/^(title|título|titre|titel|titolo)\s*:\s*/i, '')
    .replace(/^["'«“„*#\s]+|["'»”*\s.]+$/g, '')
    .replace(/\s+/g, ' ');
  return bare.length > 60 ? `${bare.slice(0, 57).trimEnd()}…` : bare;
}

const inFlight = new Set<string>();

/**
 * Names a conversation still under its default title (the scenario's or the mode's) with a few
 * words from the summary role, metered as `title`, in the background after a reply. The learner's
 * own title is never replaced: the update is conditional on the title still being the default.
 */
export async function generateTitle(deps: TitleDeps, conversationId: string, userId: string): Promise<void> {
  if (inFlight.has(conversationId)) return;
  inFlight.add(conversationId);
  try {
    const conversation = await deps.db
      .selectFrom('conversations')
      .innerJoin('users', 'users.id', 'conversations.user_id')
      .select(['conversations.language', 'conversations.title_source', 'users.is_child'])
      .where('conversations.id', '=', conversationId)
      .where('conversations.user_id', '=', userId)
      .executeTakeFirst();
    if (conversation?.title_source !== 'default') return;
    if (!deps.gateway.isAvailable('summary', conversation.language)) return;
    const messages = await deps.db
      .selectFrom('messages')
      .select(['role', 'text'])
      .where('conversation_id', '=', conversationId)
      .where('status', '!=', 'streaming')
      .where('text', '!=', '')
      .orderBy('id', 'asc')
      .limit(messagesRead)
      .execute();
    if (!messages.some((message) => message.role === 'learner')) return;
    const transcript = messages
      .map((message) => `${message.role === 'learner' ? 'Learner' : 'Tutor'}: ${message.text.slice(0, 600)}`)
      .join('\n');
    const { text } = await deps.gateway.generateText(
      { userId, conversationId, purpose: 'title', role: 'summary', language: conversation.language },
      {
        system: composeTitlePrompt({ language: conversation.language, isChild: conversation.is_child === 1 }),
        messages: [{ role: 'user', content: transcript }],
        maxOutputTokens: 24,
      },
    );
    const title = cleanTitle(text);
    if (!title) return;
    await deps.db
      .updateTable('conversations')
      .set({ title, title_source: 'generated', updated_at: deps.clock.now().toISOString() })
      .where('id', '=', conversationId)
      .where('title_source', '=', 'default')
      .execute();
  } catch (error) {
    // A title is a nicety: a failed call leaves the default, and the next turn tries again.
    deps.log.warn({ err: error, conversationId }, 'could not title a conversation');
  } finally {
    inFlight.delete(conversationId);
  }
}
