import { z } from 'zod';
import { chainLinkSchema } from './chain-link.ts';
import {
  formatUsd,
  isUsdAmount,
  maxCapMicros,
  microsPerDollar,
  microsToUsdInput,
  usdToMicros,
} from './money.ts';

/*
 * Budgets and usage: the API contract, plus the money helpers the server and the web app share.
 * Money is integer micro-dollars (µ$, 1 USD = 1,000,000 µ$) in every field named `…Micros`.
 */

export { formatUsd, isUsdAmount, maxCapMicros, microsPerDollar, microsToUsdInput, usdToMicros };

// --- Price table -----------------------------------------------------------------------------

const usdRateSchema = z.union([z.number(), z.string()]).refine(isUsdAmount, {
  message: 'must be a non-negative dollar amount with at most 6 decimals',
});

/** One price entry as written in content/prices.json or PRICE_OVERRIDES (USD, per million tokens). */
export const priceRatesInputSchema = z.strictObject({
  input: usdRateSchema.optional(),
  output: usdRateSchema.optional(),
  cacheRead: usdRateSchema.optional(),
  cacheWrite5m: usdRateSchema.optional(),
  cacheWrite1h: usdRateSchema.optional(),
  /** Speech to text, USD per minute of audio. */
  sttPerMinute: usdRateSchema.optional(),
  /** Text to speech, USD per million characters. */
  ttsPerMillionChars: usdRateSchema.optional(),
  /** Token-priced text to speech (gpt-4o-mini-tts): USD per million text input tokens… */
  ttsInputPerMillionTokens: usdRateSchema.optional(),
  /** …and per million audio output tokens… */
  ttsAudioPerMillionTokens: usdRateSchema.optional(),
  /** …of which a minute of speech holds this many (the vendor's published per-minute estimate). */
  ttsAudioTokensPerMinute: z.number().int().positive().max(1_000_000).optional(),
});
export type PriceRatesInput = z.infer<typeof priceRatesInputSchema>;

/** PRICE_OVERRIDES: `{"provider:model": {…}}`; `*` stands for any provider or any model. */
export const priceOverridesSchema = z.record(
  z.string().regex(/^[^:\s]+:[^\s]+$/, 'keys look like "provider:model", e.g. "anthropic:claude-haiku-4-5"'),
  priceRatesInputSchema,
);
export type PriceOverrides = z.infer<typeof priceOverridesSchema>;

/** Resolved rates in integer micro-dollars per million tokens (= USD per token × 10^12 / 10^6). */
export const priceRatesSchema = z.object({
  input: z.number(),
  output: z.number(),
  cacheRead: z.number(),
  cacheWrite5m: z.number(),
  cacheWrite1h: z.number(),
});
export type PriceRates = z.infer<typeof priceRatesSchema>;

export const priceTableSchema = z.object({
  effectiveDate: z.string(),
  source: z.string(),
  units: z.string(),
  notes: z.array(z.string()),
  /** Days between the table's date and today; the admin UI warns above 90. */
  ageDays: z.number(),
  stale: z.boolean(),
  /** How a model missing from the table is priced, e.g. "highest" or "zero". */
  fallbackRule: z.string(),
  fallbackRates: priceRatesSchema,
  models: z.array(
    priceRatesSchema.extend({
      provider: z.string(),
      model: z.string(),
      origin: z.enum(['table', 'override']),
      /** Who set the override in the app and when; null for the table and PRICE_OVERRIDES. */
      overriddenBy: z.string().nullable(),
      overriddenAt: z.string().nullable(),
    }),
  ),
  speech: z.array(
    z.object({
      provider: z.string(),
      model: z.string(),
      /** Micro-dollars per minute of audio transcribed. */
      sttPerMinuteMicros: z.number().nullable(),
      /** Micro-dollars per million characters spoken. */
      ttsPerMillionCharsMicros: z.number().nullable(),
      /** Token-priced speech: micro-dollars per million text input / audio output tokens. */
      ttsInputPerMillionTokensMicros: z.number().nullable().optional(),
      ttsAudioPerMillionTokensMicros: z.number().nullable().optional(),
      /** Audio output tokens per minute of speech (token-priced speech). */
      ttsAudioTokensPerMinute: z.number().nullable().optional(),
      origin: z.enum(['table', 'override']),
    }),
  ),
});
export type PriceTableView = z.infer<typeof priceTableSchema>;

