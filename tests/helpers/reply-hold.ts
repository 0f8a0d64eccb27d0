import { createPriceTable, maximumCallCost } from '../../server/budget/prices.ts';
import type { Config } from '../../server/config.ts';
import { findOwnConversation } from '../../server/conversations/conversations.ts';
import { promptBytes } from '../../server/conversations/memory.ts';
import { composeReplyPrompt } from '../../server/conversations/turn.ts';
import type { DatabaseHandle } from '../../server/db/connect.ts';
import type { Clock } from '../../server/lib/clock.ts';

const haiku = createPriceTable({}).resolve({ provider: 'anthropic', model: 'claude-haiku-4-5' }).rates;

/**
 * What the server holds for the next reply in a conversation (Claude Haiku, the default): the exact
 * prompt it would send with `text` appended, priced at its maximum. Tests size caps from it.
 */
export async function replyHoldFor(
  app: { database: DatabaseHandle; clock: Clock; config: Config },
  userId: string,
  conversationId: string,
  text: string,
): Promise<number> {
  const conversation = await findOwnConversation(app.database.db, userId, conversationId);
  const prompt = await composeReplyPrompt(
    { db: app.database.db, clock: app.clock, config: app.config },
    userId,
    conversation,
    { pending: { id: 'ffffffff-ffff-7fff-bfff-ffffffffffff', text } },
  );
  return maximumCallCost(haiku, {
    promptBytes: promptBytes(prompt.memory),
    maxOutputTokens: app.config.REPLY_MAX_OUTPUT_TOKENS,
    cacheWrite: '5m',
  });
}
