import type { ProviderStatus } from '../../contracts/conversations.ts';
import { modelRoles } from '../../contracts/providers.ts';
import { resolveChain } from './chains.ts';
import type { ProviderRegistry } from './provider-registry.ts';

/**
 * What the app can tell a learner about providers: names and models, never keys or addresses.
 * With nothing that can answer, an admin is pointed at AI providers in the app; anyone else is
 * told who can set it up.
 */
export function describeProviders(registry: ProviderRegistry, caller: { isAdmin: boolean }): ProviderStatus {
  const providers = registry.list();
  const chains: ProviderStatus['chains'] = {};
  for (const role of modelRoles) {
    chains[role] = resolveChain(registry.chains(), providers, role).map((link) => ({
      provider: link.provider.id,
      model: link.model,
    }));
  }
  const available = (chains.conversation?.length ?? 0) > 0;
  return {
    available,
    providers: providers.map((provider) => ({
      id: provider.id,
      label: provider.label,
      local: provider.local,
      models: provider.models,
    })),
    chains,
    setupHint: available
      ? null
      : caller.isAdmin
        ? 'Set up an AI provider under AI providers: paste a key, connect a local server, or download a local model that runs inside Charla.'
        : 'The tutor needs an AI provider, which the owner of this Charla sets up. Everything else works already.',
    canConfigure: caller.isAdmin,
  };
}
