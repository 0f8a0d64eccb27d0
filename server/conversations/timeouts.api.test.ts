import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postgresUnavailable } from '../../tests/harness/test-database.ts';
import {
  fakeProviderEnv,
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';
import { eventually, replyText, sendTurn, startConversation } from '../../tests/helpers/turns.ts';
import { type FakeLlm, startFakeLlm } from '../../tools/fake-llm/fake-llm.ts';

/**
 * The three timeouts of a model call, against a real adapter and a fake that hangs: until the
 * response headers (connect), until the first token, and in total. Before any token the chain falls
 * back to the next provider; once the learner has seen text, the reply ends `partial` and keeps it.
 * Every attempt is settled in the ledger, and the hung request is closed.
 */
describe.skipIf(postgresUnavailable())('model-call timeouts', () => {
  let fake: FakeLlm;
  let testApp: TestApp;
  let learner: TestClient;

  beforeAll(async () => {
    fake = await startFakeLlm();
    testApp = await startTestApp({
      env: {
        ...fakeProviderEnv(fake),
        LLM_CHAIN_CONVERSATION: 'anthropic',
        LLM_CHAIN_CONVERSATION_IT: 'anthropic,mistral',
        LLM_CHAIN_FEEDBACK: 'mistral',
        LLM_CONNECT_TIMEOUT_MS: '300',
        LLM_FIRST_TOKEN_TIMEOUT_MS: '600',
        LLM_TOTAL_TIMEOUT_MS: '1500',
        LLM_MAX_RETRIES: '0',
        REPLY_SAVE_INTERVAL_MS: '0',
      },
    });
    learner = await signUpOwner(testApp);
    await onboard(learner, 'es', 'A2');
  });
  afterAll(async () => {
    await testApp.close();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  const errorOf = (events: Array<{ type: string }>) =>
    events.find((event) => event.type === 'error') as { code: string; message: string } | undefined;
  const endOf = (events: Array<{ type: string }>) =>
    events.find((event) => event.type === 'reply-end') as
      | { status: string; tutorMessageId: string }
      | undefined;
  const ledgerFor = (messageId: string) =>
    testApp.database.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('message_id', '=', messageId)
      .execute();

  it('connect: no response headers in time ends the reply failed with a timeout, and closes the request', async () => {
    fake.script({ provider: 'anthropic', structured: false, fault: { type: 'hang' } });
    const conversationId = await startConversation(learner, { language: 'es' });
    const turn = await sendTurn(learner, conversationId, 'Hola, ¿qué tal?');
    expect(endOf(turn.events)?.status).toBe('failed');
    expect(errorOf(turn.events)).toMatchObject({
      code: 'timeout',
      message: 'Could not connect to the provider in time.',
    });
    await eventually(async () =>
      fake.requests({ provider: 'anthropic' }).every((request) => request.aborted),
    );
    const [row] = await ledgerFor(endOf(turn.events)?.tutorMessageId as string);
    expect(row).toMatchObject({ outcome: 'error', error_code: 'timeout' });
  });

  it('first token: headers but no token in time ends the reply failed with its own message', async () => {
    fake.script({ provider: 'anthropic', structured: false, fault: { type: 'hang-after-headers' } });
    const conversationId = await startConversation(learner, { language: 'es' });
    const turn = await sendTurn(learner, conversationId, 'Hola otra vez');
    expect(endOf(turn.events)?.status).toBe('failed');
    expect(errorOf(turn.events)).toMatchObject({
      code: 'timeout',
      message: 'The provider did not start answering in time.',
    });
    await eventually(async () =>
      fake.requests({ provider: 'anthropic' }).every((request) => request.aborted),
    );
  });

  it('before any token, a timeout falls back to the next provider of the chain', async () => {
    fake.script([
      { provider: 'anthropic', structured: false, fault: { type: 'hang' } },
      { provider: 'mistral', structured: false, text: 'Ciao! Come stai?' },
    ]);
    await learner.patch('/api/me/profile', {
      targetLanguages: [
        { language: 'es', level: 'A2' },
        { language: 'it', level: 'A1' },
      ],
    });
    const conversationId = await startConversation(learner, { language: 'it' });
    const turn = await sendTurn(learner, conversationId, 'Ciao!');
    expect(endOf(turn.events)?.status).toBe('complete');
    expect(replyText(turn.events)).toBe('Ciao! Come stai?');
    const rows = await ledgerFor(endOf(turn.events)?.tutorMessageId as string);
    expect(rows.map((row) => [row.provider, row.outcome, row.error_code])).toEqual([
      ['anthropic', 'error', 'timeout'],
      ['mistral', 'ok', null],
    ]);
  });

  it('total: a reply still streaming at the limit ends partial, keeping what the learner saw', async () => {
    const long = Array.from({ length: 60 }, (_, index) => `palabra${index}`).join(' ');
    fake.script({ provider: 'anthropic', structured: false, text: long, tokenDelayMs: 100 });
    const conversationId = await startConversation(learner, { language: 'es' });
    const turn = await sendTurn(learner, conversationId, 'Cuéntame una historia larga');
    expect(endOf(turn.events)?.status).toBe('partial');
    expect(errorOf(turn.events)).toMatchObject({
      code: 'timeout',
      message: 'The reply took too long and was cut off.',
    });
    const seen = replyText(turn.events);
    expect(seen.length).toBeGreaterThan(0);
    expect(long.startsWith(seen)).toBe(true);
    const page = await learner.get(`/api/conversations/${conversationId}`);
    expect(page.body.messages.at(-1)).toMatchObject({
      status: 'partial',
      failureReason: 'timeout',
      text: seen,
    });
    const [row] = await ledgerFor(endOf(turn.events)?.tutorMessageId as string);
    expect(row).toMatchObject({ outcome: 'partial', error_code: 'timeout', usage_estimated: 1 });
    expect(row?.output_tokens).toBe(Math.ceil(Buffer.byteLength(seen) / 4));
  });
});
