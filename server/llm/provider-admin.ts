import type { Kysely } from 'kysely';
import type { MessageRef } from '../../contracts/messages/catalogues.ts';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import {
  type AdminProvider,
  type ChainSetting,
  type ChainUpdate,
  defaultBaseUrls,
  modelRoles,
  type ProviderCreate,
  type ProviderList,
  type ProviderTestResult,
  type ProviderUpdate,
} from '../../contracts/providers.ts';
import { type SpeechChainUpdate, speechFunctions } from '../../contracts/speech.ts';
import type { ChangeNotifier } from '../db/change-notifier.ts';
import type { Database, LlmProvidersTable } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { msg, render } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { type SecretBox, SecretStorageError } from '../lib/secret-box.ts';
import type { CallBudget } from './call-budget.ts';
import { parseChainText, resolveChain } from './chains.ts';
import { ModelError } from './errors.ts';
import type { ModelGateway } from './gateway.ts';
import {
  type ProviderCheck,
  type ProviderEntry,
  type ProviderRegistry,
  parseChainLinks,
} from './provider-registry.ts';
import { isLoopback, ProviderListError } from './providers.ts';
import { knownSpeechModels, parseSpeechLinks, speechChainSpecs, speechKinds } from './speech-chains.ts';
import type { ModelRole } from './types.ts';

/*
 * The admin's use cases behind "AI providers": add, edit, test and remove providers, and set the
 * chains. Every write is followed by a change notification, so every process (this one first)
 * uses the new settings from its next call.
 */

export type ProviderAdminDeps = {
  db: Kysely<Database>;
  clock: Clock;
  llm: {
    gateway: ModelGateway;
    budget: CallBudget;
    registry: ProviderRegistry;
    secrets: SecretBox;
    changes: ChangeNotifier;
  };
  /** Checks that a model file exists in the models folder (throws a plain message when not). */
  checkModelFile?: ((name: string) => Promise<void>) | undefined;
  log?: { warn(object: unknown, message: string): void };
  /** The reader's interface language: a check's last error and a failed test are worded in it. */
  language?: InterfaceLanguage | undefined;
};

/** How long a provider's model list may take to answer a check. */
const checkTimeoutMs = 4000;
/** A check older than this is repeated when the admin opens the page. */
const checkMaxAgeMs = 10 * 60_000;

/** A stored note (a catalogue key, or a text stored before issue 18) in the reader's language. */
function word(note: MessageRef | string, language: InterfaceLanguage | undefined): string {
  return typeof note === 'string' ? note : render(language ?? 'en', note);
}

function present(entry: ProviderEntry, language: InterfaceLanguage | undefined): AdminProvider {
  return {
    id: entry.id,
    kind: entry.kind,
    name: entry.name,
    source: entry.source,
    baseUrl: entry.baseUrl,
    hasKey: entry.hasKey,
    keyLast4: entry.keyLast4,
    parallel: entry.parallel,
    local:
      entry.provider?.local ??
      (entry.kind === 'local' || (entry.baseUrl ? isLoopback(entry.baseUrl) : false)),
    modelFile: entry.modelFile,
    models: entry.provider?.models ?? [],
    defaultModels: entry.provider?.defaultModels ?? {},
    state: {
      ...entry.check,
      lastError: entry.check.lastError === null ? null : word(entry.check.lastError, language),
    },
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
  };
}

function findEntry(deps: ProviderAdminDeps, id: string): ProviderEntry {
  const entry = deps.llm.registry.entries().find((candidate) => candidate.id === id);
  if (!entry) throw notFound('provider');
  return entry;
}

function editableEntry(deps: ProviderAdminDeps, id: string): ProviderEntry {
  const entry = findEntry(deps, id);
  if (entry.source !== 'app')
    throw new AppError(
      'conflict',
      entry.source === 'environment'
        ? msg('errors.providers.fromEnvironment', { name: entry.name })
        : msg('errors.providers.detected', { name: entry.name }),
    );
  return entry;
}

/** Tells every process (this one first) that the providers or chains changed, and waits for this one. */
async function published(deps: ProviderAdminDeps) {
  await deps.llm.changes.publish('llm-settings');
  await deps.llm.registry.reload();
}

