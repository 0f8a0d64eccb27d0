import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { priceRatesInputSchema } from '../contracts/budget.ts';
import { createCallBudget } from './budget/call-budget.ts';
import { type BudgetMeter, createBudgetMeter } from './budget/meter.ts';
import {
  type AppPriceOverride,
  createLivePriceTable,
  createPriceTable,
  type PriceTable,
} from './budget/prices.ts';
import type { Config } from './config.ts';
import { type ChangeNotifier, createChangeNotifier } from './db/change-notifier.ts';
import type { DatabaseHandle } from './db/connect.ts';
import type { Database } from './db/schema.ts';
import type { Clock } from './lib/clock.ts';
import { processIdentity } from './lib/process-identity.ts';
import { createSecretBox, type SecretBox } from './lib/secret-box.ts';
import type { CallBudget } from './llm/call-budget.ts';
import { createModelGateway, type GatewayDeps, type ModelGateway } from './llm/gateway.ts';
import { createLocalProvider } from './llm/local/local-provider.ts';
import { modelsDirOf, resolveModelFile } from './llm/local/model-files.ts';
import {
  createProviderRegistry,
  type LocalProviderFactory,
  type ProviderRegistry,
} from './llm/provider-registry.ts';
import { providersFromConfig } from './llm/providers.ts';

/**
 * The model-call services, composed here (the one place that knows both server/llm and
 * server/budget): the gateway, the provider registry, and the budget port the gateway calls.
 */
export type Llm = {
  gateway: ModelGateway;
  /** The gateway's budget port (prices and reservations), for callers that price a call themselves. */
  budget: CallBudget;
  /** This process's owner id (instance/boot) on its reservations and streaming replies. */
  ownerId: string;
  registry: ProviderRegistry;
  meter: BudgetMeter;
  /** The price table in force (the dated table, PRICE_OVERRIDES, then the app's overrides). */
  prices: PriceTable;
  secrets: SecretBox;
  changes: ChangeNotifier;
  /** Re-reads the app's price overrides (after a change here or in another process). */
  reloadPrices(): Promise<void>;
  close(): Promise<void>;
};

/** The folder local GGUF models are read from (and downloaded into): DATA_DIR/models. */
function modelsDir(config: Config): string {
  return modelsDirOf(resolve(config.DATA_DIR));
}

/**
 * Local models run inside this process from a file in the models folder; the file is checked
 * (inside the folder, GGUF) when the provider is built, and the model loads on its first call.
 * Two sequences even when single-slot: the reply and the analysis after it each keep their own
 * evaluated context, so the next turn's reply evaluates only what is new (decision 013).
 */
function localProviderFactory(config: Config): LocalProviderFactory {
  return async (spec) =>
    createLocalProvider({
      id: spec.id,
      name: spec.name,
      modelPath: await resolveModelFile(modelsDir(config), spec.modelFile),
      parallel: spec.parallel,
      sequences: 2,
    });
}

/** The key file that seals provider keys on SQLite when CHARLA_SECRET is not set. */
export function keyFilePath(config: Config): string | undefined {
  return config.databaseKind === 'sqlite' ? join(resolve(config.DATA_DIR), 'provider-keys.key') : undefined;
}

/** The admin's price overrides as stored; a row that no longer parses is skipped (and logged). */
export async function readAppPriceOverrides(
  db: Kysely<Database>,
  log?: { warn(object: unknown, message: string): void },
): Promise<AppPriceOverride[]> {
  const rows = await db
    .selectFrom('price_overrides')
    .selectAll()
    .orderBy('provider')
    .orderBy('model')
    .execute();
  return rows.flatMap((row) => {
    try {
      const rates = priceRatesInputSchema.parse(JSON.parse(row.rates_json));
      return [
        {
          provider: row.provider,
          model: row.model,
          rates,
          updatedBy: row.updated_by,
          updatedAt: row.updated_at,
        },
      ];
    } catch (error) {
      log?.warn(
        { err: error, provider: row.provider, model: row.model },
        'skipped an unreadable price override',
      );
      return [];
    }
  });
}

/**
 * The providers (environment, app, detected), the budget meter that prices and reserves every
 * call, and the one gateway every model call goes through — loaded from the database, and kept
 * current by the change notifier.
 */
export async function createLlm(
  config: Config,
  database: DatabaseHandle,
  clock: Clock,
  options: Pick<GatewayDeps, 'random' | 'sleep' | 'log'> & {
    createLocal?: LocalProviderFactory;
    /** SQLite's version-check interval (ms); 0 in tests where one process owns the file. */
    changePollMs?: number;
    /** This process's owner id (instance/boot) on its reservations and streaming replies. */
    ownerId?: string;
  } = {},
): Promise<Llm> {
  const changes = createChangeNotifier({
    db: database.db,
    kind: database.kind,
    databaseUrl: config.DATABASE_URL,
    ...(options.changePollMs !== undefined && { pollMs: options.changePollMs }),
    ...(options.log && { log: options.log }),
  });
  // Versions first: a change made while the caches load below is then still news.
  await changes.start();

  const secrets = createSecretBox({ secret: config.CHARLA_SECRET, keyFile: keyFilePath(config) });
  const registry = createProviderRegistry({
    config,
    environment: providersFromConfig(config),
    db: database.db,
    secrets,
    notifier: changes,
    createLocal: options.createLocal ?? localProviderFactory(config),
    log: options.log,
  });
  await registry.reload();

  const buildPrices = async () =>
    createPriceTable({
      overrides: config.PRICE_OVERRIDES,
      appOverrides: await readAppPriceOverrides(database.db, options.log),
      fallback: config.PRICE_FALLBACK,
    });
  const prices = createLivePriceTable(await buildPrices());
  const reloadPrices = async () => prices.replace(await buildPrices());
  changes.subscribe('prices', () => {
    reloadPrices().catch((error) =>
      options.log?.warn({ err: error }, 'could not reload the price overrides'),
    );
  });

  const meter = createBudgetMeter({
    db: database.db,
    kind: database.kind,
    config,
    clock,
    prices,
    ownerId:
      options.ownerId ??
      processIdentity({ instanceId: config.CHARLA_INSTANCE_ID, port: config.PORT }).ownerId,
    ...(options.log && { log: options.log }),
  });
  // The app's cheaper chain (reloaded on `llm-settings`), else BUDGET_DOWNGRADE_CHAIN.
  const budget = createCallBudget(meter, {
    downgradeChain: () => registry.chains().downgrade?.links ?? [],
  });
  const gateway = createModelGateway({
    config,
    providers: registry,
    clock,
    budget,
    ...(options.random && { random: options.random }),
    ...(options.sleep && { sleep: options.sleep }),
    ...(options.log && { log: options.log }),
  });
  return {
    gateway,
    budget,
    ownerId: meter.ownerId,
    registry,
    meter,
    prices,
    secrets,
    changes,
    reloadPrices,
    async close() {
      await changes.close();
      await registry.close();
    },
  };
}
