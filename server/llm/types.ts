import type { z } from 'zod';
import type { LedgerPurpose } from '../../contracts/budget.ts';
import type { ModelRole } from '../../contracts/providers.ts';

/** Which configured model chain serves a call: the contracts' one list of roles. */
export type { ModelRole };

/** Why a call was made: the ledger groups spending by purpose (the contracts' closed list). */
export type CallPurpose = LedgerPurpose;

export type { ProviderKind } from '../../contracts/providers.ts';

/** Who a model call is for; budgets and the ledger key on it. */
export type CallContext = {
  userId: string;
  conversationId?: string | undefined;
  purpose: CallPurpose;
  role: ModelRole;
  /** Target language, for per-language provider chains. */
  language?: string | undefined;
};

export type ChatMessage = { role: 'user' | 'assistant'; content: string };

/** Token usage as the provider reported it. `inputTokens` excludes cache reads and writes. */
export type TokenUsage = {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** The part of `cacheWriteTokens` written with a 1-hour TTL (priced above 5-minute writes); 0 when absent. */
  cacheWrite1hTokens?: number;
  /** True when the provider reported nothing and the numbers are the documented estimate. */
  estimated: boolean;
};

export type ModelCallResult = {
  provider: string;
  model: string;
  usage: TokenUsage;
  latencyMs: number;
  attempts: number;
};

export type StructuredRequest<T> = {
  system: string;
  messages: ChatMessage[];
  schema: z.ZodType<T>;
  /** Short name of the output, sent to providers that want one. */
  schemaName: string;
  maxOutputTokens: number;
  abortSignal?: AbortSignal;
};

/**
 * A structured call through the gateway (budgeted, metered, retried). Throws `ModelOutputError`
 * (with the raw text) when the model's output does not validate.
 */
export type GenerateStructured = <T>(
  context: CallContext,
  request: StructuredRequest<T>,
) => Promise<{ object: T } & ModelCallResult>;
