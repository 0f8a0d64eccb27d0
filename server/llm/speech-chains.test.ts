import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { openAiCompatibleProvider, providersFromConfig } from './providers.ts';
import {
  checkSpeechChains,
  parseSpeechChainText,
  resolveSpeechChain,
  speechChainSpecs,
  speechChainText,
} from './speech-chains.ts';

describe('speech chains', () => {
  it('reads provider:model links with an optional voice; model ids keep their colons and slashes', () => {
    expect(
      parseSpeechChainText(
        ' speaches:Systran/faster-whisper-small , ollama:whisper:large;voice=x, bad, :nothing,',
      ),
    ).toEqual([
      { provider: 'speaches', model: 'Systran/faster-whisper-small' },
      { provider: 'ollama', model: 'whisper:large', voice: 'x' },
    ]);
    const links = [
      { provider: 'openai', model: 'tts-1', voice: 'nova' },
      { provider: 'kokoro', model: 'kokoro' },
    ];
    expect(parseSpeechChainText(speechChainText(links))).toEqual(links);
  });

  it('uses the app’s chain over the environment’s, and only providers with a speech API', () => {
    const config = loadConfig({
      MISTRAL_API_KEY: 'sk-test-mistral-000',
      ANTHROPIC_API_KEY: 'sk-test-anthropic-000',
      OPENAI_COMPATIBLE_ENDPOINTS: JSON.stringify([
        { name: 'speaches', baseURL: 'http://127.0.0.1:8000/v1' },
      ]),
      SPEECH_CHAIN_TRANSCRIBE:
        'anthropic:claude-haiku-4-5,nobody:x,mistral:voxtral-mini-latest,speaches:whisper-1',
    });
    const providers = providersFromConfig(config);
    const environment = new Map([['transcribe' as const, config.SPEECH_CHAIN_TRANSCRIBE as string]]);
    const settings = { app: new Map(), environment };
    expect(speechChainSpecs(settings, 'speak')).toEqual({ links: [], source: 'none' });
    expect(
      resolveSpeechChain(settings, providers, 'transcribe').map((link) => [
        link.provider.id,
        link.model,
        link.provider.local,
      ]),
    ).toEqual([
      ['mistral', 'voxtral-mini-latest', false],
      ['speaches', 'whisper-1', true],
    ]);
    expect(checkSpeechChains(config, providers)).toEqual([
      'SPEECH_CHAIN_TRANSCRIBE: "anthropic" (anthropic) has no speech API',
      'SPEECH_CHAIN_TRANSCRIBE: "nobody" is not a configured provider',
    ]);
    const app = {
      app: new Map([['transcribe' as const, [{ provider: 'speaches', model: 'large-v3' }]]]),
      environment,
    };
    expect(speechChainSpecs(app, 'transcribe').source).toBe('app');
    expect(resolveSpeechChain(app, providers, 'transcribe').map((link) => link.model)).toEqual(['large-v3']);
    // A provider without an HTTP endpoint (a local model) cannot be a speech link.
    const noEndpoint = {
      ...openAiCompatibleProvider({
        name: 'x',
        baseURL: 'http://127.0.0.1:1/v1',
        models: [],
        parallel: true,
      }),
      endpoint: undefined,
    };
    expect(
      resolveSpeechChain(
        { app: new Map([['speak', [{ provider: 'x', model: 'tts-1' }]]]), environment: new Map() },
        [noEndpoint],
        'speak',
      ),
    ).toEqual([]);
  });
});
