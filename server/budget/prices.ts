import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  type PriceOverrides,
  type PriceRates,
  type PriceRatesInput,
  type PriceTableView,
  priceRatesInputSchema,
  usdToMicros,
} from '../../contracts/budget.ts';
import type { TokenUsage } from '../llm/types.ts';

/*
 * Prices are data (content/prices.json, dated), overridable from configuration (PRICE_OVERRIDES).
 * Rates are kept as integer micro-dollars per million tokens: "$1.25 per million tokens" is
 * 1,250,000. Because a price per million tokens in USD equals micro-dollars per token, a call's
 * exact cost is Σ tokens × rate / 10^6 µ$.
 *
 * Rounding rule: each call's components are summed exactly (integer arithmetic), then the total is
 * rounded UP once, to the next whole micro-dollar. A call is never priced below what it cost, and
 * the over-statement is under 1 µ$ per call (under $1 per million calls).
 */

const tableFile = new URL('../../content/prices.json', import.meta.url);

const tableEntrySchema = priceRatesInputSchema.extend({
  provider: z.string().min(1),
  model: z.string().min(1),
});

const tableFileSchema = z.strictObject({
  effectiveDate: z.iso.date(),
  source: z.string(),
  units: z.string(),
  notes: z.array(z.string()).default([]),
  models: z.array(tableEntrySchema),
  speech: z.array(tableEntrySchema).default([]),
});
export type PriceTableFile = z.input<typeof tableFileSchema>;

export type SpeechRates = { sttPerMinute: number | null; ttsPerMillionChars: number | null };

type Entry = {
  provider: string;
  model: string;
  rates: PriceRates;
  speech: SpeechRates;
  origin: 'table' | 'override';
  /** Who set an override in the app, and when (null for the table and PRICE_OVERRIDES). */
  overriddenBy: string | null;
  overriddenAt: string | null;
};

/** A price override an admin set in the app (USD per million tokens, as entered). */
export type AppPriceOverride = {
  provider: string;
  model: string;
  rates: PriceRatesInput;
  updatedBy: string;
  updatedAt: string;
};

/** How a model is priced: from the table, an override, free because it is local, or the fallback. */
export type PriceOrigin = 'table' | 'override' | 'local' | 'fallback';

export type ResolvedPrice = {
  rates: PriceRates;
  speech: SpeechRates;
  origin: PriceOrigin;
  /** The model is unknown to the table: priced by the fallback rule and flagged on its ledger rows. */
  fallback: boolean;
};

export type PriceTable = {
  effectiveDate: string;
  source: string;
  units: string;
  notes: string[];
  fallbackRule: string;
  /** Price for one model of one provider. `local` (a loopback endpoint) is always free. */
  resolve(link: { provider: string; model: string; local?: boolean }): ResolvedPrice;
  view(now: Date): PriceTableView;
};

export const zeroRates: PriceRates = { input: 0, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 };
const noSpeech: SpeechRates = { sttPerMinute: null, ttsPerMillionChars: null };

const micros = (value: string | number | undefined) => (value === undefined ? undefined : usdToMicros(value));

/**
 * Rates from an entry. When a cache rate is missing it equals the input rate: no discount is
 * assumed that the table does not state, so a model is never under-priced.
 */
function toRates(input: PriceRatesInput, base?: PriceRates): PriceRates {
  const inputRate = micros(input.input) ?? base?.input ?? 0;
  return {
    input: inputRate,
    output: micros(input.output) ?? base?.output ?? 0,
    cacheRead: micros(input.cacheRead) ?? base?.cacheRead ?? inputRate,
    cacheWrite5m: micros(input.cacheWrite5m) ?? base?.cacheWrite5m ?? inputRate,
    cacheWrite1h: micros(input.cacheWrite1h) ?? base?.cacheWrite1h ?? inputRate,
  };
}

function toSpeech(input: PriceRatesInput, base?: SpeechRates): SpeechRates {
  return {
    sttPerMinute: micros(input.sttPerMinute) ?? base?.sttPerMinute ?? null,
    ttsPerMillionChars: micros(input.ttsPerMillionChars) ?? base?.ttsPerMillionChars ?? null,
  };
}

function highestRates(entries: Entry[]): PriceRates {
  const highest = { ...zeroRates };
  for (const { rates } of entries) {
    for (const key of Object.keys(highest) as Array<keyof PriceRates>) {
      highest[key] = Math.max(highest[key], rates[key]);
    }
  }
  return highest;
}

export function readPriceTableFile(): PriceTableFile {
  return JSON.parse(readFileSync(tableFile, 'utf8')) as PriceTableFile;
}

