import type { Insertable } from 'kysely';
import type { LedgerEntriesTable } from '../db/schema.ts';
import { newId } from '../lib/ids.ts';
import type { LedgerEntry } from '../llm/call-budget.ts';

export type { LedgerEntry, LedgerOutcome } from '../llm/call-budget.ts';

/** The ledger row of one call: who, what, how many tokens, what it cost, how it ended. */
export function ledgerRow(
  entry: LedgerEntry,
  pricing: {
    at: Date;
    costMicros: number;
    priceFallback: boolean;
    reservedMicros: number;
    monthKey: string;
    dayKey: string;
  },
): Insertable<LedgerEntriesTable> {
  return {
    id: newId(pricing.at.getTime()),
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
    cache_write_1h_tokens: entry.usage.cacheWrite1hTokens ?? 0,
    usage_estimated: entry.usage.estimated ? 1 : 0,
    cost_micros: pricing.costMicros,
    price_fallback: pricing.priceFallback ? 1 : 0,
    reserved_micros: pricing.reservedMicros,
    budget_month: pricing.monthKey,
    budget_day: pricing.dayKey,
    latency_ms: Math.round(entry.latencyMs),
    outcome: entry.outcome,
    error_code: entry.errorCode ?? null,
    created_at: pricing.at.toISOString(),
  };
}
