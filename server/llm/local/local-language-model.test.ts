import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { zodSchema } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackOutputSchema } from '../../tutor/feedback.ts';
import { classifyProviderError, ModelError } from '../errors.ts';
import { createLlamaRuntime, type LlamaRuntime, LocalModelError } from './llama-runtime.ts';
import { toChatHistory } from './local-language-model.ts';
import { createLocalProvider } from './local-provider.ts';

const fixture = fileURLToPath(new URL('../../../tests/fixtures/llama-2-tiny-random.gguf', import.meta.url));
const plenty = async () => ({ availableBytes: 64e9, totalBytes: 64e9 });

// One runtime for the file: the model loads once (about half a second) and each test gets its own
// context. One thread: on the shared two-core machines more threads only make the tiny model slower.
let runtime: LlamaRuntime;
let tempDir: string;

beforeAll(async () => {
  runtime = createLlamaRuntime({ readMemory: plenty, threads: 1 });
  tempDir = await mkdtemp(join(tmpdir(), 'charla-local-model-'));
});

afterAll(async () => {
  await runtime.unload(fixture);
  await rm(tempDir, { recursive: true, force: true });
});

const provider = (options: { parallel?: boolean; sequences?: number; runtime?: LlamaRuntime } = {}) =>
  createLocalProvider({
    id: 'local-test',
    name: 'Test model',
    modelPath: fixture,
    runtime: options.runtime ?? runtime,
    threads: 1,
    contextSize: 1024,
    ...(options.parallel !== undefined && { parallel: options.parallel }),
    ...(options.sequences !== undefined && { sequences: options.sequences }),
  });

const prompt = (...turns: string[]): LanguageModelV4Prompt => [
  { role: 'system', content: 'You are a patient Spanish tutor.' },
  { role: 'system', content: 'Answer in Spanish.' },
  ...turns.map((text, index) => ({
    role: index % 2 === 0 ? ('user' as const) : ('assistant' as const),
    content: [{ type: 'text' as const, text }],
  })),
];

async function readAll(stream: ReadableStream<LanguageModelV4StreamPart>) {
  const parts: LanguageModelV4StreamPart[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return parts;
    parts.push(value);
  }
}

const textOf = (parts: LanguageModelV4StreamPart[]) =>
  parts.map((part) => (part.type === 'text-delta' ? part.delta : '')).join('');

const usageOf = (parts: LanguageModelV4StreamPart[]): LanguageModelV4Usage | undefined =>
  parts.flatMap((part) => (part.type === 'finish' ? [part.usage] : []))[0];

describe('local provider', () => {
  it('describes one free, single-slot model named after the file', async () => {
    const local = provider();
    try {
      expect(local).toMatchObject({
        kind: 'local',
        local: true,
        parallel: false,
        models: ['llama-2-tiny-random'],
        defaultModels: {
          conversation: 'llama-2-tiny-random',
          feedback: 'llama-2-tiny-random',
          summary: 'llama-2-tiny-random',
          exercises: 'llama-2-tiny-random',
        },
      });
      await local.model.load();
      expect(runtime.loaded()).toEqual([fixture]);
    } finally {
      await local.dispose?.();
    }
  });

  it('turns the V4 prompt into one system message and the turns', () => {
    expect(toChatHistory(prompt('Hola', 'Hola, ¿qué tal?', 'Bien'))).toEqual([
      { type: 'system', text: 'You are a patient Spanish tutor.\n\nAnswer in Spanish.' },
      { type: 'user', text: 'Hola' },
      { type: 'model', response: ['Hola, ¿qué tal?'] },
      { type: 'user', text: 'Bien' },
    ]);
  });
});

