import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4FinishReason,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import type { ChatHistoryItem, LlamaChat, LlamaContextSequence, LlamaGrammar, Token } from 'node-llama-cpp';
import { msg } from '../../i18n/messages.ts';
import { ModelError } from '../errors.ts';
import {
  type ContextOptions,
  importLlamaModule,
  type LlamaRuntime,
  LocalModelError,
} from './llama-runtime.ts';

/*
 * A GGUF model behind the AI SDK's LanguageModelV4 interface, so the gateway calls it exactly as it
 * calls the HTTP providers. Each call renders the prompt with the model's own chat template, waits
 * for a free sequence (FIFO), and evaluates only the tokens its sequence does not already hold:
 * llama.cpp keeps the evaluated state of the previous call, so a conversation's next turn, whose
 * prompt starts with the previous one, costs only its new tokens.
 */

export type LocalLanguageModelOptions = {
  providerId: string;
  modelId: string;
  /** Absolute path of the GGUF file (already resolved inside the models folder). */
  modelPath: string;
  runtime: LlamaRuntime;
  /**
   * Sequences (conversation states) kept in memory, each with its own KV cache. Default 1. With
   * more than one, a call takes the free sequence whose state shares the longest prefix with its
   * prompt, so a conversation's state can survive a feedback call made between two turns.
   */
  sequences?: number;
  /** Let calls run at the same time, one per sequence; otherwise one call at a time. */
  parallel?: boolean;
  contextSize?: number;
  threads?: number;
  /** Sampling temperature of text replies when the call sets none. Default 0.7. */
  temperature?: number;
};

export type LocalLanguageModel = LanguageModelV4 & {
  /** Loads the model now (a provider check); calls load it on first use anyway. */
  load(): Promise<void>;
  /** Ends running calls, refuses waiting ones and frees the model's memory. */
  dispose(): Promise<void>;
};

type Slot = { sequence: LlamaContextSequence; chat: LlamaChat; lastUsed: number };

type Waiter = {
  tokens: Token[];
  resolve(slot: Slot): void;
  reject(reason: unknown): void;
  detach(): void;
};

type OpenState = {
  slots: Slot[];
  free: Slot[];
  waiters: Waiter[];
  release(): Promise<void>;
  render(history: ChatHistoryItem[]): Token[];
  grammarFor(schema: unknown): Promise<LlamaGrammar>;
};

type RunResult = {
  text: string;
  finishReason: LanguageModelV4FinishReason;
  usage: LanguageModelV4Usage;
};

/** How many leading tokens two token lists share. */
export function commonPrefixLength(a: readonly Token[], b: readonly Token[]): number {
  const end = Math.min(a.length, b.length);
  let index = 0;
  while (index < end && a[index] === b[index]) index++;
  return index;
}

/** The V4 prompt as node-llama-cpp chat history: one system message (parts joined), then the turns. */
export function toChatHistory(prompt: LanguageModelV4Prompt): ChatHistoryItem[] {
  const system = prompt
    .filter((message) => message.role === 'system')
    .map((message) => message.content)
    .filter(Boolean)
    .join('\n\n');
  const history: ChatHistoryItem[] = system ? [{ type: 'system', text: system }] : [];
  for (const message of prompt) {
    if (message.role === 'user' || message.role === 'assistant') {
      let text = '';
      for (const part of message.content) if (part.type === 'text') text += part.text;
      history.push(message.role === 'user' ? { type: 'user', text } : { type: 'model', response: [text] });
    }
  }
  return history;
}

function finishReasonOf(stopReason: string): LanguageModelV4FinishReason {
  if (stopReason === 'maxTokens') return { unified: 'length', raw: stopReason };
  if (stopReason === 'abort') return { unified: 'other', raw: stopReason };
  return { unified: 'stop', raw: stopReason };
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The call was aborted.', 'AbortError');
}

