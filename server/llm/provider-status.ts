import type { ProviderStatus } from '../../contracts/conversations.ts';
import type { Config } from '../config.ts';
import { resolveChain } from './chains.ts';
import type { ProviderRegistry } from './gateway.ts';
import type { ModelRole } from './types.ts';

const roles: ModelRole[] = ['conversation', 'feedback', 'summary', 'exercises'];

/** What the app can tell a learner about providers: names and models, never keys or URLs with secrets. */
export function describeProviders(config: Config, registry: ProviderRegistry): ProviderStatus {
  const providers = registry.list();
  const chains: ProviderStatus['chains'] = {};
  for (const role of roles) {
    chains[role] = resolveChain(config, providers, role).map((link) => ({
      provider: link.provider.id,
      model: link.model,
    }));
  }
  return {
    available: (chains.conversation?.length ?? 0) > 0,
    providers: providers.map((provider) => ({
      id: provider.id,
      label: provider.label,
      local: provider.local,
      models: provider.models,
    })),
    chains,
    setupHint: providers.length
      ? null
      : 'Add ANTHROPIC_API_KEY=… (or MISTRAL_API_KEY=…, or OPENAI_COMPATIBLE_ENDPOINTS for Ollama, llama.cpp, vLLM or DeepSeek) to the .env file next to package.json, then restart Charla.',
  };
}
