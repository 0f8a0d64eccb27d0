import type {
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { zodSchema } from 'ai';
import type { z } from 'zod';
import type { Config } from '../config.ts';
import type { Clock } from '../lib/clock.ts';
import type { CallBudget, LedgerOutcome, PricedLink, Reservation, WithinReservation } from './call-budget.ts';
import { type ChainLink, parseChain, resolveChain } from './chains.ts';
import { classifyProviderError, ModelError, ModelOutputError, noProviderError } from './errors.ts';
import type { ProviderRegistry } from './provider-registry.ts';
import type {
  CallContext,
  ChatMessage,
  GenerateStructured,
  ModelCallResult,
  ModelRole,
  StructuredRequest,
  TokenUsage,
} from './types.ts';

/** A piece of the system prompt; `cache` marks an Anthropic cache breakpoint after it. */
export type SystemPart = { text: string; cache?: boolean };

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
};

/**
 * Budget reserved for a call before the request that needs it is accepted, so that a refusal can
 * still be a plain 402 with nothing stored. The gateway's first attempt takes it over, raising it
 * if the prompt it sends could cost more.
 */
export type BudgetHold = {
  /** The cap was reached under the downgrade policy: the call goes to BUDGET_DOWNGRADE_CHAIN. */
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

const utf8 = new TextEncoder();
const byteLength = (text: string) => utf8.encode(text).length;

/** The documented estimate when a provider reports no usage: ceil(UTF-8 bytes / 4) each way. */
export function estimateUsage(sentText: string, outputText: string): TokenUsage {
  return {
    inputTokens: Math.ceil(byteLength(sentText) / 4),
    outputTokens: Math.ceil(byteLength(outputText) / 4),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    estimated: true,
  };
}

type SdkUsage = {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  inputTokenDetails?: {
    noCacheTokens: number | undefined;
    cacheReadTokens: number | undefined;
    cacheWriteTokens: number | undefined;
  };
  /** The provider's own usage object; Anthropic's splits cache writes by TTL. */
  raw?: unknown;
};

/** Anthropic's `cache_creation.ephemeral_1h_input_tokens`: 1-hour writes cost more than 5-minute ones. */
function oneHourCacheWrites(raw: unknown): number {
  if (typeof raw !== 'object' || raw === null) return 0;
  const creation = (raw as { cache_creation?: unknown }).cache_creation;
  if (typeof creation !== 'object' || creation === null) return 0;
  const tokens = (creation as { ephemeral_1h_input_tokens?: unknown }).ephemeral_1h_input_tokens;
  return typeof tokens === 'number' && Number.isFinite(tokens) && tokens > 0 ? tokens : 0;
}

/**
 * The AI SDK's `inputTokens` includes cache reads and writes; we store the uncached part so that
 * each kind is priced once at its own rate.
 */
export function normalizeUsage(usage: SdkUsage | undefined): TokenUsage | undefined {
  if (!usage || (usage.inputTokens === undefined && usage.outputTokens === undefined)) return undefined;
  const cacheReadTokens = usage.inputTokenDetails?.cacheReadTokens ?? 0;
  const cacheWriteTokens = usage.inputTokenDetails?.cacheWriteTokens ?? 0;
  const inputTokens =
    usage.inputTokenDetails?.noCacheTokens ??
    Math.max(0, (usage.inputTokens ?? 0) - cacheReadTokens - cacheWriteTokens);
  const cacheWrite1hTokens = Math.min(cacheWriteTokens, oneHourCacheWrites(usage.raw));
  return {
    inputTokens,
    outputTokens: usage.outputTokens ?? 0,
    cacheReadTokens,
    cacheWriteTokens,
    ...(cacheWrite1hTokens > 0 && { cacheWrite1hTokens }),
    estimated: false,
  };
}

/** The adapters' usage shape, as the AI SDK's own `totalUsage` presents it. */
function fromAdapterUsage(usage: LanguageModelV4Usage): SdkUsage {
  return {
    inputTokens: usage.inputTokens.total,
    outputTokens: usage.outputTokens.total,
    inputTokenDetails: {
      noCacheTokens: usage.inputTokens.noCache,
      cacheReadTokens: usage.inputTokens.cacheRead,
      cacheWriteTokens: usage.inputTokens.cacheWrite,
    },
    raw: usage.raw,
  };
}

const zeroUsage: TokenUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  estimated: false,
};

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * The prompt in the provider adapters' own format. Anthropic takes the system prompt as blocks with
 * cache breakpoints; others get one system text.
 */
