import { createAnthropic } from '@ai-sdk/anthropic';
import { createMistral } from '@ai-sdk/mistral';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { Config } from '../config.ts';
import type { ModelRole, ProviderKind } from './types.ts';

/**
 * A configured provider. Vendor SDK imports live only in server/llm: the rest of the server sees
 * provider ids and model ids.
 */
export type Provider = {
  /** 'anthropic', 'mistral', 'ollama', or the name of an OpenAI-compatible endpoint. */
  id: string;
  kind: ProviderKind;
  /** Shown in the UI and recorded on messages. */
  label: string;
  models: string[];
  defaultModels: Record<ModelRole, string>;
  /** false for a single-slot local server: run feedback after the reply, not beside it. */
  parallel: boolean;
  /** Local servers cost nothing. */
  local: boolean;
  /** The provider name prices are looked up under: the vendor for Anthropic and Mistral, else the id. */
  priceAs: string;
  /** The live model list, where the API has one (throws when the provider cannot be reached). */
  listModels?(signal: AbortSignal): Promise<string[]>;
  /** A model handle; `fetch` lets the gateway time the connection of this one attempt. */
  languageModel(modelId: string, fetch?: typeof globalThis.fetch): LanguageModelV4;
  /** Frees what the provider holds (a local model's memory) when it is removed or replaced. */
  dispose?(): Promise<void>;
  /**
   * The HTTP API itself, for calls the AI SDK does not make (speech: server/speech). Absent for a
   * local model, which has no HTTP API.
   */
  endpoint?: { baseURL: string; apiKey?: string | undefined };
};

const sameForEveryRole = (model: string): Record<ModelRole, string> => ({
  conversation: model,
  feedback: model,
  summary: model,
  exercises: model,
});

// The defaults the architecture contract fixes: Haiku everywhere on Anthropic; Mistral's medium
// model for conversation and small for the cheaper analysis roles.
export const anthropicDefaultModels = sameForEveryRole('claude-haiku-4-5');
export const mistralDefaultModels: Record<ModelRole, string> = {
  conversation: 'mistral-medium-latest',
  feedback: 'mistral-small-latest',
  summary: 'mistral-small-latest',
  exercises: 'mistral-small-latest',
};

export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
}

const knownModels = {
  anthropic: ['claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-sonnet-5', 'claude-opus-5'],
  mistral: ['mistral-small-latest', 'mistral-medium-latest', 'mistral-large-latest'],
};

/**
 * Reads a provider's live model list (`GET {base}/models`): Anthropic's with its headers, the
 * others' with a bearer key. Throws on any failure; the caller turns it into the provider's state.
 */
