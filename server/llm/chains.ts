import type { Config } from '../config.ts';
import type { Provider } from './providers.ts';
import type { ModelRole } from './types.ts';

export type ChainLink = { provider: Provider; model: string };

const roleSetting: Record<ModelRole, keyof Config> = {
  conversation: 'LLM_CHAIN_CONVERSATION',
  feedback: 'LLM_CHAIN_FEEDBACK',
  summary: 'LLM_CHAIN_SUMMARY',
  exercises: 'LLM_CHAIN_EXERCISES',
};

/**
 * Parses "anthropic:claude-haiku-4-5,mistral:mistral-small-latest" (a provider id alone means its
 * default model for the role). Unknown providers are reported, not silently dropped.
 */
export function parseChain(
  text: string,
  providers: Provider[],
  role: ModelRole,
): { links: ChainLink[]; problems: string[] } {
  const links: ChainLink[] = [];
  const problems: string[] = [];
  for (const part of text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const colon = part.indexOf(':');
    const providerId = colon === -1 ? part : part.slice(0, colon);
    const provider = providers.find((candidate) => candidate.id === providerId);
    if (!provider) {
      problems.push(`"${providerId}" is not a configured provider`);
      continue;
    }
    // Model ids may contain colons themselves (Ollama's "llama3.2:3b"): split on the first one only.
    links.push({ provider, model: colon === -1 ? provider.defaultModels[role] : part.slice(colon + 1) });
  }
  return { links, problems };
}

/** Resolves the ordered chain for a role and language from the configuration and live providers. */
export function resolveChain(
  config: Config,
  providers: Provider[],
  role: ModelRole,
  language?: string,
): ChainLink[] {
  const perLanguage = language ? config.languageChains[`${role}:${language}`] : undefined;
  const configured = perLanguage ?? (config[roleSetting[role]] as string | undefined);
  if (configured) {
    const { links } = parseChain(configured, providers, role);
    if (links.length) return links;
  }
  return providers.map((provider) => ({ provider, model: provider.defaultModels[role] }));
}

/** Problems in the chain settings, for a start-up warning. */
export function checkChains(config: Config, providers: Provider[]): string[] {
  const problems: string[] = [];
  for (const role of Object.keys(roleSetting) as ModelRole[]) {
    const text = config[roleSetting[role]] as string | undefined;
    if (text)
      problems.push(
        ...parseChain(text, providers, role).problems.map((problem) => `${roleSetting[role]}: ${problem}`),
      );
  }
  for (const [key, text] of Object.entries(config.languageChains)) {
    const role = key.split(':')[0] as ModelRole;
    problems.push(
      ...parseChain(text, providers, role).problems.map((problem) => `LLM_CHAIN for ${key}: ${problem}`),
    );
  }
  return problems;
}
