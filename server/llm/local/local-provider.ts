import { basename } from 'node:path';
import type { Provider } from '../providers.ts';
import { type LlamaRuntime, sharedLlamaRuntime } from './llama-runtime.ts';
import { createLocalLanguageModel, type LocalLanguageModel } from './local-language-model.ts';
import { modelIdOf } from './model-files.ts';

export type LocalProviderOptions = {
  id: string;
  name: string;
  /** Absolute path of the GGUF file, already resolved with `resolveModelFile`. */
  modelPath: string;
  /** Run calls side by side, one per sequence (feedback beside the reply). Default false. */
  parallel?: boolean;
  /** Sequences kept in memory; default 2 when parallel, else 1. */
  sequences?: number;
  contextSize?: number;
  threads?: number;
  temperature?: number;
  /** Defaults to the server's shared runtime (one copy of each model file in memory). */
  runtime?: LlamaRuntime;
};

/**
 * A provider that runs a GGUF model inside Charla. It costs nothing (`local`), serves one model (the
 * file name without `.gguf`) for every role, and is single-slot unless `parallel`: the gateway then
 * runs a turn's feedback after its reply. The model loads on the first call; `dispose` frees it.
 */
export function createLocalProvider(options: LocalProviderOptions): Provider & { model: LocalLanguageModel } {
  const modelId = modelIdOf(basename(options.modelPath));
  const parallel = options.parallel ?? false;
  const model = createLocalLanguageModel({
    providerId: options.id,
    modelId,
    modelPath: options.modelPath,
    runtime: options.runtime ?? sharedLlamaRuntime(),
    parallel,
    sequences: options.sequences ?? (parallel ? 2 : 1),
    ...(options.contextSize !== undefined && { contextSize: options.contextSize }),
    ...(options.threads !== undefined && { threads: options.threads }),
    ...(options.temperature !== undefined && { temperature: options.temperature }),
  });
  return {
    id: options.id,
    kind: 'local',
    label: options.name,
    models: [modelId],
    defaultModels: { conversation: modelId, feedback: modelId, summary: modelId, exercises: modelId },
    parallel,
    local: true,
    // Local calls are priced at 0 by the meter; the id keeps their ledger rows apart per provider.
    priceAs: options.id,
    model,
    // One file, one model: whatever id a chain names, this is what runs (the fetch is for HTTP only).
    languageModel: () => model,
    dispose: () => model.dispose(),
  };
}