/**
 * Builds the price table from the content file and the configured overrides. `fallback` prices a
 * model missing from the table: "highest" (the highest rate of every kind in the table, so an
 * unknown model can never be under-priced), "zero", or "provider:model" (as that model).
 * Throws with a readable message when the file, an override or the fallback is invalid.
 */
export function createPriceTable(options: {
  file?: PriceTableFile;
  overrides?: PriceOverrides;
  /** Overrides set in the app: they win over PRICE_OVERRIDES and the table. */
  appOverrides?: AppPriceOverride[];
  fallback?: string;
}): PriceTable {
  const file = tableFileSchema.parse(options.file ?? readPriceTableFile());
  const entries = new Map<string, Entry>();
  const keyOf = (provider: string, model: string) => `${provider}\u0000${model}`;
  for (const item of [...file.models, ...file.speech]) {
    const existing = entries.get(keyOf(item.provider, item.model));
    entries.set(keyOf(item.provider, item.model), {
      provider: item.provider,
      model: item.model,
      rates: toRates(item, existing?.rates),
      speech: toSpeech(item, existing?.speech),
      origin: 'table',
      overriddenBy: null,
      overriddenAt: null,
    });
  }
  const chatEntries = () => [...entries.values()].filter((entry) => entry.rates.output > 0);
  const tableHighest = highestRates(chatEntries());
  const override = (
    provider: string,
    model: string,
    value: PriceRatesInput,
    by: string | null,
    at: string | null,
  ) => {
    const existing = entries.get(keyOf(provider, model));
    entries.set(keyOf(provider, model), {
      provider,
      model,
      rates: toRates(value, existing?.rates),
      speech: toSpeech(value, existing?.speech),
      origin: 'override',
      overriddenBy: by,
      overriddenAt: at,
    });
  };
  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    const colon = key.indexOf(':');
    override(key.slice(0, colon), key.slice(colon + 1), value, null, null);
  }
  for (const entry of options.appOverrides ?? [])
    override(entry.provider, entry.model, entry.rates, entry.updatedBy, entry.updatedAt);

  const fallbackRule = options.fallback?.trim() || 'highest';
  let fallbackRates: PriceRates;
  if (fallbackRule === 'highest') fallbackRates = tableHighest;
  else if (fallbackRule === 'zero') fallbackRates = zeroRates;
  else {
    const colon = fallbackRule.indexOf(':');
    const named =
      colon > 0 && entries.get(keyOf(fallbackRule.slice(0, colon), fallbackRule.slice(colon + 1)));
    if (!named) {
      throw new Error(
        `PRICE_FALLBACK must be "highest", "zero" or a priced "provider:model"; "${fallbackRule}" is none of them`,
      );
    }
    fallbackRates = named.rates;
  }
  // Speech has its own units: an unknown speech model is priced at the table's highest speech
  // rates (or zero, or the named model's), so it is never free unless its endpoint is local.
  const speechRated = [...entries.values()].map((entry) => entry.speech);
  const highestSpeech = (pick: (rates: SpeechRates) => number | null) =>
    speechRated.reduce<number | null>((highest, rates) => {
      const value = pick(rates);
      return value === null ? highest : Math.max(highest ?? 0, value);
    }, null);
  const fallbackSpeech: SpeechRates =
    fallbackRule === 'highest'
      ? {
          sttPerMinute: highestSpeech((rates) => rates.sttPerMinute),
          ttsPerMillionChars: highestSpeech((rates) => rates.ttsPerMillionChars),
        }
      : fallbackRule === 'zero'
        ? { sttPerMinute: 0, ttsPerMillionChars: 0 }
        : (entries.get(
            keyOf(
              fallbackRule.slice(0, fallbackRule.indexOf(':')),
              fallbackRule.slice(fallbackRule.indexOf(':') + 1),
            ),
          )?.speech ?? noSpeech);

  function find(provider: string, model: string): Entry | undefined {
    return (
      entries.get(keyOf(provider, model)) ??
      entries.get(keyOf('*', model)) ??
      entries.get(keyOf(provider, '*')) ??
      entries.get(keyOf('*', '*'))
    );
  }

  return {
    effectiveDate: file.effectiveDate,
    source: file.source,
    units: file.units,
    notes: file.notes,
    fallbackRule,
    resolve({ provider, model, local }) {
      if (local) return { rates: zeroRates, speech: noSpeech, origin: 'local', fallback: false };
      const entry = find(provider, model);
      if (entry) return { rates: entry.rates, speech: entry.speech, origin: entry.origin, fallback: false };
      return { rates: fallbackRates, speech: fallbackSpeech, origin: 'fallback', fallback: true };
    },
    view(now) {
      const ageDays = Math.floor(
        (now.getTime() - Date.parse(`${file.effectiveDate}T00:00:00Z`)) / 86_400_000,
      );
      const all = [...entries.values()];
      return {
        effectiveDate: file.effectiveDate,
        source: file.source,
        units: file.units,
        notes: file.notes,
        ageDays,
        stale: ageDays > 90,
        fallbackRule,
        fallbackRates,
        models: all
          .filter((entry) => entry.speech.sttPerMinute === null && entry.speech.ttsPerMillionChars === null)
          .map((entry) => ({
            provider: entry.provider,
            model: entry.model,
            origin: entry.origin,
            overriddenBy: entry.overriddenBy,
            overriddenAt: entry.overriddenAt,
            ...entry.rates,
          })),
        speech: all
          .filter((entry) => entry.speech.sttPerMinute !== null || entry.speech.ttsPerMillionChars !== null)
          .map((entry) => ({
            provider: entry.provider,
            model: entry.model,
            origin: entry.origin,
            sttPerMinuteMicros: entry.speech.sttPerMinute,
            ttsPerMillionCharsMicros: entry.speech.ttsPerMillionChars,
          })),
      };
    },
  };
}

