import { z } from 'zod';

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
});

export type Config = z.infer<typeof configSchema> & {
  /** 'postgres' when DATABASE_URL is set, otherwise the embedded SQLite file in DATA_DIR. */
  databaseKind: 'sqlite' | 'postgres';
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
  return { ...result.data, databaseKind: result.data.DATABASE_URL ? 'postgres' : 'sqlite' };
}
