import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import type { CallContext, TokenUsage } from '../llm/types.ts';

export type LedgerOutcome = 'ok' | 'partial' | 'error' | 'aborted';

export type LedgerEntry = {
  context: CallContext;
  provider: string;
  model: string;
  usage: TokenUsage;
  latencyMs: number;
  outcome: LedgerOutcome;
  errorCode?: string | undefined;
  messageId?: string | undefined;
};

/** Where the gateway reports every model call it makes. */
export type LedgerWriter = { record(entry: LedgerEntry): Promise<void> };

/** One ledger row per model call of every purpose, whatever its outcome. */
export function createLedgerWriter(db: Kysely<Database>, clock: Clock): LedgerWriter {
  return {
    async record(entry) {
      const now = clock.now();
      await db
        .insertInto('ledger_entries')
        .values({
          id: newId(now.getTime()),
          user_id: entry.context.userId,
          conversation_id: entry.context.conversationId ?? null,
          message_id: entry.messageId ?? null,
          purpose: entry.context.purpose,
          provider: entry.provider,
          model: entry.model,
          input_tokens: entry.usage.inputTokens,
          output_tokens: entry.usage.outputTokens,
          cache_read_tokens: entry.usage.cacheReadTokens,
          cache_write_tokens: entry.usage.cacheWriteTokens,
          usage_estimated: entry.usage.estimated ? 1 : 0,
          cost_micros: null,
          latency_ms: Math.round(entry.latencyMs),
          outcome: entry.outcome,
          error_code: entry.errorCode ?? null,
          created_at: now.toISOString(),
        })
        .execute();
    },
  };
}
