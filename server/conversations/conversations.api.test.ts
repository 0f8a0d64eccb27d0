import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postgresUnavailable } from '../../tests/harness/test-database.ts';
import {
  createMember,
  fakeProviderEnv,
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';
import { eventually, replyText, sendTurn, startConversation } from '../../tests/helpers/turns.ts';
import { type FakeLlm, startFakeLlm } from '../../tools/fake-llm/fake-llm.ts';
import { failInterruptedReplies } from './turn.ts';

describe.skipIf(postgresUnavailable())('conversations', () => {
  let fake: FakeLlm;
  let testApp: TestApp;
  let learner: TestClient;

  beforeAll(async () => {
    fake = await startFakeLlm();
    testApp = await startTestApp({
      env: {
        ...fakeProviderEnv(fake),
        // One app, one provider kind per language.
        LLM_CHAIN_CONVERSATION_ES: 'anthropic',
        LLM_CHAIN_CONVERSATION_FR: 'mistral',
        LLM_CHAIN_CONVERSATION_DE: 'local',
        LLM_CHAIN_CONVERSATION_PT: 'anthropic:claude-haiku-4-5,mistral:mistral-medium-latest',
        LLM_MAX_RETRIES: '1',
        LLM_RETRY_BASE_DELAY_MS: '10',
      },
    });
    const owner = await signUpOwner(testApp);
    learner = (await createMember(testApp, owner, { username: 'learner' })).client;
    await onboard(learner, 'es', 'A2');
    // These tests are about the reply: with corrections off no feedback call shares the fake's rules
    // and request records (feedback has its own tests in server/tutor).
    await learner.patch('/api/me/profile', { correctionPolicy: 'off' });
  });
  afterAll(async () => {
    await testApp.close();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  const newConversation = (language: string, client = learner) => startConversation(client, { language });

  const messagesOf = (conversationId: string) =>
    testApp.database.db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .orderBy('id')
      .execute();

  it.each([
    [
      'es',
      'anthropic',
      'claude-haiku-4-5',
      { inputTokens: 120, outputTokens: 7, cacheReadTokens: 900, cacheWriteTokens: 50 },
    ],
    [
      'fr',
      'mistral',
      'mistral-medium-latest',
      { inputTokens: 33, outputTokens: 9, cacheReadTokens: 0, cacheWriteTokens: 0 },
    ],
    [
      'de',
      'local',
      'llama-test',
      { inputTokens: 41, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0 },
    ],
  ] as const)(
    'streams a %s reply from %s in order and stores its usage exactly',
    async (language, provider, model, usage) => {
      const conversationId = await newConversation(language);
      const fakeProvider = provider === 'local' ? 'openai' : provider;
      fake.script({ provider: fakeProvider, text: 'Hola, ¿qué tal? Me llamo Charla.', usage });
      const turn = await sendTurn(learner, conversationId, 'Hola, soy Ana');
      expect(turn.status).toBe(200);
      const types = turn.events.map((event) => event.type);
      expect(types[0]).toBe('accepted');
      expect(types.slice(-3)).toEqual(['reply-end', 'feedback', 'done']);
      expect(types.filter((type) => type === 'reply-delta').length).toBeGreaterThan(3);
      expect(replyText(turn.events)).toBe('Hola, ¿qué tal? Me llamo Charla.');
      const end = turn.events.find((event) => event.type === 'reply-end');
      expect(end).toMatchObject({
        status: 'complete',
        provider,
        model,
        usage: { ...usage, estimated: false },
      });

      const [learnerMessage, tutorMessage] = await messagesOf(conversationId);
      expect(learnerMessage).toMatchObject({ role: 'learner', text: 'Hola, soy Ana', status: 'complete' });
      expect(tutorMessage).toMatchObject({
        role: 'tutor',
        text: 'Hola, ¿qué tal? Me llamo Charla.',
        status: 'complete',
        provider,
        model,
        input_tokens: usage.inputTokens,
        output_tokens: usage.outputTokens,
        cache_read_tokens: usage.cacheReadTokens,
        cache_write_tokens: usage.cacheWriteTokens,
        usage_estimated: 0,
      });
      const ledger = await testApp.database.db
        .selectFrom('ledger_entries')
        .selectAll()
        .where('message_id', '=', tutorMessage!.id)
        .execute();
      expect(ledger).toHaveLength(1);
      expect(ledger[0]).toMatchObject({
        purpose: 'reply',
        provider,
        model,
        outcome: 'ok',
        input_tokens: usage.inputTokens,
      });

      const [request] = fake.requests({ provider: fakeProvider });
      expect(request?.model).toBe(model);
      expect(JSON.stringify(request?.body)).toContain('Hola, soy Ana');
    },
  );

  it('previews a Markdown reply in the conversation list as plain text', async () => {
    const conversationId = await newConversation('es');
    fake.script({
      provider: 'anthropic',
      text: '### Muy **bien**\n\n| yo | soy |\n|---|---|\n| tú | eres |',
    });
    await sendTurn(learner, conversationId, 'Hola, soy Ana');
    const list = await learner.get('/api/conversations');
    const item = (
      list.body as { conversations: { id: string; preview: string | null }[] }
    ).conversations.find((conversation) => conversation.id === conversationId);
    expect(item?.preview).toBe('Muy bien yo, soy tú, eres');
  });

  it('puts cache breakpoints on the Anthropic system prompt', async () => {
    const conversationId = await newConversation('es');
    await sendTurn(learner, conversationId, 'Primera frase');
    await sendTurn(learner, conversationId, 'Segunda frase');
    const [first, second] = fake.requests({ provider: 'anthropic' });
    expect(JSON.stringify(first?.body)).toContain('"cache_control"');
    expect(first?.usage?.cacheWriteTokens).toBeGreaterThan(0);
    expect(second?.usage?.cacheReadTokens).toBeGreaterThan(0);
    const stored = (await messagesOf(conversationId)).filter((message) => message.role === 'tutor');
    expect(stored[1]?.cache_read_tokens).toBe(second?.usage?.cacheReadTokens);
  });

  it('retries a 429 after its retry-after, then completes', async () => {
    const conversationId = await newConversation('es');
    fake.script({
      provider: 'anthropic',
      contains: 'retry-me',
      fault: { type: 'status', status: 429, retryAfterSeconds: 1 },
    });
    const turn = await sendTurn(learner, conversationId, 'please retry-me');
    expect(turn.events.find((event) => event.type === 'reply-end')).toMatchObject({ status: 'complete' });
    const requests = fake.requests({ provider: 'anthropic' });
    expect(requests).toHaveLength(2);
    expect(requests[0]?.status).toBe(429);
    expect(requests[1]!.arrivedAt - requests[0]!.arrivedAt).toBeGreaterThanOrEqual(1000);
    const ledger = await testApp.database.db
      .selectFrom('ledger_entries')
      .select(['outcome', 'error_code'])
      .where('conversation_id', '=', conversationId)
      .orderBy('id')
      .execute();
    expect(ledger.map((entry) => entry.outcome)).toEqual(['error', 'ok']);
    expect((await messagesOf(conversationId))[0]).toMatchObject({ role: 'learner', text: 'please retry-me' });
  });

  it('falls back to the next provider after a 500 before the first token', async () => {
    const conversationId = await newConversation('pt');
    fake.script({
      provider: 'anthropic',
      contains: 'fallback-me',
      fault: { type: 'status', status: 500 },
      times: 'always',
    });
    fake.script({ provider: 'mistral', text: 'Olá! Tudo bem?' });
    const turn = await sendTurn(learner, conversationId, 'fallback-me agora');
    expect(replyText(turn.events)).toBe('Olá! Tudo bem?');
    expect(turn.events.find((event) => event.type === 'reply-end')).toMatchObject({
      status: 'complete',
      provider: 'mistral',
    });
    // LLM_MAX_RETRIES=1: two attempts on Anthropic, then Mistral.
    expect(fake.requests({ provider: 'anthropic' })).toHaveLength(2);
    expect(fake.requests({ provider: 'mistral' })).toHaveLength(1);
    const [learnerMessage, tutorMessage] = await messagesOf(conversationId);
    expect(learnerMessage?.text).toBe('fallback-me agora');
    expect(tutorMessage).toMatchObject({
      status: 'complete',
      provider: 'mistral',
      model: 'mistral-medium-latest',
    });
  });

  it('ends a reply cut mid-stream as partial with the text so far and an error event, without switching provider', async () => {
    const conversationId = await newConversation('pt');
    // Paced, so the first deltas reach the server before the connection breaks.
    fake.script({
      provider: 'anthropic',
      text: 'Uno dos tres cuatro cinco seis siete',
      tokenDelayMs: 20,
      fault: { type: 'cut', afterTokens: 3 },
    });
    const turn = await sendTurn(learner, conversationId, 'cut please');
    const types = turn.events.map((event) => event.type);
    expect(types).toContain('error');
    expect(types.indexOf('error')).toBeLessThan(types.indexOf('reply-end'));
    expect(types.at(-1)).toBe('done');
    expect(replyText(turn.events)).toBe('Uno dos tres');
    expect(turn.events.find((event) => event.type === 'reply-end')).toMatchObject({ status: 'partial' });
    expect(fake.requests({ provider: 'mistral' })).toHaveLength(0);
    const [learnerMessage, tutorMessage] = await messagesOf(conversationId);
    expect(learnerMessage?.text).toBe('cut please');
    expect(tutorMessage).toMatchObject({
      status: 'partial',
      text: 'Uno dos tres',
      failure_reason: 'provider_error',
      usage_estimated: 1,
    });
    expect(tutorMessage?.output_tokens).toBe(Math.ceil(Buffer.byteLength('Uno dos tres') / 4));
  });

  it('aborts the upstream request when the learner stops, keeping the text and usage', async () => {
    const conversationId = await newConversation('es');
    const long = Array.from({ length: 200 }, (_, index) => `palabra${index}`).join(' ');
    fake.script({ provider: 'anthropic', text: long, tokenDelayMs: 15 });
    const turn = await sendTurn(learner, conversationId, 'Cuéntame una historia larga', {
      stopAfterDeltas: 5,
    });
    expect(replyText(turn.events).length).toBeGreaterThan(0);
    const stored = await eventually(async () => {
      const tutor = (await messagesOf(conversationId)).find((message) => message.role === 'tutor');
      return tutor && tutor.status !== 'streaming' ? tutor : undefined;
    });
    expect(stored).toMatchObject({ status: 'partial', failure_reason: 'stopped', usage_estimated: 1 });
    expect(stored.text.length).toBeGreaterThan(0);
    expect(long.startsWith(stored.text)).toBe(true);
    expect(stored.output_tokens).toBeGreaterThan(0);
    expect(stored.input_tokens).toBeGreaterThan(0);
    const [request] = fake.requests({ provider: 'anthropic' });
    await eventually(async () => fake.requests({ provider: 'anthropic' })[0]?.aborted);
    expect(request?.finishedAt ?? null).toBeNull();
    const ledger = await testApp.database.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('message_id', '=', stored.id)
      .execute();
    expect(ledger[0]).toMatchObject({ outcome: 'aborted', usage_estimated: 1 });
    expect((await messagesOf(conversationId))[0]?.text).toBe('Cuéntame una historia larga');
  });

  it('retries a failed reply on request', async () => {
    const conversationId = await newConversation('es');
    fake.script({ provider: 'anthropic', fault: { type: 'status', status: 401 } });
    const failed = await sendTurn(learner, conversationId, 'first try');
    const end = failed.events.find((event) => event.type === 'reply-end');
    expect(end).toMatchObject({ status: 'failed' });
    const tutorMessageId = (end as { tutorMessageId: string }).tutorMessageId;
    fake.script({ provider: 'anthropic', text: 'Ahora sí.' });
    const retried = await sendTurn(learner, conversationId, '', {
      path: `/api/conversations/${conversationId}/messages/${tutorMessageId}/retry`,
    });
    expect(replyText(retried.events)).toBe('Ahora sí.');
    const messages = await messagesOf(conversationId);
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatchObject({ id: tutorMessageId, status: 'complete', text: 'Ahora sí.' });
    const again = await sendTurn(learner, conversationId, '', {
      path: `/api/conversations/${conversationId}/messages/${tutorMessageId}/retry`,
    });
    expect(again.status).toBe(409);
  });

  it('ends replies a dead process left streaming as interrupted, keeping the text it saved', async () => {
    const conversationId = await newConversation('es');
    await sendTurn(learner, conversationId, 'hola');
    await sendTurn(learner, conversationId, 'adiós');
    const [, withText, , withoutText] = await messagesOf(conversationId);
    await testApp.database.db
      .updateTable('messages')
      .set({ status: 'streaming' })
      .where('id', 'in', [withText!.id, withoutText!.id])
      .execute();
    await testApp.database.db
      .updateTable('messages')
      .set({ text: '' })
      .where('id', '=', withoutText!.id)
      .execute();
    expect(await failInterruptedReplies(testApp.database.db, testApp.clock, { olderThanMs: 0 })).toBe(2);
    const page = await learner.get(`/api/conversations/${conversationId}`);
    expect(page.body.messages[1]).toMatchObject({ status: 'partial', failureReason: 'interrupted' });
    expect(page.body.messages[1].text).toBe(withText!.text);
    expect(page.body.messages[3]).toMatchObject({ status: 'failed', failureReason: 'interrupted', text: '' });
  });

  it('lists, searches, renames, pages and deletes conversations', async () => {
    const client = (await createMember(testApp, await signUpOwnerless(), { username: 'lister' })).client;
    const first = await newConversation('es', client);
    const second = await newConversation('fr', client);
    await sendTurn(client, first, 'Me gusta el gazpacho');
    await sendTurn(client, second, 'J’aime le fromage');
    const all = await client.get('/api/conversations');
    expect(all.body.conversations.map((item: { id: string }) => item.id)).toEqual([second, first]);
    expect(all.body.conversations[1].title).toBe('Spanish conversation');
    const found = await client.get('/api/conversations?q=GAZPACHO');
    expect(found.body.conversations.map((item: { id: string }) => item.id)).toEqual([first]);
    expect((await client.get('/api/conversations?q=100%25')).body.conversations).toEqual([]);
    const renamed = await client.patch(`/api/conversations/${first}`, { title: 'Comida' });
    expect(renamed.body.conversation.title).toBe('Comida');
    for (let index = 0; index < 3; index++) await sendTurn(client, first, `mensaje ${index}`);
    const page = await client.get(`/api/conversations/${first}?limit=3`);
    expect(page.body.messages).toHaveLength(3);
    expect(page.body.hasMore).toBe(true);
    const older = await client.get(`/api/conversations/${first}?limit=50&before=${page.body.messages[0].id}`);
    expect(older.body.messages).toHaveLength(5);
    expect(older.body.hasMore).toBe(false);
    expect((await client.delete(`/api/conversations/${first}`)).status).toBe(204);
    expect((await client.get(`/api/conversations/${first}`)).status).toBe(404);
    expect(await messagesOf(first)).toEqual([]);
  });

  it('searches titles and messages ignoring case and accents, with every character of the query literal', async () => {
    const client = (await createMember(testApp, await signUpOwnerless(), { username: 'searcher' })).client;
    const titled = await newConversation('es', client);
    await client.patch(`/api/conversations/${titled}`, { title: 'Café de la mañana' });
    const ordered = await newConversation('es', client);
    await sendTurn(client, ordered, 'Quiero un café con leche');
    const song = await newConversation('es', client);
    await sendTurn(client, song, 'Me gusta esta CANCION');
    const greek = await newConversation('el', client);
    await sendTurn(client, greek, 'Καλημέρα σας');
    const symbols = await newConversation('fr', client);
    await sendTurn(client, symbols, 'Le prix: 100% (a.b) ÉCOLE');
    const search = async (q: string) => {
      const response = await client.get(`/api/conversations?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(200);
      return response.body.conversations.map((item: { id: string }) => item.id);
    };

    // Newest activity first, as before; a title and a message both count.
    expect(await search('cafe')).toEqual([ordered, titled]);
    expect(await search('CAFÉ')).toEqual([ordered, titled]);
    expect(await search('Mañana')).toEqual([titled]);
    expect(await search('manana')).toEqual([titled]);
    expect(await search('canción')).toEqual([song]);
    expect(await search('cancion')).toEqual([song]);
    expect(await search('école')).toEqual([symbols]);
    expect(await search('ecole')).toEqual([symbols]);
    expect(await search('καλημερα')).toEqual([greek]);
    expect(await search('ΚΑΛΗΜΈΡΑ')).toEqual([greek]);
    // The wildcards of LIKE, GLOB and regular expressions are plain characters.
    expect(await search('100%')).toEqual([symbols]);
    expect(await search('(a.b)')).toEqual([symbols]);
    for (const wildcard of ['_', '*', '[x]', 'n.xt', '.*', '^', '$', '\\', 'a_b', '(a.c)', '[a-z]'])
      expect(await search(wildcard)).toEqual([]);
    expect(await search('cafes')).toEqual([]);
    // The longest query the contract allows is a clear answer, not an error.
    expect(await search('á'.repeat(200))).toEqual([]);
    expect(await search('ø'.repeat(200))).toEqual([]);
    // Another member's words are not found.
    expect((await learner.get('/api/conversations?q=cancion')).body.conversations).toEqual([]);
  });

  async function signUpOwnerless(): Promise<TestClient> {
    const owner = testApp.client();
    await owner.post('/api/auth/login', { username: 'owner', password: 'correct horse battery staple' });
    return owner;
  }

  it('answers another member’s conversation with 404 and changes nothing', async () => {
    const conversationId = await newConversation('es');
    await sendTurn(learner, conversationId, 'privado');
    const other = (await createMember(testApp, await signUpOwnerless(), { username: 'curious' })).client;
    const attempts = [
      await other.get(`/api/conversations/${conversationId}`),
      await other.patch(`/api/conversations/${conversationId}`, { title: 'mine now' }),
      await other.delete(`/api/conversations/${conversationId}`),
      (await sendTurn(other, conversationId, 'hola')) as { status: number; body?: any },
    ];
    for (const response of attempts) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('not_found');
    }
    expect((await other.get('/api/conversations')).body.conversations).toEqual([]);
    expect(await messagesOf(conversationId)).toHaveLength(2);
  });

  it('refuses empty, oversized and malformed messages with 400 and stores nothing', async () => {
    const conversationId = await newConversation('es');
    for (const body of [
      { text: '   ' },
      { text: 'x'.repeat(4001) },
      { text: 42 },
      { text: 'hola', extra: true },
      {},
    ]) {
      const response = await learner.post(`/api/conversations/${conversationId}/messages`, body);
      expect(response.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
    expect(await messagesOf(conversationId)).toEqual([]);
    expect((await learner.post('/api/conversations', { language: 'xx' })).status).toBe(400);
    expect((await learner.post('/api/conversations', { language: 'es', level: 'Z9' })).status).toBe(400);
    expect(fake.requests()).toHaveLength(0);
  });
});

describe.skipIf(postgresUnavailable())('conversations without a provider', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('refuses a turn with 503 no_provider pointing at AI providers in the app, and stores nothing', async () => {
    const owner = await signUpOwner(testApp);
    const status = await owner.get('/api/providers');
    expect(status.body).toMatchObject({ available: false, providers: [] });
    expect(status.body).toMatchObject({ canConfigure: true });
    expect(status.body.setupHint).toMatch(/AI providers/);
    const created = await owner.post('/api/conversations', { language: 'it' });
    expect(created.status).toBe(201);
    const turn = await sendTurn(owner, created.body.conversation.id, 'Ciao!');
    expect(turn.status).toBe(503);
    expect(turn.body.error.code).toBe('no_provider');
    expect(turn.body.error.message).toMatch(/AI providers/);
    expect(await testApp.database.db.selectFrom('messages').selectAll().execute()).toEqual([]);
  });
});
