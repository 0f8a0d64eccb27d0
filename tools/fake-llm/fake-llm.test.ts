import { createAnthropic } from '@ai-sdk/anthropic';
import { createMistral } from '@ai-sdk/mistral';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { APICallError, generateText, type LanguageModel, type ModelMessage, Output, streamText } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type FakeLlm, startFakeLlm } from './fake-llm.ts';
import { buildSchemaDefault } from './json-schema-default.ts';
import { buildDefaultReply, splitTokens } from './tokens.ts';
import type { FakeProvider, FakeRequestRecord } from './types.ts';

let fake: FakeLlm;
let models: Record<FakeProvider, (id?: string) => LanguageModel>;

beforeAll(async () => {
  fake = await startFakeLlm();
  const anthropic = createAnthropic({ apiKey: 'test-key', baseURL: fake.anthropicBaseURL });
  const mistral = createMistral({ apiKey: 'test-key', baseURL: fake.mistralBaseURL });
  const local = createOpenAICompatible({
    name: 'local',
    apiKey: 'test-key',
    baseURL: fake.openaiBaseURL,
    includeUsage: true,
    supportsStructuredOutputs: true,
  });
  models = {
    anthropic: (id = 'claude-haiku-4-5') => anthropic(id),
    mistral: (id = 'mistral-small-latest') => mistral(id),
    openai: (id = 'llama3.2:3b') => local(id),
  };
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.reset();
  fake.setDefaults({ defaultReplyTokens: 30, tokenDelayMs: 0, firstTokenDelayMs: 0, recordBodies: true });
});

const providers: FakeProvider[] = ['anthropic', 'mistral', 'openai'];
const common = { maxRetries: 0, maxOutputTokens: 256 } as const;
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * Drains a streamText result into its text deltas, errors and finish reason. A broken
 * connection makes the stream itself throw; a bad chunk arrives as an error part.
 */
async function drain(result: ReturnType<typeof streamText>) {
  const deltas: string[] = [];
  const errors: unknown[] = [];
  let finishReason: string | undefined;
  try {
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') deltas.push(part.text);
      else if (part.type === 'error') errors.push(part.error);
      else if (part.type === 'finish') finishReason = part.finishReason;
    }
  } catch (error) {
    errors.push(error);
  }
  return { deltas, errors, finishReason };
}

async function waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const silent = { onError: () => {} };