function toPrompt(link: ChainLink, system: SystemPart[], messages: ChatMessage[]): LanguageModelV4Prompt {
  const prompt: LanguageModelV4Prompt =
    link.provider.kind === 'anthropic'
      ? system
          .filter((part) => part.text)
          .map((part) => ({
            role: 'system' as const,
            content: part.text,
            ...(part.cache && { providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } }),
          }))
      : [
          {
            role: 'system' as const,
            content: system
              .map((part) => part.text)
              .filter(Boolean)
              .join('\n\n'),
          },
        ];
  for (const message of messages)
    prompt.push({ role: message.role, content: [{ type: 'text', text: message.content }] });
  return prompt;
}

/** The text of a non-streamed result (the JSON of a structured one). */
function resultText(result: LanguageModelV4GenerateResult): string {
  if (result.structuredOutputText != null) return result.structuredOutputText;
  let text = '';
  for (const part of result.content) if (part.type === 'text') text += part.text;
  return text;
}

/** JSON Schema of a zod schema, converted once: the conversion costs more than a whole call's parsing. */
const jsonSchemas = new WeakMap<z.ZodType, unknown>();
async function jsonSchemaOf(schema: z.ZodType) {
  let converted = jsonSchemas.get(schema);
  if (converted === undefined) {
    converted = await zodSchema(schema).jsonSchema;
    jsonSchemas.set(schema, converted);
  }
  return converted as NonNullable<
    Extract<LanguageModelV4CallOptions['responseFormat'], { type: 'json' }>['schema']
  >;
}