describe('local language model', () => {
  it('streams a reply with its usage and stops at maxOutputTokens', async () => {
    const local = provider();
    try {
      const { stream } = await local
        .languageModel('llama-2-tiny-random')
        .doStream({ prompt: prompt('Hola, ¿cómo estás?'), maxOutputTokens: 8, temperature: 0 });
      const parts = await readAll(stream);
      const deltas = parts.filter((part) => part.type === 'text-delta');
      expect(deltas.length).toBeGreaterThan(0);
      expect(textOf(parts).length).toBeGreaterThan(0);
      expect(parts.some((part) => part.type === 'error')).toBe(false);
      const finish = parts.at(-1);
      expect(finish?.type).toBe('finish');
      if (finish?.type !== 'finish') return;
      expect(finish.finishReason.unified).toBe('length');
      expect(finish.usage.outputTokens.total).toBe(8);
      expect(finish.usage.inputTokens.total).toBeGreaterThan(10);
      expect(finish.usage.inputTokens.noCache).toBe(finish.usage.inputTokens.total);
    } finally {
      await local.dispose?.();
    }
  });

  it('stops mid-reply when aborted, keeping the text so far and reporting the abort as the gateway does', async () => {
    const local = provider();
    try {
      const controller = new AbortController();
      const reason = new ModelError('stopped', 'Stopped by the learner.');
      const { stream } = await local.languageModel('llama-2-tiny-random').doStream({
        prompt: prompt('Cuéntame una historia larga.'),
        maxOutputTokens: 400,
        temperature: 0,
        abortSignal: controller.signal,
      });
      const parts: LanguageModelV4StreamPart[] = [];
      const reader = stream.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parts.push(value);
        if (value.type === 'text-delta' && !controller.signal.aborted) controller.abort(reason);
      }
      expect(textOf(parts).length).toBeGreaterThan(0);
      const error = parts.find((part) => part.type === 'error');
      expect(error?.type === 'error' && error.error).toBe(reason);
      expect(classifyProviderError(reason, Date.now()).code).toBe('stopped');
      const usage = usageOf(parts);
      expect(usage?.outputTokens.total).toBeGreaterThan(0);
      expect(usage?.outputTokens.total).toBeLessThan(400);
    } finally {
      await local.dispose?.();
    }
  });

  it('keeps a JSON-schema answer to the schema', async () => {
    const local = provider();
    try {
      const result = await local.languageModel('llama-2-tiny-random').doGenerate({
        prompt: prompt('¿Está bien esta frase?'),
        maxOutputTokens: 24,
        responseFormat: {
          type: 'json',
          name: 'check',
          schema: {
            type: 'object',
            properties: { ok: { type: 'boolean' }, level: { type: 'string', enum: ['a1', 'b2'] } },
            required: ['ok', 'level'],
            additionalProperties: false,
          },
        },
      });
      const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
      const parsed = JSON.parse(text) as { ok: unknown; level: unknown };
      expect(typeof parsed.ok).toBe('boolean');
      expect(['a1', 'b2']).toContain(parsed.level);
      expect(Object.keys(parsed).sort()).toEqual(['level', 'ok']);
    } finally {
      await local.dispose?.();
    }
  });

  it('returns a JSON answer cut by maxOutputTokens as text that does not parse, not as a failure', async () => {
    const local = provider();
    try {
      // The real feedback schema, converted as the gateway converts it.
      const schema = await zodSchema(feedbackOutputSchema).jsonSchema;
      const result = await local.languageModel('llama-2-tiny-random').doGenerate({
        prompt: prompt('Yo ir a la playa ayer.'),
        maxOutputTokens: 4,
        responseFormat: { type: 'json', name: 'learner_feedback', schema: schema as Record<string, unknown> },
      });
      const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
      expect(result.finishReason.unified).toBe('length');
      expect(text.startsWith('{')).toBe(true);
      // The gateway's next step: this is what makes it a ModelOutputError (feedback unavailable).
      expect(() => JSON.parse(text)).toThrow();
      expect(result.usage.outputTokens.total).toBe(4);
    } finally {
      await local.dispose?.();
    }
  });

  it('reuses the evaluated conversation on the next turn: only the new tokens are evaluated', async () => {
    const local = provider();
    try {
      const model = local.languageModel('llama-2-tiny-random');
      const first = await model.doGenerate({
        prompt: prompt('Hola, me llamo Ana.'),
        maxOutputTokens: 8,
        temperature: 0,
      });
      const reply = first.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
      const second = await model.doGenerate({
        prompt: prompt('Hola, me llamo Ana.', reply, 'Vivo en Madrid.'),
        maxOutputTokens: 8,
        temperature: 0,
      });
      const firstInput = first.usage.inputTokens;
      const secondInput = second.usage.inputTokens;
      expect(firstInput.cacheRead).toBe(0);
      expect(secondInput.total).toBeGreaterThan(firstInput.total ?? 0);
      expect(secondInput.cacheRead).toBeGreaterThanOrEqual(firstInput.total ?? 0);
      expect(secondInput.noCache).toBe((secondInput.total ?? 0) - (secondInput.cacheRead ?? 0));
      expect(secondInput.noCache).toBeLessThan(firstInput.total ?? 0);
      // llama.cpp's own count agrees: fewer tokens decoded than the second prompt holds.
      const raw = second.usage.raw as { evaluatedTokens: number; promptTokens: number };
      expect(raw.evaluatedTokens).toBeLessThan(raw.promptTokens);
    } finally {
      await local.dispose?.();
    }
  });

  it('serves one call at a time in arrival order; a caller aborted while waiting leaves the queue', async () => {
    const local = provider();
    try {
      const model = local.languageModel('llama-2-tiny-random');
      await local.model.load();
      const finished: string[] = [];
      const first = model
        .doGenerate({ prompt: prompt('Uno'), maxOutputTokens: 16, temperature: 0 })
        .then(() => finished.push('first'));
      const waiting = new AbortController();
      const abandoned = model.doGenerate({
        prompt: prompt('Dos'),
        maxOutputTokens: 16,
        abortSignal: waiting.signal,
      });
      const third = model
        .doGenerate({ prompt: prompt('Tres'), maxOutputTokens: 4, temperature: 0 })
        .then(() => finished.push('third'));
      const reason = new ModelError('stopped', 'Stopped before the reply began.');
      waiting.abort(reason);
      await expect(abandoned).rejects.toBe(reason);
      await Promise.all([first, third]);
      expect(finished).toEqual(['first', 'third']);
    } finally {
      await local.dispose?.();
    }
  });

  it('runs calls side by side on parallel sequences', async () => {
    const local = provider({ parallel: true, sequences: 2 });
    try {
      expect(local.parallel).toBe(true);
      const model = local.languageModel('llama-2-tiny-random');
      const results = await Promise.all([
        model.doGenerate({ prompt: prompt('Uno'), maxOutputTokens: 4, temperature: 0 }),
        model.doGenerate({ prompt: prompt('Dos'), maxOutputTokens: 4, temperature: 0 }),
      ]);
      for (const result of results) expect(result.usage.outputTokens.total).toBe(4);
    } finally {
      await local.dispose?.();
    }
  });

  it('refuses to load a model bigger than the free memory, with a clear non-retryable error', async () => {
    const tight = createLlamaRuntime({
      readMemory: async () => ({ availableBytes: 260 * 1024 * 1024, totalBytes: 1e9 }),
      threads: 1,
    });
    const local = provider({ runtime: tight });
    const failure = await local
      .languageModel('llama-2-tiny-random')
      .doStream({ prompt: prompt('Hola'), maxOutputTokens: 4 })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(LocalModelError);
    const error = failure as LocalModelError;
    expect(error.reason).toBe('memory');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^This model needs about \d+ MB of memory; 4 MB is free\./);
    expect(classifyProviderError(error, Date.now())).toBe(error);
    expect(tight.loaded()).toEqual([]);
  });

  it('refuses a file that is not GGUF and a model that was disposed', async () => {
    const fake = join(tempDir, 'fake.gguf');
    await writeFile(fake, 'not a model at all');
    const broken = createLocalProvider({ id: 'x', name: 'x', modelPath: fake, runtime });
    await expect(broken.model.load()).rejects.toMatchObject({ name: 'LocalModelError', reason: 'not_gguf' });

    const local = provider();
    await local.model.load();
    await local.dispose?.();
    await expect(
      local.languageModel('llama-2-tiny-random').doGenerate({ prompt: prompt('Hola'), maxOutputTokens: 4 }),
    ).rejects.toMatchObject({ reason: 'disposed', retryable: false });
  });
});