/**
 * Plain words for a failed model-list check, as a catalogue key (worded for each reader when shown);
 * the provider's own words (an error body, a system error) stay a quoted detail. Null: reachable.
 */
function describeCheckFailure(
  error: unknown,
  entry: ProviderEntry,
): { status: ProviderCheck['status']; message: MessageRef } | null {
  if (error instanceof ProviderListError) {
    if (error.status === 401 || error.status === 403)
      return { status: 'error', message: msg('errors.providers.check.keyRefused', { status: error.status }) };
    // Some OpenAI-compatible servers have no model list: reachable all the same.
    if (error.status === 404 || error.status === 405) return null;
    return { status: 'error', message: msg('errors.providers.check.errorAnswer', { detail: error.message }) };
  }
  const host = entry.baseUrl ? new URL(entry.baseUrl).host : entry.name;
  const causeOf = (error as { cause?: { code?: string; message?: string } })?.cause;
  const cause = causeOf?.code ?? causeOf?.message;
  const message =
    (error as Error)?.name === 'TimeoutError' || (error as Error)?.name === 'AbortError'
      ? msg('errors.providers.check.timeout', { host })
      : cause === 'ECONNREFUSED'
        ? msg('errors.providers.check.refused', { host })
        : cause === 'ENOTFOUND' || cause === 'EAI_AGAIN'
          ? msg('errors.providers.check.notFound', { host })
          : msg('errors.providers.check.other', {
              host,
              detail: cause ? cause.toLowerCase() : ((error as Error)?.message ?? String(error)),
            });
  return { status: 'unreachable', message };
}

/**
 * Checks one provider: reads its live model list (a local model: its file was found when the
 * provider was built). Stores the outcome (app providers, for every process) or keeps it in memory
 * (environment and detected ones).
 */
export async function checkProvider(deps: ProviderAdminDeps, entry: ProviderEntry): Promise<void> {
  const provider = entry.provider;
  if (!provider) return;
  const checkedAt = deps.clock.now().toISOString();
  let check: ProviderCheck;
  let models: string[] | undefined;
  if (!provider.listModels) {
    check = { status: 'ok', checkedAt, lastError: null };
  } else {
    try {
      models = await provider.listModels(AbortSignal.timeout(checkTimeoutMs));
      if (models.length === 0) models = undefined;
      check = { status: 'ok', checkedAt, lastError: null };
    } catch (error) {
      const failure = describeCheckFailure(error, entry);
      check = failure
        ? { status: failure.status, checkedAt, lastError: failure.message }
        : { status: 'ok', checkedAt, lastError: null };
    }
  }
  if (entry.source !== 'app') {
    deps.llm.registry.recordCheck(entry.id, check, models);
    return;
  }
  await deps.db
    .updateTable('llm_providers')
    .set({
      check_status: check.status,
      checked_at: check.checkedAt,
      last_error: check.lastError === null ? null : JSON.stringify(check.lastError),
      ...(models && { models_json: JSON.stringify(models) }),
    })
    .where('id', '=', entry.id)
    .execute();
  await published(deps);
}

function chainSettings(deps: ProviderAdminDeps): ChainSetting[] {
  const { app, environment } = deps.llm.registry.chains();
  const settings: ChainSetting[] = [];
  const split = (key: string) => {
    const [role, language] = key.split(':');
    return { role: role as ModelRole, language: language ?? null };
  };
  for (const [key, links] of app)
    settings.push({
      ...split(key),
      links: links.map((link) => ({ provider: link.provider, model: link.model ?? '' })),
      source: 'app',
    });
  for (const [key, text] of environment)
    settings.push({
      ...split(key),
      links: parseChainText(text).map((link) => ({ provider: link.provider, model: link.model ?? '' })),
      source: 'environment',
    });
  return settings;
}

