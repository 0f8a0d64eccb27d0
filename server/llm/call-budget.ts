import type { RawBuilder, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ChainLinkSpec } from './chains.ts';
import type { CallContext, TokenUsage } from './types.ts';

/*
 * The budget port: what the gateway needs from budgets, defined here and implemented in
 * server/budget (wired in the composition root). server/llm imports nothing from server/budget, so
 * budget policy (caps, prices, the downgrade chain) lives in one place and the gateway only asks.
 */

/** The provider and model a call goes to; `local` providers are free. */
export type PricedLink = {
  provider: string;
  model: string;
  local: boolean;
  /** The name prices are listed under when it differs from the provider's id (vendor kinds). */
  priceAs?: string | undefined;
};

/**
 * What a speech call is priced by: milliseconds of audio transcribed, characters spoken — or, for
 * a token-priced speech model, text input tokens and the milliseconds of speech it returned.
 */
export type SpeechUsage = { audioMs?: number; characters?: number; textTokens?: number; spokenMs?: number };

/** What decides a call's maximum cost. */
export type CallShape = {
  promptBytes: number;
  maxOutputTokens: number;
  /** The request carries cache breakpoints on a provider that writes caches (priced above input). */
  cacheWrite: boolean;
};

/**
 * `interrupted`: a reservation whose lease expired with no settlement (its process died); the row
 * is priced at the reserved maximum and flagged estimated.
 */
export type LedgerOutcome = 'ok' | 'partial' | 'error' | 'aborted' | 'interrupted';

/** What the gateway knows about one finished model call. */
export type LedgerEntry = {
  context: CallContext;
  provider: string;
  model: string;
  usage: TokenUsage;
  latencyMs: number;
  outcome: LedgerOutcome;
  errorCode?: string | undefined;
  messageId?: string | undefined;
};

/** Budget held for one call, from before it until it is settled. */
export type Reservation = {
  readonly id: string;
  readonly provider: string;
  readonly model: string;
  readonly amountMicros: number;
  /** Settled or released: nothing more may happen to it. */
  readonly closed: boolean;
};

/**
 * Writes that commit with the reservation, all or nothing (a turn's messages): `run` inside the
 * reservation's transaction (SQLite); `statements` the same writes as data-modifying statements
 * folded into the reservation's one statement (PostgreSQL: no round trip of their own, and no hold
 * can be written without them), each guarded by the `held` condition so that a refused hold writes
 * nothing.
 */
export type WithinReservation = {
  run(trx: Transaction<Database>): Promise<void>;
  statements(held: RawBuilder<boolean>): RawBuilder<unknown>[];
};

/**
 * What a reservation records about its call: the prompt's size and the message it produces. If the
 * process dies mid-call, the call is settled from these and the message's saved text.
 */
export type CallDetails = { promptBytes?: number | undefined; messageId?: string | undefined };

export type SettleOptions = { costMicros?: number | undefined; within?: WithinReservation | undefined };

export type CallBudget = {
  /** The most a call of this shape on this link can cost, in micro-dollars. */
  maximumCost(link: PricedLink, shape: CallShape): number;
  /** What a call's reported usage costs on this link. */
  costOf(link: PricedLink, usage: TokenUsage): number;
  /**
   * What a speech call costs on this link, in its own units: transcription per minute of audio,
   * synthesis per character (local endpoints: 0). Known before the call, so it is also the reserve.
   */
  speechCost(link: PricedLink, usage: SpeechUsage): number;
  /**
   * For a synthesis model priced in tokens: the input and audio output tokens of this usage (the
   * ledger's token columns). Undefined when the model is priced per character, per minute or free.
   */
  speechTokens?(
    link: PricedLink,
    usage: SpeechUsage,
  ): { inputTokens: number; outputTokens: number } | undefined;
  /** Holds `amountMicros` against the member's and the server's caps; throws a refusal at a cap. */
  reserve(
    context: CallContext,
    link: PricedLink,
    amountMicros: number,
    within?: WithinReservation,
    call?: CallDetails,
  ): Promise<Reservation>;
  /** Raises (or lowers) a held amount, checked like a new reservation; `promptBytes` when it changed. */
  resize(reservation: Reservation, amountMicros: number, promptBytes?: number): Promise<void>;
  /**
   * Writes the priced ledger row and frees the hold; `costMicros` overrides the priced cost.
   * `within` (a reply's final text) commits with the settlement — also when another process has
   * settled the reservation already.
   */
  settle(reservation: Reservation, entry: LedgerEntry, options?: SettleOptions): Promise<number>;
  /** Drops a reservation whose call never happened. Idempotent. */
  release(reservation: Reservation): Promise<void>;
  /**
   * Recognises a refusal at a cap thrown by `reserve`/`resize`: `downgrade` when the admin's policy
   * lets the call go to the cheaper chain instead. Undefined for any other error.
   */
  refusal(error: unknown): { downgrade: boolean } | undefined;
  /** The cheaper (or local) chain used at a cap under the downgrade policy; empty when none is set. */
  downgradeChain(): ChainLinkSpec[];
};
