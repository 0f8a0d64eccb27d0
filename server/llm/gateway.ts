import type { Config } from '../config.ts';
import { msg } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { attemptTimers } from './attempt-timers.ts';
import type { CallBudget, LedgerOutcome, Reservation, WithinReservation } from './call-budget.ts';
import { type CallShape, createChainRunner, isFailure } from './chain-runner.ts';
import type { ChainLink } from './chains.ts';
import { classifyProviderError, ModelError, ModelOutputError } from './errors.ts';
import { resultText, type SystemPart, toPrompt } from './prompt-format.ts';
import type { ProviderRegistry } from './provider-registry.ts';
import { jsonSchemaOf, parseStructured } from './structured-output.ts';
import type {
  CallContext,
  ChatMessage,
  GenerateStructured,
  ModelCallResult,
  ModelRole,
  StructuredRequest,
  TokenUsage,
} from './types.ts';
import {
  byteLength,
  estimateUsage,
  fromAdapterUsage,
  normalizeUsage,
  type SdkUsage,
  zeroUsage,
} from './usage.ts';

/*
 * The one door to every model: the front of the gateway. Its parts: the provider registry
 * (provider-registry.ts), the retry and fallback runner with the budget port (chain-runner.ts),
 * attempt timers, prompt shaping per vendor (prompt-format.ts), usage conversion (usage.ts) and
 * structured output (structured-output.ts).
 */

export type StreamRequest = {
  system: SystemPart[];
  messages: ChatMessage[];
  maxOutputTokens: number;
  abortSignal?: AbortSignal | undefined;
  onDelta(text: string): void;
  /**
   * Called once, on the next turn of the event loop after the first attempt's HTTP request went
   * out: work that must not delay the request (a turn's feedback analysis) starts beside it.
   */
  onRequestSent?: (() => void) | undefined;
  /** Ledger link to the stored message this call produces. */
  messageId?: string | undefined;
  /** Budget held before the turn was accepted (`holdBudget`); the first attempt uses it. */
  hold?: BudgetHold | undefined;
  /**
   * Writes that commit with a complete call's settlement (a reply's final text: no commit of its
   * own). The outcome says whether they did (`stored`); after a failure the caller writes alone.
   */
  storeWith?: ((outcome: StreamOutcome) => WithinReservation) | undefined;
};

/**
 * Budget reserved for a call before the request that needs it is accepted, so that a refusal can
 * still be a plain 402 with nothing stored. The gateway's first attempt takes it over, raising it
 * if the prompt it sends could cost more.
 */
export type BudgetHold = {
  /** The cap was reached under the downgrade policy: the call goes to the cheaper chain. */
  readonly downgraded: boolean;
  /** Hands the reservation to the call that uses it; undefined once taken or released. */
  take(): Reservation | undefined;
  /** Gives the held amount back when no call took it (the request failed before calling). */
  release(): Promise<void>;
};

export type StreamOutcome = {
  status: 'complete' | 'partial' | 'failed';
  text: string;
  /** Set unless the call never reached a provider. */
  call: ModelCallResult | undefined;
  error: ModelError | undefined;
  /** The request's `storeWith` writes committed with the settlement. */
  stored?: boolean | undefined;
};

