import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { createLlamaRuntime, importLlamaModule, sharedLlama } from '../server/llm/local/llama-runtime.ts';
import { createLocalLanguageModel } from '../server/llm/local/local-language-model.ts';
import { percentile } from './lib-servers.ts';
import type { BenchRow } from './run.ts';

/*
 * The local provider on the test model (tests/fixtures/llama-2-tiny-random.gguf):
 * - own overhead: call → first text-delta through our LanguageModelV4 `doStream`, minus
 *   node-llama-cpp's own time to first token (LlamaChat.generateResponse on a sequence, call →
 *   first chunk), difference of medians over 20 interleaved rounds. Every round's prompt starts
 *   with its own number, so neither side reuses a previous round's evaluated state.
 * - event-loop delay (monitorEventLoopDelay, 1 ms resolution) during a reply whose prompt is about
 *   1,500 tokens, against the same measure while idle.
 */

const fixture = fileURLToPath(new URL('../tests/fixtures/llama-2-tiny-random.gguf', import.meta.url));
const rounds = 20;
const ms = (nanoseconds: number) => nanoseconds / 1e6;

const system = (round: number) => `Session ${round}. You are a patient Spanish tutor. Answer in Spanish.`;
const learner = 'Hola, ayer fui a la playa con mis amigos y comimos paella.';
const longText = Array.from(
  { length: 37 },
  (_, index) => `Frase ${index}: el estudiante describe su día en la ciudad con muchos detalles.`,
).join(' ');

export default async function localModelBenchmark(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  let started = performance.now();
  const { LlamaChat } = await importLlamaModule();
  const importMs = performance.now() - started;
  started = performance.now();
  const llama = await sharedLlama();
  const llamaMs = performance.now() - started;
  const runtime = createLlamaRuntime({ threads: 1 });
  started = performance.now();
  const direct = await runtime.open(fixture, { contextSize: 2048, threads: 1 });
  const loadMs = performance.now() - started;
  rows.push({
    benchmark: 'cold start of the local runtime',
    'import node-llama-cpp ms': Math.round(importMs),
    'getLlama ms': Math.round(llamaMs),
    'load fixture + context ms': Math.round(loadMs),
    gpu: String(llama.gpu),
    goal: 'off the start-up path (lazy)',
    pass: true,
  });

  const sequence = direct.context.getSequence();
  const chat = new LlamaChat({ contextSequence: sequence });
  const model = createLocalLanguageModel({
    providerId: 'bench',
    modelId: 'llama-2-tiny-random',
    modelPath: fixture,
    runtime,
    contextSize: 2048,
    threads: 1,
  });
  await model.load();

  async function directFirstToken(round: number): Promise<number> {
    const controller = new AbortController();
    const start = performance.now();
    let first = 0;
    await chat.generateResponse(
      [
        { type: 'system', text: system(round) },
        { type: 'user', text: learner },
      ],
      {
        maxTokens: 4,
        signal: controller.signal,
        stopOnAbortSignal: true,
        onTextChunk: () => {
          if (!first) {
            first = performance.now() - start;
            controller.abort();
          }
        },
      },
    );
    return first;
  }

  async function streamFirstToken(round: number, prompt?: LanguageModelV4Prompt): Promise<number> {
    const controller = new AbortController();
    const start = performance.now();
    const { stream } = await model.doStream({
      prompt: prompt ?? [
        { role: 'system', content: system(round) },
        { role: 'user', content: [{ type: 'text', text: learner }] },
      ],
      maxOutputTokens: 4,
      temperature: 0,
      abortSignal: controller.signal,
    });
    const reader = stream.getReader();
    let first = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (value.type === 'text-delta' && !first) {
        first = performance.now() - start;
        controller.abort();
      }
    }
    return first;
  }

  for (let round = 0; round < 3; round++) {
    await directFirstToken(1000 + round);
    await streamFirstToken(2000 + round);
  }
  const directTimes: number[] = [];
  const streamTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    directTimes.push(await directFirstToken(round));
    streamTimes.push(await streamFirstToken(round));
  }
  directTimes.sort((a, b) => a - b);
  streamTimes.sort((a, b) => a - b);
  const overhead = percentile(streamTimes, 50) - percentile(directTimes, 50);
  rows.push({
    benchmark: 'own overhead: doStream → first text-delta minus LlamaChat → first chunk',
    rounds,
    'node-llama-cpp p50 ms': percentile(directTimes, 50),
    'doStream p50 ms': percentile(streamTimes, 50),
    'own overhead p50 ms': overhead,
    'doStream p90 ms': percentile(streamTimes, 90),
    goal: 'reported',
    pass: true,
  });

  // Event-loop delay while a long prompt is evaluated and a reply generated, against idle.
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, 500));
  histogram.disable();
  const idle = {
    p50: ms(histogram.percentile(50)),
    p99: ms(histogram.percentile(99)),
    max: ms(histogram.max),
  };
  histogram.reset();

  const prompt: LanguageModelV4Prompt = [
    { role: 'system', content: `${system(9999)} ${longText}` },
    { role: 'user', content: [{ type: 'text', text: `${longText} ${learner}` }] },
  ];
  // The synchronous part on the event loop: tokenizing the prompt (done twice per call: once to
  // compare with the sequence's state, once inside LlamaChat).
  started = performance.now();
  const tokenized = direct.model.tokenize(`${system(9999)} ${longText} ${longText} ${learner}`);
  const tokenizeMs = performance.now() - started;

  // Threads 1 and 2 (all the cores here): with 2, llama.cpp's threads compete with the JS thread.
  for (const threads of [1, 2]) {
    const replyModel =
      threads === 1
        ? model
        : createLocalLanguageModel({
            providerId: 'bench-2',
            modelId: 'llama-2-tiny-random',
            modelPath: fixture,
            runtime,
            contextSize: 2048,
            threads,
          });
    await replyModel.load();
    histogram.reset();
    histogram.enable();
    const replyStart = performance.now();
    const { stream } = await replyModel.doStream({ prompt, maxOutputTokens: 32, temperature: 0 });
    let promptTokens = 0;
    let firstToken = 0;
    const reader = stream.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (value.type === 'text-delta' && !firstToken) firstToken = performance.now() - replyStart;
      if (value.type === 'finish') promptTokens = value.usage.inputTokens.total ?? 0;
    }
    const replyMs = performance.now() - replyStart;
    histogram.disable();
    rows.push({
      benchmark: `event-loop delay during a reply with a long prompt (same process, ${threads} thread${threads > 1 ? 's' : ''})`,
      'prompt tokens': promptTokens,
      'tokenize prompt ms (main thread)': tokenizeMs,
      'tokens (check)': tokenized.length,
      'first token ms': Math.round(firstToken),
      'reply ms': Math.round(replyMs),
      'idle p50/p99/max ms': `${idle.p50.toFixed(1)} / ${idle.p99.toFixed(1)} / ${idle.max.toFixed(1)}`,
      'reply p50 ms': ms(histogram.percentile(50)),
      'reply p99 ms': ms(histogram.percentile(99)),
      'reply max ms': ms(histogram.max),
      goal: 'p99 ≤ 20 ms (the loop is never blocked)',
      pass: ms(histogram.percentile(99)) <= 20,
    });
    if (replyModel !== model) await replyModel.dispose();
  }

  chat.dispose();
  await model.dispose();
  await direct.release();
  await runtime.unload(fixture);
  return rows;
}
