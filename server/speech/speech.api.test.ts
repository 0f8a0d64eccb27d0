import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { maxSpeechBytes } from '../../contracts/speech.ts';
import { postgresUnavailable, testDbKind } from '../../tests/harness/test-database.ts';
import {
  createMember,
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';
import { startConversation } from '../../tests/helpers/turns.ts';
import { type FakeLlm, startFakeLlm } from '../../tools/fake-llm/fake-llm.ts';
import { measureAudio } from './audio-format.ts';
import { makeMp3, makeWav, makeWebmOpus } from './audio-samples.ts';
import { recordingsDirOf } from './recordings.ts';

const mistralKey = 'sk-charla-test-mistral-key-0042';
const chromiumWebm = () =>
  readFile(new URL('../../tests/fixtures/audio/chromium-mediarecorder.webm', import.meta.url));

/** A multipart body as a browser's FormData sends it. */
async function multipart(
  fields: Record<string, string>,
  file?: { bytes: Buffer; name?: string; type?: string },
): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  if (file)
    form.append(
      'file',
      new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }),
      file.name ?? 'recording',
    );
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    body: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') ?? '',
  };
}

async function transcribe(
  client: TestClient,
  fields: Record<string, string>,
  file?: { bytes: Buffer; name?: string; type?: string },
) {
  const { body, contentType } = await multipart(fields, file);
  return client.request('POST', '/api/speech/transcriptions', {
    body,
    headers: { 'content-type': contentType },
  });
}

async function synthesize(client: TestClient, json: Record<string, unknown>) {
  const response = await fetch(`${client.baseUrl}/api/speech/synthesis`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      'x-csrf-token': client.csrfToken ?? '',
    },
    body: JSON.stringify(json),
  });
  const audio = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    headers: response.headers,
    audio,
    json: () => JSON.parse(audio.toString('utf8')),
  };
}