/** Everything the AI providers page shows; providers not checked lately are checked first. */
export async function listProviders(
  deps: ProviderAdminDeps,
  options: { refresh?: boolean } = {},
): Promise<ProviderList> {
  if (options.refresh !== false) {
    const now = deps.clock.now().getTime();
    const stale = deps.llm.registry
      .entries()
      .filter(
        (entry) =>
          entry.provider &&
          (entry.check.checkedAt === null || now - Date.parse(entry.check.checkedAt) > checkMaxAgeMs),
      );
    await Promise.all(stale.map((entry) => checkProvider(deps, entry)));
  }
  const registry = deps.llm.registry;
  const effective = Object.fromEntries(
    modelRoles.map((role) => [
      role,
      resolveChain(registry.chains(), registry.list(), role).map((link) => ({
        provider: link.provider.id,
        model: link.model,
      })),
    ]),
  ) as ProviderList['effective'];
  const storage = deps.llm.secrets.storage;
  return {
    providers: registry.entries().map((entry) => present(entry, deps.language)),
    chains: chainSettings(deps),
    effective,
    speechChains: speechFunctions.map((fn) => ({
      function: fn,
      ...speechChainSpecs(registry.speechChains(), fn),
    })),
    speechModels: knownSpeechModels,
    canStoreKeys: storage !== 'unavailable',
    keyStorage: storage,
  };
}

