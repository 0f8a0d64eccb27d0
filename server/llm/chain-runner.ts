import type { MessageRef } from '../../contracts/messages/catalogues.ts';
import type { Config } from '../config.ts';
import { msg } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { defaultSleep } from './attempt-timers.ts';
import type { CallBudget, LedgerOutcome, PricedLink, Reservation, WithinReservation } from './call-budget.ts';
import { type ChainLink, resolveChain, toLinks } from './chains.ts';
import { ModelError, noProviderError } from './errors.ts';
import type { BudgetHold } from './gateway.ts';
import type { ProviderRegistry } from './provider-registry.ts';
import type { CallContext, ModelRole, TokenUsage } from './types.ts';
import { zeroUsage } from './usage.ts';

/*
 * The retry and fallback runner: which links a call may use, the budget held before each attempt
 * (the turn's hold for the first), retries with backoff and jitter that honour retry-after,
 * fallback to the next link, the downgrade chain at a cap, and the ledger row of every attempt.
 * Providers and the budget arrive as ports, so the policy is tested with fakes of both.
 */

export type RunnerDeps = {
  config: Config;
  providers: ProviderRegistry;
  clock: Clock;
  budget: CallBudget;
  /** Injected so tests are deterministic; defaults to Math.random. */
  random?: (() => number) | undefined;
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  log?: { warn(object: unknown, message: string): void } | undefined;
};

/** What decides a call's maximum cost, and the stored message it produces. */
export type CallShape = {
  promptBytes: number;
  maxOutputTokens: number;
  cacheBreakpoints: boolean;
  /** The stored message the call produces: a crashed call is priced from its saved text. */
  messageId?: string | undefined;
};

/** An attempt that produced nothing usable; the chain goes on. Distinct from outcomes that carry an error. */
export type AttemptFailure = { failure: ModelError };

export const isFailure = (value: unknown): value is AttemptFailure =>
  typeof value === 'object' && value !== null && 'failure' in value && value.failure instanceof ModelError;

export type ChainRunner = ReturnType<typeof createChainRunner>;

/**
 * The delay before retry number `attempt` (0-based): exponential from LLM_RETRY_BASE_DELAY_MS,
 * capped at LLM_RETRY_MAX_DELAY_MS, with "equal jitter" — at least half the exponential delay, so
 * retries spread without collapsing to 0. Shared with the speech chains (server/speech).
 */
export function retryBackoffMs(
  config: Pick<Config, 'LLM_RETRY_BASE_DELAY_MS' | 'LLM_RETRY_MAX_DELAY_MS'>,
  attempt: number,
  random: () => number,
): number {
  const ceiling = Math.min(config.LLM_RETRY_MAX_DELAY_MS, config.LLM_RETRY_BASE_DELAY_MS * 2 ** attempt);
  return ceiling / 2 + random() * (ceiling / 2);
}

export function createChainRunner(deps: RunnerDeps) {
  const { config, budget } = deps;
  const random = deps.random ?? Math.random;
  const sleep = deps.sleep ?? defaultSleep;

  const chainFor = (role: ModelRole, language?: string) =>
    resolveChain(deps.providers.chains(), deps.providers.list(), role, language);

  const backoffMs = (attempt: number) => retryBackoffMs(config, attempt, random);

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
    within?: WithinReservation,
  ): Promise<boolean> {
    try {
      await budget.settle(
        reservation,
        {
          context,
          provider: link.provider.id,
          model: link.model,
          usage,
          latencyMs: performance.now() - startedAt,
          outcome,
          errorCode,
          messageId,
        },
        { within },
      );
      return true;
    } catch (error) {
      // The reservation row stays: when its lease expires it is settled at its maximum, so an
      // unwritten row can over-count a call but never lose it.
      deps.log?.warn({ err: error }, 'could not settle a model call');
      return false;
    }
  }

  const pricedLink = (link: ChainLink): PricedLink => ({
    provider: link.provider.id,
    model: link.model,
    local: link.provider.local,
    priceAs: link.provider.priceAs,
  });

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
    return toLinks(budget.downgradeChain(), deps.providers.list(), role).links;
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
            last = {
              failure: new ModelError(
                'budget_exceeded',
                (error as { messageRef?: MessageRef }).messageRef ?? (error as Error).message,
              ),
            };
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
            return { failure: new ModelError('stopped', msg('errors.model.stoppedBeforeStart')) };
        }
      }
      return last ?? { failure: noProviderError() };
    } finally {
      if (pending) await budget.release(pending);
    }
  }

  return { chainFor, record, pricedLink, callDetails, maximumCost, downgradeChainFor, makeHold, runChain };
}