export type GatewayDeps = {
  config: Config;
  providers: ProviderRegistry;
  clock: Clock;
  /** The budget port: reserves before every attempt and settles it into a priced ledger row after. */
  budget: CallBudget;
  /** Injected so tests are deterministic; defaults to Math.random. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  log?: { warn(object: unknown, message: string): void };
};

export type ModelGateway = {
  /** True when some provider can serve this role (and language). */
  isAvailable(role: ModelRole, language?: string): boolean;
  /** Whether the first provider of the chain can run two calls at once (feedback beside the reply). */
  isParallel(role: ModelRole, language?: string): boolean;
  streamText(context: CallContext, request: StreamRequest): Promise<StreamOutcome>;
  generateText(
    context: CallContext,
    request: {
      system: string;
      messages: ChatMessage[];
      maxOutputTokens: number;
      abortSignal?: AbortSignal;
      /** Calls this provider and model alone, without the chain (an admin's provider test). */
      only?: { provider: string; model: string } | undefined;
    },
  ): Promise<{ text: string } & ModelCallResult>;
  generateStructured: GenerateStructured;
  /**
   * Reserves the most a call of `context` can cost for a prompt of at most `promptBytes` UTF-8
   * bytes, before anything is stored. Throws the budget's refusal (402) at a cap under the block
   * policy (or when even the downgrade chain cannot be afforded). Undefined without a provider.
   */
  holdBudget(
    context: CallContext,
    request: {
      promptBytes: number;
      maxOutputTokens: number;
      cacheBreakpoints?: boolean;
      /** Writes committed in the reservation's own transaction (not run without a provider). */
      within?: WithinReservation | undefined;
      /** The message the held call will produce (a tutor reply). */
      messageId?: string | undefined;
    },
  ): Promise<BudgetHold | undefined>;
};

/**
 * The one door to every model: chain resolution, timeouts, retries with backoff and jitter that
 * honour retry-after, fallback to the next provider (only before the learner has seen a token),
 * usage normalisation and a ledger row for every call.
 */