// --- Budgets ---------------------------------------------------------------------------------

export const budgetPolicySchema = z.enum(['block', 'downgrade']);
export type BudgetPolicy = z.infer<typeof budgetPolicySchema>;

export const budgetScopeSchema = z.enum(['member', 'server']);
export type BudgetScope = z.infer<typeof budgetScopeSchema>;

export const budgetPeriodKindSchema = z.enum(['month', 'day']);

/** `details` of a 402 `budget_exceeded` error: whose cap, how much, and when it resets. */
export const budgetExceededDetailsSchema = z.object({
  scope: budgetScopeSchema,
  period: budgetPeriodKindSchema,
  capMicros: z.number(),
  spentMicros: z.number(),
  /** Held by calls in flight right now. */
  reservedMicros: z.number(),
  /** The most the refused call could have cost. */
  requiredMicros: z.number(),
  resetsAt: z.string(),
  timeZone: z.string(),
});
export type BudgetExceededDetails = z.infer<typeof budgetExceededDetailsSchema>;

const capMicrosSchema = z
  .number()
  .int('must be a whole number of micro-dollars')
  .min(0, 'must not be negative')
  .max(maxCapMicros, 'must be at most $1,000,000');

/** `PUT /api/admin/members/:id/budget`. `null` means "use the server's default for members". */
export const memberBudgetUpdateSchema = z.strictObject({
  monthlyCapMicros: capMicrosSchema.nullable(),
  dailyCapMicros: capMicrosSchema.nullable().default(null),
});
export type MemberBudgetUpdate = z.input<typeof memberBudgetUpdateSchema>;

export const memberBudgetSchema = z.object({
  userId: z.string(),
  /** The member's own caps; null = the server default applies. */
  monthlyCapMicros: z.number().nullable(),
  dailyCapMicros: z.number().nullable(),
  /** The caps in force (own or default); null = no cap of that kind for this member. */
  effectiveMonthlyCapMicros: z.number().nullable(),
  effectiveDailyCapMicros: z.number().nullable(),
});
export type MemberBudget = z.infer<typeof memberBudgetSchema>;

export const downgradeChainSchema = z.object({
  /** The links as set; a model "" is the provider's default (possible in BUDGET_DOWNGRADE_CHAIN). */
  links: z.array(z.object({ provider: z.string(), model: z.string() })),
  /** Where it is set: in the app (wins), the server's environment, or nowhere (null). */
  source: z.enum(['app', 'environment']).nullable(),
  /** What a call at the cap goes to now (providers that exist, default models filled in); empty: it is refused. */
  effective: z.array(z.object({ provider: z.string(), model: z.string() })),
});
export type DowngradeChain = z.infer<typeof downgradeChainSchema>;

export const serverBudgetSchema = z.object({
  monthlyCapMicros: z.number(),
  policy: budgetPolicySchema,
  /** The cheaper chain a call goes to at a cap under the downgrade policy. */
  downgradeChain: downgradeChainSchema,
  defaultMemberMonthlyCapMicros: z.number().nullable(),
  defaultMemberDailyCapMicros: z.number().nullable(),
  timeZone: z.string(),
});
export type ServerBudget = z.infer<typeof serverBudgetSchema>;

