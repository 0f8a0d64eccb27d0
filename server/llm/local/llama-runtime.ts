import { readFile, stat } from 'node:fs/promises';
import { availableParallelism, freemem, totalmem } from 'node:os';
import { basename } from 'node:path';
import type { Llama, LlamaContext, LlamaModel } from 'node-llama-cpp';
import type { MessageRef } from '../../../contracts/messages/catalogues.ts';
import { msg } from '../../i18n/messages.ts';
import { ModelError } from '../errors.ts';
import { hasGgufMagic } from './model-files.ts';

/*
 * node-llama-cpp, loaded lazily: importing it costs about 0.3 s and creating the Llama instance
 * another 0.3 s, which must not sit between `npm start` and a listening server. Inference runs on
 * llama.cpp's native threads (decision 013), so this lives in the server process itself.
 */

export type MemoryReading = { availableBytes: number; totalBytes: number };

/** Why a local model could not be used. A ModelError that is never retried: another try fails the same way. */
export class LocalModelError extends ModelError {
  readonly reason: 'memory' | 'not_gguf' | 'load_failed' | 'disposed';
  /** For `memory`: what the model needs and what was free, in bytes. */
  readonly neededBytes: number | undefined;
  readonly availableBytes: number | undefined;
  constructor(
    reason: LocalModelError['reason'],
    message: MessageRef,
    options: { neededBytes?: number; availableBytes?: number; cause?: unknown } = {},
  ) {
    super('provider_error', message, { retryable: false, cause: options.cause });
    this.name = 'LocalModelError';
    this.reason = reason;
    this.neededBytes = options.neededBytes;
    this.availableBytes = options.availableBytes;
  }
}

/** "1.9 GB", or "40 MB" below a gigabyte, so a small figure does not read as 0.0 GB (the CLI's words). */
export function formatBytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}

/** MemAvailable from /proc/meminfo (page cache the kernel can drop counts as free), else os.freemem(). */
export async function readAvailableMemory(): Promise<MemoryReading> {
  try {
    const meminfo = await readFile('/proc/meminfo', 'utf8');
    const field = (name: string) => {
      const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(meminfo);
      return match ? Number(match[1]) * 1024 : undefined;
    };
    const available = field('MemAvailable');
    const total = field('MemTotal');
    if (available !== undefined && total !== undefined)
      return { availableBytes: available, totalBytes: total };
  } catch {
    // Not Linux: fall through to what Node knows.
  }
  return { availableBytes: freemem(), totalBytes: totalmem() };
}

export type ContextOptions = {
  /** Tokens per sequence; capped at what the model was trained on. Default 4096. */
  contextSize?: number;
  /** Independent conversation states kept in memory (each its own KV cache). Default 1. */
  sequences?: number;
  /** CPU threads for evaluation. Default: the cores this process may use. */
  threads?: number;
};

export type MemoryEstimate = {
  modelBytes: number;
  contextBytes: number;
  totalBytes: number;
  contextSize: number;
};

/** A loaded model with one context of its own; `release` frees the context and, when unused, the model. */
export type LocalModelSession = {
  path: string;
  llama: Llama;
  model: LlamaModel;
  context: LlamaContext;
  contextSize: number;
  estimate: MemoryEstimate;
  release(): Promise<void>;
};

export type LlamaRuntime = {
  /** The memoized Llama instance (CPU build, or a GPU build when one is installed and usable). */
  llama(): Promise<Llama>;
  /** What loading `path` with these options would need, from the GGUF file's own metadata. */
  estimateMemory(path: string, options?: ContextOptions): Promise<MemoryEstimate>;
  /**
   * Loads the model at `path` (once per path; later calls share it) and creates a context for the
   * caller, after checking the file and that enough memory is free. Throws LocalModelError.
   */
  open(path: string, options?: ContextOptions): Promise<LocalModelSession>;
  /** Frees a model and every context on it, whoever holds them. */
  unload(path: string): Promise<void>;
  /** Paths of the models loaded now. */
  loaded(): string[];
};

export type LlamaRuntimeOptions = {
  /** Injected in tests; defaults to /proc/meminfo. */
  readMemory?: () => Promise<MemoryReading>;
  /** Memory left for the rest of the server, never given to a model. Default 256 MB. */
  headroomBytes?: number;
  /** Default threads of the contexts this runtime creates. */
  threads?: number;
};

type ModuleOf = typeof import('node-llama-cpp');
let modulePromise: Promise<ModuleOf> | undefined;

/** The node-llama-cpp module, imported on first use. */
export function importLlamaModule(): Promise<ModuleOf> {
  modulePromise ??= import('node-llama-cpp');
  return modulePromise;
}

let llamaPromise: Promise<Llama> | undefined;

/**
 * The one Llama instance of the process. `build: 'never'`: a missing prebuilt binary is an error,
 * never a compilation on the server. `gpu: 'auto'` uses an installed CUDA/Vulkan/Metal build when
 * the machine has the GPU, the CPU build otherwise.
 */
export function sharedLlama(): Promise<Llama> {
  llamaPromise ??= importLlamaModule()
    .then(({ getLlama, LlamaLogLevel }) =>
      getLlama({ build: 'never', gpu: 'auto', logLevel: LlamaLogLevel.error, progressLogs: false }),
    )
    .catch((error: unknown) => {
      llamaPromise = undefined;
      throw new LocalModelError(
        'load_failed',
        msg('errors.local.runtimeFailed', { detail: error instanceof Error ? error.message : String(error) }),
        { cause: error },
      );
    });
  return llamaPromise;
}