export function createModelGateway(deps: GatewayDeps): ModelGateway {
  const { config, clock, budget } = deps;

  const runner = createChainRunner(deps);
  const { chainFor, record, pricedLink, callDetails, maximumCost, downgradeChainFor, makeHold, runChain } =
    runner;

  async function streamTextThroughChain(
    context: CallContext,
    request: StreamRequest,
  ): Promise<StreamOutcome> {
    const sentText = [
      ...request.system.map((part) => part.text),
      ...request.messages.map((message) => message.content),
    ].join('\n');
    let delivered = '';
    let lastCall: ModelCallResult | undefined;
    let requestAnnounced = false;
    const totalController = new AbortController();
    const totalTimer = setTimeout(
      () => totalController.abort(new ModelError('timeout', msg('errors.model.tooLong'))),
      config.LLM_TOTAL_TIMEOUT_MS,
    );
    const onOuterAbort = () =>
      totalController.abort(new ModelError('stopped', msg('errors.model.stoppedByLearner')));
    if (request.abortSignal?.aborted) onOuterAbort();
    request.abortSignal?.addEventListener('abort', onOuterAbort, { once: true });

    try {
      const shape: CallShape = {
        promptBytes: byteLength(sentText),
        maxOutputTokens: request.maxOutputTokens,
        cacheBreakpoints: request.system.some((part) => part.cache),
        messageId: request.messageId,
      };
      const result = await runChain<StreamOutcome>(
        context,
        totalController.signal,
        shape,
        request.hold,
        async (link, attempts, reservation) => {
          const startedAt = performance.now();
          const timers = attemptTimers(totalController.signal, config);
          let text = '';
          let usage: TokenUsage | undefined;
          let failure: unknown;
          try {
            // The adapter itself, not `streamText`: its orchestration (steps, tools, telemetry, extra
            // stream stages) costs more CPU per call than the whole adapter (decision 008).
            const announcingFetch: typeof fetch = (input, init) => {
              const response = timers.timedFetch(input, init);
              if (!requestAnnounced && request.onRequestSent) {
                requestAnnounced = true;
                setImmediate(request.onRequestSent);
              }
              return response;
            };
            const { stream } = await link.provider.languageModel(link.model, announcingFetch).doStream({
              prompt: toPrompt(link, request.system, request.messages),
              maxOutputTokens: request.maxOutputTokens,
              abortSignal: timers.signal,
            });
            const reader = stream.getReader();
            for (;;) {
              const { value: part, done } = await reader.read();
              if (done) break;
              if (part.type === 'text-delta') {
                if (!part.delta) continue;
                if (!text) timers.firstToken();
                text += part.delta;
                request.onDelta(part.delta);
              } else if (part.type === 'finish') {
                usage = normalizeUsage(fromAdapterUsage(part.usage));
              } else if (part.type === 'error') {
                failure = part.error;
              }
            }
          } catch (error) {
            failure = timers.signal.aborted ? (timers.signal.reason ?? error) : error;
            // Whatever broke the loop, the provider's response must not stay open unread.
            timers.abort(failure);
          } finally {
            timers.dispose();
          }
          if (failure === undefined && timers.signal.aborted) failure = timers.signal.reason;
          delivered = text;
          const finalUsage =
            usage ?? (text || failure === undefined ? estimateUsage(sentText, text) : zeroUsage);
          const call: ModelCallResult = {
            provider: link.provider.id,
            model: link.model,
            usage: finalUsage,
            latencyMs: performance.now() - startedAt,
            attempts,
          };
          lastCall = call;
          if (failure === undefined) {
            const outcome: StreamOutcome = { status: 'complete', text, call, error: undefined };
            const within = request.storeWith?.(outcome);
            const settled = await record(
              context,
              reservation,
              link,
              finalUsage,
              startedAt,
              'ok',
              undefined,
              request.messageId,
              within,
            );
            return { ...outcome, stored: settled && within !== undefined };
          }
          const error = classifyProviderError(failure, clock.now().getTime());
          const outcome: LedgerOutcome = error.code === 'stopped' ? 'aborted' : text ? 'partial' : 'error';
          // Once the learner has seen tokens, switching provider would splice two different replies.
          if (text) {
            const usageForStop = usage ?? estimateUsage(sentText, text);
            call.usage = usageForStop;
            await record(
              context,
              reservation,
              link,
              usageForStop,
              startedAt,
              outcome,
              error.code,
              request.messageId,
            );
            return { status: 'partial', text, call, error };
          }
          await record(
            context,
            reservation,
            link,
            finalUsage,
            startedAt,
            outcome,
            error.code,
            request.messageId,
          );
          return { failure: error };
        },
      );
      if (!isFailure(result)) return result;
      return {
        status: delivered ? 'partial' : 'failed',
        text: delivered,
        call: lastCall,
        error: result.failure,
      };
    } finally {
      clearTimeout(totalTimer);
      request.abortSignal?.removeEventListener('abort', onOuterAbort);
    }
  }

  async function generate<T>(
    context: CallContext,
    request: {
      system: string;
      messages: ChatMessage[];
      maxOutputTokens: number;
      abortSignal?: AbortSignal | undefined;
      only?: { provider: string; model: string } | undefined;
    },
    run: (
      link: ChainLink,
      signal: AbortSignal,
      fetchWithTimeout: typeof fetch,
    ) => Promise<{ value: T; usage: SdkUsage }>,
  ): Promise<{ value: T } & ModelCallResult> {
    const sentText = [request.system, ...request.messages.map((message) => message.content)].join('\n');
    const shape: CallShape = {
      promptBytes: byteLength(sentText),
      maxOutputTokens: request.maxOutputTokens,
      cacheBreakpoints: false,
    };
    let only: ChainLink | undefined;
    if (request.only) {
      const target = request.only;
      const provider = deps.providers.list().find((candidate) => candidate.id === target.provider);
      if (!provider)
        throw new ModelError(
          'no_provider',
          msg('errors.model.providerUnavailable', { provider: target.provider }),
        );
      only = { provider, model: target.model };
    }
    const result = await runChain<{ value: T } & ModelCallResult>(
      context,
      request.abortSignal,
      shape,
      undefined,
      async (link, attempts, reservation) => {
        const startedAt = performance.now();
        const timers = attemptTimers(request.abortSignal, config);
        const totalTimer = setTimeout(
          () => timers.abort(new ModelError('timeout', msg('errors.model.modelSlow'), { retryable: true })),
          config.LLM_TOTAL_TIMEOUT_MS,
        );
        // A non-streamed call has no first token to wait for; the total timeout bounds it.
        timers.firstToken();
        try {
          const { value, usage } = await run(link, timers.signal, timers.timedFetch);
          const normalized = normalizeUsage(usage) ?? estimateUsage(sentText, '');
          await record(context, reservation, link, normalized, startedAt, 'ok');
          return {
            value,
            provider: link.provider.id,
            model: link.model,
            usage: normalized,
            latencyMs: performance.now() - startedAt,
            attempts,
          };
        } catch (error) {
          if (error instanceof ModelOutputError) {
            // The call happened and was billed; the output was just unusable. Not worth retrying blindly.
            await record(
              context,
              reservation,
              link,
              error.usage ?? estimateUsage(sentText, error.rawText ?? ''),
              startedAt,
              'error',
              'output_invalid',
            );
            throw error;
          }
          const classified = classifyProviderError(
            timers.signal.aborted ? (timers.signal.reason ?? error) : error,
            clock.now().getTime(),
          );
          await record(
            context,
            reservation,
            link,
            zeroUsage,
            startedAt,
            classified.code === 'stopped' ? 'aborted' : 'error',
            classified.code,
          );
          return { failure: classified };
        } finally {
          clearTimeout(totalTimer);
          timers.dispose();
        }
      },
      only,
    );
    if (isFailure(result)) throw result.failure;
    return result;
  }

  return {
    isAvailable: (role, language) => chainFor(role, language).length > 0,
    isParallel: (role, language) => chainFor(role, language)[0]?.provider.parallel ?? true,
    streamText: streamTextThroughChain,

    async holdBudget(context, request) {
      const first = chainFor(context.role, context.language)[0];
      if (!first) return undefined;
      const shape: CallShape = {
        promptBytes: request.promptBytes,
        maxOutputTokens: request.maxOutputTokens,
        cacheBreakpoints: request.cacheBreakpoints ?? true,
        messageId: request.messageId,
      };
      try {
        return makeHold(
          await budget.reserve(
            context,
            pricedLink(first),
            maximumCost(first, shape),
            request.within,
            callDetails(shape),
          ),
          false,
        );
      } catch (error) {
        const cheaper = downgradeChainFor(context.role)[0];
        if (!budget.refusal(error)?.downgrade || !cheaper) throw error;
        try {
          return makeHold(
            await budget.reserve(
              context,
              pricedLink(cheaper),
              maximumCost(cheaper, shape),
              request.within,
              callDetails(shape),
            ),
            true,
          );
        } catch (second) {
          // The learner hears about the cap that was reached, not about the fallback's price.
          throw budget.refusal(second) ? error : second;
        }
      }
    },

    async generateText(context, request) {
      const { value, ...call } = await generate(context, request, async (link, signal, timedFetch) => {
        const result = await link.provider.languageModel(link.model, timedFetch).doGenerate({
          prompt: toPrompt(link, [{ text: request.system }], request.messages),
          maxOutputTokens: request.maxOutputTokens,
          abortSignal: signal,
        });
        return { value: resultText(result), usage: fromAdapterUsage(result.usage) };
      });
      return { text: value, ...call };
    },

    generateStructured: async <T>(context: CallContext, request: StructuredRequest<T>) => {
      const schema = await jsonSchemaOf(request.schema);
      const { value, ...call } = await generate<T>(context, request, async (link, signal, timedFetch) => {
        const result = await link.provider.languageModel(link.model, timedFetch).doGenerate({
          prompt: toPrompt(link, [{ text: request.system }], request.messages),
          responseFormat: { type: 'json', schema, name: request.schemaName },
          maxOutputTokens: request.maxOutputTokens,
          abortSignal: signal,
        });
        const usage = fromAdapterUsage(result.usage);
        return { value: parseStructured(resultText(result), request.schema, normalizeUsage(usage)), usage };
      });
      return { object: value, ...call };
    },
  };
}
