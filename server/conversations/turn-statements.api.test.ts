import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable, testDbKind } from '../../tests/harness/test-database.ts';
import {
  fakeProviderEnv,
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
} from '../../tests/helpers/test-app.ts';
import { eventually, sendTurn, startConversation } from '../../tests/helpers/turns.ts';
import { type FakeLlm, startFakeLlm } from '../../tools/fake-llm/fake-llm.ts';

/**
 * Every statement one complete turn (reply and feedback, with their budget holds and settlements)
 * sends to PostgreSQL, BEGIN and COMMIT included: each is a round trip on the turn's path. The goal
 * (architecture: ≤ 10) is met with 6 for this turn — a reply shorter than one growing-text save
 * interval and an analysis that found nothing to record beside its row (mistakes add their error
 * events in a transaction). The test holds the count where it is, so a change that adds a round
 * trip fails here, and prints the statements for whoever looks.
 */
describe.skipIf(testDbKind !== 'postgres' || postgresUnavailable())(
  'PostgreSQL statements of one turn',
  () => {
    let fake: FakeLlm;
    let testApp: TestApp;
    const seen: string[] = [];
    let counting = false;
    const originalQuery = pg.Client.prototype.query;

    beforeAll(async () => {
      fake = await startFakeLlm();
      testApp = await startTestApp({
        env: {
          ...fakeProviderEnv(fake),
          LLM_CHAIN_CONVERSATION: 'anthropic',
          LLM_CHAIN_FEEDBACK: 'anthropic',
        },
      });
      // Every statement of every pooled client goes through Client#query.
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        if (counting) {
          const first = args[0] as string | { text?: string };
          seen.push(
            (typeof first === 'string' ? first : (first?.text ?? '')).replace(/\s+/g, ' ').slice(0, 90),
          );
        }
        return (originalQuery as (...inner: unknown[]) => unknown).apply(this, args);
      } as typeof pg.Client.prototype.query;
    });
    afterAll(async () => {
      pg.Client.prototype.query = originalQuery;
      await testApp?.close();
      await fake?.close();
    });

    it('counts the round trips of a complete turn', async () => {
      const owner = await signUpOwner(testApp);
      await onboard(owner, 'es', 'A2');
      const conversationId = await startConversation(owner, { language: 'es' });
      // A first turn warms what is read once per process (settings rows created on first use).
      await sendTurn(owner, conversationId, 'Hola, ¿qué tal?');
      const settled = () =>
        eventually(
          async () =>
            (await testApp.database.db.selectFrom('budget_reservations').select('id').execute()).length === 0,
        );
      await settled();
      seen.length = 0;
      counting = true;
      const turn = await sendTurn(owner, conversationId, 'Ayer fui al mercado con mi hermana.');
      await settled();
      counting = false;
      expect(turn.status).toBe(200);
      // The settle check above reads budget_reservations once more per poll: not part of the turn.
      const statements = seen.filter(
        (text) =>
          !/from "budget_reservations"$/.test(text) && !/^select "id" from "budget_reservations"/.test(text),
      );
      console.log(
        `${statements.length} PostgreSQL statements in one complete turn:\n  ${statements.join('\n  ')}`,
      );
      expect(statements.length).toBeGreaterThan(4);
      expect(statements.length).toBeLessThanOrEqual(6);
    });
  },
);