const defaultContextSize = 4096;

/** Creates a runtime; the server uses one for every local provider, tests make their own. */
export function createLlamaRuntime(options: LlamaRuntimeOptions = {}): LlamaRuntime {
  const readMemory = options.readMemory ?? readAvailableMemory;
  const headroomBytes = options.headroomBytes ?? 256 * 1024 * 1024;
  const defaultThreads = options.threads ?? availableParallelism();

  type Entry = { model: Promise<LlamaModel>; sessions: Set<LocalModelSession> };
  const models = new Map<string, Entry>();

  async function estimateMemory(path: string, contextOptions: ContextOptions = {}): Promise<MemoryEstimate> {
    const llama = await sharedLlama();
    const { readGgufFileInfo, GgufInsights } = await importLlamaModule();
    const insights = await GgufInsights.from(await readGgufFileInfo(path, { logWarnings: false }), llama);
    const contextSize = Math.min(
      contextOptions.contextSize ?? defaultContextSize,
      insights.trainContextSize ?? Number.POSITIVE_INFINITY,
    );
    // Estimated as if every layer ran on the CPU: on a GPU build part of it goes to VRAM instead, so
    // this can refuse a model a GPU would have fitted, never load one the RAM cannot hold.
    const model = await insights.estimateModelResourceRequirementsV2({ gpuLayers: 0 });
    const context = await insights.estimateContextResourceRequirementsV2({
      contextSize,
      modelGpuLayers: 0,
      sequences: contextOptions.sequences ?? 1,
    });
    return {
      modelBytes: model.cpuRam,
      contextBytes: context.cpuRam,
      totalBytes: model.cpuRam + context.cpuRam,
      contextSize,
    };
  }

  async function open(path: string, contextOptions: ContextOptions = {}): Promise<LocalModelSession> {
    const name = basename(path);
    const size = await stat(path).then(
      (info) => info.size,
      () => undefined,
    );
    if (size === undefined)
      throw new LocalModelError('load_failed', msg('errors.local.fileMissing', { name }));
    if (!(await hasGgufMagic(path)))
      throw new LocalModelError('not_gguf', msg('errors.local.notGguf', { name }));
    const llama = await sharedLlama();
    let estimate: MemoryEstimate;
    try {
      estimate = await estimateMemory(path, contextOptions);
    } catch (error) {
      throw new LocalModelError('load_failed', msg('errors.local.damaged', { name }), { cause: error });
    }
    const entry = models.get(path);
    // A model already in memory costs nothing more; only its new context does.
    const needed = entry ? estimate.contextBytes : estimate.totalBytes;
    const memory = await readMemory();
    const free = Math.max(0, memory.availableBytes - headroomBytes);
    if (needed > free)
      throw new LocalModelError(
        'memory',
        msg('errors.local.memory', { neededBytes: needed, freeBytes: free }),
        { neededBytes: needed, availableBytes: free },
      );

    let current = entry;
    if (!current) {
      const loading = llama.loadModel({ modelPath: path, gpuLayers: 'auto' });
      current = { model: loading, sessions: new Set() };
      models.set(path, current);
      loading.catch(() => {
        if (models.get(path) === current) models.delete(path);
      });
    }
    let model: LlamaModel;
    try {
      model = await current.model;
    } catch (error) {
      throw new LocalModelError(
        'load_failed',
        msg('errors.local.loadFailed', {
          name,
          detail: error instanceof Error ? error.message : String(error),
        }),
        { cause: error },
      );
    }
    let context: LlamaContext;
    try {
      context = await model.createContext({
        contextSize: estimate.contextSize,
        sequences: contextOptions.sequences ?? 1,
        threads: contextOptions.threads ?? defaultThreads,
      });
    } catch (error) {
      if (current.sessions.size === 0) await unload(path);
      throw new LocalModelError(
        'load_failed',
        msg('errors.local.noRoom', { name, detail: error instanceof Error ? error.message : String(error) }),
        { cause: error },
      );
    }
    const owner = current;
    const session: LocalModelSession = {
      path,
      llama,
      model,
      context,
      contextSize: context.contextSize,
      estimate,
      async release() {
        if (!owner.sessions.delete(session)) return;
        await context.dispose();
        if (owner.sessions.size === 0 && models.get(path) === owner) {
          models.delete(path);
          await model.dispose();
        }
      },
    };
    owner.sessions.add(session);
    return session;
  }

  async function unload(path: string): Promise<void> {
    const entry = models.get(path);
    if (!entry) return;
    models.delete(path);
    const sessions = [...entry.sessions];
    entry.sessions.clear();
    for (const session of sessions) await session.context.dispose();
    const model = await entry.model.catch(() => undefined);
    await model?.dispose();
  }

  return {
    llama: sharedLlama,
    estimateMemory,
    open,
    unload,
    loaded: () => [...models.keys()],
  };
}

let sharedRuntime: LlamaRuntime | undefined;

/** The server's runtime: one model instance per file, whichever providers use it. */
export function sharedLlamaRuntime(): LlamaRuntime {
  sharedRuntime ??= createLlamaRuntime();
  return sharedRuntime;
}
