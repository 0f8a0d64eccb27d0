import type {
  AdminProvider,
  DownloadProgress,
  LocalModels,
  ProviderList,
} from '../../../../contracts/providers.ts';
import { json } from '../../test/dom.tsx';
import { makeUser } from '../../test/fixtures.ts';

/** Test data for the AI providers page: an owner, providers of every source, local models. */

export const owner = makeUser({ id: 'owner-id', username: 'mama', role: 'admin', isOwner: true });

export function makeProvider(overrides: Partial<AdminProvider> & Pick<AdminProvider, 'id'>): AdminProvider {
  return {
    kind: 'anthropic',
    name: 'Anthropic',
    source: 'app',
    baseUrl: 'https://api.anthropic.com/v1',
    hasKey: true,
    keyLast4: 'wxyz',
    parallel: true,
    local: false,
    modelFile: null,
    models: ['claude-haiku-4-5', 'claude-sonnet-4-6'],
    defaultModels: {
      conversation: 'claude-haiku-4-5',
      feedback: 'claude-haiku-4-5',
      summary: 'claude-haiku-4-5',
      exercises: 'claude-haiku-4-5',
    },
    state: { status: 'ok', checkedAt: '2026-11-24T09:00:00.000Z', lastError: null },
    createdAt: '2026-11-24T08:00:00.000Z',
    updatedAt: '2026-11-24T08:00:00.000Z',
    ...overrides,
  };
}

export const anthropic = makeProvider({ id: 'anthropic' });

export const environmentMistral = makeProvider({
  id: 'mistral',
  kind: 'mistral',
  name: 'Mistral',
  source: 'environment',
  baseUrl: 'https://api.mistral.ai/v1',
  keyLast4: '9k2Q',
  models: ['mistral-small-latest', 'mistral-medium-latest'],
  defaultModels: {
    conversation: 'mistral-medium-latest',
    feedback: 'mistral-small-latest',
    summary: 'mistral-small-latest',
    exercises: 'mistral-small-latest',
  },
  createdAt: null,
  updatedAt: null,
});

export const detectedOllama = makeProvider({
  id: 'ollama',
  kind: 'openai-compatible',
  name: 'Ollama',
  source: 'detected',
  baseUrl: 'http://127.0.0.1:11434/v1',
  hasKey: false,
  keyLast4: null,
  parallel: false,
  local: true,
  models: ['llama3.2:3b', 'qwen2.5:7b'],
  defaultModels: {
    conversation: 'llama3.2:3b',
    feedback: 'llama3.2:3b',
    summary: 'llama3.2:3b',
    exercises: 'llama3.2:3b',
  },
  createdAt: null,
  updatedAt: null,
});

export const unreadableServer = makeProvider({
  id: 'deepseek',
  kind: 'openai-compatible',
  name: 'DeepSeek',
  baseUrl: 'https://api.deepseek.com/v1',
  keyLast4: 'ab12',
  models: [],
  state: {
    status: 'key_unreadable',
    checkedAt: '2026-11-24T09:00:00.000Z',
    lastError: 'The stored key could not be decrypted.',
  },
});

export function makeList(overrides: Partial<ProviderList> = {}): ProviderList {
  return {
    providers: [anthropic, environmentMistral, detectedOllama],
    chains: [],
    effective: {
      conversation: [{ provider: 'anthropic', model: 'claude-haiku-4-5' }],
      feedback: [{ provider: 'anthropic', model: 'claude-haiku-4-5' }],
      summary: [{ provider: 'anthropic', model: 'claude-haiku-4-5' }],
      exercises: [{ provider: 'anthropic', model: 'claude-haiku-4-5' }],
    },
    speechChains: [
      { function: 'transcribe', links: [], source: 'none' },
      { function: 'speak', links: [], source: 'none' },
    ],
    speechModels: {
      transcribe: {
        'openai-compatible': ['whisper-1', 'gpt-4o-mini-transcribe'],
        mistral: ['voxtral-mini-latest'],
      },
      speak: { 'openai-compatible': ['tts-1', 'tts-1-hd'] },
    },
    canStoreKeys: true,
    keyStorage: 'key-file',
    ...overrides,
  };
}

export function makeLocalModels(overrides: Partial<LocalModels> = {}): LocalModels {
  return {
    catalogue: [
      {
        id: 'qwen2.5-1.5b',
        name: 'Qwen2.5 1.5B Instruct',
        sizeClass: '1gb',
        licence: 'Apache-2.0',
        memoryBytes: 2_000_000_000,
        uri: 'hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf',
        source: 'https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF',
        file: 'qwen2.5-1.5b-instruct-q4_k_m.gguf',
        sizeBytes: null,
        sha256: null,
        why: 'Small and quick; fine for simple conversations.',
        languages: ['en', 'es', 'fr'],
        downloaded: false,
        verified: false,
      },
    ],
    files: [],
    downloads: [],
    modelsDir: '/srv/charla/data/models',
    freeDiskBytes: 50_000_000_000,
    totalMemoryBytes: 16_000_000_000,
    availableMemoryBytes: 9_000_000_000,
    ...overrides,
  };
}

export function makeDownload(overrides: Partial<DownloadProgress> = {}): DownloadProgress {
  return {
    catalogueId: 'qwen2.5-1.5b',
    file: 'qwen2.5-1.5b-instruct-q4_k_m.gguf',
    state: 'downloading',
    receivedBytes: 0,
    totalBytes: null,
    bytesPerSecond: null,
    secondsLeft: null,
    error: null,
    ...overrides,
  };
}

/** What the page reads when it opens: the owner, the providers and the local models. */
export function pageRoutes(list: ProviderList = makeList(), local: LocalModels = makeLocalModels()) {
  return {
    'GET /api/me': () => json({ user: owner, csrfToken: 'csrf-1' }),
    'GET /api/admin/providers': () => json(list),
    'GET /api/admin/local-models': () => json(local),
  };
}
