import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable, testDbKind } from '../../tests/harness/test-database.ts';
import {
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';
import { eventually, sendTurn, startConversation } from '../../tests/helpers/turns.ts';
import { loadLocalModelCatalogue } from './local/catalogue.ts';

const fixture = fileURLToPath(new URL('../../tests/fixtures/llama-2-tiny-random.gguf', import.meta.url));
const fixtureFile = 'llama-2-tiny-random.gguf';

/**
 * A local model inside Charla, through the real HTTP API: the admin registers a GGUF file placed in
 * DATA_DIR/models, routes the chains to it, and a learner's turn streams from it — reply, then
 * grammar-constrained feedback (valid or marked unavailable, never a 5xx), ledger rows at cost 0.
 */
// The model runs on the CPU beside everything else: on a loaded machine a turn takes tens of seconds.
describe.skipIf(postgresUnavailable())('local models through the API', { timeout: 120_000 }, () => {
  let testApp: TestApp;
  let owner: TestClient;
  let dataDir: string;
  let ownDataDir: string | undefined;
  let hub: Server;
  let hubUrl: string;
  let hubHits = 0;

  beforeAll(async () => {
    // A loopback stand-in for the model hub serving the fixture under a catalogue entry's path.
    const bytes = await readFile(fixture);
    hub = createServer(async (_request, response) => {
      hubHits += 1;
      response.writeHead(200, { 'content-length': bytes.length, 'content-type': 'application/octet-stream' });
      // In slices, slowly enough that the page sees progress before the end.
      for (let offset = 0; offset < bytes.length; offset += 128 * 1024) {
        response.write(bytes.subarray(offset, offset + 128 * 1024));
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      response.end();
    });
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
    hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;

    // PostgreSQL's test app has no data folder of its own; SQLite's has one, removed with the app.
    ownDataDir = testDbKind === 'postgres' ? await mkdtemp(join(tmpdir(), 'charla-local-')) : undefined;
    testApp = await startTestApp({
      env: {
        ...(ownDataDir && { DATA_DIR: ownDataDir }),
        HF_ENDPOINT: hubUrl,
        REPLY_MAX_OUTPUT_TOKENS: '16',
        FEEDBACK_MAX_OUTPUT_TOKENS: '100',
        LLM_MAX_RETRIES: '0',
      },
    });
    dataDir = ownDataDir ?? testApp.config.DATA_DIR;
    await mkdir(join(dataDir, 'models'), { recursive: true });
    await copyFile(fixture, join(dataDir, 'models', fixtureFile));
    owner = await signUpOwner(testApp);
    await onboard(owner, 'es', 'A2');
  });
  afterAll(async () => {
    await testApp?.close();
    await new Promise((resolve) => hub?.close(resolve));
    if (ownDataDir) await rm(ownDataDir, { recursive: true, force: true });
  });

  it('lists the catalogue and the GGUF files placed in the models folder', async () => {
    await writeFile(join(dataDir, 'models', 'notes.gguf'), 'not a model');
    const listed = await owner.get('/api/admin/local-models');
    expect(listed.status).toBe(200);
    expect(listed.body.files).toEqual([
      expect.objectContaining({ file: fixtureFile, sizeBytes: 1_750_560, providerId: null, verified: false }),
    ]);
    expect(listed.body.catalogue.length).toBeGreaterThanOrEqual(3);
    expect(listed.body.availableMemoryBytes).toBeGreaterThan(0);
    expect(listed.body.modelsDir).toBe(join(dataDir, 'models'));
  });

  it('refuses files that are missing, not GGUF or outside the folder, with a clear 400', async () => {
    for (const [modelFile, expected] of [
      ['missing.gguf', /no .*missing\.gguf|not found|There is no/i],
      ['notes.gguf', /GGUF/],
    ] as const) {
      const response = await owner.post('/api/admin/providers', { kind: 'local', name: 'Bad', modelFile });
      expect(response.status, modelFile).toBe(400);
      expect(response.body.error.message).toMatch(expected);
    }
    const outside = await owner.post('/api/admin/providers', {
      kind: 'local',
      name: 'Bad',
      modelFile: '../x.gguf',
    });
    expect(outside.status).toBe(400);
    expect(await testApp.database.db.selectFrom('llm_providers').selectAll().execute()).toEqual([]);
  });

  it('a registered local model answers a turn: streamed reply, feedback after it, ledger rows at cost 0', async () => {
    const created = await owner.post('/api/admin/providers', {
      kind: 'local',
      name: 'Tiny',
      modelFile: fixtureFile,
    });
    expect(created.status).toBe(201);
    expect(created.body.provider).toMatchObject({
      id: 'tiny',
      kind: 'local',
      local: true,
      parallel: false,
      baseUrl: null,
      hasKey: false,
      models: ['llama-2-tiny-random'],
      state: { status: 'ok' },
    });
    const listed = await owner.get('/api/admin/local-models');
    expect(listed.body.files[0]).toMatchObject({ file: fixtureFile, providerId: 'tiny' });

    const conversationId = await startConversation(owner, { language: 'es' });
    const turn = await sendTurn(owner, conversationId, 'Hola, me llamo Ana y vivo en Madrid.');
    expect(turn.status).toBe(200);
    const types = turn.events.map((event) => event.type);
    expect(types[0]).toBe('accepted');
    expect(types).toContain('reply-delta');
    expect(types.at(-1)).toBe('done');
    const end = turn.events.find((event) => event.type === 'reply-end') as { status: string } | undefined;
    expect(end?.status).toBe('complete');
    // Random weights: the analysis may or may not validate, but it is answered either way.
    const feedback = turn.events.find((event) => event.type === 'feedback') as
      | { status?: string }
      | undefined;
    expect(feedback).toBeDefined();
    expect(turn.events.some((event) => event.type === 'error')).toBe(false);

    const rows = await testApp.database.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('provider', '=', 'tiny')
      .orderBy('created_at')
      .execute();
    expect(rows.map((row) => row.purpose)).toEqual(['reply', 'feedback']);
    for (const row of rows) {
      expect(row).toMatchObject({ model: 'llama-2-tiny-random', price_fallback: 0 });
      expect(Number(row.cost_micros)).toBe(0);
      expect(row.input_tokens + row.cache_read_tokens).toBeGreaterThan(0);
    }
    expect(rows[0]?.output_tokens).toBeGreaterThan(0);
  });

  it('the second turn of a conversation evaluates only what is new (the context is reused)', async () => {
    // The analysis of turn 1 may add error categories to turn 2's system prompt, which would change
    // the prefix itself; with feedback going elsewhere (here: nowhere) the prefix is unchanged.
    const nowhere = await owner.post('/api/admin/providers', {
      kind: 'openai-compatible',
      name: 'Nowhere',
      baseUrl: 'http://127.0.0.1:1/v1',
    });
    expect(nowhere.status).toBe(201);
    await owner.put('/api/admin/chains', { role: 'feedback', links: [{ provider: 'nowhere', model: 'x' }] });
    const conversationId = await startConversation(owner, { language: 'es' });
    testApp.clock.advance(60_000);
    await sendTurn(owner, conversationId, 'Primera frase de la conversación.');
    testApp.clock.advance(60_000);
    await sendTurn(owner, conversationId, 'Segunda frase.');
    const [first, second] = await testApp.database.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('purpose', '=', 'reply')
      .orderBy('created_at')
      .execute();
    // The second reply's prompt holds the whole first turn, yet evaluates fewer tokens than it reuses.
    expect(second?.cache_read_tokens).toBeGreaterThan(0);
    expect(second?.input_tokens).toBeLessThan((second?.cache_read_tokens ?? 0) + (second?.input_tokens ?? 0));
    expect(second?.input_tokens).toBeLessThan(first?.input_tokens ?? 0);
    await owner.put('/api/admin/chains', { role: 'feedback', links: [] });
    expect((await owner.delete('/api/admin/providers/nowhere')).status).toBe(204);
  });

  it('downloads a catalogue model from the hub (here a loopback mirror) with progress, then refuses an unknown id', async () => {
    // An entry without a published checksum: the fixture stands in for its file.
    const entry = loadLocalModelCatalogue().models.find((candidate) => candidate.sha256 === null);
    if (!entry) throw new Error('no unverified catalogue entry');
    const started = await owner.post(`/api/admin/local-models/${entry.id}/download`);
    expect(started.status).toBe(202);
    expect(started.body.download).toMatchObject({ catalogueId: entry.id, file: entry.file });
    // The page's progress stream: bytes growing, then complete, then the stream ends by itself.
    const events = await owner.get('/api/admin/local-models/events');
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    const progress = events.text
      .split('\n\n')
      .filter((frame) => frame.startsWith('event: progress'))
      .map(
        (frame) =>
          JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as { receivedBytes: number; state: string },
      );
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)?.state).toBe('complete');
    expect(progress.at(-1)?.receivedBytes).toBe(1_750_560);
    expect(progress.some((event) => event.state === 'downloading' && event.receivedBytes < 1_750_560)).toBe(
      true,
    );
    await eventually(async () => {
      const listed = await owner.get('/api/admin/local-models');
      return listed.body.downloads.some(
        (download: { catalogueId: string; state: string }) =>
          download.catalogueId === entry.id && download.state === 'complete',
      );
    });
    expect(hubHits).toBeGreaterThan(0);
    const listed = await owner.get('/api/admin/local-models');
    const file = listed.body.files.find((candidate: { file: string }) => candidate.file === entry.file);
    // No checksum in the catalogue: the first complete download records size and sha256.
    const sha256 = createHash('sha256')
      .update(await readFile(fixture))
      .digest('hex');
    expect(file).toMatchObject({ catalogueId: entry.id, sizeBytes: (await stat(fixture)).size });
    expect(file).toMatchObject({ verified: true, sha256 });
    expect(
      listed.body.catalogue.find((candidate: { id: string }) => candidate.id === entry.id),
    ).toMatchObject({ downloaded: true, verified: true });

    expect((await owner.post('/api/admin/local-models/no-such-model/download')).status).toBe(404);
    expect((await owner.delete(`/api/admin/local-models/${entry.id}/download`)).status).toBe(404);
    expect((await owner.post('/api/admin/local-models/BAD ID/download')).status).toBe(400);
  });
});
