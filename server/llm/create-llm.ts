import { createLedgerWriter } from '../budget/ledger.ts';
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

/** The providers from configuration and the one gateway every model call goes through. */
export function createLlm(
  config: Config,
  database: DatabaseHandle,
  clock: Clock,
  options: Pick<GatewayDeps, 'random' | 'sleep' | 'log'> = {},
): { gateway: ModelGateway; registry: ProviderRegistry } {
  const registry = createProviderRegistry(providersFromConfig(config));
  const gateway = createModelGateway({
    config,
    providers: registry,
    clock,
    ledger: createLedgerWriter(database.db, clock),
    ...options,
  });
  return { gateway, registry };
}
