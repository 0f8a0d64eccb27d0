import type { Config } from '../config.ts';
import type { Clock } from '../lib/clock.ts';
import type { CallBudget, Reservation, WithinReservation } from './call-budget.ts';
import { type CallShape, createChainRunner } from './chain-runner.ts';
import type { ModelError } from './errors.ts';
import { createGenerateCalls } from './generate-call.ts';
import type { SystemPart } from './prompt-format.ts';
import type { ProviderRegistry } from './provider-registry.ts';
import { createStreamCall } from './stream-call.ts';
import type { CallContext, ChatMessage, GenerateStructured, ModelCallResult, ModelRole } from './types.ts';

/*
 * The one door to every model: the front of the gateway. Its parts: the provider registry
 * (provider-registry.ts), the retry and fallback runner with the budget port (chain-runner.ts),
 * the streamed call (stream-call.ts), the generated ones (generate-call.ts), attempt timers,
 * prompt shaping per vendor (prompt-format.ts), usage conversion (usage.ts) and structured output
 * (structured-output.ts).
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
  const { budget } = deps;

  const runner = createChainRunner(deps);
  const { chainFor, pricedLink, callDetails, maximumCost, downgradeChainFor, makeHold } = runner;
  const callDeps = { config: deps.config, clock: deps.clock, runner };
  const calls = createGenerateCalls({ ...callDeps, providers: deps.providers });

  return {
    isAvailable: (role, language) => chainFor(role, language).length > 0,
    isParallel: (role, language) => chainFor(role, language)[0]?.provider.parallel ?? true,
    streamText: createStreamCall(callDeps),

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

    ...calls,
  };
}
