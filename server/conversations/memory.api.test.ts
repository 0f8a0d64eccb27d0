import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable } from '../../tests/harness/test-database.ts';
import {
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';
import { eventually, sendTurn } from '../../tests/helpers/turns.ts';
import { type FakeLlm, startFakeLlm } from '../../tools/fake-llm/fake-llm.ts';
import { estimateTokens, splitWindow, toAlternatingMessages } from './memory.ts';
import { refreshSummary, summaryDue } from './summary.ts';

describe('memory window', () => {
  it('keeps the newest messages that fit, always the newest one, oldest first', () => {
    const newestFirst = [
      { id: '4', role: 'learner' as const, text: 'x'.repeat(400) },
      { id: '3', role: 'tutor' as const, text: 'y'.repeat(40) },
      { id: '2', role: 'learner' as const, text: 'z'.repeat(40) },
      { id: '1', role: 'tutor' as const, text: 'w'.repeat(40) },
    ];
    const { window, overflow } = splitWindow(newestFirst, 130);
    expect(window.map((message) => message.id)).toEqual(['3', '4']);
    expect(overflow.map((message) => message.id)).toEqual(['1', '2']);
    // A single message larger than the budget is still sent.
    expect(splitWindow(newestFirst, 10).window.map((message) => message.id)).toEqual(['4']);
    expect(estimateTokens('ñ')).toBe(1);
  });

  it('merges consecutive turns of one role so providers see alternating roles', () => {
    expect(
      toAlternatingMessages([
        { id: '1', role: 'learner', text: 'a' },
        { id: '2', role: 'learner', text: 'b' },
        { id: '3', role: 'tutor', text: 'c' },
      ]),
    ).toEqual([
      { role: 'user', content: 'a\n\nb' },
      { role: 'assistant', content: 'c' },
    ]);
  });
});

describe('when the summary is due', () => {
  const message = (tokens: number) => ({ text: 'x'.repeat(tokens * 4) });
  it('waits for a batch: ten messages, or a quarter of the window in tokens', () => {
    expect(summaryDue([], 2000)).toBe(false);
    // One short exchange past the window is not worth rewriting the whole summary for.
    expect(summaryDue([message(20), message(30)], 2000)).toBe(false);
    expect(
      summaryDue(
        Array.from({ length: 9 }, () => message(10)),
        2000,
      ),
    ).toBe(false);
    expect(
      summaryDue(
        Array.from({ length: 10 }, () => message(10)),
        2000,
      ),
    ).toBe(true);
    // Long turns: a quarter of the window's tokens (each message counts 4 tokens of framing).
    expect(summaryDue([message(246), message(246)], 2000)).toBe(true);
    expect(summaryDue([message(245), message(246)], 2000)).toBe(false);
  });
});

describe.skipIf(postgresUnavailable())('rolling summary', () => {
  let fake: FakeLlm;
  let testApp: TestApp;
  let learner: TestClient;
  const window = 200;

  beforeAll(async () => {
    fake = await startFakeLlm({ defaultReplyTokens: 12 });
    testApp = await startTestApp({
      env: {
        ANTHROPIC_API_KEY: 'test-key',
        ANTHROPIC_BASE_URL: fake.anthropicBaseURL,
        MEMORY_WINDOW_TOKENS: String(window),
        MEMORY_SUMMARY_MAX_TOKENS: '60',
      },
    });
    learner = await signUpOwner(testApp);
    await onboard(learner, 'es', 'B1');
  });
  afterAll(async () => {
    await testApp.close();
    await fake.close();
  });

  const isSummaryCall = (system: string) => system.includes('running memory');
  const summaryCalls = () =>
    fake.requests({ provider: 'anthropic' }).filter((request) => isSummaryCall(systemOf(request.body)));
  // Reply calls: neither the summary nor a structured analysis (feedback) call.
  const replyCalls = () =>
    fake
      .requests({ provider: 'anthropic' })
      .filter((request) => !request.structured && !isSummaryCall(systemOf(request.body)));
  const systemOf = (body: unknown) =>
    JSON.stringify((body as { system?: unknown; messages?: unknown }).system ?? '') +
    JSON.stringify(
      (body as { messages?: Array<{ role: string }> }).messages?.filter(
        (message) => message.role === 'system',
      ) ?? '',
    );

  it('keeps reply prompts bounded while older turns move into the summary, without blocking replies', async () => {
    const created = await learner.post('/api/conversations', { language: 'es' });
    const conversationId = created.body.conversation.id as string;
    // The summary call is slow: replies must not wait for it.
    fake.script({
      system: 'running memory',
      text: 'The learner, Ana, talks about her week and her dog Toby.',
      firstTokenDelayMs: 400,
      times: 'always',
    });
    const promptSizes: number[] = [];
    let turnFinishedDuringSummary = false;
    for (let turn = 0; turn < 16; turn++) {
      const result = await sendTurn(
        learner,
        conversationId,
        `Turno ${turn}: me llamo Ana y tengo un perro que se llama Toby.`,
      );
      expect(result.events.at(-1)?.type).toBe('done');
      if (summaryCalls().some((call) => call.finishedAt === null)) turnFinishedDuringSummary = true;
      const last = replyCalls().at(-1);
      const usage = last?.usage;
      promptSizes.push(
        (usage?.inputTokens ?? 0) + (usage?.cacheReadTokens ?? 0) + (usage?.cacheWriteTokens ?? 0),
      );
    }
    // A turn completed while a summary call was still running: summaries never block replies.
    expect(summaryCalls().length).toBeGreaterThan(0);
    expect(turnFinishedDuringSummary).toBe(true);

    const conversation = await eventually(async () => {
      const row = await testApp.database.db
        .selectFrom('conversations')
        .selectAll()
        .where('id', '=', conversationId)
        .executeTakeFirstOrThrow();
      return row.summary ? row : undefined;
    });
    expect(conversation.summary).toContain('Toby');
    expect(conversation.summary_through).not.toBeNull();

    // Bounded: after the window filled up, prompts stop growing with the conversation.
    const systemAndSummary = 60 + 400;
    for (const size of promptSizes) expect(size).toBeLessThan(window + systemAndSummary + 200);
    expect(Math.max(...promptSizes.slice(-4))).toBeLessThanOrEqual(
      Math.max(...promptSizes.slice(4, 8)) * 1.5,
    );

    // The reply prompt carries the summary; the summary call never carries the tutor's system prompt.
    await sendTurn(learner, conversationId, '¿Te acuerdas de mi perro?');
    const lastReply = replyCalls().at(-1);
    expect(systemOf(lastReply?.body)).toContain('Summary of the earlier conversation');
    for (const call of summaryCalls()) expect(systemOf(call.body)).not.toContain('You are Charla');

    // Every summary call is metered like any other call, once it has finished.
    await eventually(async () => summaryCalls().every((call) => call.finishedAt !== null));
    await eventually(async () => {
      const ledger = await testApp.database.db
        .selectFrom('ledger_entries')
        .select('purpose')
        .where('conversation_id', '=', conversationId)
        .where('purpose', '=', 'memory-summary')
        .execute();
      return ledger.length === summaryCalls().length;
    });
  });

  it('is idempotent: concurrent refreshes fold the same turns once', async () => {
    const created = await learner.post('/api/conversations', { language: 'es' });
    const conversationId = created.body.conversation.id as string;
    fake.reset();
    fake.script({ system: 'running memory', text: 'Summary once.', firstTokenDelayMs: 200, times: 'always' });
    // Enough turns that those outside the window make a batch worth a summary call.
    for (let turn = 0; turn < 10; turn++) {
      await sendTurn(
        learner,
        conversationId,
        `Frase número ${turn} con bastantes palabras para llenar la ventana de memoria.`,
      );
    }
    // Wait for whatever the turns started (a background refresh pauses between its rounds, so "no
    // call in flight" must hold for a while, not just once), then race two refreshes by hand.
    await eventually(async () => {
      if (await summariesInFlight()) return false;
      const seen = fake.requests().length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      return !(await summariesInFlight()) && fake.requests().length === seen;
    }, 15_000);
    const before = fake.requests().filter((request) => isSummaryCall(systemOf(request.body))).length;
    await testApp.database.db
      .updateTable('conversations')
      .set({ summary: null, summary_through: null })
      .where('id', '=', conversationId)
      .execute();
    const userId = (await learner.get('/api/me')).body.user.id as string;
    const deps = {
      db: testApp.database.db,
      config: testApp.config,
      clock: testApp.clock,
      gateway: testApp.llm.gateway,
      log: { warn: () => {} },
    };
    await Promise.all([
      refreshSummary(deps, conversationId, userId),
      refreshSummary(deps, conversationId, userId),
    ]);
    const after = fake.requests().filter((request) => isSummaryCall(systemOf(request.body))).length;
    expect(after - before).toBe(1);

    async function summariesInFlight() {
      return fake
        .requests()
        .some((request) => isSummaryCall(systemOf(request.body)) && request.finishedAt === null);
    }
  });
});