async function fetchModelIds(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<string[]> {
  const response = await fetch(url, { headers, signal });
  if (!response.ok) {
    const detail = await response.text().catch(() => '');
    throw new ProviderListError(response.status, detail);
  }
  const body = (await response.json()) as {
    data?: Array<{ id?: unknown }>;
    models?: Array<{ name?: unknown }>;
  };
  const ids = (body.data ?? []).map((model) => model.id).filter((id): id is string => typeof id === 'string');
  return [...new Set(ids)].sort();
}

/** A model list request the provider answered with an error status. */
export class ProviderListError extends Error {
  readonly status: number;
  constructor(status: number, detail: string) {
    super(`HTTP ${status}${detail ? `: ${detail.slice(0, 200)}` : ''}`);
    this.name = 'ProviderListError';
    this.status = status;
  }
}

const modelsUrl = (baseURL: string) => `${baseURL.replace(/\/+$/, '')}/models`;

export type HttpProviderSpec = {
  id: string;
  kind: 'anthropic' | 'mistral' | 'openai-compatible';
  label: string;
  baseURL: string;
  apiKey?: string | undefined;
  /** The models to offer (the live list of the last check); OpenAI-compatible takes the first as default. */
  models?: string[] | undefined;
  parallel?: boolean | undefined;
};

/** A provider reached over HTTP through its AI SDK adapter. */
export function createHttpProvider(spec: HttpProviderSpec): Provider {
  const { id, label, baseURL, apiKey } = spec;
  if (spec.kind === 'anthropic') {
    const key = apiKey ?? '';
    return {
      id,
      kind: 'anthropic',
      label,
      models: spec.models?.length ? spec.models : knownModels.anthropic,
      defaultModels: anthropicDefaultModels,
      parallel: spec.parallel ?? true,
      local: false,
      priceAs: 'anthropic',
      endpoint: { baseURL, apiKey: key },
      // apiKey and baseURL are always explicit: the SDK would otherwise read the environment itself.
      languageModel: (modelId, fetch) =>
        createAnthropic({ apiKey: key, baseURL, ...(fetch && { fetch }) })(modelId),
      listModels: (signal) =>
        fetchModelIds(modelsUrl(baseURL), { 'x-api-key': key, 'anthropic-version': '2023-06-01' }, signal),
    };
  }
  if (spec.kind === 'mistral') {
    const key = apiKey ?? '';
    return {
      id,
      kind: 'mistral',
      label,
      models: spec.models?.length ? spec.models : knownModels.mistral,
      defaultModels: mistralDefaultModels,
      parallel: spec.parallel ?? true,
      local: false,
      priceAs: 'mistral',
      endpoint: { baseURL, apiKey: key },
      languageModel: (modelId, fetch) =>
        createMistral({ apiKey: key, baseURL, ...(fetch && { fetch }) })(modelId),
      listModels: (signal) => fetchModelIds(modelsUrl(baseURL), { authorization: `Bearer ${key}` }, signal),
    };
  }
  const models = spec.models?.length ? spec.models : ['default'];
  return {
    id,
    kind: 'openai-compatible',
    label,
    models,
    defaultModels: sameForEveryRole(models[0] ?? 'default'),
    parallel: spec.parallel ?? true,
    local: isLoopback(baseURL),
    priceAs: id,
    endpoint: { baseURL, apiKey },
    languageModel: (modelId, fetch) =>
      createOpenAICompatible({
        name: id,
        baseURL,
        ...(apiKey && { apiKey }),
        // Streamed usage only arrives when asked for; JSON-schema output needs the flag.
        includeUsage: true,
        supportsStructuredOutputs: true,
        ...(fetch && { fetch }),
      })(modelId),
    listModels: (signal) =>
      fetchModelIds(modelsUrl(baseURL), apiKey ? { authorization: `Bearer ${apiKey}` } : {}, signal),
  };
}

/** An OpenAI-compatible provider named by its endpoint (the environment's list and a detected Ollama). */
export function openAiCompatibleProvider(endpoint: {
  name: string;
  baseURL: string;
  apiKey?: string | undefined;
  models: string[];
  parallel: boolean;
  label?: string;
}): Provider {
  return createHttpProvider({
    id: endpoint.name,
    kind: 'openai-compatible',
    label: endpoint.label ?? endpoint.name,
    baseURL: endpoint.baseURL,
    apiKey: endpoint.apiKey,
    models: endpoint.models,
    parallel: endpoint.parallel,
  });
}

/** The providers the configuration enables, in the default chain order. */
export function providersFromConfig(config: Config): Provider[] {
  const providers: Provider[] = [];
  if (config.ANTHROPIC_API_KEY)
    providers.push(
      createHttpProvider({
        id: 'anthropic',
        kind: 'anthropic',
        label: 'Anthropic Claude',
        baseURL: config.ANTHROPIC_BASE_URL,
        apiKey: config.ANTHROPIC_API_KEY,
      }),
    );
  if (config.MISTRAL_API_KEY)
    providers.push(
      createHttpProvider({
        id: 'mistral',
        kind: 'mistral',
        label: 'Mistral AI',
        baseURL: config.MISTRAL_BASE_URL,
        apiKey: config.MISTRAL_API_KEY,
      }),
    );
  for (const endpoint of config.OPENAI_COMPATIBLE_ENDPOINTS) {
    providers.push(
      openAiCompatibleProvider({
        name: endpoint.name,
        baseURL: endpoint.baseURL,
        apiKey: endpoint.apiKey,
        models: endpoint.models ?? ['default'],
        parallel: endpoint.parallel,
      }),
    );
  }
  return providers;
}

/**
 * Looks for a local Ollama (a short timeout, so start-up never waits on it) and lists its models.
 * Returns undefined when nothing answers.
 */
export async function detectOllama(baseUrl: string, timeoutMs = 800): Promise<Provider | undefined> {
  try {
    const response = await fetch(new URL('/api/tags', baseUrl), { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { models?: Array<{ name?: string; model?: string }> };
    const models = (body.models ?? []).map((model) => model.name ?? model.model ?? '').filter(Boolean);
    if (models.length === 0) return undefined;
    return openAiCompatibleProvider({
      name: 'ollama',
      label: 'Ollama (local)',
      baseURL: new URL('/v1', baseUrl).toString(),
      models,
      // Ollama serves one request at a time per model by default.
      parallel: false,
    });
  } catch {
    return undefined;
  }
}
