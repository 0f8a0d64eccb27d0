import { type BudgetMeter, createBudgetMeter } from '../budget/meter.ts';
import { createPriceTable } from '../budget/prices.ts';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import type { Clock } from '../lib/clock.ts';
import {
  createModelGateway,
  createProviderRegistry,
  type GatewayDeps,
  type ModelGateway,
  type ProviderRegistry,
} from './gateway.ts';
import { providersFromConfig } from './providers.ts';

/**
 * The providers from configuration, the budget meter that prices and reserves every call, and the
 * one gateway every model call goes through.
 */
export function createLlm(
  config: Config,
  database: DatabaseHandle,
  clock: Clock,
  options: Pick<GatewayDeps, 'random' | 'sleep' | 'log'> = {},
): { gateway: ModelGateway; registry: ProviderRegistry; meter: BudgetMeter } {
  const registry = createProviderRegistry(providersFromConfig(config));
  const meter = createBudgetMeter({
    db: database.db,
    kind: database.kind,
    config,
    clock,
    prices: createPriceTable({ overrides: config.PRICE_OVERRIDES, fallback: config.PRICE_FALLBACK }),
    ...(options.log && { log: options.log }),
  });
  const gateway = createModelGateway({ config, providers: registry, clock, meter, ...options });
  return { gateway, registry, meter };
}
