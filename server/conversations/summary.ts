import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import type { ModelGateway } from '../llm/gateway.ts';
import { composeMemorySummaryPrompt } from '../tutor/system-prompt.ts';
import { estimateTokens, splitWindow } from './memory.ts';

const batchSize = 40;
const maxRoundsPerRefresh = 5;
/** The fewest turns outside the window worth a summary call (unless they are long, see below). */
const minimumBatch = 10;

/**
 * Whether the turns that have left the window are worth folding into the summary now: at least
 * `minimumBatch` messages, or a quarter of the window's tokens. Folding every turn as it left the
 * window cost a summary call — the whole summary rewritten, up to its cap in output tokens —
 * after every reply of a long conversation, about as much as the reply itself; the turns waiting
 * for the next batch are a few exchanges older than anything in the window.
 */
export function summaryDue(outside: ReadonlyArray<{ text: string }>, windowTokens: number): boolean {
  if (outside.length >= minimumBatch) return true;
  let tokens = 0;
  for (const message of outside) tokens += estimateTokens(message.text) + 4;
  return tokens >= windowTokens / 4;
}

export type SummaryDeps = {
  db: Kysely<Database>;
  config: Config;
  clock: Clock;
  gateway: ModelGateway;
  log: { warn(object: unknown, message: string): void };
};

/** Cuts text to a token estimate, at a word boundary, so the summary never passes its cap. */
function capToTokens(text: string, maxTokens: number): string {
  let result = text.trim();
  while (estimateTokens(result) > maxTokens) {
    const cut = result.lastIndexOf(' ', Math.floor(result.length * 0.9));
    result = result.slice(0, cut > 0 ? cut : Math.floor(result.length * 0.9)).trim();
  }
  return result;
}

const inFlight = new Set<string>();

/**
 * Folds the turns that have left the memory window into the conversation's rolling summary. Runs
 * in the background after a reply, never before one. Idempotent: a per-conversation guard in this
 * process, and a conditional update (compare-and-set on `summary_through`) across processes, so
 * two refreshes can never fold the same turns twice or overwrite each other.
 */
export async function refreshSummary(
  deps: SummaryDeps,
  conversationId: string,
  userId: string,
): Promise<void> {
  if (inFlight.has(conversationId)) return;
  inFlight.add(conversationId);
  try {
    for (let round = 0; round < maxRoundsPerRefresh; round++) {
      const conversation = await deps.db
        .selectFrom('conversations')
        .select(['id', 'summary', 'summary_through', 'language'])
        .where('id', '=', conversationId)
        .executeTakeFirst();
      if (!conversation || !deps.gateway.isAvailable('summary', conversation.language)) return;

      let newest = deps.db
        .selectFrom('messages')
        .select(['id', 'role', 'text'])
        .where('conversation_id', '=', conversationId)
        .where('status', '!=', 'streaming')
        .where('text', '!=', '');
      if (conversation.summary_through) newest = newest.where('id', '>', conversation.summary_through);
      const recent = await newest.orderBy('id', 'desc').limit(200).execute();
      const { window } = splitWindow(recent, deps.config.MEMORY_WINDOW_TOKENS);
      const windowStart = window[0]?.id;
      if (!windowStart) return;

      let older = deps.db
        .selectFrom('messages')
        .select(['id', 'role', 'text'])
        .where('conversation_id', '=', conversationId)
        .where('status', '!=', 'streaming')
        .where('text', '!=', '')
        .where('id', '<', windowStart);
      if (conversation.summary_through) older = older.where('id', '>', conversation.summary_through);
      const batch = await older.orderBy('id', 'asc').limit(batchSize).execute();
      const last = batch[batch.length - 1];
      if (!last || !summaryDue(batch, deps.config.MEMORY_WINDOW_TOKENS)) return;

      const turns = batch
        .map((message) => `${message.role === 'learner' ? 'Learner' : 'Tutor'}: ${message.text}`)
        .join('\n');
      const { text } = await deps.gateway.generateText(
        {
          userId,
          conversationId,
          purpose: 'memory-summary',
          role: 'summary',
          language: conversation.language,
        },
        {
          system: composeMemorySummaryPrompt(deps.config.MEMORY_SUMMARY_MAX_TOKENS),
          messages: [
            {
              role: 'user',
              content: `Current summary:\n${conversation.summary ?? '(none yet)'}\n\nNew turns to fold in:\n${turns}`,
            },
          ],
          maxOutputTokens: deps.config.MEMORY_SUMMARY_MAX_TOKENS,
        },
      );
      let update = deps.db
        .updateTable('conversations')
        .set({ summary: capToTokens(text, deps.config.MEMORY_SUMMARY_MAX_TOKENS), summary_through: last.id })
        .where('id', '=', conversationId);
      update = conversation.summary_through
        ? update.where('summary_through', '=', conversation.summary_through)
        : update.where('summary_through', 'is', null);
      const result = await update.executeTakeFirst();
      // Another process folded these turns first: its summary stands.
      if (Number(result.numUpdatedRows) === 0) return;
    }
  } catch (error) {
    deps.log.warn(
      { err: error, conversationId },
      'summary refresh failed; older turns stay out of the prompt until the next one',
    );
  } finally {
    inFlight.delete(conversationId);
  }
}
