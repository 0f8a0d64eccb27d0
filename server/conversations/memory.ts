import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import type { SystemPart } from '../llm/prompt-format.ts';
import type { ChatMessage } from '../llm/types.ts';

/**
 * The same estimate the fake LLM and the ledger use; no tokenizer emits more tokens than bytes / 1.
 * Buffer.byteLength counts without encoding a copy (a turn measures every message it reads).
 */
export const estimateTokens = (text: string) => Math.ceil(Buffer.byteLength(text) / 4);

/** How many rows past the summary are read per turn; the window never needs more than this. */
export const maxRowsScanned = 200;

export type MemoryMessage = { id: string; role: 'learner' | 'tutor'; text: string };

export type TurnMemory = {
  /** System prompt, then the rolling summary: both stable across turns, so both are cache breakpoints. */
  system: SystemPart[];
  messages: ChatMessage[];
  /** Messages newer than the summary that no longer fit the window: a summary refresh is due. */
  overflow: MemoryMessage[];
  /**
   * A new turn's previous tutor text (the feedback analysis reads it), found in the rows this
   * prompt read: null when the conversation has none, undefined when those rows cannot tell.
   */
  previousTutorText?: string | null | undefined;
};

/** The unsummarised messages, newest first, that can take part in a prompt. */
async function unsummarisedMessages(
  db: Kysely<Database>,
  conversationId: string,
  summaryThrough: string | null,
  limit: number,
): Promise<MemoryMessage[]> {
  let query = db
    .selectFrom('messages')
    .select(['id', 'role', 'text'])
    .where('conversation_id', '=', conversationId)
    .where('status', '!=', 'streaming')
    .where('text', '!=', '');
  if (summaryThrough) query = query.where('id', '>', summaryThrough);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

/** Splits newest-first messages into the window that fits the budget and the older overflow. */
export function splitWindow(newestFirst: MemoryMessage[], windowTokens: number) {
  const window: MemoryMessage[] = [];
  let used = 0;
  let index = 0;
  for (; index < newestFirst.length; index++) {
    const message = newestFirst[index] as MemoryMessage;
    const cost = estimateTokens(message.text) + 4;
    // The newest message (the learner's turn) is always sent, whatever its size.
    if (window.length > 0 && used + cost > windowTokens) break;
    window.push(message);
    used += cost;
  }
  return { window: window.reverse(), overflow: newestFirst.slice(index).reverse() };
}

/** Consecutive turns of one role become one message; providers want user and assistant to alternate. */
export function toAlternatingMessages(messages: MemoryMessage[]): ChatMessage[] {
  const result: ChatMessage[] = [];
  for (const message of messages) {
    const role = message.role === 'learner' ? 'user' : 'assistant';
    const previous = result[result.length - 1];
    if (previous && previous.role === role) previous.content = `${previous.content}\n\n${message.text}`;
    else result.push({ role, content: message.text });
  }
  return result;
}

/** UTF-8 bytes of everything a prompt sends: the bound its reservation is computed from. */
export function promptBytes(memory: Pick<TurnMemory, 'system' | 'messages'>): number {
  let bytes = 0;
  for (const part of memory.system) bytes += Buffer.byteLength(part.text) + 1;
  for (const message of memory.messages) bytes += Buffer.byteLength(message.content) + 1;
  return bytes;
}

/**
 * What the model sees this turn: the stable system prompt, the rolling summary of older turns, and
 * the most recent turns that fit MEMORY_WINDOW_TOKENS. Bounded whatever the conversation's length.
 */
export async function buildTurnMemory(
  db: Kysely<Database>,
  config: Config,
  conversation: { id: string; summary: string | null; summary_through: string | null },
  systemPrompt: string,
  options: {
    /** The learner's new message, not stored yet: the prompt is built before the turn's hold. */
    pending?: { id: string; text: string } | undefined;
    /** A stored reply about to be written again (a retry): it is not part of its own prompt. */
    excludeId?: string | undefined;
    /** The unsummarised messages, newest first, when the caller has read them already. */
    preloaded?: MemoryMessage[] | undefined;
  } = {},
): Promise<TurnMemory> {
  const { pending, excludeId } = options;
  const read =
    options.preloaded ??
    (await unsummarisedMessages(db, conversation.id, conversation.summary_through, maxRowsScanned));
  const stored = excludeId ? read.filter((message) => message.id !== excludeId) : read;
  const rows: MemoryMessage[] = pending
    ? [{ id: pending.id, role: 'learner', text: pending.text }, ...stored]
    : stored;
  const { window, overflow } = splitWindow(rows, config.MEMORY_WINDOW_TOKENS);
  const system: SystemPart[] = [{ text: systemPrompt, cache: true }];
  if (conversation.summary) {
    system.push({
      text: `Summary of the earlier conversation (for your memory only):\n${conversation.summary}`,
      cache: true,
    });
  }
  // Newest first, so the first tutor row is the latest before the pending message; with nothing
  // summarised and fewer rows than the scan limit, no tutor row means there is none.
  const previousTutorText = pending
    ? (stored.find((message) => message.role === 'tutor')?.text ??
      (!conversation.summary_through && read.length < maxRowsScanned ? null : undefined))
    : undefined;
  return { system, messages: toAlternatingMessages(window), overflow, previousTutorText };
}
