import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postgresUnavailable, testDbKind } from '../../tests/harness/test-database.ts';
import {
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '../../tests/helpers/server-process.ts';
import {
  createMember,
  defaultPassword,
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  TestClient,
} from '../../tests/helpers/test-app.ts';
import { eventually, replyText, sendTurn, startConversation } from '../../tests/helpers/turns.ts';
import { type FakeLlm, startFakeLlm } from '../../tools/fake-llm/fake-llm.ts';
import { keyFilePath } from '../model-calls.ts';
import { detectOllama } from './providers.ts';

// Every key in this file carries this prefix; the test client fails any response that holds one.
const anthropicKey = 'sk-charla-test-anthropic-key-0001';
const secondKey = 'sk-charla-test-anthropic-key-0002';
const onPostgres = testDbKind === 'postgres';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.skipIf(postgresUnavailable())('AI providers set up in the app', () => {
  let fake: FakeLlm;
  let testApp: TestApp;
  let owner: TestClient;
  let learner: TestClient;
  let learnerId: string;

  beforeAll(async () => {
    fake = await startFakeLlm();
    // No provider in the environment: a fresh owner's server. PostgreSQL needs CHARLA_SECRET to
    // store keys (tested on its own below).
    testApp = await startTestApp({
      env: onPostgres ? { CHARLA_SECRET: 'sk-charla-test-secret-for-postgres' } : {},
    });
    owner = await signUpOwner(testApp);
    await onboard(owner, 'es', 'A2');
    ({ client: learner, id: learnerId } = await createMember(testApp, owner, { username: 'learner' }));
    await onboard(learner, 'es', 'A2');
  });
  afterAll(async () => {
    await testApp.close();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  const addAnthropic = (name = 'Anthropic', apiKey = anthropicKey) =>
    owner.post('/api/admin/providers', { kind: 'anthropic', name, baseUrl: fake.anthropicBaseURL, apiKey });

  it('a provider added in the app answers the next turn, without a restart', async () => {
    expect((await learner.get('/api/providers')).body).toMatchObject({
      available: false,
      canConfigure: false,
    });
    const conversationId = await startConversation(learner, { language: 'es' });
    expect((await sendTurn(learner, conversationId, 'Hola')).status).toBe(503);

    const created = await addAnthropic();
    expect(created.status).toBe(201);
    expect(created.body.provider).toMatchObject({
      id: 'anthropic',
      kind: 'anthropic',
      source: 'app',
      hasKey: true,
      keyLast4: '0001',
      local: false,
      state: { status: 'ok', lastError: null },
    });
    // The live model list of the provider, read when it was added.
    expect(created.body.provider.models).toContain('claude-sonnet-5');

    fake.script({ provider: 'anthropic', text: '¡Hola! ¿Qué tal?' });
    const turn = await sendTurn(learner, conversationId, 'Hola, buenos días');
    expect(turn.status).toBe(200);
    expect(replyText(turn.events)).toBe('¡Hola! ¿Qué tal?');
    expect(fake.requests({ provider: 'anthropic' })[0]?.credentialTail).toBe('0001');
    expect((await learner.get('/api/providers')).body).toMatchObject({ available: true });
  });

  it('stores the key encrypted: the row holds neither the key nor its text, only the last four', async () => {
    const row = await testApp.database.db
      .selectFrom('llm_providers')
      .selectAll()
      .where('id', '=', 'anthropic')
      .executeTakeFirstOrThrow();
    expect(row.api_key_ciphertext).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain('anthropic-key-0001');
    expect(Buffer.from(row.api_key_ciphertext ?? '', 'base64').toString('latin1')).not.toContain(
      'anthropic-key',
    );
    expect(row.api_key_last4).toBe('0001');
    if (!onPostgres) {
      const keyFile = keyFilePath(testApp.config) as string;
      expect(await readFile(keyFile, 'utf8')).not.toContain('anthropic-key');
    }
  });

  it('lists providers with their state, and the chains in force', async () => {
    const list = await owner.get('/api/admin/providers');
    expect(list.status).toBe(200);
    expect(list.body.providers.map((provider: { id: string }) => provider.id)).toEqual(['anthropic']);
    expect(list.body.effective.conversation).toEqual([{ provider: 'anthropic', model: 'claude-haiku-4-5' }]);
    expect(list.body).toMatchObject({
      canStoreKeys: true,
      keyStorage: onPostgres ? 'environment' : 'key-file',
    });
    // A learner sees none of it.
    expect((await learner.get('/api/admin/providers')).status).toBe(403);
    expect(
      (await learner.post('/api/admin/providers', { kind: 'mistral', name: 'x', apiKey: secondKey })).status,
    ).toBe(403);
  });

  it('refuses invalid providers with a clear 400 and stores nothing', async () => {
    const before = await testApp.database.db.selectFrom('llm_providers').select('id').execute();
    const cases: Array<[unknown, RegExp]> = [
      [{ kind: 'anthropic', name: 'No key' }, /Paste the API key/],
      [{ kind: 'openai-compatible', name: 'Box' }, /address/],
      [{ kind: 'openai-compatible', name: 'Box', baseUrl: 'ftp://example.org' }, /http/],
      [{ kind: 'openai-compatible', name: 'Box', baseUrl: 'http://user:pw@127.0.0.1/v1' }, /password/],
      [{ kind: 'anthropic', name: 'Key', apiKey: 'has spaces in it' }, /one word/],
      [{ kind: 'local', name: 'L' }, /model file/],
      [{ kind: 'local', name: 'L', modelFile: '../../etc/passwd.gguf' }, /\.gguf file/],
      [{ kind: 'ollama', name: 'x' }, /kind/],
      [{ kind: 'mistral', name: 'x\u0000y', apiKey: secondKey }, /control characters/],
    ];
    for (const [body, message] of cases) {
      const response = await owner.post('/api/admin/providers', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
      expect(JSON.stringify(response.body.error)).toMatch(message);
    }
    expect(await testApp.database.db.selectFrom('llm_providers').select('id').execute()).toEqual(before);
  });

  it('edits a provider: a new key replaces the old one, the name changes; unknown ids are 404', async () => {
    const updated = await owner.patch('/api/admin/providers/anthropic', {
      name: 'Family Claude',
      apiKey: secondKey,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.provider).toMatchObject({
      name: 'Family Claude',
      keyLast4: '0002',
      state: { status: 'ok' },
    });
    fake.script({ provider: 'anthropic', text: 'Sí.' });
    const conversationId = await startConversation(learner, { language: 'es' });
    await sendTurn(learner, conversationId, 'Hola otra vez');
    expect(fake.requests({ provider: 'anthropic' })[0]?.credentialTail).toBe('0002');

    expect((await owner.patch('/api/admin/providers/nope', { name: 'x' })).status).toBe(404);
    expect((await owner.patch('/api/admin/providers/anthropic', {})).status).toBe(400);
    const removeKey = await owner.patch('/api/admin/providers/anthropic', { apiKey: null });
    expect(removeKey.status).toBe(400);
    expect(removeKey.body.error.message).toMatch(/needs a key/);
  });

  it('tests a provider with one tiny real call, metered like any call', async () => {
    fake.script({ provider: 'anthropic', text: 'Hello!' });
    const tested = await owner.post('/api/admin/providers/anthropic/test', {});
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ ok: true, model: 'claude-haiku-4-5', reply: 'Hello!', error: null });
    expect(tested.body.costMicros).toBeGreaterThan(0);
    const ledger = await testApp.database.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('purpose', '=', 'provider-test')
      .execute();
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ provider: 'anthropic', model: 'claude-haiku-4-5', outcome: 'ok' });
    expect(Number(ledger[0]?.cost_micros)).toBe(tested.body.costMicros);
  });

  it('an unreachable server is told in plain words, and its test fails with a reason, never a 5xx', async () => {
    const created = await owner.post('/api/admin/providers', {
      kind: 'openai-compatible',
      name: 'Home Ollama',
      baseUrl: `http://127.0.0.1:${await closedPort()}/v1`,
      parallel: false,
    });
    expect(created.status).toBe(201);
    expect(created.body.provider).toMatchObject({
      id: 'home-ollama',
      local: true,
      parallel: false,
      hasKey: false,
      state: { status: 'unreachable' },
    });
    expect(created.body.provider.state.lastError).toMatch(
      /Could not reach 127\.0\.0\.1:\d+: connection refused/,
    );
    const tested = await owner.post('/api/admin/providers/home-ollama/test', { model: 'llama3.2' });
    expect(tested.status).toBe(200);
    expect(tested.body.ok).toBe(false);
    expect(tested.body.error).toBeTruthy();
    expect((await owner.delete('/api/admin/providers/home-ollama')).status).toBe(204);
  });

  it('words a check’s stored error, a failed test and a refusal in the reader’s language', async () => {
    const created = await owner.post('/api/admin/providers', {
      kind: 'openai-compatible',
      name: 'Casa',
      baseUrl: `http://127.0.0.1:${await closedPort()}/v1`,
    });
    expect(created.status).toBe(201);
    // Stored as a key with its values, worded when read.
    const stored = await testApp.database.db
      .selectFrom('llm_providers')
      .select('last_error')
      .where('id', '=', 'casa')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.last_error ?? 'null')).toMatchObject({
      key: 'errors.providers.check.refused',
      values: { host: expect.stringMatching(/^127\.0\.0\.1:\d+$/) },
    });
    const lastError = async () =>
      (await owner.get('/api/admin/providers')).body.providers.find(
        (provider: { id: string }) => provider.id === 'casa',
      ).state.lastError;
    try {
      await owner.patch('/api/me/profile', { interfaceLanguage: 'es' });
      expect(await lastError()).toMatch(
        /^No se pudo contactar con 127\.0\.0\.1:\d+: conexión rechazada\. ¿Está el servidor en marcha\?$/,
      );
      const missing = await owner.post('/api/admin/providers', {
        kind: 'local',
        name: 'Nada',
        modelFile: 'missing.gguf',
      });
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(
        /^(La carpeta de modelos .* todavía no existe|No hay ningún archivo missing\.gguf)/,
      );

      await owner.patch('/api/me/profile', { interfaceLanguage: 'de' });
      expect(await lastError()).toMatch(
        /^127\.0\.0\.1:\d+ war nicht erreichbar: Verbindung abgelehnt\. Läuft der Server\?$/,
      );
      const tested = await owner.post('/api/admin/providers/casa/test', { model: 'llama3.2' });
      expect(tested.status).toBe(200);
      expect(tested.body).toMatchObject({ ok: false });
      expect(tested.body.error).toBe('Der Anbieter ist nicht erreichbar.');
      expect(tested.body.provider.state.lastError).toMatch(/war nicht erreichbar: Verbindung abgelehnt/);
      const unknown = await owner.put('/api/admin/chains', {
        role: 'conversation',
        links: [{ provider: 'nirgendwo', model: 'x' }],
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.details.issues).toEqual([
        { path: 'links.0.provider', message: '„nirgendwo“ ist hier kein Anbieter.' },
      ]);
    } finally {
      await owner.patch('/api/me/profile', { interfaceLanguage: 'en' });
      await owner.delete('/api/admin/providers/casa');
    }
  });

  it('a chain set in the app routes the next turn; unknown providers are refused', async () => {
    const server = await owner.post('/api/admin/providers', {
      kind: 'openai-compatible',
      name: 'Box',
      baseUrl: fake.openaiBaseURL,
      apiKey: 'sk-charla-test-box-key-9999',
    });
    expect(server.status).toBe(201);
    // The fake's live model list becomes the provider's models.
    expect(server.body.provider.models).toEqual(['llama3.2:3b', 'qwen2.5:7b']);

    const set = await owner.put('/api/admin/chains', {
      role: 'conversation',
      language: 'es',
      links: [{ provider: 'box', model: 'qwen2.5:7b' }],
    });
    expect(set.status).toBe(200);
    expect(set.body.chains).toContainEqual({
      role: 'conversation',
      language: 'es',
      links: [{ provider: 'box', model: 'qwen2.5:7b' }],
      source: 'app',
    });
    fake.script({ provider: 'openai', text: 'Vale.' });
    const conversationId = await startConversation(learner, { language: 'es' });
    const turn = await sendTurn(learner, conversationId, 'Hola desde la caja');
    expect(replyText(turn.events)).toBe('Vale.');
    const call = fake.requests({ provider: 'openai' })[0];
    expect((call?.body as { model?: string } | undefined)?.model).toBe('qwen2.5:7b');
    expect(call?.credentialTail).toBe('9999');

    const bad = await owner.put('/api/admin/chains', {
      role: 'feedback',
      links: [{ provider: 'nobody', model: 'x' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('links.0.provider');

    // Removing the provider removes it from the chains: the role falls back to the default.
    expect((await owner.delete('/api/admin/providers/box')).status).toBe(204);
    const after = await owner.get('/api/admin/providers');
    expect(after.body.chains).toEqual([]);
    expect(after.body.providers.map((provider: { id: string }) => provider.id)).toEqual(['anthropic']);
    expect((await owner.delete('/api/admin/providers/box')).status).toBe(404);
  });

  it('a price override set in the app prices the next call, and shows who set it and when', async () => {
    const set = await owner.put('/api/admin/prices/overrides', {
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      rates: { input: 2, output: 10 },
    });
    expect(set.status).toBe(200);
    const row = set.body.models.find(
      (model: { provider: string; model: string }) =>
        model.provider === 'anthropic' && model.model === 'claude-haiku-4-5',
    );
    expect(row).toMatchObject({
      origin: 'override',
      overriddenBy: 'owner',
      input: 2_000_000,
      output: 10_000_000,
    });
    expect(row.overriddenAt).toBe(testApp.clock.now().toISOString());

    fake.script({ provider: 'anthropic', text: 'Caro.', usage: { inputTokens: 1000, outputTokens: 100 } });
    const tested = await owner.post('/api/admin/providers/anthropic/test', {});
    // 1,000 × $2 + 100 × $10 per million = 3,000 µ$ (the table's Haiku price would be 1,500).
    expect(tested.body.costMicros).toBe(3000);
    const last = await testApp.database.db
      .selectFrom('ledger_entries')
      .select('cost_micros')
      .where('purpose', '=', 'provider-test')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(Number(last.cost_micros)).toBe(3000);

    expect(
      (await owner.put('/api/admin/prices/overrides', { provider: 'anthropic', model: 'x', rates: {} }))
        .status,
    ).toBe(400);
    const removed = await owner.delete('/api/admin/prices/overrides', {
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
    });
    expect(removed.status).toBe(200);
    expect(
      removed.body.models.find(
        (model: { provider: string; model: string }) =>
          model.provider === 'anthropic' && model.model === 'claude-haiku-4-5',
      ),
    ).toMatchObject({ origin: 'table', overriddenBy: null });
    expect(
      (
        await owner.delete('/api/admin/prices/overrides', {
          provider: 'anthropic',
          model: 'claude-haiku-4-5',
        })
      ).status,
    ).toBe(404);
    void learnerId;
  });
});

describe.skipIf(postgresUnavailable())('providers from the environment', () => {
  let fake: FakeLlm;
  let testApp: TestApp;
  let owner: TestClient;

  beforeAll(async () => {
    fake = await startFakeLlm();
    testApp = await startTestApp({
      env: {
        ANTHROPIC_API_KEY: 'sk-charla-test-env-key-7777',
        ANTHROPIC_BASE_URL: fake.anthropicBaseURL,
        ...(onPostgres && { CHARLA_SECRET: 'sk-charla-test-secret-for-postgres' }),
      },
    });
    owner = await signUpOwner(testApp);
  });
  afterAll(async () => {
    await testApp.close();
    await fake.close();
  });

  it('list a detected Ollama with its models, read-only', async () => {
    // What the background probe at start finds: the fake answers Ollama's /api/tags.
    const ollama = await detectOllama(fake.url);
    if (!ollama) throw new Error('the fake did not answer as an Ollama');
    testApp.llm.registry.addDetected(ollama);
    const list = await owner.get('/api/admin/providers');
    expect(list.body.providers.find((provider: { id: string }) => provider.id === 'ollama')).toMatchObject({
      source: 'detected',
      kind: 'openai-compatible',
      local: true,
      parallel: false,
      models: ['llama3.2:3b', 'qwen2.5:7b'],
      state: { status: 'ok' },
    });
    expect((await owner.delete('/api/admin/providers/ollama')).status).toBe(409);
  });

  it('show as set in the environment and are read-only in the app', async () => {
    const list = await owner.get('/api/admin/providers');
    expect(list.body.providers[0]).toMatchObject({
      id: 'anthropic',
      source: 'environment',
      keyLast4: null,
      state: { status: 'ok' },
    });
    const edit = await owner.patch('/api/admin/providers/anthropic', { name: 'Mine' });
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toMatch(/set in the server’s environment/);
    expect((await owner.delete('/api/admin/providers/anthropic')).status).toBe(409);
    // An app provider of the same kind gets an id of its own.
    const added = await owner.post('/api/admin/providers', {
      kind: 'anthropic',
      name: 'Anthropic',
      baseUrl: fake.anthropicBaseURL,
      apiKey: 'sk-charla-test-app-key-5555',
    });
    expect(added.status).toBe(201);
    expect(added.body.provider.id).toBe('anthropic-2');
  });
});

describe.skipIf(onPostgres)('a key that no longer decrypts (SQLite)', () => {
  it('is told in the app, and the provider is left out of every chain instead of crashing', async () => {
    const fake = await startFakeLlm();
    const testApp = await startTestApp();
    try {
      const owner = await signUpOwner(testApp);
      await onboard(owner, 'es', 'A2');
      const created = await owner.post('/api/admin/providers', {
        kind: 'anthropic',
        name: 'Anthropic',
        baseUrl: fake.anthropicBaseURL,
        apiKey: 'sk-charla-test-lost-key-3333',
      });
      expect(created.status).toBe(201);
      // The key file is replaced (restored from another machine, say) and the server restarts.
      await writeFile(keyFilePath(testApp.config) as string, `${Buffer.alloc(32, 7).toString('base64')}\n`);
      const restarted = await startTestApp({ env: { DATA_DIR: testApp.config.DATA_DIR } });
      try {
        const again = new TestClient(restarted.url);
        await again.post('/api/auth/login', { username: 'owner', password: defaultPassword });
        const list = await again.get('/api/admin/providers');
        expect(list.status).toBe(200);
        expect(list.body.providers[0]).toMatchObject({ id: 'anthropic', hasKey: true, keyLast4: '3333' });
        expect(list.body.providers[0].state.status).toBe('key_unreadable');
        expect(list.body.providers[0].state.lastError).toMatch(/Enter the key again/);
        const conversationId = await startConversation(again, { language: 'es' });
        const turn = await sendTurn(again, conversationId, 'Hola');
        expect(turn.status).toBe(503);
        // Entering the key again mends it.
        const mended = await again.patch('/api/admin/providers/anthropic', {
          apiKey: 'sk-charla-test-lost-key-4444',
        });
        expect(mended.body.provider.state.status).toBe('ok');
      } finally {
        await restarted.close();
      }
    } finally {
      await testApp.close();
      await fake.close();
    }
  });
});

describe.skipIf(!onPostgres || postgresUnavailable())('providers on PostgreSQL', () => {
  let fake: FakeLlm;
  let testApp: TestApp;
  let second: ServerProcess | undefined;
  let workDir: string;
  const secret = 'sk-charla-test-shared-secret-42';

  beforeAll(async () => {
    fake = await startFakeLlm();
    testApp = await startTestApp({ env: { CHARLA_SECRET: secret } });
    workDir = await mkdtemp(join(tmpdir(), 'charla-providers-'));
    // A real second server process on the same database, with the same secret.
    second = await startServerProcess(
      { DATABASE_URL: testApp.config.DATABASE_URL as string, DATA_DIR: workDir, CHARLA_SECRET: secret },
      workDir,
    );
  });
  afterAll(async () => {
    await stopServerProcess(second);
    await testApp.close();
    await fake.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('a second process sees a provider added in the first, and answers with it', async () => {
    const owner = await signUpOwner(testApp);
    await onboard(owner, 'es', 'A2');
    const onSecond = new TestClient((second as ServerProcess).url);
    await onSecond.post('/api/auth/login', { username: 'owner', password: defaultPassword });
    expect((await onSecond.get('/api/providers')).body.available).toBe(false);

    expect(
      (
        await owner.post('/api/admin/providers', {
          kind: 'anthropic',
          name: 'Anthropic',
          baseUrl: fake.anthropicBaseURL,
          apiKey: anthropicKey,
        })
      ).status,
    ).toBe(201);
    // LISTEN/NOTIFY delivers the change to the other process.
    await eventually(async () => (await onSecond.get('/api/providers')).body.available === true);
    fake.script({ provider: 'anthropic', text: 'Desde el segundo.' });
    const conversationId = await startConversation(onSecond, { language: 'es' });
    const turn = await sendTurn(onSecond, conversationId, 'Hola, segundo proceso');
    expect(replyText(turn.events)).toBe('Desde el segundo.');
    expect(fake.requests({ provider: 'anthropic' }).at(-1)?.credentialTail).toBe('0001');

    // A chain change reaches it too.
    await owner.put('/api/admin/chains', {
      role: 'conversation',
      links: [{ provider: 'anthropic', model: 'claude-sonnet-5' }],
    });
    await eventually(
      async () =>
        (await onSecond.get('/api/providers')).body.chains.conversation[0]?.model === 'claude-sonnet-5',
    );
  });

  it('saving a key without CHARLA_SECRET is refused with a clear 409, storing nothing', async () => {
    const bare = await startTestApp();
    try {
      const owner = await signUpOwner(bare);
      const response = await owner.post('/api/admin/providers', {
        kind: 'mistral',
        name: 'Mistral',
        apiKey: 'sk-charla-test-mistral-1111',
      });
      expect(response.status).toBe(409);
      expect(response.body.error.message).toMatch(/CHARLA_SECRET/);
      expect(await bare.database.db.selectFrom('llm_providers').selectAll().execute()).toEqual([]);
      expect((await owner.get('/api/admin/providers')).body).toMatchObject({
        canStoreKeys: false,
        keyStorage: 'unavailable',
      });
      // A server without a key needs no secret.
      const keyless = await owner.post('/api/admin/providers', {
        kind: 'openai-compatible',
        name: 'vLLM',
        baseUrl: fake.openaiBaseURL,
      });
      expect(keyless.status).toBe(201);
    } finally {
      await bare.close();
    }
  });
});
