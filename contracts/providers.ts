import { z } from 'zod';
import { priceRatesInputSchema } from './budget.ts';
import { type ChainLinkView, chainLinkSchema } from './chain-link.ts';
import { speechChainSettingSchema, speechFunctionSchema } from './speech.ts';

/*
 * AI providers set up in the app: the admin API of "AI providers" (providers, chains, local models,
 * price overrides). Keys go in, never out: a response shows at most a key's last four characters.
 */

export const modelRoleSchema = z.enum(['conversation', 'feedback', 'summary', 'exercises']);
export type ModelRole = z.infer<typeof modelRoleSchema>;
export const modelRoles = modelRoleSchema.options;

/** `local` runs a GGUF model inside Charla (node-llama-cpp); the others are HTTP APIs. */
export const providerKindSchema = z.enum(['anthropic', 'mistral', 'openai-compatible', 'local']);
export type ProviderKind = z.infer<typeof providerKindSchema>;

/** Where a provider's settings live: the app (editable), the environment or a detected Ollama (read-only). */
export const providerSourceSchema = z.enum(['app', 'environment', 'detected']);
export type ProviderSource = z.infer<typeof providerSourceSchema>;

/** Vendor base URLs used when an app provider of that kind gives none. */
export const defaultBaseUrls = {
  anthropic: 'https://api.anthropic.com/v1',
  mistral: 'https://api.mistral.ai/v1',
} as const;

const providerNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the provider a name.')
  .max(60, 'A provider name has at most 60 characters.')
  .regex(/^[^\p{Cc}]*$/u, 'A provider name cannot contain control characters.');

const baseUrlSchema = z
  .string()
  .trim()
  .max(500)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'Enter an http:// or https:// address such as https://api.anthropic.com/v1 (without a user name or password in it).');

const apiKeySchema = z
  .string()
  .trim()
  .min(8, 'That key is too short to be an API key.')
  .max(500, 'That key is too long to be an API key.')
  .regex(/^[\x21-\x7e]+$/, 'An API key is one word of printable characters, without spaces.');

/** A GGUF file name inside DATA_DIR/models (no folders: the server resolves it there). */
export const modelFileNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.gguf$/, 'Pick a .gguf file in the models folder.');

export const providerCreateSchema = z
  .strictObject({
    kind: providerKindSchema,
    name: providerNameSchema,
    /** Including `/v1`. Anthropic and Mistral default to the vendor's; required for OpenAI-compatible. */
    baseUrl: baseUrlSchema.optional(),
    apiKey: apiKeySchema.optional(),
    /** false for a single-slot server (one request at a time): feedback then runs after the reply. */
    parallel: z.boolean().optional(),
    /** Local models only: the GGUF file in DATA_DIR/models. */
    modelFile: modelFileNameSchema.optional(),
  })
  .superRefine((value, context) => {
    if (value.kind === 'local') {
      if (!value.modelFile)
        context.addIssue({ code: 'custom', path: ['modelFile'], message: 'Pick the model file to run.' });
      for (const field of ['baseUrl', 'apiKey'] as const)
        if (value[field] !== undefined)
          context.addIssue({
            code: 'custom',
            path: [field],
            message: 'A local model has no address or key.',
          });
      return;
    }
    if (value.modelFile !== undefined)
      context.addIssue({
        code: 'custom',
        path: ['modelFile'],
        message: 'Only a local model has a model file.',
      });
    if (value.kind === 'openai-compatible' && !value.baseUrl)
      context.addIssue({
        code: 'custom',
        path: ['baseUrl'],
        message: 'Enter the server’s address, e.g. http://127.0.0.1:11434/v1 for Ollama.',
      });
    if ((value.kind === 'anthropic' || value.kind === 'mistral') && !value.apiKey)
      context.addIssue({ code: 'custom', path: ['apiKey'], message: 'Paste the API key.' });
  });
export type ProviderCreate = z.input<typeof providerCreateSchema>;