/** Per-attempt timers: until response headers (connect) and until the first token. */
function attemptTimers(parent: AbortSignal | undefined, config: Config) {
  const controller = new AbortController();
  const abort = (reason: unknown) => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  const onParentAbort = () => abort(parent?.reason ?? new ModelError('stopped', 'Stopped.'));
  if (parent?.aborted) onParentAbort();
  parent?.addEventListener('abort', onParentAbort, { once: true });
  let connectTimer: NodeJS.Timeout | undefined;
  const firstTokenTimer = setTimeout(
    () =>
      abort(new ModelError('timeout', 'The provider did not start answering in time.', { retryable: true })),
    config.LLM_FIRST_TOKEN_TIMEOUT_MS,
  );
  const timedFetch: typeof fetch = async (input, init) => {
    connectTimer = setTimeout(
      () =>
        abort(new ModelError('timeout', 'Could not connect to the provider in time.', { retryable: true })),
      config.LLM_CONNECT_TIMEOUT_MS,
    );
    try {
      return await fetch(input, { ...init, signal: controller.signal });
    } finally {
      clearTimeout(connectTimer);
    }
  };
  return {
    signal: controller.signal,
    timedFetch,
    abort,
    firstToken: () => clearTimeout(firstTokenTimer),
    dispose: () => {
      clearTimeout(firstTokenTimer);
      clearTimeout(connectTimer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

/**
 * The one door to every model: chain resolution, timeouts, retries with backoff and jitter that
 * honour retry-after, fallback to the next provider (only before the learner has seen a token),
 * usage normalisation and a ledger row for every call.
 */
export function createModelGateway(deps: GatewayDeps): ModelGateway {
  const { config, clock, budget } = deps;
  const random = deps.random ?? Math.random;
  const sleep = deps.sleep ?? defaultSleep;

  const chainFor = (role: ModelRole, language?: string) =>
    resolveChain(deps.providers.chains(), deps.providers.list(), role, language);

  function backoffMs(attempt: number): number {
    const ceiling = Math.min(config.LLM_RETRY_MAX_DELAY_MS, config.LLM_RETRY_BASE_DELAY_MS * 2 ** attempt);
    // "Equal jitter": at least half the exponential delay, so retries spread without collapsing to 0.
    return ceiling / 2 + random() * (ceiling / 2);
  }

  /** Settles the attempt's reservation into its priced ledger row; never fails the call itself. */
  async function record(
    context: CallContext,
    reservation: Reservation,
    link: ChainLink,
    usage: TokenUsage,
    startedAt: number,
    outcome: LedgerOutcome,
    errorCode?: string,
    messageId?: string,
  ) {
    try {
      await budget.settle(reservation, {
        context,
        provider: link.provider.id,
        model: link.model,
        usage,
        latencyMs: performance.now() - startedAt,
        outcome,
        errorCode,
        messageId,
      });
    } catch (error) {
      // The reservation row stays: when its lease expires it is settled at its maximum, so an
      // unwritten row can over-count a call but never lose it.
      deps.log?.warn({ err: error }, 'could not settle a model call');
    }
  }

  const pricedLink = (link: ChainLink): PricedLink => ({
    provider: link.provider.id,
    model: link.model,
    local: link.provider.local,
    priceAs: link.provider.priceAs,
  });

  /** What decides a call's maximum cost: bytes sent, the output cap, and whether it may write a cache. */
  type CallShape = {
    promptBytes: number;
    maxOutputTokens: number;
    cacheBreakpoints: boolean;
    /** The stored message the call produces: a crashed call is priced from its saved text. */
    messageId?: string | undefined;
  };
  const callDetails = (shape: CallShape) => ({ promptBytes: shape.promptBytes, messageId: shape.messageId });

  function maximumCost(link: ChainLink, shape: CallShape): number {
    return budget.maximumCost(pricedLink(link), {
      promptBytes: shape.promptBytes,
      maxOutputTokens: shape.maxOutputTokens,
      // Only Anthropic writes a prompt cache, priced above plain input.
      cacheWrite: shape.cacheBreakpoints && link.provider.kind === 'anthropic',
    });
  }

  /** The chain used at a cap under the downgrade policy; empty when none is configured. */
  function downgradeChainFor(role: ModelRole): ChainLink[] {
    const text = budget.downgradeChain();
    if (!text) return [];
    return parseChain(text, deps.providers.list(), role).links;
  }

  function makeHold(reservation: Reservation, downgraded: boolean): BudgetHold {
    let held: Reservation | undefined = reservation;
    return {
      downgraded,
      take() {
        const taken = held;
        held = undefined;
        return taken;
      },
      async release() {
        const released = held;
        held = undefined;
        if (released) await budget.release(released);
      },
    };
  }

  /** The reservation for one attempt: the turn's hold resized to this prompt, or a new one. */
  async function reserveFor(
    context: CallContext,
    link: ChainLink,
    shape: CallShape,
    pending: Reservation | undefined,
  ): Promise<Reservation> {
    const maximum = maximumCost(link, shape);
    if (pending && pending.provider === link.provider.id && pending.model === link.model) {
      // Only ever raised: a hold above the exact maximum is still safe, and shrinking it would cost
      // every reply one more write transaction for budget the settlement frees moments later.
      if (maximum > pending.amountMicros) {
        try {
          await budget.resize(pending, maximum, shape.promptBytes);
        } catch (error) {
          await budget.release(pending);
          throw error;
        }
      }
      return pending;
    }
    if (pending) await budget.release(pending);
    return budget.reserve(context, pricedLink(link), maximum, undefined, callDetails(shape));
  }

  /** A reservation whose attempt threw (a bug of ours): charged at its maximum, flagged estimated. */
  async function settleAtMaximum(context: CallContext, reservation: Reservation, link: ChainLink) {
    try {
      await budget.settle(
        reservation,
        {
          context,
          provider: link.provider.id,
          model: link.model,
          usage: { ...zeroUsage, estimated: true },
          latencyMs: 0,
          outcome: 'error',
          errorCode: 'internal_error',
        },
        { costMicros: reservation.amountMicros },
      );
    } catch (error) {
      deps.log?.warn({ err: error }, 'could not settle a failed model call');
    }
  }

  /** An attempt that produced nothing usable; the chain goes on. Distinct from outcomes that carry an error. */
  type AttemptFailure = { failure: ModelError };
  const isFailure = (value: unknown): value is AttemptFailure =>
    typeof value === 'object' && value !== null && 'failure' in value && value.failure instanceof ModelError;

  /**
   * Runs `attempt` along the chain. Before every attempt the attempt's maximum cost is reserved
   * (the turn's hold for the first); a refusal at a cap switches to the downgrade chain under that
   * policy, otherwise moves on to the next link (it may be cheaper) and ends as `budget_exceeded`.
   * A retryable failure is retried on the same link up to LLM_MAX_RETRIES times, then the next
   * link is tried; a non-retryable one moves on at once. `attempt` settles its reservation and
   * returns a value to stop, or a failure to continue.
   */
  async function runChain<T>(
    context: CallContext,
    abortSignal: AbortSignal | undefined,
    shape: CallShape,
    hold: BudgetHold | undefined,
    attempt: (link: ChainLink, attemptCount: number, reservation: Reservation) => Promise<T | AttemptFailure>,
    only?: ChainLink,
  ): Promise<T | AttemptFailure> {
    let downgraded = hold?.downgraded ?? false;
    let chain = only
      ? [only]
      : downgraded
        ? downgradeChainFor(context.role)
        : chainFor(context.role, context.language);
    let pending = hold?.take();
    try {
      if (chain.length === 0) return { failure: noProviderError() };
      let attempts = 0;
      // Set by every attempt; an Error (and its stack) is only built for a call that fails.
      let last: AttemptFailure | undefined;
      let index = 0;
      links: while (index < chain.length) {
        const link = chain[index] as ChainLink;
        index += 1;
        for (let retry = 0; retry <= config.LLM_MAX_RETRIES; retry++) {
          attempts += 1;
          let reservation: Reservation;
          try {
            const taken = pending;
            pending = undefined;
            reservation = await reserveFor(context, link, shape, taken);
          } catch (error) {
            const refusal = budget.refusal(error);
            if (!refusal) throw error;
            if (refusal.downgrade && !downgraded) {
              const cheaper = downgradeChainFor(context.role);
              if (cheaper.length > 0) {
                downgraded = true;
                chain = cheaper;
                index = 0;
                continue links;
              }
            }
            last = { failure: new ModelError('budget_exceeded', (error as Error).message) };
            break;
          }
          let result: T | AttemptFailure;
          try {
            result = await attempt(link, attempts, reservation);
          } finally {
            if (!reservation.closed) await settleAtMaximum(context, reservation, link);
          }
          if (!isFailure(result)) return result;
          last = result;
          const error = result.failure;
          if (error.code === 'stopped' || abortSignal?.aborted) return last;
          if (!error.retryable || retry === config.LLM_MAX_RETRIES) break;
          if (error.retryAfterMs !== undefined && error.retryAfterMs > config.LLM_RETRY_MAX_DELAY_MS) break;
          await sleep(Math.max(error.retryAfterMs ?? 0, backoffMs(retry)), abortSignal);
          if (abortSignal?.aborted)
            return { failure: new ModelError('stopped', 'Stopped before the reply began.') };
        }
      }
      return last ?? { failure: noProviderError() };
    } finally {
      if (pending) await budget.release(pending);
    }
  }

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
      () => totalController.abort(new ModelError('timeout', 'The reply took too long and was cut off.')),
      config.LLM_TOTAL_TIMEOUT_MS,
    );
    const onOuterAbort = () => totalController.abort(new ModelError('stopped', 'Stopped by the learner.'));
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
            await record(
              context,
              reservation,
              link,
              finalUsage,
              startedAt,
              'ok',
              undefined,
              request.messageId,
            );
            return { status: 'complete', text, call, error: undefined };
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
        throw new ModelError('no_provider', `The provider "${target.provider}" cannot be called.`);
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
          () =>
            timers.abort(
              new ModelError('timeout', 'The model took too long to answer.', { retryable: true }),
            ),
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
        const text = resultText(result);
        const usage = fromAdapterUsage(result.usage);
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch (error) {
          throw new ModelOutputError(
            'The model returned output that is not JSON.',
            text,
            error,
            normalizeUsage(usage),
          );
        }
        const validated = request.schema.safeParse(parsed);
        if (!validated.success)
          throw new ModelOutputError(
            'The model returned output that does not match the expected shape.',
            text,
            validated.error,
            normalizeUsage(usage),
          );
        return { value: validated.data, usage };
      });
      return { object: value, ...call };
    },
  };
}
