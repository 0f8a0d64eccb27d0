import type { Kysely } from 'kysely';
import type { MessageRef } from '../../contracts/messages/catalogues.ts';
import { defaultBaseUrls, type ProviderKind, type ProviderSource } from '../../contracts/providers.ts';
import type { Config } from '../config.ts';
import type { ChangeNotifier } from '../db/change-notifier.ts';
import type { Database, LlmProvidersTable } from '../db/schema.ts';
import { msg, parseMessageRef } from '../i18n/messages.ts';
import type { SecretBox } from '../lib/secret-box.ts';
import {
  type ChainLinkSpec,
  type ChainSettings,
  chainKey,
  downgradeChainRole,
  downgradeChainSetting,
  environmentChains,
} from './chains.ts';
import { createHttpProvider, type Provider } from './providers.ts';
import { environmentSpeechChains, parseSpeechLinks, type SpeechChainSettings } from './speech-chains.ts';
import type { ModelRole } from './types.ts';

/*
 * Every provider this process can call, kept in memory and rebuilt when the settings change: the
 * environment's (read-only), those set up in the app (stored, keys sealed) and a detected Ollama.
 * The gateway reads `list()` and `chains()` on every call, so a change reaches the next call; the
 * change notifier brings other processes' changes here.
 */

export type ProviderCheck = {
  status: 'ok' | 'unreachable' | 'error' | 'key_unreadable' | 'unchecked';
  checkedAt: string | null;
  /**
   * Why the last check failed, as a catalogue key worded for the reader (stored in `last_error` as
   * JSON); a plain string is a text stored before issue 18, shown as it is until the next check.
   */
  lastError: MessageRef | string | null;
};

/** One provider as the admin sees it, usable or not. */
export type ProviderEntry = {
  id: string;
  kind: ProviderKind;
  name: string;
  source: ProviderSource;
  baseUrl: string | null;
  hasKey: boolean;
  keyLast4: string | null;
  parallel: boolean;
  modelFile: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  /** Undefined when it cannot be called (a key that no longer decrypts, a missing model file). */
  provider: Provider | undefined;
  check: ProviderCheck;
};

/** Builds a local model's provider from its file name; rejects with a plain message when it cannot. */
export type LocalProviderFactory = (spec: {
  id: string;
  name: string;
  modelFile: string;
  parallel: boolean;
}) => Promise<Provider>;

export type ProviderRegistry = {
  /** The providers that can be called, in the default chain's order. */
  list(): Provider[];
  /** Every provider, usable or not, for the admin. */
  entries(): ProviderEntry[];
  chains(): ChainSettings;
  /** The speech chains (transcribe, speak) set in the app and the environment. */
  speechChains(): SpeechChainSettings;
  /** A detected Ollama (found after start). */
  addDetected(provider: Provider): void;
  /** Records the outcome of checking an environment or detected provider (app ones are stored). */
  recordCheck(id: string, check: ProviderCheck, models?: string[]): void;
  /** Reads the app's providers and chains again; concurrent calls share one read. */
  reload(): Promise<void>;
  close(): Promise<void>;
};

export type ProviderRegistryDeps = {
  config: Config;
  /** Providers from the environment, first in the default order. */
  environment: Provider[];
  /** Without a database (unit tests) only the environment's providers exist. */
  db?: Kysely<Database> | undefined;
  secrets?: SecretBox | undefined;
  notifier?: ChangeNotifier | undefined;
  createLocal?: LocalProviderFactory | undefined;
  log?: { warn(object: unknown, message: string): void } | undefined;
};

const unchecked: ProviderCheck = { status: 'unchecked', checkedAt: null, lastError: null };

function parseModels(json: string | null): string[] | undefined {
  if (!json) return undefined;
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}

export function parseChainLinks(json: string): ChainLinkSpec[] {
  try {
    const value = JSON.parse(json) as unknown;
    if (!Array.isArray(value)) return [];
    return value.flatMap((item) =>
      item && typeof item.provider === 'string'
        ? [{ provider: item.provider, model: typeof item.model === 'string' ? item.model : undefined }]
        : [],
    );
  } catch {
    return [];
  }
}

