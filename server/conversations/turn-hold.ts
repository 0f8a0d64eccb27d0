import type { Config } from '../config.ts';
import type { WithinReservation } from '../llm/call-budget.ts';
import type { BudgetHold, ModelGateway } from '../llm/gateway.ts';

/**
 * Room in the reply prompt for everything that is not conversation text: the tutor's system prompt
 * with its persona, scenario and mode rules. Prompts measured here stay under 4 KiB; should one
 * grow past this, the gateway raises the hold to the exact prompt before calling (checked against
 * the caps like any reservation), so the bound only decides how early a refusal can come.
 */
export const replySystemAllowanceBytes = 8192;

/**
 * An upper bound on the UTF-8 bytes of the reply prompt for a turn, known before the turn is
 * stored: the learner's new text (always sent whatever its size), the memory window and the rolling
 * summary at their caps (both are budgets of ceil(bytes / 4) tokens, so 4 bytes per token), and the
 * system allowance.
 */
export function replyPromptBytesBound(config: Config, learnerText: string): number {
  return (
    Buffer.byteLength(learnerText) +
    4 * (config.MEMORY_WINDOW_TOKENS + config.MEMORY_SUMMARY_MAX_TOKENS) +
    replySystemAllowanceBytes
  );
}

/**
 * Reserves the most the tutor's reply to a turn can cost, before anything of the turn is stored:
 * at a cap under the block policy this throws the 402 `budget_exceeded` error, and the learner's
 * draft stays with the client. Under the downgrade policy the hold names the cheaper chain.
 * `within` commits in the hold's own transaction (the turn's messages), so a refusal stores nothing.
 */
export function holdReplyBudget(
  deps: { gateway: ModelGateway; config: Config },
  context: { userId: string; conversationId: string; language: string },
  learnerText: string,
  within?: WithinReservation,
  tutorMessageId?: string,
): Promise<BudgetHold | undefined> {
  return deps.gateway.holdBudget(
    { ...context, purpose: 'reply', role: 'conversation' },
    {
      promptBytes: replyPromptBytesBound(deps.config, learnerText),
      maxOutputTokens: deps.config.REPLY_MAX_OUTPUT_TOKENS,
      within,
      messageId: tutorMessageId,
    },
  );
}