describe.each(providers)('%s through the real AI SDK provider', (provider) => {
  const scriptedText = 'Hola amigo, ¿cómo estás?';
  const scriptedDeltas = ['Hola', ' amigo', ',', ' ¿', 'cómo', ' estás', '?'];

  it('streams the scripted deltas in order with the scripted usage', async () => {
    fake.script({ provider, text: scriptedText, usage: { inputTokens: 123, outputTokens: 45 } });
    const result = streamText({ ...common, model: models[provider](), prompt: 'Hola' });
    const { deltas, errors, finishReason } = await drain(result);
    expect(errors).toEqual([]);
    expect(deltas).toEqual(scriptedDeltas);
    expect(finishReason).toBe('stop');
    const usage = await result.totalUsage;
    expect(usage.inputTokens).toBe(123);
    expect(usage.inputTokenDetails.noCacheTokens).toBe(123);
    expect(usage.outputTokens).toBe(45);
    expect(usage.totalTokens).toBe(168);
    expect((await result.usage).outputTokens).toBe(45);
  });

  it('answers generateText with the scripted text and usage', async () => {
    fake.script({ provider, text: scriptedText, usage: { inputTokens: 10, outputTokens: 3 } });
    const result = await generateText({ ...common, model: models[provider](), prompt: 'Hola' });
    expect(result.text).toBe(scriptedText);
    expect(result.finishReason).toBe('stop');
    expect(result.usage.inputTokens).toBe(10);
    expect(result.usage.outputTokens).toBe(3);
    expect(result.totalUsage.totalTokens).toBe(13);
  });

  it('computes default usage from the bytes sent and returned', async () => {
    fake.setDefaults({ defaultReplyTokens: 24 });
    const instructions = 'Eres un tutor de español.';
    const prompt = 'Hola, ¿qué tal? Quiero practicar el pretérito.';
    const streamed = streamText({ ...common, model: models[provider](), instructions, prompt });
    const { deltas } = await drain(streamed);
    expect(deltas).toHaveLength(24);
    const text = deltas.join('');
    expect(text).toContain('Hola, ¿qué tal? Quiero practicar');
    const usage = await streamed.totalUsage;
    expect(usage.inputTokens).toBe(Math.ceil((bytes(instructions) + bytes(prompt)) / 4));
    expect(usage.outputTokens).toBe(Math.ceil(bytes(text) / 4));

    const generated = await generateText({ ...common, model: models[provider](), instructions, prompt });
    expect(generated.text).toBe(text);
    expect(generated.usage.inputTokens).toBe(usage.inputTokens);
  });

  it('stops at maxOutputTokens like the vendor, with finish reason length', async () => {
    fake.script({ provider, text: 'uno dos tres cuatro cinco seis siete ocho' });
    const result = await generateText({
      ...common,
      maxOutputTokens: 3,
      model: models[provider](),
      prompt: 'Cuenta',
    });
    expect(result.text).toBe('uno dos tres');
    expect(result.finishReason).toBe('length');
    expect(result.usage.outputTokens).toBe(3);
  });

  const schema = z.object({
    word: z.string().min(2),
    count: z.number().int().min(1),
    tags: z.array(z.string()),
    level: z.enum(['a1', 'b2']),
    note: z.string().optional(),
    nested: z.object({ ok: z.boolean() }),
  });

  it('round-trips a scripted JSON object through Output.object', async () => {
    const value = { word: 'gato', count: 3, tags: ['animal'], level: 'b2' as const, nested: { ok: true } };
    fake.script({ provider, structured: true, json: value });
    const result = await generateText({
      ...common,
      model: models[provider](),
      prompt: 'Gato',
      output: Output.object({ schema }),
    });
    expect(result.output).toEqual(value);
    expect(fake.requests()[0]?.structured).toBe(true);
  });

  it('generates a schema-valid default when no JSON is scripted, streamed or not', async () => {
    const expected = { word: 'aa', count: 1, tags: [], level: 'a1', nested: { ok: false } };
    const generated = await generateText({
      ...common,
      model: models[provider](),
      prompt: 'x',
      output: Output.object({ schema }),
    });
    expect(generated.output).toEqual(expected);
    const streamed = streamText({
      ...common,
      model: models[provider](),
      prompt: 'x',
      output: Output.object({ schema }),
      ...silent,
    });
    expect(await streamed.output).toEqual(expected);
  });

  it('returns a 429 with retry-after, and the rule applies `times` times', async () => {
    fake.script([
      { provider, fault: { type: 'status', status: 429, retryAfterSeconds: 7 }, times: 2 },
      { provider, text: 'Ya está.' },
    ]);
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await generateText({ ...common, model: models[provider](), prompt: 'Hola' }).catch(
        (caught) => caught,
      );
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error.statusCode).toBe(429);
      expect(error.isRetryable).toBe(true);
      expect(error.responseHeaders['retry-after']).toBe('7');
    }
    const result = await generateText({ ...common, model: models[provider](), prompt: 'Hola' });
    expect(result.text).toBe('Ya está.');
    expect(fake.pendingRules()).toEqual([]);
    expect(fake.requests().map((record) => record.status)).toEqual([429, 429, 200]);
  });

  it('returns 5xx errors in the vendor shape', async () => {
    fake.script({ provider, fault: { type: 'status', status: 503 } });
    const error = await generateText({ ...common, model: models[provider](), prompt: 'Hola' }).catch(
      (caught) => caught,
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBe(503);
    expect(error.message).toBe('Service unavailable.');
  });

  it('surfaces a connection cut mid-stream as an error after the first deltas', async () => {
    fake.script({ provider, text: 'uno dos tres cuatro cinco', fault: { type: 'cut', afterTokens: 3 } });
    const { deltas, errors } = await drain(
      streamText({ ...common, model: models[provider](), prompt: 'x', ...silent }),
    );
    expect(deltas).toEqual(['uno', ' dos', ' tres']);
    expect(errors.length).toBeGreaterThan(0);
    const [record] = fake.requests();
    expect(record?.fault).toBe('cut');
    expect(record?.aborted).toBe(false);
  });

  it('surfaces a malformed chunk as an error', async () => {
    fake.script({ provider, text: 'uno dos tres cuatro', fault: { type: 'malformed', afterTokens: 2 } });
    const { deltas, errors } = await drain(
      streamText({ ...common, model: models[provider](), prompt: 'x', ...silent }),
    );
    expect(deltas).toEqual(['uno', ' dos']);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('fails non-streamed calls on a cut or a malformed body', async () => {
    fake.script([
      { provider, fault: { type: 'cut', afterTokens: 0 } },
      { provider, fault: { type: 'malformed', afterTokens: 0 } },
    ]);
    await expect(generateText({ ...common, model: models[provider](), prompt: 'x' })).rejects.toThrow();
    await expect(generateText({ ...common, model: models[provider](), prompt: 'x' })).rejects.toThrow();
  });

  it('paces deltas by firstTokenDelayMs and tokenDelayMs', async () => {
    fake.script({ provider, text: 'uno dos tres cuatro', firstTokenDelayMs: 60, tokenDelayMs: 20 });
    const startedAt = performance.now();
    const arrivals: number[] = [];
    for await (const part of streamText({ ...common, model: models[provider](), prompt: 'x' }).fullStream) {
      if (part.type === 'text-delta') arrivals.push(performance.now() - startedAt);
    }
    expect(arrivals).toHaveLength(4);
    // Lower bounds only: a loaded machine makes timers late, never early (bar ms rounding).
    // Deltas are due at first + n × token from the start, so a late one lets the next catch up.
    expect(arrivals[0]).toBeGreaterThanOrEqual(58);
    expect(arrivals[3]).toBeGreaterThanOrEqual(118);
  });

  it('records a client abort while the fake hangs', async () => {
    fake.script({ provider, fault: { type: 'hang' } });
    const controller = new AbortController();
    const call = generateText({
      ...common,
      model: models[provider](),
      prompt: 'Hola',
      abortSignal: controller.signal,
    });
    const record = await waitFor(() => fake.requests()[0]);
    expect(record.status).toBeNull();
    controller.abort();
    await expect(call).rejects.toThrow();
    await waitFor(() => record.aborted);
    expect(record.abortedAt).toBeGreaterThanOrEqual(record.arrivedAt);
    expect(record.finishedAt).toBeNull();
  });

  it('records a client abort mid-stream and stops sending', async () => {
    fake.script({ provider, text: 'uno dos tres cuatro cinco seis siete ocho nueve diez', tokenDelayMs: 40 });
    const controller = new AbortController();
    const result = streamText({
      ...common,
      model: models[provider](),
      prompt: 'x',
      abortSignal: controller.signal,
      ...silent,
    });
    const seen: string[] = [];
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') seen.push(part.text);
      if (seen.length === 2) controller.abort();
    }
    // A delta already buffered when the abort lands may still be delivered.
    expect(seen.slice(0, 2)).toEqual(['uno', ' dos']);
    expect(seen.length).toBeLessThan(10);
    const record = await waitFor(() => fake.requests().find((entry) => entry.aborted));
    expect(record.status).toBe(200);
    expect(record.finishedAt).toBeNull();
  });

  it('records each request with its body, arrival time and credential presence', async () => {
    const before = Date.now();
    await generateText({ ...common, model: models[provider](), prompt: 'Registro' });
    const after = Date.now();
    const [record] = fake.requests({ provider });
    expect(record).toMatchObject({ provider, stream: false, aborted: false, status: 200, scripted: false });
    expect(record?.arrivedAt).toBeGreaterThanOrEqual(before);
    expect(record?.arrivedAt).toBeLessThanOrEqual(after);
    expect(record?.finishedAt).toBeGreaterThanOrEqual(record?.arrivedAt ?? Number.POSITIVE_INFINITY);
    expect(JSON.stringify(record?.body)).toContain('Registro');
    expect(JSON.stringify(record?.headers)).not.toContain('test-key');
    expect(record?.hasApiKey || record?.hasAuthorization).toBe(true);
    expect(record?.replyText).toContain('Registro');
  });
});

