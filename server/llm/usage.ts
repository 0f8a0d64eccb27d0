import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import type { TokenUsage } from './types.ts';

/*
 * Token usage as the vendors report it, converted once into the ledger's shape: uncached input,
 * cache reads and writes (1-hour writes apart) and output, or the documented estimate when a call
 * reported nothing.
 */

/** UTF-8 length without encoding a copy. */
export const byteLength = (text: string) => Buffer.byteLength(text);

/** The documented estimate when a provider reports no usage: ceil(UTF-8 bytes / 4) each way. */
export function estimateUsage(sentText: string, outputText: string): TokenUsage {
  return {
    inputTokens: Math.ceil(byteLength(sentText) / 4),
    outputTokens: Math.ceil(byteLength(outputText) / 4),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    estimated: true,
  };
}

export type SdkUsage = {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  inputTokenDetails?: {
    noCacheTokens: number | undefined;
    cacheReadTokens: number | undefined;
    cacheWriteTokens: number | undefined;
  };
  /** The provider's own usage object; Anthropic's splits cache writes by TTL. */
  raw?: unknown;
};

/** Anthropic's `cache_creation.ephemeral_1h_input_tokens`: 1-hour writes cost more than 5-minute ones. */
function oneHourCacheWrites(raw: unknown): number {
  if (typeof raw !== 'object' || raw === null) return 0;
  const creation = (raw as { cache_creation?: unknown }).cache_creation;
  if (typeof creation !== 'object' || creation === null) return 0;
  const tokens = (creation as { ephemeral_1h_input_tokens?: unknown }).ephemeral_1h_input_tokens;
  return typeof tokens === 'number' && Number.isFinite(tokens) && tokens > 0 ? tokens : 0;
}

/**
 * The AI SDK's `inputTokens` includes cache reads and writes; we store the uncached part so that
 * each kind is priced once at its own rate.
 */
export function normalizeUsage(usage: SdkUsage | undefined): TokenUsage | undefined {
  if (!usage || (usage.inputTokens === undefined && usage.outputTokens === undefined)) return undefined;
  const cacheReadTokens = usage.inputTokenDetails?.cacheReadTokens ?? 0;
  const cacheWriteTokens = usage.inputTokenDetails?.cacheWriteTokens ?? 0;
  const inputTokens =
    usage.inputTokenDetails?.noCacheTokens ??
    Math.max(0, (usage.inputTokens ?? 0) - cacheReadTokens - cacheWriteTokens);
  const cacheWrite1hTokens = Math.min(cacheWriteTokens, oneHourCacheWrites(usage.raw));
  return {
    inputTokens,
    outputTokens: usage.outputTokens ?? 0,
    cacheReadTokens,
    cacheWriteTokens,
    ...(cacheWrite1hTokens > 0 && { cacheWrite1hTokens }),
    estimated: false,
  };
}

/** The adapters' usage shape, as the AI SDK's own `totalUsage` presents it. */
export function fromAdapterUsage(usage: LanguageModelV4Usage): SdkUsage {
  return {
    inputTokens: usage.inputTokens.total,
    outputTokens: usage.outputTokens.total,
    inputTokenDetails: {
      noCacheTokens: usage.inputTokens.noCache,
      cacheReadTokens: usage.inputTokens.cacheRead,
      cacheWriteTokens: usage.inputTokens.cacheWrite,
    },
    raw: usage.raw,
  };
}

export const zeroUsage: TokenUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  estimated: false,
};
