import { modelRoles } from '../../contracts/providers.ts';
import type { Config } from '../config.ts';
import type { Provider } from './providers.ts';
import type { ModelRole } from './types.ts';

export type ChainLink = { provider: Provider; model: string };

/** A link as stored: a provider id and a model (undefined: the provider's default for the role). */
export type ChainLinkSpec = { provider: string; model?: string | undefined };

/**
 * The chains in force, keyed "role" or "role:lang": those set in the app (admin → AI providers)
 * and those from the environment (LLM_CHAIN_<ROLE>[_<LANG>]).
 */
export type ChainSettings = {
  app: ReadonlyMap<string, ChainLinkSpec[]>;
  environment: ReadonlyMap<string, string>;
  /**
   * The cheaper chain a call goes to at a budget cap under the downgrade policy: the app's (admin →
   * Usage) wins over BUDGET_DOWNGRADE_CHAIN; null when neither is set.
   */
  downgrade: DowngradeChainSetting | null;
};

export type DowngradeChainSetting = { links: ChainLinkSpec[]; source: 'app' | 'environment' };

/**
 * The app stores the cheaper chain as a row of `llm_chains` under this role (no language), so it
 * is written, reloaded and cleaned of removed providers like the role chains.
 */
export const downgradeChainRole = 'downgrade';

/** The cheaper chain in force: the app's links, else the environment's BUDGET_DOWNGRADE_CHAIN. */
export function downgradeChainSetting(
  app: ChainLinkSpec[] | undefined,
  environmentText: string | undefined,
): DowngradeChainSetting | null {
  if (app?.length) return { links: app, source: 'app' };
  const links = environmentText ? parseChainText(environmentText) : [];
  return links.length ? { links, source: 'environment' } : null;
}

const roleSetting: Record<ModelRole, keyof Config> = {
  conversation: 'LLM_CHAIN_CONVERSATION',
  feedback: 'LLM_CHAIN_FEEDBACK',
  summary: 'LLM_CHAIN_SUMMARY',
  exercises: 'LLM_CHAIN_EXERCISES',
};

export const chainKey = (role: ModelRole, language?: string | null) =>
  language ? `${role}:${language}` : role;

/** The environment's chains by key. */
export function environmentChains(config: Config): Map<string, string> {
  const chains = new Map<string, string>();
  for (const role of modelRoles) {
    const text = config[roleSetting[role]] as string | undefined;
    if (text) chains.set(role, text);
  }
  for (const [key, text] of Object.entries(config.languageChains)) chains.set(key, text);
  return chains;
}

/** Chain settings with nothing set in the app (tests, and before the app's settings are read). */
export function chainSettingsFromConfig(config: Config): ChainSettings {
  return {
    app: new Map(),
    environment: environmentChains(config),
    downgrade: downgradeChainSetting(undefined, config.BUDGET_DOWNGRADE_CHAIN),
  };
}

/** Text form "anthropic:claude-haiku-4-5,mistral" → links (a provider id alone means its default). */
export function parseChainText(text: string): ChainLinkSpec[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((part) => {
      // Model ids may contain colons themselves (Ollama's "llama3.2:3b"): split on the first one only.
      const colon = part.indexOf(':');
      return colon === -1
        ? { provider: part }
        : { provider: part.slice(0, colon), model: part.slice(colon + 1) };
    });
}

/** Stored links → callable links (a link whose provider is not configured is reported and left out). */
export function toLinks(
  specs: ChainLinkSpec[],
  providers: Provider[],
  role: ModelRole,
): { links: ChainLink[]; problems: string[] } {
  const links: ChainLink[] = [];
  const problems: string[] = [];
  for (const spec of specs) {
    const provider = providers.find((candidate) => candidate.id === spec.provider);
    if (!provider) {
      problems.push(`"${spec.provider}" is not a configured provider`);
      continue;
    }
    links.push({ provider, model: spec.model || provider.defaultModels[role] });
  }
  return { links, problems };
}

/**
 * Parses "anthropic:claude-haiku-4-5,mistral:mistral-small-latest" (a provider id alone means its
 * default model for the role). Unknown providers are reported, not silently dropped.
 */
export function parseChain(
  text: string,
  providers: Provider[],
  role: ModelRole,
): { links: ChainLink[]; problems: string[] } {
  return toLinks(parseChainText(text), providers, role);
}

/**
 * The ordered chain for a role and language. The most specific setting wins: the app's chain for
 * the language, the environment's for the language, the app's for the role, the environment's for
 * the role; with none, every usable provider in order with its default model for the role. A
 * setting whose providers are all gone (removed, or a key that no longer decrypts) is skipped.
 */
export function resolveChain(
  settings: ChainSettings,
  providers: Provider[],
  role: ModelRole,
  language?: string,
): ChainLink[] {
  const candidates: Array<ChainLinkSpec[] | undefined> = [];
  if (language) {
    candidates.push(settings.app.get(chainKey(role, language)));
    const text = settings.environment.get(chainKey(role, language));
    candidates.push(text === undefined ? undefined : parseChainText(text));
  }
  candidates.push(settings.app.get(role));
  const text = settings.environment.get(role);
  candidates.push(text === undefined ? undefined : parseChainText(text));
  for (const specs of candidates) {
    if (!specs?.length) continue;
    const { links } = toLinks(specs, providers, role);
    if (links.length) return links;
  }
  return providers.map((provider) => ({ provider, model: provider.defaultModels[role] }));
}

/** Problems in the environment's chain settings, for a start-up warning. */
export function checkChains(config: Config, providers: Provider[]): string[] {
  const problems: string[] = [];
  for (const [key, text] of environmentChains(config)) {
    const role = key.split(':')[0] as ModelRole;
    const name = key.includes(':') ? `LLM_CHAIN for ${key}` : (roleSetting[role] as string);
    problems.push(...parseChain(text, providers, role).problems.map((problem) => `${name}: ${problem}`));
  }
  return problems;
}