describe('Anthropic prompt caching', () => {
  const cached = { anthropic: { cacheControl: { type: 'ephemeral' } } } as const;
  const system = `Eres un tutor paciente. ${'Reglas del tutor. '.repeat(200)}`;

  it('writes the prefix first, reads it afterwards, and prices the rest as plain input', async () => {
    const instructions = { role: 'system' as const, content: system, providerOptions: cached };
    const first = await generateText({ ...common, model: models.anthropic(), instructions, prompt: 'Hola' });
    const prefixTokens = Math.ceil(bytes(system) / 4);
    const firstTotal = Math.ceil((bytes(system) + bytes('Hola')) / 4);
    expect(first.usage.inputTokenDetails).toEqual({
      noCacheTokens: firstTotal - prefixTokens,
      cacheReadTokens: 0,
      cacheWriteTokens: prefixTokens,
    });
    // The SDK's inputTokens includes cache reads and writes (the vendor's input_tokens does not).
    expect(first.usage.inputTokens).toBe(firstTotal);

    const streamed = streamText({
      ...common,
      model: models.anthropic(),
      instructions,
      prompt: 'Adiós, amigo',
    });
    await drain(streamed);
    const usage = await streamed.totalUsage;
    const secondTotal = Math.ceil((bytes(system) + bytes('Adiós, amigo')) / 4);
    expect(usage.inputTokenDetails).toEqual({
      noCacheTokens: secondTotal - prefixTokens,
      cacheReadTokens: prefixTokens,
      cacheWriteTokens: 0,
    });
    expect(usage.inputTokens).toBe(secondTotal);
  });

  it('finds the previous turn’s breakpoint by lookback as the conversation grows', async () => {
    const turn = (messages: ModelMessage[]) =>
      generateText({ ...common, model: models.anthropic(), instructions: system, messages });
    const userOne = 'Quiero practicar el subjuntivo.';
    const assistantOne = 'Muy bien, empecemos con «espero que».';
    const userTwo = 'Espero que tengas razón.';
    const first = await turn([{ role: 'user', content: userOne, providerOptions: cached }]);
    const firstTotal = Math.ceil((bytes(system) + bytes(userOne)) / 4);
    expect(first.usage.inputTokenDetails.cacheWriteTokens).toBe(firstTotal);

    const second = await turn([
      { role: 'user', content: userOne },
      { role: 'assistant', content: assistantOne },
      { role: 'user', content: userTwo, providerOptions: cached },
    ]);
    const secondTotal = Math.ceil(
      (bytes(system) + bytes(userOne) + bytes(assistantOne) + bytes(userTwo)) / 4,
    );
    expect(second.usage.inputTokenDetails).toEqual({
      noCacheTokens: 0,
      cacheReadTokens: firstTotal,
      cacheWriteTokens: secondTotal - firstTotal,
    });
  });

  it('honours scripted cache numbers and splits one-hour writes in the raw usage', async () => {
    fake.script({ usage: { inputTokens: 5, outputTokens: 2, cacheReadTokens: 100, cacheWriteTokens: 40 } });
    const result = await generateText({ ...common, model: models.anthropic(), prompt: 'Hola' });
    expect(result.usage.inputTokens).toBe(145);
    expect(result.usage.inputTokenDetails).toEqual({
      noCacheTokens: 5,
      cacheReadTokens: 100,
      cacheWriteTokens: 40,
    });

    const oneHour = { anthropic: { cacheControl: { type: 'ephemeral', ttl: '1h' } } } as const;
    const long = await generateText({
      ...common,
      model: models.anthropic(),
      instructions: { role: 'system', content: `${system} (1h)`, providerOptions: oneHour },
      prompt: 'Hola',
    });
    expect(long.usage.raw?.cache_creation).toEqual({
      ephemeral_5m_input_tokens: 0,
      ephemeral_1h_input_tokens: Math.ceil(bytes(`${system} (1h)`) / 4),
    });
  });
});