/** Creates the model handle; nothing is loaded until the first call (or `load()`). */
export function createLocalLanguageModel(options: LocalLanguageModelOptions): LocalLanguageModel {
  const sequenceCount = Math.max(1, options.sequences ?? 1);
  const contextOptions: ContextOptions = {
    sequences: sequenceCount,
    ...(options.contextSize !== undefined && { contextSize: options.contextSize }),
    ...(options.threads !== undefined && { threads: options.threads }),
  };
  const defaultTemperature = options.temperature ?? 0.7;
  const lifetime = new AbortController();
  let opening: Promise<OpenState> | undefined;
  let disposed = false;

  async function openState(): Promise<OpenState> {
    const session = await options.runtime.open(options.modelPath, contextOptions);
    const { LlamaChat } = await importLlamaModule();
    const slots: Slot[] = [];
    for (let index = 0; index < sequenceCount; index++) {
      const sequence = session.context.getSequence();
      slots.push({ sequence, chat: new LlamaChat({ contextSequence: sequence }), lastUsed: 0 });
    }
    const wrapper = (slots[0] as Slot).chat.chatWrapper;
    const grammars = new Map<string, Promise<LlamaGrammar>>();
    return {
      slots,
      free: [...slots],
      waiters: [],
      release: session.release,
      // The same rendering LlamaChat evaluates (its template, with the empty reply it completes), so
      // the tokens can be compared with what a sequence already holds.
      render: (history) =>
        wrapper
          .generateContextState({ chatHistory: [...history, { type: 'model', response: [] }] })
          .contextText.tokenize(session.model.tokenizer),
      grammarFor(schema) {
        const { $schema: _ignored, ...rest } = (schema ?? {}) as Record<string, unknown>;
        const key = JSON.stringify(rest);
        let grammar = grammars.get(key);
        if (!grammar) {
          grammar = session.llama
            // The schemas come from zod and are trusted; what GBNF cannot express falls back below.
            .createGrammarForJsonSchema(
              rest as Parameters<typeof session.llama.createGrammarForJsonSchema>[0],
            )
            .catch(() => session.llama.getGrammarFor('json'));
          grammars.set(key, grammar);
        }
        return grammar;
      },
    };
  }

  function ensureOpen(): Promise<OpenState> {
    if (disposed) return Promise.reject(new LocalModelError('disposed', msg('errors.local.disposed')));
    opening ??= openState().catch((error: unknown) => {
      // A refusal (memory, a bad file) is not remembered: the admin may free memory and retry.
      opening = undefined;
      throw error instanceof ModelError
        ? error
        : new LocalModelError('load_failed', msg('errors.local.loadFailedAny', { detail: String(error) }), {
            cause: error,
          });
    });
    return opening;
  }

  /** The free sequence whose state shares the longest prefix with `tokens` (least recently used on a tie). */
  function takeBest(state: OpenState, tokens: Token[]): Slot {
    let bestIndex = 0;
    let bestScore = -1;
    state.free.forEach((slot, index) => {
      const score = commonPrefixLength(slot.sequence.contextTokens, tokens);
      const best = state.free[bestIndex] as Slot;
      if (score > bestScore || (score === bestScore && slot.lastUsed < best.lastUsed)) {
        bestScore = score;
        bestIndex = index;
      }
    });
    return state.free.splice(bestIndex, 1)[0] as Slot;
  }

  function busyLimit(): number {
    return options.parallel ? sequenceCount : 1;
  }

  function acquire(state: OpenState, tokens: Token[], signal: AbortSignal): Promise<Slot> {
    if (signal.aborted) return Promise.reject(abortReason(signal));
    const busy = state.slots.length - state.free.length;
    if (state.waiters.length === 0 && busy < busyLimit() && state.free.length > 0)
      return Promise.resolve(takeBest(state, tokens));
    return new Promise<Slot>((resolve, reject) => {
      const onAbort = () => {
        // A caller that gives up while waiting leaves the queue; the others keep their places.
        const index = state.waiters.indexOf(waiter);
        if (index >= 0) state.waiters.splice(index, 1);
        reject(abortReason(signal));
      };
      const waiter: Waiter = {
        tokens,
        resolve,
        reject,
        detach: () => signal.removeEventListener('abort', onAbort),
      };
      signal.addEventListener('abort', onAbort, { once: true });
      state.waiters.push(waiter);
    });
  }

  function releaseSlot(state: OpenState, slot: Slot) {
    slot.lastUsed = performance.now();
    state.free.push(slot);
    const next = state.waiters.shift();
    if (next) {
      next.detach();
      next.resolve(takeBest(state, next.tokens));
    }
  }

  async function run(
    call: LanguageModelV4CallOptions,
    signal: AbortSignal,
    onText: ((text: string) => void) | undefined,
  ): Promise<RunResult> {
    const state = await ensureOpen();
    const history = toChatHistory(call.prompt);
    const format = call.responseFormat;
    const json = format?.type === 'json';
    const grammar = format?.type === 'json' ? await state.grammarFor(format.schema) : undefined;
    const promptTokens = state.render(history);
    const slot = await acquire(state, promptTokens, signal);
    try {
      // The last prompt token is always evaluated again: its logits choose the first new token.
      const reused = Math.min(
        commonPrefixLength(slot.sequence.contextTokens, promptTokens),
        Math.max(0, promptTokens.length - 1),
      );
      const meterBefore = slot.sequence.tokenMeter.getState();
      let generated = 0;
      let text = '';
      const response = await slot.chat.generateResponse(history, {
        ...(call.maxOutputTokens !== undefined && { maxTokens: call.maxOutputTokens }),
        signal,
        stopOnAbortSignal: true,
        temperature: call.temperature ?? (json ? 0 : defaultTemperature),
        ...(call.topP !== undefined && { topP: call.topP }),
        ...(call.topK !== undefined && { topK: call.topK }),
        ...(call.seed !== undefined && { seed: call.seed }),
        ...(call.stopSequences?.length && { customStopTriggers: call.stopSequences }),
        ...(grammar && { grammar }),
        onResponseChunk: (chunk) => {
          generated += chunk.tokens.length;
          if (chunk.type === undefined && chunk.text) {
            text += chunk.text;
            onText?.(chunk.text);
          }
        },
      });
      const evaluated = slot.sequence.tokenMeter.diff(meterBefore);
      return {
        text: response.response || text,
        finishReason: finishReasonOf(response.metadata.stopReason),
        usage: {
          inputTokens: {
            total: promptTokens.length,
            noCache: promptTokens.length - reused,
            cacheRead: reused,
            cacheWrite: 0,
          },
          outputTokens: { total: generated, text: generated, reasoning: 0 },
          raw: {
            promptTokens: promptTokens.length,
            reusedTokens: reused,
            // What llama.cpp itself decoded in this call: the prompt's new part and the generated tokens.
            evaluatedTokens: evaluated.usedInputTokens + evaluated.usedOutputTokens,
            generatedTokens: generated,
          },
        },
      };
    } finally {
      releaseSlot(state, slot);
    }
  }

  function callSignal(call: LanguageModelV4CallOptions, extra?: AbortSignal): AbortSignal {
    const signals = [lifetime.signal];
    if (call.abortSignal) signals.push(call.abortSignal);
    if (extra) signals.push(extra);
    return AbortSignal.any(signals);
  }

  function asModelError(error: unknown, signal: AbortSignal): unknown {
    if (signal.aborted) return abortReason(signal);
    if (error instanceof ModelError) return error;
    return new ModelError(
      'provider_error',
      msg('errors.model.localFailed', {
        detail: error instanceof Error ? error.message.slice(0, 120) : String(error),
      }),
      { retryable: false, cause: error },
    );
  }

  return {
    specificationVersion: 'v4',
    provider: `local.${options.providerId}`,
    modelId: options.modelId,
    supportedUrls: {},

    async doGenerate(call): Promise<LanguageModelV4GenerateResult> {
      const signal = callSignal(call);
      let result: RunResult;
      try {
        result = await run(call, signal, undefined);
      } catch (error) {
        throw asModelError(error, signal);
      }
      if (signal.aborted) throw abortReason(signal);
      return {
        content: result.text ? [{ type: 'text', text: result.text }] : [],
        finishReason: result.finishReason,
        usage: result.usage,
        warnings: [],
      };
    },

    async doStream(call) {
      const cancel = new AbortController();
      const signal = callSignal(call, cancel.signal);
      // Loading happens before the stream exists, so a refusal (memory, a bad file) rejects the call
      // like an HTTP provider's refused request.
      await ensureOpen();
      let closed = false;
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          const emit = (part: LanguageModelV4StreamPart) => {
            if (!closed) controller.enqueue(part);
          };
          emit({ type: 'stream-start', warnings: [] });
          let started = false;
          void run(call, signal, (delta) => {
            if (!started) {
              started = true;
              emit({ type: 'text-start', id: 'text' });
            }
            emit({ type: 'text-delta', id: 'text', delta });
          })
            .then((result) => {
              if (started) emit({ type: 'text-end', id: 'text' });
              // Stopped mid-reply: the text so far was delivered; the error says why it ended, and the
              // usage that follows is still exact.
              if (signal.aborted) emit({ type: 'error', error: abortReason(signal) });
              emit({ type: 'finish', usage: result.usage, finishReason: result.finishReason });
            })
            .catch((error: unknown) => emit({ type: 'error', error: asModelError(error, signal) }))
            .finally(() => {
              if (closed) return;
              closed = true;
              controller.close();
            });
        },
        cancel(reason) {
          closed = true;
          cancel.abort(reason);
        },
      });
      return { stream };
    },

    async load() {
      await ensureOpen();
    },

    async dispose() {
      if (disposed) return;
      disposed = true;
      lifetime.abort(new LocalModelError('disposed', msg('errors.local.disposed')));
      const state = await opening?.catch(() => undefined);
      opening = undefined;
      if (!state) return;
      for (const waiter of state.waiters.splice(0)) {
        waiter.detach();
        waiter.reject(new LocalModelError('disposed', msg('errors.local.disposed')));
      }
      for (const slot of state.slots) slot.chat.dispose();
      await state.release();
    },
  };
}
