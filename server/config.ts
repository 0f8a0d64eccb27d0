import { z } from 'zod';
import { priceOverridesSchema, usdToMicros } from '../contracts/budget.ts';

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: () => 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/**
 * Every setting Charla reads, with its default. `.env.example` documents each one; keep the two
 * in step. Parsed once at start: an invalid value stops the process with a readable list.
 */
const openAiCompatibleListSchema = z.array(
  z.strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'name: lowercase letters, digits and hyphens'),
    baseURL: z.url(),
    apiKey: z.string().optional(),
    /** Models to offer; the first is the default for every role. */
    models: z.array(z.string().min(1)).min(1).optional(),
    /** false for a single-slot local server: feedback then runs after the reply, not beside it. */
    parallel: z.boolean().default(true),
  }),
);
/** A dollar amount in the environment ("30", "2.50"), parsed to integer micro-dollars. */
const usdAmount = z.string().transform((value, context) => {
  try {
    return usdToMicros(value);
  } catch {
    context.addIssue({ code: 'custom', message: 'must be a dollar amount such as 30 or 2.50' });
    return z.NEVER;
  }
});
const optionalUsdAmount = z
  .string()
  .optional()
  .transform((value, context) => {
    if (value === undefined || value.trim() === '') return undefined;
    try {
      return usdToMicros(value);
    } catch {
      context.addIssue({ code: 'custom', message: 'must be a dollar amount such as 5 or 0.50, or empty' });
      return z.NEVER;
    }
  });

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export type OpenAiCompatibleEndpoint = z.infer<typeof openAiCompatibleListSchema>[number];

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalString.refine(
    (value) => value === undefined || /^postgres(ql)?:\/\//.test(value),
    'must be a postgres:// URL (leave it empty to use the embedded SQLite database)',
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: booleanString.default(false),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** log2 of scrypt's cost: 15 ≈ 32 MiB and ~60 ms per hash here; tests use less. */
  PASSWORD_HASH_LOG2_COST: z.coerce.number().int().min(10).max(20).default(15),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  /** Serve the built web app from web/dist (off for API-only test servers). */
  SERVE_WEB: booleanString.default(true),

  /**
   * Encrypts provider keys saved in the app (AES-256-GCM). Without it, SQLite uses a key file
   * created in DATA_DIR when the first key is saved; with DATABASE_URL it is needed to save keys.
   */
  CHARLA_SECRET: optionalString.refine(
    (value) => value === undefined || value.length >= 16,
    'must be at least 16 characters (e.g. the output of `openssl rand -base64 32`)',
  ),

  // --- AI providers (none is required: everything that needs no model works without a key) ---
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: z.url().default('https://api.anthropic.com/v1'),
  MISTRAL_API_KEY: optionalString,
  MISTRAL_BASE_URL: z.url().default('https://api.mistral.ai/v1'),
  /** JSON list of OpenAI-compatible servers: [{"name","baseURL","apiKey"?,"models"?:[...],"parallel"?}]. */
  OPENAI_COMPATIBLE_ENDPOINTS: z
    .string()
    .default('[]')
    .transform((value, context) => {
      try {
        return openAiCompatibleListSchema.parse(JSON.parse(value || '[]'));
      } catch (error) {
        context.addIssue({
          code: 'custom',
          message: `must be a JSON list like [{"name":"ollama","baseURL":"http://127.0.0.1:11434/v1","models":["llama3.2"]}] (${error instanceof Error ? error.message.split('\n')[0] : 'invalid'})`,
        });
        return z.NEVER;
      }
    }),
  /** Where catalogue models (hf: addresses) are downloaded from: the Hugging Face hub or a mirror. */
  HF_ENDPOINT: z.url().default('https://huggingface.co'),
  OLLAMA_DETECT: booleanString.default(true),
  OLLAMA_URL: z.url().default('http://127.0.0.1:11434'),
  /** Ordered provider chains per role, e.g. "anthropic:claude-haiku-4-5,mistral:mistral-small-latest". */
  LLM_CHAIN_CONVERSATION: optionalString,
  LLM_CHAIN_FEEDBACK: optionalString,
  LLM_CHAIN_SUMMARY: optionalString,
  LLM_CHAIN_EXERCISES: optionalString,
  /**
   * Speech chains, e.g. "openai:whisper-1,mistral:voxtral-mini-latest" and
   * "openai:tts-1;voice=nova"; a chain set in the app wins. Without one, that speech function is off.
   */
  SPEECH_CHAIN_TRANSCRIBE: optionalString,
  SPEECH_CHAIN_SPEAK: optionalString,
  /** How long one speech call (upload, transcription or synthesis) may take before the chain moves on. */
  SPEECH_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  /** Disk the synthesis cache (DATA_DIR/speech-cache) may use, in MB; the least recently played goes first. 0 = no cache. */
  SPEECH_CACHE_MAX_MB: z.coerce.number().min(0).max(100_000).default(200),
  LLM_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  LLM_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  LLM_TOTAL_TIMEOUT_MS: z.coerce.number().int().min(1000).max(1_800_000).default(120_000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  LLM_RETRY_BASE_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  /** A retry-after longer than this is not waited for: the chain falls back instead. */
  LLM_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),

  // --- Conversation memory ---
  REPLY_MAX_OUTPUT_TOKENS: z.coerce.number().int().min(16).max(8192).default(600),
  /**
   * How often a streaming reply's text is saved as it grows (0: only at its end). After a crash the
   * learner keeps what was saved, at most this far behind what they saw.
   */
  REPLY_SAVE_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** This server's persistent id (default: host name and port), so a restart recovers its own work at once. */
  CHARLA_INSTANCE_ID: optionalString,
  /** Name conversations from what they are about (a short summary-role call, metered as `title`). */
  AUTO_TITLES: booleanString.default(true),
  /** Output cap of the per-turn feedback analysis (corrections, rephrasing, new words, goals). */
  FEEDBACK_MAX_OUTPUT_TOKENS: z.coerce.number().int().min(100).max(8192).default(800),
  /** A self-hosted LanguageTool server (its /v2/check API) whose matches join the offline checks; empty = none. */
  LANGUAGETOOL_URL: optionalString.refine(
    (value) => value === undefined || /^https?:\/\//.test(value),
    "must be an http(s) URL such as http://127.0.0.1:8010 (leave it empty to use Charla's own checks only)",
  ),
  /** How long a LanguageTool check may take before the feedback goes on without it. */
  LANGUAGETOOL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  /** Budget (estimated tokens) for the most recent turns sent verbatim each turn. */
  MEMORY_WINDOW_TOKENS: z.coerce.number().int().min(200).max(200_000).default(2000),
  /** Upper bound on the rolling summary of older turns. */
  MEMORY_SUMMARY_MAX_TOKENS: z.coerce.number().int().min(50).max(4000).default(400),

  // --- Budgets and prices (amounts in USD in the environment, micro-dollars once parsed) ---
  /** IANA zone whose midnights start budget days and months, and progress days (streaks, daily goal). */
  TIME_ZONE: z
    .string()
    .default('UTC')
    .refine(isTimeZone, 'must be an IANA time zone such as UTC or Europe/Madrid'),
  /** Server-wide monthly cap (micro-dollars once parsed); admins can change it at run time. */
  BUDGET_SERVER_MONTHLY_USD: usdAmount.default(30_000_000),
  /** Default monthly cap per member (micro-dollars once parsed); empty = none. */
  BUDGET_MEMBER_MONTHLY_USD: optionalUsdAmount,
  /** Default daily cap per member (micro-dollars once parsed); empty = none. */
  BUDGET_MEMBER_DAILY_USD: optionalUsdAmount,
  /** At a cap: refuse the call (block) or switch to the cheaper chain (downgrade); admins change it in the app. */
  BUDGET_POLICY: z.enum(['block', 'downgrade']).default('block'),
  /** The cheaper chain at a cap under downgrade, e.g. "ollama" or "mistral:mistral-small-latest"; one set in the app wins. */
  BUDGET_DOWNGRADE_CHAIN: optionalString,
  /** JSON {"provider:model": {"input": 1, "output": 5, …}} in USD per million tokens; wins over content/prices.json. */
  PRICE_OVERRIDES: z
    .string()
    .default('{}')
    .transform((value, context) => {
      try {
        return priceOverridesSchema.parse(JSON.parse(value || '{}'));
      } catch (error) {
        context.addIssue({
          code: 'custom',
          message: `must be JSON like {"anthropic:claude-haiku-4-5":{"input":1,"output":5}} (${error instanceof Error ? error.message.split('\n')[0] : 'invalid'})`,
        });
        return z.NEVER;
      }
    }),
  /** How a model missing from the price table is priced: highest, zero, or as "provider:model". */
  PRICE_FALLBACK: z.string().trim().min(1).default('highest'),
});

export type Config = z.infer<typeof configSchema> & {
  /** 'postgres' when DATABASE_URL is set, otherwise the embedded SQLite file in DATA_DIR. */
  databaseKind: 'sqlite' | 'postgres';
  /** Per-language chains from LLM_CHAIN_<ROLE>_<LANG> (e.g. LLM_CHAIN_CONVERSATION_FR), keyed "role:lang". */
  languageChains: Record<string, string>;
};

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses settings from an environment-like record. Throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const key = issue.path.join('.') || 'environment';
        const value = env[key];
        const shown = value === undefined || /KEY|SECRET|PASSWORD|URL/.test(key) ? '' : ` (got "${value}")`;
        return `${key}: ${issue.message}${shown}`;
      }),
    );
  }
  const languageChains: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^LLM_CHAIN_(CONVERSATION|FEEDBACK|SUMMARY|EXERCISES)_([A-Z]{2})$/.exec(key);
    if (match?.[1] && match[2] && value?.trim())
      languageChains[`${match[1].toLowerCase()}:${match[2].toLowerCase()}`] = value.trim();
  }
  return { ...result.data, databaseKind: result.data.DATABASE_URL ? 'postgres' : 'sqlite', languageChains };
}