describe('Anthropic JSON tool mode', () => {
  const schema = z.object({ corrected: z.string(), errors: z.array(z.string()) });
  const providerOptions = { anthropic: { structuredOutputMode: 'jsonTool' } } as const;

  it('answers the forced "json" tool with scripted or schema-generated input', async () => {
    fake.script({ structured: true, json: { corrected: 'Yo tengo', errors: ['concordancia'] } });
    const scripted = await generateText({
      ...common,
      model: models.anthropic(),
      prompt: 'Yo tiene',
      output: Output.object({ schema }),
      providerOptions,
    });
    expect(scripted.output).toEqual({ corrected: 'Yo tengo', errors: ['concordancia'] });
    const body = fake.requests()[0]?.body as { tools: { name: string }[]; tool_choice: { type: string } };
    expect(body.tools.map((tool) => tool.name)).toEqual(['json']);
    expect(body.tool_choice.type).toBe('any');

    const streamed = streamText({
      ...common,
      model: models.anthropic(),
      prompt: 'Yo tiene',
      output: Output.object({ schema }),
      providerOptions,
      ...silent,
    });
    expect(await streamed.output).toEqual({ corrected: '', errors: [] });
  });
});

describe('wire details the providers depend on', () => {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${fake.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer k',
        'x-api-key': 'k',
        ...headers,
      },
      body: JSON.stringify(body),
    });
  const chat = { model: 'm', max_tokens: 50, messages: [{ role: 'user', content: 'Hola' }], stream: true };

  it('puts Mistral usage on the finish chunk and OpenAI usage on an extra chunk only when asked', async () => {
    const mistral = await (await post('/mistral/v1/chat/completions', chat)).text();
    expect(mistral).not.toContain('"choices":[]');
    expect(mistral).toMatch(/"finish_reason":"stop"}\],"usage":\{"prompt_tokens":1,/);
    const plain = await (await post('/openai/v1/chat/completions', chat)).text();
    expect(plain).not.toContain('usage');
    const withUsage = await (
      await post('/openai/v1/chat/completions', { ...chat, stream_options: { include_usage: true } })
    ).text();
    expect(withUsage).toMatch(/"choices":\[\],"usage":\{"prompt_tokens":1,/);
    expect(withUsage.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('sends the Anthropic event sequence with ping and final usage', async () => {
    const response = await post('/anthropic/v1/messages', { ...chat, model: 'claude-haiku-4-5' });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = [...(await response.text()).matchAll(/^event: (\S+)/gm)].map((match) => match[1]);
    expect(events.slice(0, 3)).toEqual(['message_start', 'content_block_start', 'ping']);
    expect(events.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(new Set(events.slice(3, -3))).toEqual(new Set(['content_block_delta']));
  });

  it('refuses what the vendors refuse: bad JSON, missing fields, missing keys', async () => {
    const badJson = await fetch(`${fake.anthropicBaseURL}/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'k' },
      body: '{nope',
    });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    const noMaxTokens = await post('/anthropic/v1/messages', { model: 'x', messages: [] });
    expect(noMaxTokens.status).toBe(400);
    const noKey = await fetch(`${fake.mistralBaseURL}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify(chat),
    });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ object: 'error', type: 'unauthorized' });
  });

  it('lists models for each provider and Ollama tags', async () => {
    const anthropic = await (await fetch(`${fake.anthropicBaseURL}/models`)).json();
    expect(anthropic.data.map((model: { id: string }) => model.id)).toContain('claude-haiku-4-5');
    const mistral = await (await fetch(`${fake.mistralBaseURL}/models`)).json();
    expect(mistral).toMatchObject({ object: 'list' });
    expect(mistral.data.map((model: { id: string }) => model.id)).toContain('mistral-small-latest');
    const openai = await (await fetch(`${fake.url}/v1/models`)).json();
    expect(openai.data[0]).toMatchObject({ object: 'model' });
    const tags = await (await fetch(`${fake.url}/api/tags`)).json();
    expect(tags.models[0]).toMatchObject({ name: 'llama3.2:3b', details: { format: 'gguf' } });
  });

  it('sends only headers for hang-after-headers, and the abort is recorded', async () => {
    fake.script({ fault: { type: 'hang-after-headers' } });
    const controller = new AbortController();
    const result = streamText({
      ...common,
      model: models.mistral(),
      prompt: 'x',
      abortSignal: controller.signal,
      ...silent,
    });
    const draining = drain(result);
    const record = await waitFor(() => fake.requests().find((entry) => entry.status === 200));
    controller.abort();
    const { deltas } = await draining;
    expect(deltas).toEqual([]);
    await waitFor(() => record.aborted);
  });
});