/**
 * A price table that can be swapped while every holder keeps its reference: the meter, the usage
 * reports and the routes all read the newest table after an admin changes an override.
 */
export function createLivePriceTable(initial: PriceTable): PriceTable & { replace(next: PriceTable): void } {
  let current = initial;
  return {
    get effectiveDate() {
      return current.effectiveDate;
    },
    get source() {
      return current.source;
    },
    get units() {
      return current.units;
    },
    get notes() {
      return current.notes;
    },
    get fallbackRule() {
      return current.fallbackRule;
    },
    resolve: (link) => current.resolve(link),
    view: (now) => current.view(now),
    replace(next) {
      current = next;
    },
  };
}

const million = 1_000_000n;

/** Rounds an exact amount in µ$ × 10^6 up to whole micro-dollars (the one rounding of a call). */
function ceilToMicros(exact: bigint): number {
  return Number((exact + million - 1n) / million);
}

/**
 * The cost of one call from its reported usage, in micro-dollars. Uncached input, cache reads,
 * 5-minute and 1-hour cache writes and output are each priced at their own rate; `inputTokens`
 * already excludes cached tokens (the gateway normalises the AI SDK's total), so nothing is
 * counted twice.
 */
export function costOfUsage(rates: PriceRates, usage: TokenUsage): number {
  const write1h = Math.min(usage.cacheWrite1hTokens ?? 0, usage.cacheWriteTokens);
  const write5m = usage.cacheWriteTokens - write1h;
  const exact =
    BigInt(usage.inputTokens) * BigInt(rates.input) +
    BigInt(usage.cacheReadTokens) * BigInt(rates.cacheRead) +
    BigInt(write5m) * BigInt(rates.cacheWrite5m) +
    BigInt(write1h) * BigInt(rates.cacheWrite1h) +
    BigInt(usage.outputTokens) * BigInt(rates.output);
  return ceilToMicros(exact);
}

/**
 * The most a call can cost, reserved before it is made: every byte sent counted as a token (no
 * tokenizer emits more tokens than UTF-8 bytes) at the dearest input-side rate the request can
 * incur — the input rate, or the cache-write rate when the request carries cache breakpoints —
 * plus the output cap at the output rate.
 */
export function maximumCallCost(
  rates: PriceRates,
  request: { promptBytes: number; maxOutputTokens: number; cacheWrite?: '5m' | '1h' | undefined },
): number {
  let inputRate = Math.max(rates.input, rates.cacheRead);
  if (request.cacheWrite === '5m') inputRate = Math.max(inputRate, rates.cacheWrite5m);
  if (request.cacheWrite === '1h') inputRate = Math.max(inputRate, rates.cacheWrite5m, rates.cacheWrite1h);
  const exact =
    BigInt(request.promptBytes) * BigInt(inputRate) + BigInt(request.maxOutputTokens) * BigInt(rates.output);
  return ceilToMicros(exact);
}

/**
 * Speech usage in micro-dollars, rounded up like tokens: transcription per minute of audio
 * (billed by the millisecond), synthesis per million characters. A model missing from the table
 * resolves to the fallback's speech rates (the table's highest by default); only a local endpoint
 * is free.
 */
export function costOfSpeech(speech: SpeechRates, usage: { audioMs?: number; characters?: number }): number {
  // Over the common denominator 3 × 10^6 (the least common multiple of 60,000 ms per minute and
  // 10^6 characters per rate unit), so both parts are exact and share the one rounding.
  const scaled =
    BigInt(Math.ceil(usage.audioMs ?? 0)) * BigInt(speech.sttPerMinute ?? 0) * 50n +
    BigInt(Math.ceil(usage.characters ?? 0)) * BigInt(speech.ttsPerMillionChars ?? 0) * 3n;
  return Number((scaled + 2_999_999n) / 3_000_000n);
}
