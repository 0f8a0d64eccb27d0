import type { Kysely } from 'kysely';
import type { PriceRatesInput } from '../../contracts/budget.ts';
import type { Database } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';

/*
 * Price overrides an admin sets in the app. The dated table stays the default; an override wins
 * for new calls (calls already in the ledger keep the price they were settled at) and records who
 * set it and when. The caller publishes the `prices` change so every process reprices.
 */

export type PriceOverrideDeps = {
  db: Kysely<Database>;
  clock: Clock;
  /** Tells every process to read the overrides again, and waits until this one has. */
  publish(): Promise<void>;
};

/** Sets the override of one provider's model (USD per million tokens, as entered). */
export async function setPriceOverride(
  deps: PriceOverrideDeps,
  input: { provider: string; model: string; rates: PriceRatesInput },
  updatedBy: string,
): Promise<void> {
  if (input.rates.input === undefined && input.rates.output === undefined)
    throw new AppError('validation_failed', msg('errors.prices.giveOne'), {
      details: { issues: [{ path: 'rates', message: msg('errors.prices.giveOne') }] },
    });
  const now = deps.clock.now().toISOString();
  const rates_json = JSON.stringify(input.rates);
  await deps.db
    .insertInto('price_overrides')
    .values({
      provider: input.provider,
      model: input.model,
      rates_json,
      updated_by: updatedBy,
      updated_at: now,
    })
    .onConflict((conflict) =>
      conflict
        .columns(['provider', 'model'])
        .doUpdateSet({ rates_json, updated_by: updatedBy, updated_at: now }),
    )
    .execute();
  await deps.publish();
}

/** Removes an override set in the app: the table's price (or PRICE_OVERRIDES') applies again. */
export async function removePriceOverride(
  deps: PriceOverrideDeps,
  key: { provider: string; model: string },
): Promise<void> {
  const result = await deps.db
    .deleteFrom('price_overrides')
    .where('provider', '=', key.provider)
    .where('model', '=', key.model)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('priceOverride');
  await deps.publish();
}