/** "Family Claude" → "family-claude"; a taken id gets -2, -3, … */
function newProviderId(deps: ProviderAdminDeps, name: string, kind: string): string {
  const taken = new Set(deps.llm.registry.entries().map((entry) => entry.id));
  const base =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || kind;
  const start = /^[a-z0-9]/.test(base) ? base : `${kind}-${base}`;
  if (!taken.has(start)) return start;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${start}-${suffix}`)) return `${start}-${suffix}`;
}

function sealKey(deps: ProviderAdminDeps, apiKey: string, providerId: string) {
  try {
    const sealed = deps.llm.secrets.seal(apiKey, providerId);
    return {
      api_key_ciphertext: sealed.ciphertext,
      api_key_fingerprint: sealed.fingerprint,
      api_key_last4: apiKey.slice(-4),
    };
  } catch (error) {
    if (error instanceof SecretStorageError) throw new AppError('conflict', error.message);
    throw error;
  }
}

async function requireModelFile(deps: ProviderAdminDeps, name: string) {
  if (!deps.checkModelFile) throw new AppError('conflict', msg('errors.providers.noLocalModels'));
  try {
    await deps.checkModelFile(name);
  } catch (error) {
    const message = (error as { messageRef?: MessageRef }).messageRef ?? (error as Error).message;
    throw new AppError('validation_failed', message, {
      details: { issues: [{ path: 'modelFile', message }] },
    });
  }
}

/** Adds a provider set up in the app, checks it, and returns it as the page shows it. */
export async function createProvider(deps: ProviderAdminDeps, input: ProviderCreate): Promise<AdminProvider> {
  const id = newProviderId(deps, input.name, input.kind);
  if (input.kind === 'local' && input.modelFile) await requireModelFile(deps, input.modelFile);
  const now = deps.clock.now().toISOString();
  const last = await deps.db
    .selectFrom('llm_providers')
    .select((eb) => eb.fn.max('position').as('position'))
    .executeTakeFirst();
  const row: LlmProvidersTable = {
    id,
    kind: input.kind,
    name: input.name,
    base_url:
      input.kind === 'local'
        ? null
        : (input.baseUrl ?? defaultBaseUrls[input.kind as keyof typeof defaultBaseUrls] ?? null),
    api_key_ciphertext: null,
    api_key_fingerprint: null,
    api_key_last4: null,
    // Local models and servers answer one request at a time unless told otherwise.
    parallel: (input.parallel ?? input.kind !== 'local') ? 1 : 0,
    model_file: input.kind === 'local' ? (input.modelFile ?? null) : null,
    position: Number(last?.position ?? 0) + 1,
    models_json: null,
    check_status: null,
    checked_at: null,
    last_error: null,
    created_at: now,
    updated_at: now,
    ...(input.apiKey && sealKey(deps, input.apiKey, id)),
  };
  await deps.db.insertInto('llm_providers').values(row).execute();
  await published(deps);
  await checkProvider(deps, findEntry(deps, id));
  return present(findEntry(deps, id), deps.language);
}

/** Changes a provider set up in the app (not one from the environment). */
export async function updateProvider(
  deps: ProviderAdminDeps,
  id: string,
  update: ProviderUpdate,
): Promise<AdminProvider> {
  const entry = editableEntry(deps, id);
  const isLocal = entry.kind === 'local';
  const issue = (path: string, message: MessageRef) =>
    new AppError('validation_failed', message, { details: { issues: [{ path, message }] } });
  if (isLocal && (update.baseUrl !== undefined || update.apiKey !== undefined))
    throw issue(update.baseUrl !== undefined ? 'baseUrl' : 'apiKey', msg('errors.providers.localNoAddress'));
  if (!isLocal && update.modelFile !== undefined)
    throw issue('modelFile', msg('errors.providers.modelFileLocalOnly'));
  if (update.apiKey === null && entry.kind !== 'openai-compatible')
    throw issue(
      'apiKey',
      msg('errors.providers.keyRequired', { provider: entry.kind === 'anthropic' ? 'Anthropic' : 'Mistral' }),
    );
  if (update.modelFile) await requireModelFile(deps, update.modelFile);

  const changes: Partial<LlmProvidersTable> = { updated_at: deps.clock.now().toISOString() };
  if (update.name !== undefined) changes.name = update.name;
  if (update.parallel !== undefined) changes.parallel = update.parallel ? 1 : 0;
  if (update.modelFile !== undefined) changes.model_file = update.modelFile;
  if (update.baseUrl !== undefined) changes.base_url = update.baseUrl;
  if (update.apiKey === null)
    Object.assign(changes, { api_key_ciphertext: null, api_key_fingerprint: null, api_key_last4: null });
  else if (update.apiKey !== undefined) Object.assign(changes, sealKey(deps, update.apiKey, id));
  const reconnect =
    update.baseUrl !== undefined || update.apiKey !== undefined || update.modelFile !== undefined;
  if (reconnect)
    Object.assign(changes, { check_status: null, checked_at: null, last_error: null, models_json: null });
  await deps.db.updateTable('llm_providers').set(changes).where('id', '=', id).execute();
  await published(deps);
  if (reconnect) await checkProvider(deps, findEntry(deps, id));
  return present(findEntry(deps, id), deps.language);
}

/** Removes a provider set up in the app, and its links from every chain. */
export async function deleteProvider(deps: ProviderAdminDeps, id: string): Promise<void> {
  editableEntry(deps, id);
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('llm_providers').where('id', '=', id).execute();
    for (const chain of await trx.selectFrom('llm_chains').selectAll().execute()) {
      const links = parseChainLinks(chain.links_json).filter((link) => link.provider !== id);
      if (links.length === 0)
        await trx
          .deleteFrom('llm_chains')
          .where('role', '=', chain.role)
          .where('language', '=', chain.language)
          .execute();
      else
        await trx
          .updateTable('llm_chains')
          .set({ links_json: JSON.stringify(links), updated_at: now })
          .where('role', '=', chain.role)
          .where('language', '=', chain.language)
          .execute();
    }
    for (const chain of await trx.selectFrom('speech_chains').selectAll().execute()) {
      const links = parseSpeechLinks(chain.links_json).filter((link) => link.provider !== id);
      if (links.length === 0)
        await trx.deleteFrom('speech_chains').where('function', '=', chain.function).execute();
      else
        await trx
          .updateTable('speech_chains')
          .set({ links_json: JSON.stringify(links), updated_at: now })
          .where('function', '=', chain.function)
          .execute();
    }
  });
  await published(deps);
}

/**
 * One tiny real call to the provider (metered like any call, purpose `provider-test`), then a
 * fresh check of its model list. A failure is an answer here, not an error.
 */
export async function testProvider(
  deps: ProviderAdminDeps,
  id: string,
  options: { model?: string | undefined; userId: string },
): Promise<ProviderTestResult> {
  const entry = findEntry(deps, id);
  const provider = entry.provider;
  if (!provider)
    return {
      ok: false,
      model: null,
      reply: null,
      latencyMs: null,
      costMicros: 0,
      error: word(entry.check.lastError ?? msg('errors.providers.test.cannotCall'), deps.language),
      provider: present(entry, deps.language),
    };
  const model = options.model ?? provider.defaultModels.conversation;
  let result: Omit<ProviderTestResult, 'provider'>;
  try {
    const call = await deps.llm.gateway.generateText(
      { userId: options.userId, purpose: 'provider-test', role: 'conversation' },
      {
        system: 'This is a connection test. Answer with one short friendly word.',
        messages: [{ role: 'user', content: 'Hello!' }],
        maxOutputTokens: 16,
        only: { provider: id, model },
      },
    );

    result = {
      ok: true,
      model,
      reply: call.text.trim().slice(0, 200),
      latencyMs: Math.round(call.latencyMs),
      costMicros: deps.llm.budget.costOf(
        { provider: id, model, local: provider.local, priceAs: provider.priceAs },
        call.usage,
      ),
      error: null,
    };
  } catch (error) {
    const message =
      error instanceof ModelError || error instanceof AppError
        ? error.messageRef
          ? render(deps.language ?? 'en', error.messageRef)
          : error.message
        : render(
            deps.language ?? 'en',
            msg('errors.providers.test.failed', { detail: (error as Error).message }),
          );
    result = { ok: false, model, reply: null, latencyMs: null, costMicros: 0, error: message };
  }
  await checkProvider(deps, findEntry(deps, id));
  return { ...result, provider: present(findEntry(deps, id), deps.language) };
}

/** Refuses a chain naming a provider that is not set up here (the issue's path: `path.N.provider`). */
export function checkChainProviders(
  registry: ProviderRegistry,
  links: readonly { provider: string }[],
  path: string,
): void {
  const known = new Set(registry.entries().map((entry) => entry.id));
  const unknown = links.findIndex((link) => !known.has(link.provider));
  if (unknown !== -1) {
    const message = msg('errors.providers.notHere', { provider: links[unknown]?.provider ?? '' });
    throw new AppError('validation_failed', message, {
      details: { issues: [{ path: `${path}.${unknown}.provider`, message }] },
    });
  }
}

/** Sets (or with no links, removes) the app's chain for a role, optionally for one language. */
export async function setChain(deps: ProviderAdminDeps, input: ChainUpdate): Promise<ProviderList> {
  checkChainProviders(deps.llm.registry, input.links, 'links');
  const language = input.language ?? '';
  const now = deps.clock.now().toISOString();
  if (input.links.length === 0) {
    await deps.db
      .deleteFrom('llm_chains')
      .where('role', '=', input.role)
      .where('language', '=', language)
      .execute();
  } else {
    const links_json = JSON.stringify(input.links);
    await deps.db
      .insertInto('llm_chains')
      .values({ role: input.role, language, links_json, updated_at: now })
      .onConflict((conflict) =>
        conflict.columns(['role', 'language']).doUpdateSet({ links_json, updated_at: now }),
      )
      .execute();
  }
  await published(deps);
  return listProviders(deps, { refresh: false });
}

/**
 * Sets (or with no links, removes) the app's speech chain of a function. Every link must name a
 * provider with a speech API (OpenAI-compatible or Mistral); a voice belongs to speak links only.
 */
export async function setSpeechChain(
  deps: ProviderAdminDeps,
  input: SpeechChainUpdate,
): Promise<ProviderList> {
  const entries = deps.llm.registry.entries();
  input.links.forEach((link, index) => {
    const entry = entries.find((candidate) => candidate.id === link.provider);
    const message = !entry
      ? msg('errors.providers.notHere', { provider: link.provider })
      : !speechKinds.has(entry.kind)
        ? msg('errors.providers.noSpeechApi', { name: entry.name })
        : undefined;
    if (message)
      throw new AppError('validation_failed', message, {
        details: { issues: [{ path: `links.${index}.provider`, message }] },
      });
  });
  const now = deps.clock.now().toISOString();
  if (input.links.length === 0) {
    await deps.db.deleteFrom('speech_chains').where('function', '=', input.function).execute();
  } else {
    const links_json = JSON.stringify(input.links);
    await deps.db
      .insertInto('speech_chains')
      .values({ function: input.function, links_json, updated_at: now })
      .onConflict((conflict) => conflict.column('function').doUpdateSet({ links_json, updated_at: now }))
      .execute();
  }
  await published(deps);
  return listProviders(deps, { refresh: false });
}