describe.skipIf(postgresUnavailable())('speech through the server', () => {
  let fake: FakeLlm;
  let testApp: TestApp;
  let dataDir: string | undefined;
  let owner: TestClient;
  let learner: TestClient;
  let learnerId: string;
  let other: TestClient;

  beforeAll(async () => {
    fake = await startFakeLlm();
    // PostgreSQL runs keep no SQLite file in DATA_DIR, but recordings and the cache live there.
    if (testDbKind === 'postgres') dataDir = await mkdtemp(join(tmpdir(), 'charla-speech-'));
    testApp = await startTestApp({
      env: dataDir ? { DATA_DIR: dataDir, CHARLA_SECRET: 'sk-charla-test-secret-for-postgres' } : {},
    });
    owner = await signUpOwner(testApp);
    await onboard(owner, 'es', 'A2');
    ({ client: learner, id: learnerId } = await createMember(testApp, owner, { username: 'learner' }));
    await onboard(learner, 'es', 'A2');
    ({ client: other } = await createMember(testApp, owner, { username: 'other' }));
    await onboard(other, 'es', 'A2');
    // A remote OpenAI-compatible server (an IPv4-mapped address is not a loopback name, so it is
    // priced like a vendor), Mistral, and a local server that costs nothing.
    const remote = `http://[::ffff:127.0.0.1]:${fake.port}/openai/v1`;
    for (const provider of [
      { kind: 'openai-compatible', name: 'Remote speech', baseUrl: remote },
      { kind: 'mistral', name: 'Mistral', baseUrl: fake.mistralBaseURL, apiKey: mistralKey },
      { kind: 'openai-compatible', name: 'Local speech', baseUrl: `${fake.url}/v1` },
    ]) {
      const created = await owner.post('/api/admin/providers', provider);
      expect(created.status, created.text).toBe(201);
    }
  });
  afterAll(async () => {
    await testApp?.close();
    await fake?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    fake.reset();
    await learner.patch('/api/me/profile', { voice: { storeAudio: false } });
    for (const fn of ['transcribe', 'speak'])
      await owner.put('/api/admin/providers/speech-chains', { function: fn, links: [] });
    await owner.put(`/api/admin/members/${learnerId}/budget`, {
      monthlyCapMicros: null,
      dailyCapMicros: null,
    });
  });

  const setChain = async (fn: 'transcribe' | 'speak', links: Array<Record<string, string>>) => {
    const response = await owner.put('/api/admin/providers/speech-chains', { function: fn, links });
    expect(response.status, response.text).toBe(200);
    return response;
  };
  const ledger = (purpose: string) =>
    testApp.database.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('purpose', '=', purpose)
      .where('user_id', '=', learnerId)
      .orderBy('id')
      .execute();
  const recordingFiles = async () =>
    readdir(join(recordingsDirOf(testApp.config), learnerId)).catch(() => []);

  it('says when speech is not set up, in words for the learner and for the admin', async () => {
    const capabilities = await learner.get('/api/speech/capabilities?language=es');
    expect(capabilities.status).toBe(200);
    expect(capabilities.body).toMatchObject({
      transcribe: { available: false, reason: 'not_set_up' },
      speak: { available: false, reason: 'not_set_up', voices: [], defaultVoice: null },
      maxSeconds: 120,
      maxBytes: maxSpeechBytes,
    });
    const refused = await transcribe(learner, { language: 'es' }, { bytes: makeWav(1) });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'speech_not_set_up' });
    expect(refused.body.error.message).toContain('owner has not set up');
    const forAdmin = await synthesize(owner, { text: 'Hola', language: 'es' });
    expect(forAdmin.status).toBe(409);
    expect(forAdmin.json().error.message).toContain('AI providers → Speech');
    expect(fake.requests()).toHaveLength(0);
  });

  it('keeps the speech chains with the providers, and refuses links that cannot speak', async () => {
    const set = await setChain('speak', [{ provider: 'remote-speech', model: 'tts-1', voice: 'nova' }]);
    expect(set.body.speechChains).toContainEqual({
      function: 'speak',
      source: 'app',
      links: [{ provider: 'remote-speech', model: 'tts-1', voice: 'nova' }],
    });
    expect(set.body.speechChains).toContainEqual({ function: 'transcribe', source: 'none', links: [] });
    expect(set.body.speechModels.transcribe.mistral).toContain('voxtral-mini-latest');
    const unknown = await owner.put('/api/admin/providers/speech-chains', {
      function: 'transcribe',
      links: [{ provider: 'nobody', model: 'whisper-1' }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues[0].path).toBe('links.0.provider');
    const voiced = await owner.put('/api/admin/providers/speech-chains', {
      function: 'transcribe',
      links: [{ provider: 'remote-speech', model: 'whisper-1', voice: 'nova' }],
    });
    expect(voiced.status).toBe(400);
    expect(
      (await learner.put('/api/admin/providers/speech-chains', { function: 'speak', links: [] })).status,
    ).toBe(403);
  });

  it('transcribes through an OpenAI-compatible server: the exact fields, the measured price, nothing kept', async () => {
    await setChain('transcribe', [{ provider: 'remote-speech', model: 'whisper-1' }]);
    const conversationId = await startConversation(learner, { language: 'es' });
    fake.script({ endpoint: 'transcription', language: 'es', text: 'Hola, me llamo Ana.' });
    const wav = makeWav(3);
    const result = await transcribe(
      learner,
      { language: 'es', conversationId, purpose: 'message' },
      // The declared type and name are the client's word; the server goes by the bytes.
      { bytes: wav, name: 'whatever.bin', type: 'application/octet-stream' },
    );
    expect(result.status, result.text).toBe(200);
    expect(result.body).toEqual({
      text: 'Hola, me llamo Ana.',
      language: 'es',
      durationMs: 3000,
      provider: 'remote-speech',
      model: 'whisper-1',
      // 3 s at $0.006 per minute.
      costMicros: 300,
      recordingId: null,
    });
    const [call] = fake.requests({ endpoint: 'transcription' });
    expect(call?.path).toBe('/openai/v1/audio/transcriptions');
    expect(call?.body).toEqual({
      file: { filename: 'recording.wav', contentType: 'audio/wav', bytes: wav.length },
      model: 'whisper-1',
      language: 'es',
      response_format: 'json',
    });
    const rows = await ledger('transcription');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      provider: 'remote-speech',
      model: 'whisper-1',
      conversation_id: conversationId,
      cost_micros: 300,
      reserved_micros: 300,
      outcome: 'ok',
      input_tokens: 0,
      output_tokens: 0,
      price_fallback: 0,
    });
    // Audio is not kept unless the learner chose it.
    expect(await learner.get('/api/speech/recordings').then((response) => response.body)).toEqual({
      recordings: [],
    });
    expect(await recordingFiles()).toEqual([]);
  });

  it('transcribes a real Chromium recording through Mistral (Voxtral), priced from the duration it measured', async () => {
    await setChain('transcribe', [{ provider: 'mistral', model: 'voxtral-mini-latest' }]);
    fake.script({ endpoint: 'transcription', provider: 'mistral', text: 'Bonjour' });
    const webm = await chromiumWebm();
    const result = await transcribe(
      learner,
      { language: 'fr' },
      { bytes: webm, type: 'audio/webm;codecs=opus' },
    );
    expect(result.status, result.text).toBe(200);
    const measured = measureAudio(webm, 'webm') as number;
    expect(result.body).toMatchObject({
      text: 'Bonjour',
      language: 'fr',
      durationMs: measured,
      provider: 'mistral',
    });
    // $0.002 per minute, billed by the millisecond and rounded up once.
    expect(result.body.costMicros).toBe(Math.ceil((measured * 2000) / 60_000));
    const [call] = fake.requests({ endpoint: 'transcription' });
    expect(call?.path).toBe('/mistral/v1/audio/transcriptions');
    expect(call?.credentialTail).toBe('0042');
    // Mistral's API takes no response_format; the language always travels.
    expect(call?.body).toEqual({
      file: { filename: 'recording.webm', contentType: 'audio/webm', bytes: webm.length },
      model: 'voxtral-mini-latest',
      language: 'fr',
    });
    expect((await ledger('transcription')).at(-1)).toMatchObject({
      provider: 'mistral',
      cost_micros: result.body.costMicros,
    });
  });

  it('speaks through an OpenAI-compatible server, then plays the same sentence from the cache for nothing', async () => {
    await setChain('speak', [{ provider: 'remote-speech', model: 'tts-1', voice: 'nova' }]);
    const before = (await ledger('synthesis')).length;
    const text = 'Hola, ¿qué tal?';
    const first = await synthesize(learner, { text, language: 'es' });
    expect(first.status, first.audio.toString('utf8').slice(0, 300)).toBe(200);
    expect(first.headers.get('content-type')).toBe('audio/wav');
    expect(first.headers.get('x-charla-cache')).toBe('miss');
    // 15 characters at $15 per million.
    expect(first.headers.get('x-charla-cost-micros')).toBe('225');
    // The fake's speech lasts 60 ms per character.
    expect(measureAudio(first.audio, 'wav')).toBe(15 * 60);
    const [call] = fake.requests({ endpoint: 'speech' });
    expect(call?.body).toEqual({
      model: 'tts-1',
      input: text,
      voice: 'nova',
      speed: 1,
      response_format: 'mp3',
    });
    const rows = await ledger('synthesis');
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      provider: 'remote-speech',
      model: 'tts-1',
      cost_micros: 225,
      outcome: 'ok',
    });

    const again = await synthesize(learner, { text, language: 'es' });
    expect(again.status).toBe(200);
    expect(again.headers.get('x-charla-cache')).toBe('hit');
    expect(again.headers.get('x-charla-cost-micros')).toBe('0');
    expect(again.audio.equals(first.audio)).toBe(true);
    expect(fake.requests({ endpoint: 'speech' })).toHaveLength(1);
    expect(await ledger('synthesis')).toHaveLength(before + 1);

    // Another speed is other audio: paid again.
    const faster = await synthesize(learner, { text, language: 'es', speed: 1.25 });
    expect(faster.headers.get('x-charla-cache')).toBe('miss');
    expect(fake.requests({ endpoint: 'speech' }).at(-1)?.body).toMatchObject({ speed: 1.25 });
  });

  it('speaks through Mistral with a voice from its list, priced by the fallback rule (no published rate)', async () => {
    await setChain('speak', [{ provider: 'mistral', model: 'voxtral-mini-tts-2603' }]);
    const capabilities = await learner.get('/api/speech/capabilities?language=es');
    expect(capabilities.body.speak).toMatchObject({
      available: true,
      reason: null,
      voices: ['en_paul_neutral', 'fr_marie_neutral', 'es_lucia_neutral'],
      defaultVoice: 'en_paul_neutral',
    });
    // The learner's voice for Spanish, chosen in settings.
    expect(
      (await learner.patch('/api/me/profile', { voice: { serverVoices: { es: 'es_lucia_neutral' } } }))
        .status,
    ).toBe(200);
    const spoken = await synthesize(learner, { text: 'Buenos días', language: 'es' });
    expect(spoken.status).toBe(200);
    expect(spoken.headers.get('x-charla-voice')).toBe('es_lucia_neutral');
    // Mistral answers base64 in JSON; the server hands on the audio itself, typed by its bytes.
    expect(spoken.headers.get('content-type')).toBe('audio/wav');
    expect(measureAudio(spoken.audio, 'wav')).toBe(11 * 60);
    const [call] = fake.requests({ endpoint: 'speech' });
    expect(call?.path).toBe('/mistral/v1/audio/speech');
    expect(call?.body).toEqual({
      model: 'voxtral-mini-tts-2603',
      input: 'Buenos días',
      voice_id: 'es_lucia_neutral',
      response_format: 'mp3',
      stream: false,
    });
    // Not in the price table: the table's dearest character rate ($30/M, tts-1-hd), flagged.
    expect(spoken.headers.get('x-charla-cost-micros')).toBe(String(11 * 30));
    expect((await ledger('synthesis')).at(-1)).toMatchObject({ cost_micros: 330, price_fallback: 1 });
    await learner.patch('/api/me/profile', { voice: { serverVoices: { es: null } } });
  });

  it('falls back to the next link when a provider fails, and bills only the call that worked', async () => {
    await setChain('speak', [
      { provider: 'remote-speech', model: 'tts-1', voice: 'nova' },
      { provider: 'mistral', model: 'voxtral-mini-tts-2603', voice: 'fr_marie_neutral' },
    ]);
    fake.script({ endpoint: 'speech', provider: 'openai', fault: { type: 'status', status: 503 } });
    const before = (await ledger('synthesis')).length;
    const spoken = await synthesize(learner, { text: 'Fallback', language: 'fr' });
    expect(spoken.status).toBe(200);
    expect(spoken.headers.get('x-charla-provider')).toBe('mistral');
    expect(spoken.headers.get('x-charla-voice')).toBe('fr_marie_neutral');
    const rows = (await ledger('synthesis')).slice(before);
    expect(rows.map((row) => [row.provider, row.outcome, row.cost_micros])).toEqual([
      ['remote-speech', 'error', 0],
      ['mistral', 'ok', 8 * 30],
    ]);
    // Every link failing is the provider's error, with what each said.
    fake.script({ endpoint: 'speech', fault: { type: 'status', status: 500 }, times: 2 });
    const failed = await synthesize(learner, { text: 'Nada', language: 'fr' });
    expect(failed.status).toBe(502);
    expect(failed.json().error.code).toBe('provider_error');
    expect(failed.json().error.message).toContain('HTTP 500');
  });

  it('costs nothing on a local server', async () => {
    await setChain('transcribe', [{ provider: 'local-speech', model: 'whisper-1' }]);
    const result = await transcribe(learner, { language: 'es' }, { bytes: makeMp3(2) });
    expect(result.status, result.text).toBe(200);
    expect(result.body.costMicros).toBe(0);
    expect(fake.requests({ endpoint: 'transcription' })[0]?.path).toBe('/v1/audio/transcriptions');
    expect((await ledger('transcription')).at(-1)).toMatchObject({
      provider: 'local-speech',
      cost_micros: 0,
    });
  });

  it('refuses at the cap with the same 402 as tokens, and stores nothing', async () => {
    await setChain('transcribe', [{ provider: 'remote-speech', model: 'whisper-1' }]);
    await setChain('speak', [{ provider: 'remote-speech', model: 'tts-1' }]);
    await learner.patch('/api/me/profile', { voice: { storeAudio: true } });
    const rowsBefore = await testApp.database.db.selectFrom('ledger_entries').select('id').execute();
    expect(
      (
        await owner.put(`/api/admin/members/${learnerId}/budget`, {
          monthlyCapMicros: 100,
          dailyCapMicros: null,
        })
      ).status,
    ).toBe(200);
    // 60 s at $0.006/min = 6,000 µ$: over a 100 µ$ cap.
    const refused = await transcribe(learner, { language: 'es' }, { bytes: makeWav(60, 8000) });
    expect(refused.status).toBe(402);
    expect(refused.body.error.code).toBe('budget_exceeded');
    expect(refused.body.error.message).toContain('Your monthly AI budget of $0.0001');
    const spoken = await synthesize(learner, { text: 'x'.repeat(100), language: 'es' });
    expect(spoken.status).toBe(402);
    expect(spoken.json().error).toMatchObject({ code: 'budget_exceeded' });
    expect(spoken.json().error.message).toContain('Your monthly AI budget of $0.0001');
    expect(fake.requests()).toHaveLength(0);
    expect(await testApp.database.db.selectFrom('ledger_entries').select('id').execute()).toHaveLength(
      rowsBefore.length,
    );
    expect((await learner.get('/api/speech/recordings')).body.recordings).toEqual([]);
    expect(await recordingFiles()).toEqual([]);
    // The earlier tests spent more than 100 µ$ this month: the cap is reached, and says so before
    // the learner records.
    expect((await learner.get('/api/speech/capabilities?language=es')).body.transcribe).toEqual({
      available: false,
      reason: 'over_budget',
    });
  });

  it('raises budget alerts as tokens do', async () => {
    await setChain('transcribe', [{ provider: 'remote-speech', model: 'whisper-1' }]);
    const { client: fresh, id: freshId } = await createMember(testApp, owner, { username: 'alerted' });
    await onboard(fresh, 'es', 'A2');
    await owner.put(`/api/admin/members/${freshId}/budget`, { monthlyCapMicros: 400, dailyCapMicros: null });
    // 3 s at $0.006/min = 300 µ$: 75 % of a 400 µ$ cap.
    expect((await transcribe(fresh, { language: 'es' }, { bytes: makeWav(3) })).status).toBe(200);
    const alerts = (await fresh.get('/api/me/usage/alerts')).body.alerts;
    expect(
      alerts.map((alert: { threshold: number; scope: string }) => [alert.scope, alert.threshold]),
    ).toEqual([
      ['member', 50],
      ['member', 75],
    ]);
    expect((await fresh.get('/api/me/usage')).body.byPurpose).toContainEqual(
      expect.objectContaining({ purpose: 'transcription', costMicros: 300 }),
    );
  });

  it('refuses bad audio with a clear 4xx before any call or charge', async () => {
    await setChain('transcribe', [{ provider: 'remote-speech', model: 'whisper-1' }]);
    const rowsBefore = (await testApp.database.db.selectFrom('ledger_entries').select('id').execute()).length;
    const webm = makeWebmOpus(1);
    const cases: Array<[string, Awaited<ReturnType<typeof transcribe>>, number, string]> = [
      [
        'not audio',
        await transcribe(
          learner,
          { language: 'es' },
          { bytes: Buffer.from('%PDF-1.7 hello'), type: 'audio/webm' },
        ),
        400,
        'audio_format',
      ],
      [
        'too long',
        await transcribe(learner, { language: 'es' }, { bytes: makeWav(121, 8000) }),
        400,
        'audio_too_long',
      ],
      [
        'too large',
        await transcribe(
          learner,
          { language: 'es' },
          { bytes: Buffer.concat([makeWav(1), Buffer.alloc(maxSpeechBytes)]) },
        ),
        413,
        'audio_too_large',
      ],
      [
        'far too large',
        await transcribe(
          learner,
          { language: 'es' },
          { bytes: Buffer.concat([makeWav(1), Buffer.alloc(3 * maxSpeechBytes)]) },
        ),
        413,
        'audio_too_large',
      ],
      [
        'unmeasurable',
        await transcribe(
          learner,
          { language: 'es' },
          { bytes: webm.subarray(0, webm.indexOf(Buffer.from('1f43b675', 'hex'))) },
        ),
        400,
        'audio_duration',
      ],
      ['no file', await transcribe(learner, { language: 'es' }), 400, 'validation_failed'],
      ['no language', await transcribe(learner, {}, { bytes: makeWav(1) }), 400, 'validation_failed'],
      [
        'unknown field',
        await transcribe(learner, { language: 'es', model: 'x' }, { bytes: makeWav(1) }),
        400,
        'validation_failed',
      ],
      [
        'someone else’s conversation',
        await transcribe(
          learner,
          { language: 'es', conversationId: await startConversation(other, { language: 'es' }) },
          { bytes: makeWav(1) },
        ),
        404,
        'not_found',
      ],
      [
        'not multipart',
        await learner.request('POST', '/api/speech/transcriptions', {
          body: makeWav(1),
          headers: { 'content-type': 'audio/wav' },
        }),
        415,
        'unsupported_media_type',
      ],
    ];
    for (const [name, response, status, code] of cases) {
      expect([name, response.status, response.body?.error?.code]).toEqual([name, status, code]);
      expect(response.body.error.message.length).toBeGreaterThan(10);
    }
    expect(fake.requests()).toHaveLength(0);
    expect(await testApp.database.db.selectFrom('ledger_entries').select('id').execute()).toHaveLength(
      rowsBefore,
    );
    const badText = await synthesize(learner, { text: '', language: 'es' });
    expect(badText.status).toBe(400);
    const badSpeed = await synthesize(learner, { text: 'Hola', language: 'es', speed: 3 });
    expect(badSpeed.status).toBe(400);
  });

  it('keeps recordings only when the learner chose to, lists and deletes them, and hides them from others', async () => {
    await setChain('transcribe', [{ provider: 'remote-speech', model: 'whisper-1' }]);
    expect(
      (await learner.patch('/api/me/profile', { voice: { storeAudio: true } })).body.user.profile.voice,
    ).toMatchObject({
      storeAudio: true,
      engine: 'auto',
    });
    const conversationId = await startConversation(learner, { language: 'es' });
    fake.script({ endpoint: 'transcription', text: 'Quiero un café.' });
    const webm = await chromiumWebm();
    const result = await transcribe(learner, { language: 'es', conversationId }, { bytes: webm });
    expect(result.status, result.text).toBe(200);
    const id = result.body.recordingId as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const list = await learner.get('/api/speech/recordings');
    expect(list.body.recordings).toEqual([
      {
        id,
        conversationId,
        createdAt: expect.any(String),
        durationMs: result.body.durationMs,
        mimeType: 'audio/webm',
        bytes: webm.length,
        language: 'es',
        transcript: 'Quiero un café.',
      },
    ]);
    const audio = await fetch(`${learner.baseUrl}/api/speech/recordings/${id}`, {
      headers: { cookie: [...learner.cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/webm');
    expect(Buffer.from(await audio.arrayBuffer()).equals(webm)).toBe(true);

    // Another member's recording does not exist for them.
    expect((await other.get(`/api/speech/recordings/${id}`)).status).toBe(404);
    expect((await other.delete(`/api/speech/recordings/${id}`)).status).toBe(404);
    expect((await other.get('/api/speech/recordings')).body.recordings).toEqual([]);

    expect(await recordingFiles()).toHaveLength(1);
    expect((await learner.delete(`/api/speech/recordings/${id}`)).status).toBe(204);
    expect((await learner.get('/api/speech/recordings')).body.recordings).toEqual([]);
    expect((await learner.get(`/api/speech/recordings/${id}`)).status).toBe(404);
    expect(await recordingFiles()).toEqual([]);
  });

  it('removes a deleted account’s recordings from the disk', async () => {
    await setChain('transcribe', [{ provider: 'remote-speech', model: 'whisper-1' }]);
    const { client: leaving, id: leavingId } = await createMember(testApp, owner, { username: 'leaving' });
    await onboard(leaving, 'es', 'A2');
    await leaving.patch('/api/me/profile', { voice: { storeAudio: true } });
    expect((await transcribe(leaving, { language: 'es' }, { bytes: makeWav(1) })).status).toBe(200);
    const folder = join(recordingsDirOf(testApp.config), leavingId);
    expect(existsSync(folder)).toBe(true);
    expect((await owner.delete(`/api/admin/members/${leavingId}`)).status).toBe(204);
    expect(existsSync(folder)).toBe(false);
  });
});
