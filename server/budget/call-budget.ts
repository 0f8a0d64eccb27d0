import type { CallBudget, Reservation } from '../llm/call-budget.ts';
import type { ChainLinkSpec } from '../llm/chains.ts';
import { BudgetExceededError } from './caps.ts';
import type { BudgetMeter, Reservation as MeterReservation } from './meter.ts';
import { costOfSpeech, costOfUsage, maximumCallCost } from './prices.ts';

/** The port shows a reservation's id and amount only; the gateway hands back what the meter made. */
const own = (reservation: Reservation) => reservation as MeterReservation;

/**
 * The gateway's budget port, implemented by the meter: maximum and actual prices from the live
 * price table, reservations and settlement with their caps, and the admin's policy at a cap.
 */
export function createCallBudget(
  meter: BudgetMeter,
  options: { downgradeChain(): ChainLinkSpec[] },
): CallBudget {
  return {
    maximumCost: (link, shape) =>
      maximumCallCost(meter.priceOf(link).rates, {
        promptBytes: shape.promptBytes,
        maxOutputTokens: shape.maxOutputTokens,
        cacheWrite: shape.cacheWrite ? '5m' : undefined,
      }),
    costOf: (link, usage) => costOfUsage(meter.priceOf(link).rates, usage),
    speechCost: (link, usage) => costOfSpeech(meter.priceOf(link).speech, usage),
    reserve: (context, link, amountMicros, within, call) =>
      meter.reserve(context, link, amountMicros, within, call),
    resize: (reservation, amountMicros, promptBytes) =>
      meter.resize(own(reservation), amountMicros, promptBytes),
    settle: (reservation, entry, settleOptions) => meter.settle(own(reservation), entry, settleOptions),
    release: (reservation) => meter.release(own(reservation)),
    refusal: (error) =>
      error instanceof BudgetExceededError ? { downgrade: error.policy === 'downgrade' } : undefined,
    downgradeChain: options.downgradeChain,
  };
}