export const providerUpdateSchema = z
  .strictObject({
    name: providerNameSchema.optional(),
    baseUrl: baseUrlSchema.optional(),
    /** A new key replaces the stored one; null removes it (OpenAI-compatible servers only). */
    apiKey: apiKeySchema.nullable().optional(),
    parallel: z.boolean().optional(),
    modelFile: modelFileNameSchema.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, 'Send at least one field to change.');
export type ProviderUpdate = z.input<typeof providerUpdateSchema>;

export const providerIdParamsSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'Not a provider id.'),
});

export const providerStateSchema = z.object({
  /**
   * ok: answered its model list (or loaded, for a local model); unreachable: no answer;
   * error: answered with an error (a refused key, say); key_unreadable: the stored key no longer
   * decrypts (CHARLA_SECRET or the key file changed); unchecked: not checked yet.
   */
  status: z.enum(['ok', 'unreachable', 'error', 'key_unreadable', 'unchecked']),
  checkedAt: z.string().nullable(),
  /** The last problem, in plain words; null when the last check went well. */
  lastError: z.string().nullable(),
});
export type ProviderState = z.infer<typeof providerStateSchema>;

export const adminProviderSchema = z.object({
  /** Stable id used in chains and on ledger rows ("anthropic", "home-ollama", …). */
  id: z.string(),
  kind: providerKindSchema,
  name: z.string(),
  source: providerSourceSchema,
  /** Null for a local model. */
  baseUrl: z.string().nullable(),
  hasKey: z.boolean(),
  /** The stored key's last four characters, the only part of a key ever shown. */
  keyLast4: z.string().nullable(),
  parallel: z.boolean(),
  /** Runs on this machine or a loopback server: costs nothing. */
  local: z.boolean(),
  modelFile: z.string().nullable(),
  /** Live from the provider's model list where it has one, else the known models of its kind. */
  models: z.array(z.string()),
  defaultModels: z.partialRecord(modelRoleSchema, z.string()),
  state: providerStateSchema,
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type AdminProvider = z.infer<typeof adminProviderSchema>;

export { type ChainLinkView, chainLinkSchema };

const languageCodeSchema = z.string().regex(/^[a-z]{2,3}$/, 'A language code such as es or fr.');

/** One chain set in the app: a role, optionally for one language. */
export const chainSettingSchema = z.object({
  role: modelRoleSchema,
  language: languageCodeSchema.nullable(),
  /** A model "" is the provider's default: an environment chain may name a provider alone. */
  links: z.array(z.object({ provider: z.string(), model: z.string() })),
  /** "app" when set in the app, "environment" for LLM_CHAIN_* (an app setting wins over it). */
  source: z.enum(['app', 'environment']),
});
export type ChainSetting = z.infer<typeof chainSettingSchema>;

export const chainUpdateSchema = z.strictObject({
  role: modelRoleSchema,
  language: languageCodeSchema.nullable().default(null),
  /** The ordered links; an empty list removes the app's setting (back to the default). */
  links: z.array(chainLinkSchema).max(8),
});
export type ChainUpdate = z.input<typeof chainUpdateSchema>;

export const providerListSchema = z.object({
  providers: z.array(adminProviderSchema),
  /** Chains set in the app or the environment. */
  chains: z.array(chainSettingSchema),
  /** What each role uses right now (without a language), after defaults. */
  effective: z.record(modelRoleSchema, z.array(z.object({ provider: z.string(), model: z.string() }))),
  /** The speech chains (transcribe, speak): what each function uses right now and where it is set. */
  speechChains: z.array(speechChainSettingSchema),
  /** Speech models each provider kind can serve (suggestions for the admin's speech links). */
  speechModels: z.record(speechFunctionSchema, z.record(z.string(), z.array(z.string()))),
  /** Saving a key needs a secret: false on PostgreSQL without CHARLA_SECRET. */
  canStoreKeys: z.boolean(),
  /** Where the encryption key lives: the environment's CHARLA_SECRET or a key file in DATA_DIR. */
  keyStorage: z.enum(['environment', 'key-file', 'unavailable']),
});
export type ProviderList = z.infer<typeof providerListSchema>;

export const providerTestResultSchema = z.object({
  ok: z.boolean(),
  model: z.string().nullable(),
  /** What the model answered (a few words), when it did. */
  reply: z.string().nullable(),
  latencyMs: z.number().nullable(),
  costMicros: z.number(),
  /** Why it failed, in plain words. */
  error: z.string().nullable(),
  provider: adminProviderSchema,
});
export type ProviderTestResult = z.infer<typeof providerTestResultSchema>;

export const providerTestSchema = z.strictObject({
  /** The model to try; the provider's conversation default when absent. */
  model: chainLinkSchema.shape.model.optional(),
});

// --- Price overrides ----------------------------------------------------------------------------

/** A provider name or model id as prices list them: one word, `*` for any. */
const priceKeyPart = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}\s]+$/u, 'One word, without spaces or control characters.');

