import type { Config } from '../config.ts';
import type { WithinReservation } from '../llm/call-budget.ts';
import type { BudgetHold, ModelGateway } from '../llm/gateway.ts';

/**
 * Reserves the most the tutor's reply to a turn can cost — its exact prompt (`promptBytes`, built
 * before the hold with the learner's new text appended) plus the output cap — before anything of
 * the turn is stored:
 * at a cap under the block policy this throws the 402 `budget_exceeded` error, and the learner's
 * draft stays with the client. Under the downgrade policy the hold names the cheaper chain.
 * `within` (the turn's messages) commits with the hold, all or nothing, so a refusal stores nothing.
 */
export function holdReplyBudget(
  deps: { gateway: ModelGateway; config: Config },
  context: { userId: string; conversationId: string; language: string },
  promptBytes: number,
  within?: WithinReservation,
  tutorMessageId?: string,
): Promise<BudgetHold | undefined> {
  return deps.gateway.holdBudget(
    { ...context, purpose: 'reply', role: 'conversation' },
    {
      promptBytes,
      maxOutputTokens: deps.config.REPLY_MAX_OUTPUT_TOKENS,
      within,
      messageId: tutorMessageId,
    },
  );
}