describe('control API', () => {
  const control = (path: string, body?: unknown) =>
    fetch(
      `${fake.url}/__control/${path}`,
      body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
    );

  it('scripts, lists, resets and reports health over HTTP', async () => {
    expect(await (await control('health')).json()).toMatchObject({
      ok: true,
      anthropicBaseURL: fake.anthropicBaseURL,
    });
    const scripted = await control('script', [
      { label: 'greeting', contains: 'Buenos', text: 'Buenos días.' },
    ]);
    expect(await scripted.json()).toEqual({ ok: true, pending: 1 });
    expect((await (await control('rules')).json()).rules).toMatchObject([{ label: 'greeting', times: 1 }]);

    const unmatched = await generateText({ ...common, model: models.openai(), prompt: 'Hola' });
    expect(unmatched.text).not.toBe('Buenos días.');
    const matched = await generateText({ ...common, model: models.openai(), prompt: 'Buenos días' });
    expect(matched.text).toBe('Buenos días.');

    const listed: { requests: FakeRequestRecord[] } = await (
      await control('requests?provider=openai')
    ).json();
    expect(listed.requests.map((record) => record.rule)).toEqual([null, 'greeting']);
    expect((await (await control('requests?provider=anthropic')).json()).requests).toEqual([]);

    const defaults = await (await control('defaults', { defaultReplyTokens: 5 })).json();
    expect(defaults.defaultReplyTokens).toBe(5);
    expect(await (await control('reset', {})).json()).toEqual({ ok: true });
    expect(fake.requests()).toEqual([]);
  });

  it('rejects malformed rules with 400', async () => {
    const response = await control('script', { fault: { type: 'explode' } });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain('explode');
    expect(() => fake.script({ times: 0 })).toThrow(/times/);
  });

  it('keeps a bounded record list and can skip bodies', async () => {
    fake.setDefaults({ maxRecords: 2, recordBodies: false });
    for (const prompt of ['uno', 'dos', 'tres'])
      await generateText({ ...common, model: models.openai(), prompt });
    const records = fake.requests();
    expect(records).toHaveLength(2);
    expect(records.map((record) => record.body)).toEqual([null, null]);
    expect(records[1]?.id).toBe((records[0]?.id ?? 0) + 1);
    fake.setDefaults({ maxRecords: 10_000 });
  });

  it('matches rules on model, system and structured, and `always` rules persist', async () => {
    fake.script([
      { model: 'claude-sonnet-4-6', text: 'sonnet' },
      { system: 'feedback', structured: false, text: 'feedback', times: 'always' },
    ]);
    const other = await generateText({ ...common, model: models.anthropic(), prompt: 'x' });
    expect(other.text).not.toMatch(/^(sonnet|feedback)$/);
    const sonnet = await generateText({
      ...common,
      model: models.anthropic('claude-sonnet-4-6'),
      prompt: 'x',
    });
    expect(sonnet.text).toBe('sonnet');
    for (let index = 0; index < 2; index++) {
      const reply = await generateText({
        ...common,
        model: models.mistral(),
        instructions: 'Give feedback',
        prompt: 'x',
      });
      expect(reply.text).toBe('feedback');
    }
    expect(fake.pendingRules()).toMatchObject([{ text: 'feedback', times: 'always' }]);
  });
});