/** `PUT /api/admin/budget`: only the fields sent change. */
export const serverBudgetUpdateSchema = z
  .strictObject({
    monthlyCapMicros: capMicrosSchema.optional(),
    policy: budgetPolicySchema.optional(),
    defaultMemberMonthlyCapMicros: capMicrosSchema.nullable().optional(),
    defaultMemberDailyCapMicros: capMicrosSchema.nullable().optional(),
    /** The cheaper chain, in order; an empty list removes the app's (BUDGET_DOWNGRADE_CHAIN applies, if set). */
    downgradeChain: z.array(chainLinkSchema).max(8).optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to update' });
export type ServerBudgetUpdate = z.input<typeof serverBudgetUpdateSchema>;

// --- Usage reports ---------------------------------------------------------------------------

const tokenTotals = {
  calls: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
  costMicros: z.number(),
};

/**
 * Why a model call was made: one closed list, every ledger row carries one of these. Rows stored
 * before the list as `summary` were renamed `memory-summary` by a migration.
 */
export const ledgerPurposeSchema = z.enum([
  'reply',
  'feedback',
  'memory-summary',
  'roleplay-report',
  'title',
  'exercise',
  'reading-glossary',
  'reading-rewrite',
  'reading-questions',
  'transcription',
  'synthesis',
  'provider-test',
]);
export type LedgerPurpose = z.infer<typeof ledgerPurposeSchema>;

export const usageByPurposeSchema = z.object({ purpose: z.string(), ...tokenTotals });
export const usageByModelSchema = z.object({
  provider: z.string(),
  model: z.string(),
  /** Priced by the fallback rule: the model is missing from the price table. */
  priceFallback: z.boolean(),
  ...tokenTotals,
});
export const usageByProviderSchema = z.object({ provider: z.string(), ...tokenTotals });
export const usageDaySchema = z.object({ date: z.string(), calls: z.number(), costMicros: z.number() });

export const usagePeriodSchema = z.object({
  month: z.string(),
  start: z.string(),
  end: z.string(),
  timeZone: z.string(),
  /** Whether this is the month in progress (caps and remaining apply to it). */
  current: z.boolean(),
});

export const budgetAlertSchema = z.object({
  id: z.string(),
  scope: budgetScopeSchema,
  periodKey: z.string(),
  /** 50, 75, 90 or 100 (per cent of the monthly cap). */
  threshold: z.number(),
  message: z.string(),
  createdAt: z.string(),
});
export type BudgetAlert = z.infer<typeof budgetAlertSchema>;

export const usageQuerySchema = z.strictObject({
  month: z
    .string()
    // From the year 2000: JavaScript's dates read the years 0–99 as 1900–1999, and no usage is older.
    .regex(/^[2-9]\d{3}-(0[1-9]|1[0-2])$/, 'must be a month like 2026-11')
    .optional(),
});

/** `GET /api/me/usage`. */
export const myUsageSchema = z.object({
  period: usagePeriodSchema,
  spentMicros: z.number(),
  todaySpentMicros: z.number(),
  /** Held by this member's calls in flight. */
  reservedMicros: z.number(),
  monthlyCapMicros: z.number().nullable(),
  dailyCapMicros: z.number().nullable(),
  /** What this member can still spend this month (the tighter of their cap and the server's). */
  remainingMicros: z.number(),
  /** Which cap leaves the least room. */
  limitedBy: budgetScopeSchema,
  resetsAt: z.string(),
  policy: budgetPolicySchema,
  byPurpose: z.array(usageByPurposeSchema),
  byModel: z.array(usageByModelSchema),
  daily: z.array(usageDaySchema),
  alerts: z.array(budgetAlertSchema),
});
export type MyUsage = z.infer<typeof myUsageSchema>;

export const memberUsageSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: z.string(),
  isChild: z.boolean(),
  disabled: z.boolean(),
  budget: memberBudgetSchema,
  spentMicros: z.number(),
  todaySpentMicros: z.number(),
  reservedMicros: z.number(),
  calls: z.number(),
});
export type MemberUsage = z.infer<typeof memberUsageSchema>;

/** `GET /api/admin/usage`. */
export const adminUsageSchema = z.object({
  period: usagePeriodSchema,
  server: serverBudgetSchema.extend({
    spentMicros: z.number(),
    reservedMicros: z.number(),
    remainingMicros: z.number(),
  }),
  members: z.array(memberUsageSchema),
  /** Spending of members deleted since: it still counts towards the server's total. */
  formerMembersSpentMicros: z.number(),
  daily: z.array(usageDaySchema),
  byProvider: z.array(usageByProviderSchema),
  byModel: z.array(usageByModelSchema),
  byPurpose: z.array(usageByPurposeSchema),
  /** Models priced by the fallback rule this month: add them to PRICE_OVERRIDES. */
  unknownModels: z.array(usageByModelSchema),
  prices: z.object({ effectiveDate: z.string(), ageDays: z.number(), stale: z.boolean() }),
});
export type AdminUsage = z.infer<typeof adminUsageSchema>;

export const alertSeenSchema = z.strictObject({
  ids: z.array(z.uuid('must be an alert id')).min(1).max(100),
});
