import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatUsd } from '../../contracts/budget.ts';
import { postgresUnavailable } from '../../tests/harness/test-database.ts';
import { replyHoldFor } from '../../tests/helpers/reply-hold.ts';
import {
  createMember,
  fakeProviderEnv,
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';
import { eventually, sendTurn, startConversation } from '../../tests/helpers/turns.ts';
import { type FakeLlm, startFakeLlm } from '../../tools/fake-llm/fake-llm.ts';
import { newId } from '../lib/ids.ts';
import type { CallContext } from '../llm/types.ts';
import { normalizeUsage } from '../llm/usage.ts';
import { createLlm } from '../model-calls.ts';
import { costOfUsage, createPriceTable } from './prices.ts';

const haiku = createPriceTable({}).resolve({ provider: 'anthropic', model: 'claude-haiku-4-5' }).rates;

describe.skipIf(postgresUnavailable())('budgets and usage', () => {
  let fake: FakeLlm;
  let testApp: TestApp;
  let owner: TestClient;
  let learner: TestClient;
  let learnerId: string;
  let memberCount = 0;

  beforeAll(async () => {
    fake = await startFakeLlm();
    testApp = await startTestApp({
      env: {
        ...fakeProviderEnv(fake),
        LLM_CHAIN_CONVERSATION: 'anthropic',
        LLM_CHAIN_FEEDBACK: 'anthropic',
        LLM_CHAIN_SUMMARY: 'anthropic',
        LLM_CHAIN_EXERCISES: 'anthropic',
        LLM_CHAIN_CONVERSATION_FR: 'mistral',
        LLM_MAX_RETRIES: '0',
      },
    });
    owner = await signUpOwner(testApp);
    ({ client: learner, id: learnerId } = await createMember(testApp, owner, { username: 'learner' }));
    await onboard(learner, 'es', 'A2');
  });
  afterAll(async () => {
    for (const other of others) await other.close();
    await testApp.close();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  async function newMember(): Promise<{ client: TestClient; id: string }> {
    memberCount += 1;
    const member = await createMember(testApp, owner, { username: `member${memberCount}` });
    await onboard(member.client, 'es', 'A2');
    return member;
  }

  const newConversation = (client: TestClient, language = 'es') => startConversation(client, { language });

  const ledgerOf = (userId: string) =>
    testApp.database.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();

  const messageCount = async (userId: string) =>
    (await testApp.database.db.selectFrom('messages').select('id').where('user_id', '=', userId).execute())
      .length;

  /** The replies settle after the stream ends for the client; feedback settles beside them. */
  const settled = () =>
    eventually(async () => {
      const open = await testApp.database.db.selectFrom('budget_reservations').select('id').execute();
      return open.length === 0;
    });

  /** Another process's gateway and meter on the same database (closed when the file ends). */
  const others: Array<{ close(): Promise<void> }> = [];
  async function gatewayForTests() {
    const llm = await createLlm(testApp.config, testApp.database, testApp.clock, { changePollMs: 0 });
    others.push(llm);
    return llm;
  }

  describe('pricing accuracy', () => {
    const usage = { inputTokens: 1200, outputTokens: 90, cacheReadTokens: 8000, cacheWriteTokens: 640 };
    // 1,200 × $1 + 8,000 × $0.10 + 640 × $1.25 + 90 × $5 (per million) = 1,200 + 800 + 800 + 450 µ$.
    const expected = 3250;

    it('prices a streamed and a non-streamed call with the same usage exactly the same', async () => {
      const { gateway } = await gatewayForTests();
      const context: CallContext = { userId: learnerId, purpose: 'memory-summary', role: 'summary' };
      fake.script({ provider: 'anthropic', text: 'Resumen corto.', usage });
      const streamed = await gateway.streamText(context, {
        system: [{ text: 'You summarise.', cache: true }],
        messages: [{ role: 'user', content: 'streamed call' }],
        maxOutputTokens: 200,
        onDelta: () => {},
      });
      expect(streamed.status).toBe('complete');
      fake.script({ provider: 'anthropic', text: 'Resumen corto.', usage });
      await gateway.generateText(context, {
        system: 'You summarise.',
        messages: [{ role: 'user', content: 'plain call' }],
        maxOutputTokens: 200,
      });
      const records = fake.requests({ provider: 'anthropic' });
      expect(records.map((record) => record.stream)).toEqual([true, false]);
      const rows = (await ledgerOf(learnerId)).slice(-2);
      expect(rows.map((row) => Number(row.cost_micros))).toEqual([expected, expected]);
      for (const row of rows) {
        expect(row).toMatchObject({
          input_tokens: 1200,
          cache_read_tokens: 8000,
          cache_write_tokens: 640,
          output_tokens: 90,
          usage_estimated: 0,
          price_fallback: 0,
        });
      }
    });

    it('prices Mistral streamed and non-streamed alike at its own rates', async () => {
      const { gateway } = await gatewayForTests();
      const context: CallContext = {
        userId: learnerId,
        purpose: 'feedback',
        role: 'conversation',
        language: 'fr',
      };
      const mistralUsage = { inputTokens: 1000, outputTokens: 500, cacheReadTokens: 0, cacheWriteTokens: 0 };
      fake.script({ provider: 'mistral', text: 'Bonjour !', usage: mistralUsage, times: 2 });
      await gateway.streamText(context, {
        system: [{ text: 'Tu es un tuteur.' }],
        messages: [{ role: 'user', content: 'Salut' }],
        maxOutputTokens: 600,
        onDelta: () => {},
      });
      await gateway.generateText(context, {
        system: 'Tu es un tuteur.',
        messages: [{ role: 'user', content: 'Salut' }],
        maxOutputTokens: 600,
      });
      const rows = (await ledgerOf(learnerId)).slice(-2);
      // mistral-medium-latest: 1,000 × $0.40 + 500 × $2 per million = 400 + 1,000 µ$.
      expect(rows.map((row) => [row.model, Number(row.cost_micros)])).toEqual([
        ['mistral-medium-latest', 1400],
        ['mistral-medium-latest', 1400],
      ]);
    });

    it('prices 1-hour cache writes at their own rate when Anthropic reports them', () => {
      const normalized = normalizeUsage({
        inputTokens: 100 + 300 + 1000,
        outputTokens: 10,
        inputTokenDetails: { noCacheTokens: 100, cacheReadTokens: 300, cacheWriteTokens: 1000 },
        raw: { cache_creation: { ephemeral_5m_input_tokens: 400, ephemeral_1h_input_tokens: 600 } },
      });
      expect(normalized).toMatchObject({ inputTokens: 100, cacheWriteTokens: 1000, cacheWrite1hTokens: 600 });
      // 100 × 1 + 300 × 0.1 + 400 × 1.25 + 600 × 2 + 10 × 5 = 100 + 30 + 500 + 1,200 + 50 µ$.
      expect(costOfUsage(haiku, normalized!)).toBe(1880);
    });

    it('settles a stream the learner stopped before usage arrived at the documented estimate, flagged', async () => {
      const conversationId = await newConversation(learner);
      const long = Array.from({ length: 200 }, (_, index) => `palabra${index}`).join(' ');
      fake.script({ provider: 'anthropic', structured: false, text: long, tokenDelayMs: 15 });
      await sendTurn(learner, conversationId, 'Cuéntame una historia', { stopAfterDeltas: 5 });
      const tutor = await eventually(async () => {
        const row = await testApp.database.db
          .selectFrom('messages')
          .selectAll()
          .where('conversation_id', '=', conversationId)
          .where('role', '=', 'tutor')
          .executeTakeFirst();
        return row && row.status !== 'streaming' ? row : undefined;
      });
      await settled();
      const [row] = await testApp.database.db
        .selectFrom('ledger_entries')
        .selectAll()
        .where('message_id', '=', tutor.id)
        .execute();
      expect(row).toMatchObject({ outcome: 'aborted', usage_estimated: 1, purpose: 'reply' });
      // Output from the text generated, ceil(bytes / 4); input from the request, ceil(bytes / 4).
      expect(row!.output_tokens).toBe(Math.ceil(Buffer.byteLength(tutor.text) / 4));
      expect(row!.input_tokens).toBeGreaterThan(0);
      expect(Number(row!.cost_micros)).toBe(
        costOfUsage(haiku, {
          inputTokens: row!.input_tokens,
          outputTokens: row!.output_tokens,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
          estimated: true,
        }),
      );
      expect(Number(row!.cost_micros)).toBeGreaterThan(0);
    });

    it('flags and prices an unknown model by the fallback rule', async () => {
      // The summary chain set in the app names a model the price table does not know.
      const chains = testApp.database.db;
      await chains
        .insertInto('llm_chains')
        .values({
          role: 'summary',
          language: '',
          links_json: JSON.stringify([{ provider: 'anthropic', model: 'claude-future-9' }]),
          updated_at: testApp.clock.now().toISOString(),
        })
        .execute();
      const { gateway } = await gatewayForTests();
      try {
        fake.script({ provider: 'anthropic', text: 'ok', usage: { inputTokens: 1000, outputTokens: 100 } });
        await gateway.generateText(
          { userId: learnerId, purpose: 'memory-summary', role: 'summary' },
          { system: 's', messages: [{ role: 'user', content: 'u' }], maxOutputTokens: 100 },
        );
      } finally {
        await chains.deleteFrom('llm_chains').execute();
      }
      const row = (await ledgerOf(learnerId)).at(-1);
      // "highest": 1,000 × $5 + 100 × $25 per million.
      expect(row).toMatchObject({ model: 'claude-future-9', price_fallback: 1, cost_micros: 7500 });
      const usage = await owner.get('/api/admin/usage');
      expect(usage.body.unknownModels).toEqual([
        expect.objectContaining({ provider: 'anthropic', model: 'claude-future-9', priceFallback: true }),
      ]);
    });
  });

  describe('caps', () => {
    it('refuses a turn over the member’s cap with a clear 402 before storing anything', async () => {
      const member = await newMember();
      const conversationId = await newConversation(member.client);
      const cap = 1_000; // $0.001: less than one reply can cost.
      const set = await owner.put(`/api/admin/members/${member.id}/budget`, { monthlyCapMicros: cap });
      expect(set.status).toBe(200);
      expect(set.body.budget).toMatchObject({ monthlyCapMicros: cap, effectiveMonthlyCapMicros: cap });
      const refused = await sendTurn(member.client, conversationId, 'Hola, ¿qué tal?');
      expect(refused.status).toBe(402);
      expect(refused.body.error.code).toBe('budget_exceeded');
      expect(refused.body.error.message).toContain('Your monthly AI budget of $0.001');
      expect(refused.body.error.message).toContain('resets on 1 December 2026 at 00:00 (UTC)');
      expect(refused.body.error.details).toMatchObject({
        scope: 'member',
        period: 'month',
        capMicros: cap,
        spentMicros: 0,
        resetsAt: '2026-12-01T00:00:00.000Z',
      });
      expect(refused.body.error.details.requiredMicros).toBeGreaterThan(cap);
      expect(await messageCount(member.id)).toBe(0);
      expect(await ledgerOf(member.id)).toEqual([]);
      expect(fake.requests()).toHaveLength(0);
      const conversation = await member.client.get(`/api/conversations/${conversationId}`);
      expect(conversation.body.messages).toEqual([]);
    });

    it('lets a member with a small cap talk: the hold is the exact prompt’s maximum, not the memory caps', async () => {
      const member = await newMember();
      const conversationId = await newConversation(member.client);
      // $0.01 is under the $0.025 that a Haiku reply held when holds covered the whole memory window.
      const hold = await replyHoldFor(testApp, member.id, conversationId, 'Hola, ¿qué tal?');
      expect(hold).toBeLessThan(10_000);
      await owner.put(`/api/admin/members/${member.id}/budget`, { monthlyCapMicros: 10_000 });
      fake.script({ provider: 'anthropic', structured: false, text: '¡Muy bien!' });
      const turn = await sendTurn(member.client, conversationId, 'Hola, ¿qué tal?');
      expect(turn.status).toBe(200);
      await settled();
      const [reply] = (await ledgerOf(member.id)).filter((row) => row.purpose === 'reply');
      // What was held for the reply is exactly what the server computes for its prompt.
      expect(Number(reply?.reserved_micros)).toBe(hold);
      // A turn's small spend raises no alert at 0 % either.
      expect((await member.client.get('/api/me/usage')).body.alerts).toEqual([]);
    });

    it('refuses the tutor’s opening over the cap before storing its placeholder', async () => {
      const member = await newMember();
      const conversationId = await newConversation(member.client);
      await owner.put(`/api/admin/members/${member.id}/budget`, { monthlyCapMicros: 1000 });
      const refused = await sendTurn(member.client, conversationId, '', {
        path: `/api/conversations/${conversationId}/opening`,
      });
      expect(refused.status).toBe(402);
      expect(refused.body.error.code).toBe('budget_exceeded');
      expect(await messageCount(member.id)).toBe(0);
      await owner.put(`/api/admin/members/${member.id}/budget`, { monthlyCapMicros: null });
      const opened = await sendTurn(member.client, conversationId, '', {
        path: `/api/conversations/${conversationId}/opening`,
      });
      expect(opened.status).toBe(200);
      expect(await messageCount(member.id)).toBe(1);
    });

    it('refuses everyone once the server’s cap is reached, naming the server’s cap', async () => {
      const member = await newMember();
      const conversationId = await newConversation(member.client);
      const before = await owner.get('/api/admin/usage');
      const spent = before.body.server.spentMicros + before.body.server.reservedMicros;
      expect((await owner.put('/api/admin/budget', { monthlyCapMicros: spent + 5000 })).status).toBe(200);
      try {
        const refused = await sendTurn(member.client, conversationId, 'Hola');
        expect(refused.status).toBe(402);
        expect(refused.body.error.details.scope).toBe('server');
        expect(refused.body.error.message).toContain("The server's monthly AI budget");
        expect(await messageCount(member.id)).toBe(0);
      } finally {
        await owner.put('/api/admin/budget', { monthlyCapMicros: 30_000_000 });
      }
    });

    it('applies an optional daily cap that resets at the next local midnight', async () => {
      const member = await newMember();
      const conversationId = await newConversation(member.client);
      await owner.put(`/api/admin/members/${member.id}/budget`, {
        monthlyCapMicros: null,
        dailyCapMicros: 1000,
      });
      const refused = await sendTurn(member.client, conversationId, 'Hola');
      expect(refused.status).toBe(402);
      expect(refused.body.error.details).toMatchObject({
        scope: 'member',
        period: 'day',
        resetsAt: '2026-11-25T00:00:00.000Z',
      });
      expect(refused.body.error.message).toContain('Your daily AI budget of $0.001 ');
    });

    it('downgrades to the configured local chain at the cap under the downgrade policy', async () => {
      const member = await newMember();
      const conversationId = await newConversation(member.client);
      await owner.put(`/api/admin/members/${member.id}/budget`, { monthlyCapMicros: 1000 });
      testApp.config.BUDGET_DOWNGRADE_CHAIN = 'local';
      expect((await owner.put('/api/admin/budget', { policy: 'downgrade' })).body.policy).toBe('downgrade');
      try {
        fake.script({ provider: 'openai', structured: false, text: 'Hola desde el modelo local.' });
        const turn = await sendTurn(member.client, conversationId, 'Hola');
        expect(turn.status).toBe(200);
        expect(turn.events.find((event) => event.type === 'reply-end')).toMatchObject({
          status: 'complete',
          provider: 'local',
          model: 'llama-test',
        });
        // The feedback call downgraded too: nothing went to the paid provider.
        expect(fake.requests({ provider: 'anthropic' })).toHaveLength(0);
        await settled();
        const rows = await ledgerOf(member.id);
        const reply = rows.find((row) => row.purpose === 'reply');
        expect(reply).toMatchObject({ provider: 'local', cost_micros: 0 });
        // Nothing paid passed the member's cap.
        expect(rows.reduce((sum, row) => sum + Number(row.cost_micros), 0)).toBeLessThanOrEqual(1000);
        // The learner is told the tutor goes on with a cheaper model, not that it pauses.
        const usage = await member.client.get('/api/me/usage');
        expect(usage.body.policy).toBe('downgrade');
        const used = usage.body.alerts.find((alert: { threshold: number }) => alert.threshold === 100);
        expect(used.message).toMatch(/^Your monthly AI budget of \$[\d.]+ is used up/);
        expect(used.message).toContain('The tutor switches to a cheaper model');
        expect(used.message).not.toContain('pauses');
        // With no chain to go to, "downgrade" blocks, and the learner is told so.
        testApp.config.BUDGET_DOWNGRADE_CHAIN = undefined;
        const blocked = await member.client.get('/api/me/usage');
        expect(blocked.body.policy).toBe('block');
        expect(
          blocked.body.alerts.find((alert: { threshold: number }) => alert.threshold === 100).message,
        ).toContain('The tutor pauses');
      } finally {
        await owner.put('/api/admin/budget', { policy: 'block' });
        testApp.config.BUDGET_DOWNGRADE_CHAIN = undefined;
      }
    });

    it('downgrades to the cheaper chain set in the app, with no environment value, in every process', async () => {
      expect(testApp.config.BUDGET_DOWNGRADE_CHAIN).toBeUndefined();
      // Another process on the same database learns of the change through `llm-settings`.
      const other = await createLlm(testApp.config, testApp.database, testApp.clock, { changePollMs: 20 });
      others.push(other);
      const none = await owner.get('/api/admin/budget');
      expect(none.body.downgradeChain).toEqual({ links: [], source: null, effective: [] });

      const member = await newMember();
      const conversationId = await newConversation(member.client);
      await owner.put(`/api/admin/members/${member.id}/budget`, { monthlyCapMicros: 1000 });
      const saved = await owner.put('/api/admin/budget', {
        policy: 'downgrade',
        downgradeChain: [{ provider: 'local', model: 'llama-test' }],
      });
      try {
        expect(saved.status).toBe(200);
        expect(saved.body.policy).toBe('downgrade');
        expect(saved.body.downgradeChain).toEqual({
          links: [{ provider: 'local', model: 'llama-test' }],
          source: 'app',
          effective: [{ provider: 'local', model: 'llama-test' }],
        });
        await eventually(async () => other.budget.downgradeChain().length === 1);
        expect(other.budget.downgradeChain()).toEqual([{ provider: 'local', model: 'llama-test' }]);
        // It is kept apart from the role chains, which the providers page lists (the environment's
        // "anthropic" alone meaning its default model).
        expect([...testApp.llm.registry.chains().app.keys()]).not.toContain('downgrade');
        const providers = await owner.get('/api/admin/providers');
        expect(providers.status).toBe(200);
        expect(providers.body.chains).toContainEqual({
          role: 'conversation',
          language: null,
          links: [{ provider: 'anthropic', model: '' }],
          source: 'environment',
        });
        expect(providers.body.chains.map((chain: { role: string }) => chain.role)).not.toContain('downgrade');

        fake.script({ provider: 'openai', structured: false, text: 'Hola desde el modelo barato.' });
        const turn = await sendTurn(member.client, conversationId, 'Hola');
        expect(turn.status).toBe(200);
        expect(turn.events.find((event) => event.type === 'reply-end')).toMatchObject({
          status: 'complete',
          provider: 'local',
          model: 'llama-test',
        });
        expect(fake.requests({ provider: 'anthropic' })).toHaveLength(0);
        await settled();
        const usage = await member.client.get('/api/me/usage');
        expect(usage.body.policy).toBe('downgrade');
        const used = usage.body.alerts.find((alert: { threshold: number }) => alert.threshold === 100);
        expect(used.message).toContain('The tutor switches to a cheaper model');

        // The app's chain wins over the environment's; removing it falls back to the environment's.
        testApp.config.BUDGET_DOWNGRADE_CHAIN = 'mistral';
        expect((await owner.get('/api/admin/budget')).body.downgradeChain.source).toBe('app');
        const cleared = await owner.put('/api/admin/budget', { downgradeChain: [] });
        expect(cleared.status).toBe(200);
        expect(cleared.body.policy).toBe('downgrade');
        expect(cleared.body.downgradeChain).toEqual({
          links: [{ provider: 'mistral', model: '' }],
          source: 'environment',
          effective: [{ provider: 'mistral', model: expect.any(String) }],
        });
        const stored = await testApp.database.db
          .selectFrom('llm_chains')
          .select('role')
          .where('role', '=', 'downgrade')
          .execute();
        expect(stored).toEqual([]);
        // With neither, "downgrade" blocks, and the learner is told so.
        testApp.config.BUDGET_DOWNGRADE_CHAIN = undefined;
        expect((await owner.get('/api/admin/budget')).body.downgradeChain).toEqual({
          links: [],
          source: null,
          effective: [],
        });
        await eventually(async () => other.budget.downgradeChain().length === 0);
        expect((await member.client.get('/api/me/usage')).body.policy).toBe('block');
      } finally {
        testApp.config.BUDGET_DOWNGRADE_CHAIN = undefined;
        await owner.put('/api/admin/budget', { policy: 'block', downgradeChain: [] });
      }
    });

    it('drops a removed provider from the cheaper chain, like from the model chains', async () => {
      const created = await owner.post('/api/admin/providers', {
        kind: 'openai-compatible',
        name: 'Cheap box',
        baseUrl: fake.openaiBaseURL,
        parallel: false,
      });
      expect(created.status).toBe(201);
      const id = created.body.provider.id as string;
      try {
        const saved = await owner.put('/api/admin/budget', {
          downgradeChain: [
            { provider: id, model: 'llama-test' },
            { provider: 'local', model: 'llama-test' },
          ],
        });
        expect(saved.status).toBe(200);
        expect(saved.body.downgradeChain.effective).toEqual([
          { provider: id, model: 'llama-test' },
          { provider: 'local', model: 'llama-test' },
        ]);
        expect((await owner.delete(`/api/admin/providers/${id}`)).status).toBe(204);
        expect((await owner.get('/api/admin/budget')).body.downgradeChain).toEqual({
          links: [{ provider: 'local', model: 'llama-test' }],
          source: 'app',
          effective: [{ provider: 'local', model: 'llama-test' }],
        });
      } finally {
        await owner.put('/api/admin/budget', { downgradeChain: [] });
      }
    });

    it('refuses a cheaper chain naming an unknown provider or a malformed model, and changes nothing', async () => {
      const before = (await owner.get('/api/admin/budget')).body;
      const unknown = await owner.put('/api/admin/budget', {
        policy: 'downgrade',
        downgradeChain: [
          { provider: 'local', model: 'llama-test' },
          { provider: 'nowhere', model: 'cheap-1' },
        ],
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.code).toBe('validation_failed');
      expect(unknown.body.error.message).toBe('“nowhere” is not a provider here.');
      expect(unknown.body.error.details.issues).toEqual([
        { path: 'downgradeChain.1.provider', message: '“nowhere” is not a provider here.' },
      ]);
      for (const downgradeChain of [
        [{ provider: 'local', model: 'two words' }],
        [{ provider: 'local' }],
        [{ provider: '', model: 'llama-test' }],
        [{ provider: 'local', model: 'llama-test', extra: 1 }],
        'local:llama-test',
        Array.from({ length: 9 }, () => ({ provider: 'local', model: 'llama-test' })),
      ]) {
        const response = await owner.put('/api/admin/budget', { policy: 'downgrade', downgradeChain });
        expect(response.status, JSON.stringify(downgradeChain)).toBe(400);
        expect(response.body.error.code).toBe('validation_failed');
      }
      expect((await owner.get('/api/admin/budget')).body).toEqual(before);
      // Only admins set it.
      expect(
        (
          await learner.put('/api/admin/budget', {
            downgradeChain: [{ provider: 'local', model: 'llama-test' }],
          })
        ).status,
      ).toBe(403);
    });

    it('lets a turn through again after an admin raises the cap, and counts what it cost', async () => {
      const member = await newMember();
      const conversationId = await newConversation(member.client);
      await owner.put(`/api/admin/members/${member.id}/budget`, { monthlyCapMicros: 1000 });
      expect((await sendTurn(member.client, conversationId, 'Hola')).status).toBe(402);
      await owner.put(`/api/admin/members/${member.id}/budget`, { monthlyCapMicros: 5_000_000 });
      const turn = await sendTurn(member.client, conversationId, 'Hola');
      expect(turn.status).toBe(200);
      await settled();
      const rows = await ledgerOf(member.id);
      const total = rows.reduce((sum, row) => sum + Number(row.cost_micros), 0);
      expect(total).toBeGreaterThan(0);
      const budget = await testApp.database.db
        .selectFrom('member_budgets')
        .selectAll()
        .where('user_id', '=', member.id)
        .executeTakeFirstOrThrow();
      // The running total the reservations check equals the ledger, and nothing is left held.
      expect(Number(budget.month_spent_micros)).toBe(total);
      expect(Number(budget.reserved_micros)).toBe(0);
      const usage = await member.client.get('/api/me/usage');
      expect(usage.body).toMatchObject({
        spentMicros: total,
        monthlyCapMicros: 5_000_000,
        remainingMicros: 5_000_000 - total,
        limitedBy: 'member',
      });
    });
  });

  describe('reports', () => {
    it('shows a learner their month: spending by purpose and model, a daily series, and remaining budget', async () => {
      const member = await newMember();
      const conversationId = await newConversation(member.client);
      fake.script({
        provider: 'anthropic',
        structured: false,
        text: 'Muy bien.',
        usage: { inputTokens: 1000, outputTokens: 200, cacheReadTokens: 0, cacheWriteTokens: 0 },
      });
      expect((await sendTurn(member.client, conversationId, 'Hola')).status).toBe(200);
      await settled();
      const usage = await member.client.get('/api/me/usage');
      expect(usage.status).toBe(200);
      const reply = usage.body.byPurpose.find((row: { purpose: string }) => row.purpose === 'reply');
      // 1,000 × $1 + 200 × $5 per million.
      expect(reply).toMatchObject({ calls: 1, inputTokens: 1000, outputTokens: 200, costMicros: 2000 });
      expect(usage.body.byModel[0]).toMatchObject({ provider: 'anthropic', model: 'claude-haiku-4-5' });
      expect(usage.body.daily).toHaveLength(30);
      const today = usage.body.daily.find((day: { date: string }) => day.date === '2026-11-24');
      expect(today.costMicros).toBe(usage.body.spentMicros);
      expect(usage.body.period).toMatchObject({ month: '2026-11', timeZone: 'UTC', current: true });
      expect(usage.body.monthlyCapMicros).toBeNull();
      expect(usage.body.limitedBy).toBe('server');
      expect(usage.body.spentMicros).toBe(
        (await ledgerOf(member.id)).reduce((sum, row) => sum + Number(row.cost_micros), 0),
      );
      // Each member's report holds only their own calls.
      const mine = await learner.get('/api/me/usage');
      expect(mine.body.spentMicros).toBe(
        (await ledgerOf(learnerId)).reduce((sum, row) => sum + Number(row.cost_micros), 0),
      );
    });

    it('gives admins every member, the server total, breakdowns and a CSV export; learners get 403', async () => {
      const usage = await owner.get('/api/admin/usage');
      expect(usage.status).toBe(200);
      const ledger = await testApp.database.db
        .selectFrom('ledger_entries')
        .select('cost_micros')
        .where('budget_month', '=', '2026-11')
        .execute();
      const total = ledger.reduce((sum, row) => sum + Number(row.cost_micros ?? 0), 0);
      expect(usage.body.server.spentMicros).toBe(total);
      expect(usage.body.server.monthlyCapMicros).toBe(30_000_000);
      expect(usage.body.members.map((member: { username: string }) => member.username)).toContain('learner');
      const perMember = usage.body.members.reduce(
        (sum: number, member: { spentMicros: number }) => sum + member.spentMicros,
        0,
      );
      expect(perMember + usage.body.formerMembersSpentMicros).toBe(total);
      expect(
        usage.body.byProvider.reduce((sum: number, row: { costMicros: number }) => sum + row.costMicros, 0),
      ).toBe(total);
      expect(
        usage.body.daily.reduce((sum: number, day: { costMicros: number }) => sum + day.costMicros, 0),
      ).toBe(total);

      const csv = await owner.get('/api/admin/usage/export.csv');
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      expect(csv.headers.get('content-disposition')).toContain('charla-usage-2026-11.csv');
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toContain('cost_usd');
      expect(lines).toHaveLength(ledger.length + 1);

      for (const path of [
        '/api/admin/usage',
        '/api/admin/usage/export.csv',
        '/api/admin/prices',
        '/api/admin/budget',
      ]) {
        expect((await learner.get(path)).status, path).toBe(403);
      }
      expect(
        (await learner.put(`/api/admin/members/${learnerId}/budget`, { monthlyCapMicros: 1 })).status,
      ).toBe(403);
    });

    it('includes a learner’s usage rows in their data export, but no budget totals', async () => {
      await owner.put(`/api/admin/members/${learnerId}/budget`, { monthlyCapMicros: null });
      const exported = await learner.get('/api/me/export');
      expect(exported.status).toBe(200);
      const body = typeof exported.body === 'string' ? JSON.parse(exported.body) : exported.body;
      const ledger = await ledgerOf(learnerId);
      expect(ledger.length).toBeGreaterThan(0);
      expect(body.tables.ledger_entries).toHaveLength(ledger.length);
      expect(body.tables.ledger_entries.every((row: { user_id: string }) => row.user_id === learnerId)).toBe(
        true,
      );
      expect(body.tables.member_budgets).toBeUndefined();
      expect(body.tables.budget_alerts).toBeUndefined();
    });

    it('refuses invalid budget changes with a clear 400 and changes nothing', async () => {
      for (const body of [
        { monthlyCapMicros: -1 },
        { monthlyCapMicros: 1.5 },
        { monthlyCapMicros: '5' },
        { monthlyCapMicros: 5, extra: true },
        {},
      ]) {
        const response = await owner.put(`/api/admin/members/${learnerId}/budget`, body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.error.code).toBe('validation_failed');
      }
      expect((await owner.put('/api/admin/budget', { policy: 'maybe' })).status).toBe(400);
      expect((await owner.put('/api/admin/budget', {})).status).toBe(400);
      for (const month of ['2026-13', '2026-00', '0000-01', '0099-12', '1999-12', '26-11'])
        expect((await owner.get(`/api/me/usage?month=${month}`)).status, month).toBe(400);
      expect((await owner.get('/api/me/usage?month=2000-01')).body.period.start).toBe(
        '2000-01-01T00:00:00.000Z',
      );
      const missing = await owner.put('/api/admin/members/00000000-0000-7000-8000-000000000000/budget', {
        monthlyCapMicros: 1,
      });
      expect(missing.status).toBe(404);
    });

    it('shows the dated price table with its source to admins', async () => {
      const prices = await owner.get('/api/admin/prices');
      expect(prices.status).toBe(200);
      expect(prices.body).toMatchObject({
        effectiveDate: '2026-11-01',
        stale: false,
        fallbackRule: 'highest',
      });
      expect(prices.body.models).toContainEqual(
        expect.objectContaining({
          provider: 'anthropic',
          model: 'claude-haiku-4-5',
          input: 1_000_000,
          output: 5_000_000,
        }),
      );
      expect(prices.body.speech.length).toBeGreaterThan(0);
    });
  });

  describe('alerts', () => {
    it('raises each threshold once per period and stops showing it once seen', async () => {
      const member = await newMember();
      const conversationId = await newConversation(member.client);
      // Each scripted reply costs 35 % of the cap: two take it past 50 % (not 75 %); a third no longer fits.
      const hold = await replyHoldFor(testApp, member.id, conversationId, 'Hola');
      await owner.put(`/api/admin/members/${member.id}/budget`, { monthlyCapMicros: hold * 3 });
      const costPerTurn = Math.ceil(hold * 3 * 0.35);
      // The analysis goes to the free loopback server here: its hold would otherwise be refused by a
      // cap this tight (and raise the 100 % alert) before the reply's is.
      await owner.put('/api/admin/chains', {
        role: 'feedback',
        links: [{ provider: 'local', model: 'llama-test' }],
      });
      const script = () =>
        fake.script([
          {
            provider: 'anthropic',
            structured: false,
            text: 'Vale.',
            usage: {
              inputTokens: costPerTurn - 25,
              outputTokens: 5,
              cacheReadTokens: 0,
              cacheWriteTokens: 0,
            },
          },
        ]);
      script();
      expect((await sendTurn(member.client, conversationId, 'Hola')).status).toBe(200);
      await settled();
      let usage = await member.client.get('/api/me/usage');
      expect(usage.body.alerts).toEqual([]);
      script();
      expect((await sendTurn(member.client, conversationId, 'Hola')).status).toBe(200);
      await settled();
      usage = await member.client.get('/api/me/usage');
      // 70 % spent: the 50 % alert, once.
      expect(usage.body.alerts.map((alert: { threshold: number }) => alert.threshold)).toEqual([50]);
      expect(usage.body.alerts[0].message).toContain('Your monthly AI budget is 50% used');
      expect((await member.client.get('/api/me/usage/alerts')).body.alerts).toEqual(usage.body.alerts);
      const seen = await member.client.post('/api/me/usage/alerts/seen', {
        ids: usage.body.alerts.map((alert: { id: string }) => alert.id),
      });
      expect(seen.status).toBe(204);
      expect((await member.client.get('/api/me/usage')).body.alerts).toEqual([]);
      expect((await member.client.get('/api/me/usage/alerts')).body.alerts).toEqual([]);
      // Another member cannot mark it (or see it).
      expect((await learner.get('/api/me/usage')).body.alerts).toEqual([]);
      // The next turn no longer fits: the refusal announces 100 %.
      expect((await sendTurn(member.client, conversationId, 'Hola')).status).toBe(402);
      usage = await member.client.get('/api/me/usage');
      expect(usage.body.alerts.map((alert: { threshold: number }) => alert.threshold)).toEqual([100]);
      expect(usage.body.alerts[0].message).toMatch(/^Your monthly AI budget of \$[\d.]+ is used up/);
      // Refused again: still one 100 % alert for the period.
      expect((await sendTurn(member.client, conversationId, 'Hola')).status).toBe(402);
      const rows = await testApp.database.db
        .selectFrom('budget_alerts')
        .select('threshold')
        .where('user_id', '=', member.id)
        .execute();
      expect(rows.map((row) => row.threshold).sort()).toEqual([100, 50]);
      await owner.put('/api/admin/chains', { role: 'feedback', links: [] });
    });
  });

  describe('a child’s alerts', () => {
    it('speak of tutor time, with no money, budget, cap or model, in every interface language', async () => {
      const kid = await newMember();
      const now = testApp.clock.now();
      for (const threshold of [75, 100]) {
        await testApp.database.db
          .insertInto('budget_alerts')
          .values({
            id: newId(now.getTime() + threshold),
            user_id: kid.id,
            scope: 'member',
            period_key: '2026-11',
            threshold,
            spent_micros: threshold * 40_000,
            cap_micros: 4_000_000,
            created_at: now.toISOString(),
            seen_at: null,
          })
          .execute();
      }
      const messages = async () => {
        const alerts = (await kid.client.get('/api/me/usage/alerts')).body.alerts;
        expect((await kid.client.get('/api/me/usage')).body.alerts).toEqual(alerts);
        return alerts.map((alert: { message: string }) => alert.message);
      };
      // An adult reads the money.
      expect(await messages()).toEqual([
        'Your monthly AI budget is 75% used ($3.00 of $4.00).',
        'Your monthly AI budget of $4.00 is used up. The tutor pauses until it resets or an admin raises it.',
      ]);

      // Marked a child, the same alerts read as a child's home and usage page speak.
      expect((await owner.patch(`/api/admin/members/${kid.id}`, { isChild: true })).status).toBe(200);
      expect(await messages()).toEqual([
        'You have used 75% of your tutor time for this month.',
        'Your tutor time for this month is used up. It fills up again next month. Until then, you can still practise words and grammar.',
      ]);
      const adultWords = /\$|USD|\b(AI|IA|KI)\b|budget|presupuesto|orçamento|model|admin|4[.,]00|3[.,]00/i;
      for (const language of ['es', 'fr', 'de', 'it', 'pt'] as const) {
        await kid.client.patch('/api/me/profile', { interfaceLanguage: language });
        const said = await messages();
        expect(said).toHaveLength(2);
        for (const sentence of said) expect(sentence).not.toMatch(adultWords);
        expect(said[0]).toContain('75');
      }
      expect(await messages()).toEqual([
        'Já usaste 75% do teu tempo com o tutor deste mês.',
        'O teu tempo com o tutor deste mês acabou-se. Volta a encher no próximo mês. Até lá, podes continuar a praticar palavras e gramática.',
      ]);
    });
  });

  describe('a child’s refusal', () => {
    it('reads as tutor time, with no money, budget, cap or admin, in every interface language', async () => {
      const kid = await newMember();
      const conversationId = await newConversation(kid.client);
      await owner.put(`/api/admin/members/${kid.id}/budget`, { monthlyCapMicros: 1 });
      const refusal = async () => {
        const response = await sendTurn(kid.client, conversationId, 'Hola');
        expect(response.status).toBe(402);
        expect(response.body.error.code).toBe('budget_exceeded');
        return response.body.error.message as string;
      };
      // An adult reads the money and who can raise it.
      expect(await refusal()).toMatch(/^Your monthly AI budget of \$0\.00 has .+ An admin can raise it\.$/);
      expect((await owner.patch(`/api/admin/members/${kid.id}`, { isChild: true })).status).toBe(200);
      expect(await refusal()).toMatch(
        /^Your tutor time for this month is nearly used up: not enough is left for this\. It fills up again on .+\. Until then, you can still practise words and grammar\.$/,
      );
      const adultWords = /\$|USD|\b(AI|IA|KI)\b|budget|presupuesto|orçamento|model|admin/i;
      for (const language of ['es', 'fr', 'de', 'it', 'pt'] as const) {
        await kid.client.patch('/api/me/profile', { interfaceLanguage: language });
        const said = await refusal();
        expect(said).not.toMatch(adultWords);
        expect(said).toMatch(/2026|2027/);
      }
      // Nothing of the refused turns was stored.
      const stored = await testApp.database.db
        .selectFrom('messages')
        .select('id')
        .where('conversation_id', '=', conversationId)
        .execute();
      expect(stored).toEqual([]);
    });
  });

  describe('periods and leases', () => {
    it('starts a new period at the month rollover and keeps the old month’s history', async () => {
      const member = await newMember();
      const conversationId = await newConversation(member.client);
      const hold = await replyHoldFor(testApp, member.id, conversationId, 'Hola');
      const cap = hold + 1000;
      await owner.put(`/api/admin/members/${member.id}/budget`, { monthlyCapMicros: cap });
      testApp.clock.set('2026-11-30T23:58:00.000Z');
      try {
        // 3,050 µ$: afterwards less than one hold is left.
        fake.script({
          provider: 'anthropic',
          structured: false,
          text: 'Vale.',
          usage: { inputTokens: 3000, outputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0 },
        });
        expect((await sendTurn(member.client, conversationId, 'Hola')).status).toBe(200);
        await settled();
        expect((await sendTurn(member.client, conversationId, 'Hola')).status).toBe(402);
        const november = (await member.client.get('/api/me/usage')).body;
        expect(november.period.month).toBe('2026-11');
        expect(november.spentMicros).toBeGreaterThan(0);

        testApp.clock.set('2026-12-01T00:00:01.000Z');
        const december = (await member.client.get('/api/me/usage')).body;
        expect(december).toMatchObject({ spentMicros: 0, period: { month: '2026-12', current: true } });
        expect(december.remainingMicros).toBe(cap);
        expect(december.resetsAt).toBe('2027-01-01T00:00:00.000Z');
        expect((await sendTurn(member.client, conversationId, 'Hola')).status).toBe(200);
        await settled();

        const history = (await member.client.get('/api/me/usage?month=2026-11')).body;
        expect(history.spentMicros).toBe(november.spentMicros);
        expect(history.period.current).toBe(false);
        const rows = await ledgerOf(member.id);
        expect(new Set(rows.map((row) => row.budget_month))).toEqual(new Set(['2026-11', '2026-12']));
        const budget = await testApp.database.db
          .selectFrom('member_budgets')
          .selectAll()
          .where('user_id', '=', member.id)
          .executeTakeFirstOrThrow();
        expect(budget.month_key).toBe('2026-12');
        expect(Number(budget.month_spent_micros)).toBe(
          rows
            .filter((row) => row.budget_month === '2026-12')
            .reduce((sum, row) => sum + Number(row.cost_micros), 0),
        );
      } finally {
        testApp.clock.set('2026-11-24T10:00:00.000Z');
      }
    });

    it('settles at start only the reservations whose lease expired, at their maximum, flagged', async () => {
      const member = await newMember();
      // A process that died mid-call: its reservations were made and never settled.
      const dead = (await gatewayForTests()).meter;
      const context: CallContext = { userId: member.id, purpose: 'reply', role: 'conversation' };
      const link = { provider: 'anthropic', model: 'claude-haiku-4-5', local: false };
      await dead.reserve(context, link, 40_000);
      testApp.clock.set('2026-11-24T10:10:00.000Z');
      const live = await dead.reserve(context, link, 25_000);
      try {
        const heldBefore = await testApp.database.db
          .selectFrom('member_budgets')
          .select(['reserved_micros', 'month_spent_micros'])
          .where('user_id', '=', member.id)
          .executeTakeFirstOrThrow();
        expect(Number(heldBefore.reserved_micros)).toBe(65_000);
        // A new process starts at 10:12: the first lease (the 2-minute total timeout plus 2 minutes)
        // ran out at 10:04; the second runs until 10:14.
        testApp.clock.set('2026-11-24T10:12:00.000Z');
        const restarted = (await gatewayForTests()).meter;
        expect(await restarted.settleExpired()).toBe(1);
        expect(await restarted.settleExpired()).toBe(0);
        const [row] = await ledgerOf(member.id);
        expect(row).toMatchObject({
          outcome: 'interrupted',
          error_code: 'lease_expired',
          usage_estimated: 1,
          cost_micros: 40_000,
          reserved_micros: 40_000,
        });
        const after = await testApp.database.db
          .selectFrom('member_budgets')
          .select(['reserved_micros', 'month_spent_micros'])
          .where('user_id', '=', member.id)
          .executeTakeFirstOrThrow();
        expect(Number(after.reserved_micros)).toBe(25_000);
        expect(Number(after.month_spent_micros)).toBe(Number(heldBefore.month_spent_micros) + 40_000);
        // The live process still settles its own call normally.
        await dead.settle(live, {
          context,
          provider: 'anthropic',
          model: 'claude-haiku-4-5',
          usage: {
            inputTokens: 1000,
            outputTokens: 0,
            cacheReadTokens: 0,
            cacheWriteTokens: 0,
            estimated: false,
          },
          latencyMs: 5,
          outcome: 'ok',
        });
        expect((await ledgerOf(member.id)).map((entry) => Number(entry.cost_micros))).toEqual([40_000, 1000]);
        const open = await testApp.database.db
          .selectFrom('budget_reservations')
          .select('id')
          .where('user_id', '=', member.id)
          .execute();
        expect(open).toEqual([]);
      } finally {
        testApp.clock.set('2026-11-24T10:00:00.000Z');
      }
    });
  });

  it('formats the amounts in messages as dollars', () => {
    expect(formatUsd(10_000)).toBe('$0.01');
  });
});