describe('close()', () => {
  it('ends hanging requests so tests can finish', async () => {
    const own = await startFakeLlm();
    own.script({ fault: { type: 'hang' } });
    const mistral = createMistral({ apiKey: 'test-key', baseURL: own.mistralBaseURL });
    const call = generateText({ ...common, model: mistral('mistral-small-latest'), prompt: 'x' });
    await waitFor(() => own.requests().length === 1);
    await own.close();
    await expect(call).rejects.toThrow();
    expect(own.requests()[0]?.aborted).toBe(false);
  });
});

describe('tokens and schema defaults', () => {
  it('splits text into word-ish deltas that concatenate back exactly', () => {
    for (const text of ['Hola amigo', '  ¿Qué tal?  ', '{"a":[1,2]}', 'l’été dernier', '']) {
      expect(splitTokens(text).join('')).toBe(text);
    }
    expect(splitTokens('Hola amigo')).toEqual(['Hola', ' amigo']);
  });

  it('builds a deterministic default reply of the requested length', () => {
    const reply = buildDefaultReply('Me llamo Ana y vivo en Madrid desde hace años', 40);
    expect(splitTokens(reply)).toHaveLength(40);
    expect(reply).toContain('"Me llamo Ana y vivo en"');
    expect(buildDefaultReply('Me llamo Ana y vivo en Madrid desde hace años', 40)).toBe(reply);
    expect(buildDefaultReply('', 0)).toBe('');
  });

  it('builds minimal values that satisfy constraints, refs and unions', () => {
    expect(
      buildSchemaDefault({
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          when: { type: 'string', description: 'format: date-time.' },
          score: { type: 'number', exclusiveMinimum: 0, maximum: 5 },
          pair: { type: 'array', minItems: 2, items: { $ref: '#/$defs/word' } },
          either: { anyOf: [{ type: 'null' }, { type: 'string' }] },
          fixed: { const: 'x' },
          optional: { type: 'string' },
        },
        required: ['id', 'when', 'score', 'pair', 'either', 'fixed'],
        $defs: { word: { type: 'string', description: 'min length: 3.' } },
      }),
    ).toEqual({
      id: '00000000-0000-7000-8000-000000000000',
      when: '1970-01-01T00:00:00.000Z',
      score: 1,
      pair: ['aaa', 'aaa'],
      either: null,
      fixed: 'x',
    });
  });
});

