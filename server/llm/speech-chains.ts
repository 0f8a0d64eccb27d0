import type { SpeechChainLink, SpeechFunction } from '../../contracts/speech.ts';
import type { Config } from '../config.ts';
import type { Provider } from './providers.ts';

/*
 * The speech chains: for each function (transcribe, speak) an ordered list of provider, model and
 * (speak) voice, set in the app or the environment (SPEECH_CHAIN_*). Unlike the model roles there
 * is no default chain: speech is off until someone chooses a speech model, because no provider's
 * chat model can transcribe and a guessed speech model would fail on most servers.
 */

export type SpeechLink = { provider: Provider; model: string; voice?: string | undefined };

export type SpeechChainSettings = {
  app: ReadonlyMap<SpeechFunction, SpeechChainLink[]>;
  environment: ReadonlyMap<SpeechFunction, string>;
};

const settingOf: Record<SpeechFunction, 'SPEECH_CHAIN_TRANSCRIBE' | 'SPEECH_CHAIN_SPEAK'> = {
  transcribe: 'SPEECH_CHAIN_TRANSCRIBE',
  speak: 'SPEECH_CHAIN_SPEAK',
};

/** Provider kinds with speech endpoints: OpenAI-compatible servers and Mistral (Voxtral). */
export const speechKinds: ReadonlySet<Provider['kind']> = new Set(['openai-compatible', 'mistral']);

/** Speech models each kind is known to serve, offered to the admin (any other model id may be typed). */
export const knownSpeechModels: Record<SpeechFunction, Record<string, string[]>> = {
  transcribe: {
    'openai-compatible': ['whisper-1', 'gpt-4o-mini-transcribe', 'gpt-4o-transcribe'],
    mistral: ['voxtral-mini-latest'],
  },
  speak: {
    'openai-compatible': ['tts-1', 'tts-1-hd'],
    mistral: ['voxtral-mini-tts-2603'],
  },
};

export function environmentSpeechChains(config: Config): Map<SpeechFunction, string> {
  const chains = new Map<SpeechFunction, string>();
  for (const fn of ['transcribe', 'speak'] as const) {
    const text = config[settingOf[fn]];
    if (text) chains.set(fn, text);
  }
  return chains;
}

/**
 * "openai:whisper-1,mistral:voxtral-mini-latest" or "openai:tts-1;voice=nova" → links. A model id
 * may contain colons and slashes ("Systran/faster-whisper-small"), so the provider ends at the
 * first colon and the voice is an explicit `;voice=` suffix.
 */
export function parseSpeechChainText(text: string): SpeechChainLink[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .flatMap((part) => {
      const [head = '', ...options] = part.split(';').map((piece) => piece.trim());
      const colon = head.indexOf(':');
      if (colon <= 0 || colon === head.length - 1) return [];
      const voice = options.find((option) => option.startsWith('voice='))?.slice('voice='.length);
      return [{ provider: head.slice(0, colon), model: head.slice(colon + 1), ...(voice ? { voice } : {}) }];
    });
}

export function speechChainText(links: SpeechChainLink[]): string {
  return links
    .map((link) => `${link.provider}:${link.model}${link.voice ? `;voice=${link.voice}` : ''}`)
    .join(',');
}

/** Stored links, read tolerantly (a removed provider's links simply no longer resolve). */
export function parseSpeechLinks(json: string): SpeechChainLink[] {
  try {
    const value = JSON.parse(json) as unknown;
    if (!Array.isArray(value)) return [];
    return value.flatMap((item) =>
      item && typeof item.provider === 'string' && typeof item.model === 'string'
        ? [
            {
              provider: item.provider,
              model: item.model,
              ...(typeof item.voice === 'string' && item.voice ? { voice: item.voice } : {}),
            },
          ]
        : [],
    );
  } catch {
    return [];
  }
}

/** The links set for a function and where: the app's setting wins over the environment's. */
export function speechChainSpecs(
  settings: SpeechChainSettings,
  fn: SpeechFunction,
): { links: SpeechChainLink[]; source: 'app' | 'environment' | 'none' } {
  const app = settings.app.get(fn);
  if (app?.length) return { links: app, source: 'app' };
  const text = settings.environment.get(fn);
  if (text) return { links: parseSpeechChainText(text), source: 'environment' };
  return { links: [], source: 'none' };
}

/** The usable links of a function's chain: providers that exist, can be called and speak HTTP speech. */
export function resolveSpeechChain(
  settings: SpeechChainSettings,
  providers: Provider[],
  fn: SpeechFunction,
): SpeechLink[] {
  const links: SpeechLink[] = [];
  for (const spec of speechChainSpecs(settings, fn).links) {
    const provider = providers.find((candidate) => candidate.id === spec.provider);
    if (!provider?.endpoint || !speechKinds.has(provider.kind)) continue;
    links.push({ provider, model: spec.model, voice: spec.voice });
  }
  return links;
}

/** Problems in the environment's speech chains, for a start-up warning. */
export function checkSpeechChains(config: Config, providers: Provider[]): string[] {
  const problems: string[] = [];
  for (const [fn, text] of environmentSpeechChains(config)) {
    const links = parseSpeechChainText(text);
    if (links.length === 0)
      problems.push(`${settingOf[fn]}: write links as provider:model (e.g. openai:whisper-1)`);
    for (const link of links) {
      const provider = providers.find((candidate) => candidate.id === link.provider);
      if (!provider) problems.push(`${settingOf[fn]}: "${link.provider}" is not a configured provider`);
      else if (!speechKinds.has(provider.kind))
        problems.push(`${settingOf[fn]}: "${link.provider}" (${provider.kind}) has no speech API`);
    }
  }
  return problems;
}