function storedCheck(row: LlmProvidersTable): ProviderCheck {
  const status = row.check_status as ProviderCheck['status'] | null;
  return status
    ? { status, checkedAt: row.checked_at, lastError: parseMessageRef(row.last_error) ?? row.last_error }
    : unchecked;
}

export function createProviderRegistry(deps: ProviderRegistryDeps): ProviderRegistry {
  const environmentIds = new Set(deps.environment.map((provider) => provider.id));
  const environmentChecks = new Map<string, { check: ProviderCheck; models?: string[] | undefined }>();
  const detected: Provider[] = [];
  let appEntries: ProviderEntry[] = [];
  let appChains = new Map<string, ChainLinkSpec[]>();
  let appDowngrade: ChainLinkSpec[] | undefined;
  const environment = environmentChains(deps.config);
  const speechEnvironment = environmentSpeechChains(deps.config);
  let appSpeechChains: SpeechChainSettings['app'] = new Map();
  let usable: Provider[] = [...deps.environment];
  let reloading: Promise<void> | undefined;
  let again = false;

  const withModels = (provider: Provider, models: string[] | undefined): Provider =>
    models?.length ? { ...provider, models } : provider;

  function rebuildList() {
    const live = (provider: Provider) => withModels(provider, environmentChecks.get(provider.id)?.models);
    usable = [
      ...deps.environment.map(live),
      ...appEntries.flatMap((entry) => (entry.provider ? [entry.provider] : [])),
      ...detected.map(live),
    ];
  }

  /** A local model already loaded keeps running when nothing about it changed. */
  function reuseLocal(row: LlmProvidersTable): ProviderEntry | undefined {
    const previous = appEntries.find((entry) => entry.id === row.id);
    if (
      previous?.provider &&
      previous.kind === 'local' &&
      previous.modelFile === row.model_file &&
      previous.parallel === (row.parallel === 1) &&
      previous.name === row.name
    )
      return { ...previous, check: storedCheck(row), updatedAt: row.updated_at };
    return undefined;
  }

  async function entryOf(row: LlmProvidersTable): Promise<ProviderEntry> {
    const kind = row.kind as ProviderKind;
    const base: Omit<ProviderEntry, 'provider' | 'check'> = {
      id: row.id,
      kind,
      name: row.name,
      source: 'app',
      baseUrl: row.base_url,
      hasKey: row.api_key_ciphertext !== null,
      keyLast4: row.api_key_last4,
      parallel: row.parallel === 1,
      modelFile: row.model_file,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
    const check = storedCheck(row);
    if (kind === 'local') {
      const kept = reuseLocal(row);
      if (kept) return kept;
      if (!deps.createLocal || !row.model_file)
        return {
          ...base,
          provider: undefined,
          check: problem(msg('errors.providers.noLocalModels')),
        };
      try {
        const provider = await deps.createLocal({
          id: row.id,
          name: row.name,
          modelFile: row.model_file,
          parallel: row.parallel === 1,
        });
        return { ...base, provider, check };
      } catch (error) {
        const known = (error as { messageRef?: MessageRef }).messageRef;
        return {
          ...base,
          provider: undefined,
          check: problem(
            known ?? msg('errors.providers.localCannotStart', { detail: (error as Error).message }),
          ),
        };
      }
    }
    let apiKey: string | undefined;
    if (row.api_key_ciphertext && row.api_key_fingerprint) {
      try {
        if (!deps.secrets) throw new Error('no secret box');
        apiKey = deps.secrets.open(
          { ciphertext: row.api_key_ciphertext, fingerprint: row.api_key_fingerprint },
          row.id,
        );
      } catch (error) {
        return {
          ...base,
          provider: undefined,
          check: {
            status: 'key_unreadable',
            checkedAt: null,
            lastError: msg('errors.providers.keyUnreadable', {
              detail: (error as Error).message.replace(/\.$/, ''),
            }),
          },
        };
      }
    }
    const provider = createHttpProvider({
      id: row.id,
      kind,
      label: row.name,
      baseURL: row.base_url ?? defaultBaseUrls[kind as keyof typeof defaultBaseUrls],
      apiKey,
      models: parseModels(row.models_json),
      parallel: row.parallel === 1,
    });
    return { ...base, provider, check };
  }

  function problem(message: MessageRef): ProviderCheck {
    return { status: 'error', checkedAt: null, lastError: message };
  }

  async function read() {
    if (!deps.db) return;
    const [rows, chainRows, speechRows] = await Promise.all([
      deps.db.selectFrom('llm_providers').selectAll().orderBy('position').orderBy('created_at').execute(),
      deps.db.selectFrom('llm_chains').selectAll().execute(),
      deps.db.selectFrom('speech_chains').selectAll().execute(),
    ]);
    const previous = appEntries;
    appEntries = await Promise.all(rows.map(entryOf));
    const downgradeRow = chainRows.find((row) => row.role === downgradeChainRole);
    appDowngrade = downgradeRow ? parseChainLinks(downgradeRow.links_json) : undefined;
    appChains = new Map(
      chainRows
        .filter((row) => row.role !== downgradeChainRole)
        .map((row) => [
          chainKey(row.role as ModelRole, row.language || null),
          parseChainLinks(row.links_json),
        ]),
    );
    appSpeechChains = new Map(
      speechRows
        .filter((row) => row.function === 'transcribe' || row.function === 'speak')
        .map((row) => [row.function as 'transcribe' | 'speak', parseSpeechLinks(row.links_json)]),
    );
    rebuildList();
    // Local models that were removed or replaced give their memory back.
    const kept = new Set(appEntries.map((entry) => entry.provider));
    for (const entry of previous)
      if (entry.provider && !kept.has(entry.provider))
        entry.provider
          .dispose?.()
          .catch((error) => deps.log?.warn({ err: error }, 'could not unload a model'));
  }

  const registry: ProviderRegistry = {
    list: () => usable,

    entries() {
      const environmentEntry = (provider: Provider, source: ProviderSource): ProviderEntry => {
        const state = environmentChecks.get(provider.id);
        return {
          id: provider.id,
          kind: provider.kind,
          name: provider.label,
          source,
          baseUrl: null,
          hasKey: provider.kind !== 'openai-compatible',
          keyLast4: null,
          parallel: provider.parallel,
          modelFile: null,
          createdAt: null,
          updatedAt: null,
          provider: withModels(provider, state?.models),
          check: state?.check ?? unchecked,
        };
      };
      return [
        ...deps.environment.map((provider) => environmentEntry(provider, 'environment')),
        ...appEntries,
        ...detected.map((provider) => environmentEntry(provider, 'detected')),
      ];
    },

    // BUDGET_DOWNGRADE_CHAIN is read on each call: the app's chain, when set, wins over it.
    chains: () => ({
      app: appChains,
      environment,
      downgrade: downgradeChainSetting(appDowngrade, deps.config.BUDGET_DOWNGRADE_CHAIN),
    }),

    speechChains: () => ({ app: appSpeechChains, environment: speechEnvironment }),

    addDetected(provider) {
      if (environmentIds.has(provider.id) || detected.some((existing) => existing.id === provider.id)) return;
      detected.push(provider);
      rebuildList();
    },

    recordCheck(id, check, models) {
      environmentChecks.set(id, { check, models });
      rebuildList();
    },

    reload() {
      if (reloading) {
        // A change arrived during a read: read once more after it, so the newest settings win.
        again = true;
        return reloading;
      }
      reloading = (async () => {
        try {
          do {
            again = false;
            await read();
          } while (again);
        } finally {
          reloading = undefined;
        }
      })();
      return reloading;
    },

    async close() {
      unsubscribe?.();
      await Promise.all(appEntries.map((entry) => entry.provider?.dispose?.()));
    },
  };

  const unsubscribe = deps.notifier?.subscribe('llm-settings', () => {
    registry.reload().catch((error) => deps.log?.warn({ err: error }, 'could not reload the AI providers'));
  });
  return registry;
}