describe('audio endpoints', () => {
  const transcription = async (base: string, fields: Record<string, string>, key?: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([1, 2, 3, 4])], { type: 'audio/webm' }), 'a.webm');
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    return fetch(`${base}/audio/transcriptions`, {
      method: 'POST',
      body: form,
      ...(key && { headers: { authorization: `Bearer ${key}` } }),
    });
  };
  const wavMs = (bytes: Buffer) => (bytes.readUInt32LE(40) / bytes.readUInt32LE(28)) * 1000;

  it('transcribes by script, matching on the language, and records the multipart fields it received', async () => {
    fake.script([
      { endpoint: 'transcription', language: 'fr', text: 'Bonjour' },
      { endpoint: 'transcription', language: 'es', text: 'Hola' },
    ]);
    const spanish = await transcription(fake.openaiBaseURL, {
      model: 'whisper-1',
      language: 'es',
      response_format: 'json',
    });
    expect(await spanish.json()).toEqual({ text: 'Hola' });
    const french = await transcription(
      fake.mistralBaseURL,
      { model: 'voxtral-mini-latest', language: 'fr' },
      'test-key',
    );
    expect(await french.json()).toMatchObject({
      text: 'Bonjour',
      language: 'fr',
      model: 'voxtral-mini-latest',
    });
    const unscripted = await transcription(`${fake.url}/v1`, { model: 'whisper-1', language: 'it' });
    expect(await unscripted.json()).toEqual({ text: 'This is a fake transcript.' });
    const records = fake.requests({ endpoint: 'transcription' });
    expect(records.map((record) => [record.provider, record.model, record.replyText])).toEqual([
      ['openai', 'whisper-1', 'Hola'],
      ['mistral', 'voxtral-mini-latest', 'Bonjour'],
      ['openai', 'whisper-1', 'This is a fake transcript.'],
    ]);
    expect(records[0]?.body).toEqual({
      file: { filename: 'a.webm', contentType: 'audio/webm', bytes: 4 },
      model: 'whisper-1',
      language: 'es',
      response_format: 'json',
    });
    // A chat rule never answers an audio call.
    expect(fake.requests({ endpoint: 'chat' })).toEqual([]);
  });

  it('refuses what a vendor would: no key on Mistral, no model, no file; and plays scripted faults', async () => {
    expect((await transcription(fake.mistralBaseURL, { model: 'voxtral-mini-latest' })).status).toBe(401);
    expect((await transcription(fake.openaiBaseURL, { language: 'es' })).status).toBe(400);
    const noFile = new FormData();
    noFile.append('model', 'whisper-1');
    expect(
      (await fetch(`${fake.openaiBaseURL}/audio/transcriptions`, { method: 'POST', body: noFile })).status,
    ).toBe(400);
    fake.script({ endpoint: 'speech', fault: { type: 'status', status: 429, retryAfterSeconds: 3 } });
    const limited = await fetch(`${fake.openaiBaseURL}/audio/speech`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'tts-1', input: 'Hola', voice: 'alloy' }),
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
  });

  it('speaks a WAV whose length follows the input (base64 in JSON for Mistral), and lists voices', async () => {
    const speak = (base: string, input: string, key?: string) =>
      fetch(`${base}/audio/speech`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key && { authorization: `Bearer ${key}` }) },
        body: JSON.stringify({ model: 'tts-1', input, voice: 'alloy', response_format: 'mp3' }),
      });
    const short = await speak(fake.openaiBaseURL, 'Hola');
    expect(short.headers.get('content-type')).toBe('audio/wav');
    const shortAudio = Buffer.from(await short.arrayBuffer());
    const long = Buffer.from(await (await speak(fake.openaiBaseURL, 'Hola, ¿cómo estás hoy?')).arrayBuffer());
    expect(shortAudio.toString('latin1', 0, 4)).toBe('RIFF');
    expect(wavMs(shortAudio)).toBe(240);
    expect(wavMs(long)).toBe(22 * 60);
    const mistral = (await (await speak(fake.mistralBaseURL, 'Salut', 'test-key')).json()) as {
      audio_data: string;
    };
    expect(wavMs(Buffer.from(mistral.audio_data, 'base64'))).toBe(300);
    expect(fake.requests({ endpoint: 'speech' }).map((record) => record.audioMs)).toEqual([240, 1320, 300]);
    expect(await (await fetch(`${fake.openaiBaseURL}/audio/voices`)).json()).toEqual({
      voices: ['alloy', 'nova', 'ef_dora'],
    });
    const presets = (await (await fetch(`${fake.mistralBaseURL}/audio/voices`)).json()) as {
      items: Array<{ slug: string }>;
    };
    expect(presets.items.map((item) => item.slug)).toContain('es_lucia_neutral');
  });
});