export const priceOverrideKeySchema = z.strictObject({
  provider: priceKeyPart(64),
  model: priceKeyPart(200),
});

export const priceOverrideUpdateSchema = priceOverrideKeySchema.extend({ rates: priceRatesInputSchema });
export type PriceOverrideUpdate = z.input<typeof priceOverrideUpdateSchema>;

// --- Local models -------------------------------------------------------------------------------

export const localModelCatalogueEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** "1 GB", "2 GB" or "5 GB" class: what machine it fits. */
  sizeClass: z.enum(['1gb', '2gb', '5gb']),
  licence: z.string(),
  /** Memory needed to run it, bytes (model plus a conversation's context). */
  memoryBytes: z.number(),
  /** The exact quantised file: hf:<owner>/<repo>/<file>. */
  uri: z.string(),
  /** Where it comes from, for a person: the repository page. */
  source: z.string(),
  file: z.string(),
  /** Known size and sha256, or null until the first complete download records them. */
  sizeBytes: z.number().nullable(),
  sha256: z.string().nullable(),
  why: z.string(),
  languages: z.array(z.string()),
});
export type LocalModelCatalogueEntry = z.infer<typeof localModelCatalogueEntrySchema>;

export const downloadStateSchema = z.enum(['downloading', 'paused', 'complete', 'failed', 'cancelled']);

export const downloadProgressSchema = z.object({
  catalogueId: z.string(),
  file: z.string(),
  state: downloadStateSchema,
  receivedBytes: z.number(),
  totalBytes: z.number().nullable(),
  bytesPerSecond: z.number().nullable(),
  secondsLeft: z.number().nullable(),
  error: z.string().nullable(),
});
export type DownloadProgress = z.infer<typeof downloadProgressSchema>;

export const localModelFileSchema = z.object({
  file: z.string(),
  sizeBytes: z.number(),
  /** The catalogue entry it was downloaded for, when known. */
  catalogueId: z.string().nullable(),
  /** Size and checksum recorded by a complete download (or matching the catalogue's). */
  verified: z.boolean(),
  sha256: z.string().nullable(),
  /** The provider that runs it, if one does. */
  providerId: z.string().nullable(),
});
export type LocalModelFile = z.infer<typeof localModelFileSchema>;

export const localModelsSchema = z.object({
  catalogue: z.array(
    localModelCatalogueEntrySchema.extend({
      downloaded: z.boolean(),
      /** Null until a complete download has recorded size and checksum (shown as unverified). */
      verified: z.boolean(),
    }),
  ),
  files: z.array(localModelFileSchema),
  downloads: z.array(downloadProgressSchema),
  /** The folder GGUF files are read from, as the server sees it. */
  modelsDir: z.string(),
  freeDiskBytes: z.number().nullable(),
  totalMemoryBytes: z.number(),
  availableMemoryBytes: z.number(),
});
export type LocalModels = z.infer<typeof localModelsSchema>;

export const catalogueIdParamsSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,79}$/, 'Not a catalogue id.'),
});
