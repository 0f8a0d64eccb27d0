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
  /** A model handle; `fetch` lets the gateway time the connection of this one attempt. */
  languageModel(modelId: string, fetch?: typeof globalThis.fetch): LanguageModelV4;
  /** Frees what the provider holds (a local model's memory) when it is removed or replaced. */
  dispose?(): Promise<void>;
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

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
}

function anthropicProvider(apiKey: string, baseURL: string): Provider {
  return {
    id: 'anthropic',
    kind: 'anthropic',
    label: 'Anthropic Claude',
    models: ['claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-sonnet-5', 'claude-opus-5'],
    defaultModels: anthropicDefaultModels,
    parallel: true,
    local: false,
    // apiKey and baseURL are always explicit: the SDK would otherwise read the environment itself.
    languageModel: (modelId, fetch) => createAnthropic({ apiKey, baseURL, ...(fetch && { fetch }) })(modelId),
  };
}

function mistralProvider(apiKey: string, baseURL: string): Provider {
  return {
    id: 'mistral',
    kind: 'mistral',
    label: 'Mistral AI',
    models: ['mistral-small-latest', 'mistral-medium-latest', 'mistral-large-latest'],
    defaultModels: mistralDefaultModels,
    parallel: true,
    local: false,
    languageModel: (modelId, fetch) => createMistral({ apiKey, baseURL, ...(fetch && { fetch }) })(modelId),
  };
}

export function openAiCompatibleProvider(endpoint: {
  name: string;
  baseURL: string;
  apiKey?: string | undefined;
  models: string[];
  parallel: boolean;
  label?: string;
}): Provider {
  const first = endpoint.models[0] ?? 'default';
  return {
    id: endpoint.name,
    kind: 'openai-compatible',
    label: endpoint.label ?? endpoint.name,
    models: endpoint.models,
    defaultModels: sameForEveryRole(first),
    parallel: endpoint.parallel,
    local: isLoopback(endpoint.baseURL),
    languageModel: (modelId, fetch) =>
      createOpenAICompatible({
        name: endpoint.name,
        baseURL: endpoint.baseURL,
        ...(endpoint.apiKey && { apiKey: endpoint.apiKey }),
        // Streamed usage only arrives when asked for; JSON-schema output needs the flag.
        includeUsage: true,
        supportsStructuredOutputs: true,
        ...(fetch && { fetch }),
      })(modelId),
  };
}

/** The providers the configuration enables, in the default chain order. */
export function providersFromConfig(config: Config): Provider[] {
  const providers: Provider[] = [];
  if (config.ANTHROPIC_API_KEY)
    providers.push(anthropicProvider(config.ANTHROPIC_API_KEY, config.ANTHROPIC_BASE_URL));
  if (config.MISTRAL_API_KEY)
    providers.push(mistralProvider(config.MISTRAL_API_KEY, config.MISTRAL_BASE_URL));
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
