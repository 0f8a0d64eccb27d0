import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeLlm, startFakeLlm } from '../../tools/fake-llm/fake-llm.ts';
import { loadConfig } from '../config.ts';
import { chainSettingsFromConfig, checkChains, parseChain, resolveChain } from './chains.ts';
import { parseRetryAfter } from './errors.ts';
import { detectOllama, providersFromConfig } from './providers.ts';
import { estimateUsage, normalizeUsage } from './usage.ts';

const config = loadConfig({
  ANTHROPIC_API_KEY: 'a',
  MISTRAL_API_KEY: 'm',
  OPENAI_COMPATIBLE_ENDPOINTS: JSON.stringify([
    { name: 'ollama-box', baseURL: 'http://127.0.0.1:11434/v1', models: ['llama3.2:3b', 'qwen'] },
  ]),
  LLM_CHAIN_FEEDBACK: 'mistral,anthropic:claude-sonnet-4-6',
  LLM_CHAIN_CONVERSATION_FR: 'ollama-box:llama3.2:3b',
});
const providers = providersFromConfig(config);
const chains = chainSettingsFromConfig(config);

describe('provider chains', () => {
  it('defaults to every configured provider with its default model for the role', () => {
    expect(
      resolveChain(chains, providers, 'conversation').map((link) => `${link.provider.id}:${link.model}`),
    ).toEqual(['anthropic:claude-haiku-4-5', 'mistral:mistral-medium-latest', 'ollama-box:llama3.2:3b']);
    expect(resolveChain(chains, providers, 'summary')[1]?.model).toBe('mistral-small-latest');
  });

  it('follows a configured chain, per role and per language, keeping colons in model ids', () => {
    expect(
      resolveChain(chains, providers, 'feedback').map((link) => `${link.provider.id}:${link.model}`),
    ).toEqual(['mistral:mistral-small-latest', 'anthropic:claude-sonnet-4-6']);
    expect(resolveChain(chains, providers, 'conversation', 'fr').map((link) => link.model)).toEqual([
      'llama3.2:3b',
    ]);
    expect(resolveChain(chains, providers, 'conversation', 'es')).toHaveLength(3);
  });

  it('reports unknown providers instead of dropping them silently', () => {
    expect(parseChain('openai:gpt-x,anthropic', providers, 'conversation').problems).toEqual([
      '"openai" is not a configured provider',
    ]);
    const broken = loadConfig({ ANTHROPIC_API_KEY: 'a', LLM_CHAIN_SUMMARY: 'nope' });
    expect(checkChains(broken, providersFromConfig(broken))).toEqual([
      'LLM_CHAIN_SUMMARY: "nope" is not a configured provider',
    ]);
  });

  it('marks loopback OpenAI-compatible servers as local and refuses a malformed endpoint list', () => {
    expect(providers.find((provider) => provider.id === 'ollama-box')).toMatchObject({
      local: true,
      kind: 'openai-compatible',
    });
    expect(providers.find((provider) => provider.id === 'anthropic')).toMatchObject({ local: false });
    expect(() => loadConfig({ OPENAI_COMPATIBLE_ENDPOINTS: '[{"name":"x"}]' })).toThrow(
      /OPENAI_COMPATIBLE_ENDPOINTS/,
    );
    expect(() => loadConfig({ OPENAI_COMPATIBLE_ENDPOINTS: 'not json' })).toThrow(
      /OPENAI_COMPATIBLE_ENDPOINTS/,
    );
  });
});

describe('usage', () => {
  it('stores the uncached input apart from cache reads and writes', () => {
    expect(
      normalizeUsage({
        inputTokens: 1000,
        outputTokens: 20,
        inputTokenDetails: { noCacheTokens: 100, cacheReadTokens: 850, cacheWriteTokens: 50 },
      }),
    ).toEqual({
      inputTokens: 100,
      outputTokens: 20,
      cacheReadTokens: 850,
      cacheWriteTokens: 50,
      estimated: false,
    });
    // Providers without the breakdown: the remainder after cache tokens is uncached.
    expect(
      normalizeUsage({
        inputTokens: 300,
        outputTokens: 5,
        inputTokenDetails: { noCacheTokens: undefined, cacheReadTokens: 200, cacheWriteTokens: undefined },
      }),
    ).toMatchObject({ inputTokens: 100, cacheReadTokens: 200, cacheWriteTokens: 0 });
    expect(normalizeUsage({ inputTokens: undefined, outputTokens: undefined })).toBeUndefined();
  });

  it('estimates ceil(UTF-8 bytes / 4) each way, flagged', () => {
    expect(estimateUsage('ñññ', 'abcde')).toEqual({
      inputTokens: 2,
      outputTokens: 2,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      estimated: true,
    });
  });

  it('reads retry-after as seconds, milliseconds or an HTTP date', () => {
    const now = Date.parse('2026-11-24T10:00:00Z');
    expect(parseRetryAfter({ 'retry-after': '3' }, now)).toBe(3000);
    expect(parseRetryAfter({ 'Retry-After-Ms': '250' }, now)).toBe(250);
    expect(parseRetryAfter({ 'retry-after': 'Tue, 24 Nov 2026 10:00:05 GMT' }, now)).toBe(5000);
    expect(parseRetryAfter({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('Ollama detection', () => {
  let fake: FakeLlm;
  beforeAll(async () => {
    fake = await startFakeLlm({ models: { openai: ['llama3.2', 'mistral-nemo'] } });
  });
  afterAll(() => fake.close());

  it('lists a local Ollama’s models as a single-slot, free provider', async () => {
    const provider = await detectOllama(fake.url);
    expect(provider).toMatchObject({ id: 'ollama', local: true, parallel: false });
    expect(provider?.models.length).toBeGreaterThan(0);
  });

  it('answers quickly with nothing when no Ollama runs', async () => {
    expect(await detectOllama('http://127.0.0.1:9', 300)).toBeUndefined();
  });
});
