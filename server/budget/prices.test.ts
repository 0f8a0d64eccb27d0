import { describe, expect, it } from 'vitest';
import { formatUsd, microsToUsdInput, usdToMicros } from '../../contracts/budget.ts';
import type { TokenUsage } from '../llm/types.ts';
import { costOfSpeech, costOfUsage, createPriceTable, maximumCallCost } from './prices.ts';

const usage = (partial: Partial<TokenUsage>): TokenUsage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  estimated: false,
  ...partial,
});

describe('money', () => {
  it('parses dollar amounts into integer micro-dollars without floating point', () => {
    expect(usdToMicros('30')).toBe(30_000_000);
    expect(usdToMicros('0.1')).toBe(100_000);
    expect(usdToMicros(0.2)).toBe(200_000);
    expect(usdToMicros('1.25')).toBe(1_250_000);
    expect(usdToMicros('$2.50')).toBe(2_500_000);
    expect(usdToMicros('0.000001')).toBe(1);
    // 0.1 + 0.2 in floating point is 0.30000000000000004; the parser never adds floats.
    expect(usdToMicros('0.3')).toBe(usdToMicros('0.1') + usdToMicros('0.2'));
  });

  it('refuses amounts it cannot represent exactly', () => {
    for (const bad of ['-1', '0.0000001', '1e-7', 'abc', '', '1.2.3']) {
      expect(() => usdToMicros(bad), bad).toThrow(RangeError);
    }
  });

  it('formats micro-dollars for people and back for input boxes', () => {
    expect(formatUsd(30_000_000)).toBe('$30.00');
    expect(formatUsd(1_234_567_890)).toBe('$1,234.57');
    expect(formatUsd(3_100)).toBe('$0.0031');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(19_500, { precise: true })).toBe('$0.0195');
    expect(formatUsd(30_000, { precise: true })).toBe('$0.03');
    expect(formatUsd(25_000, { precise: true })).toBe('$0.025');
    expect(formatUsd(12_340_000, { precise: true })).toBe('$12.34');
    expect(microsToUsdInput(12_500_000)).toBe('12.5');
    expect(microsToUsdInput(5_000_000)).toBe('5');
    expect(microsToUsdInput(1)).toBe('0.000001');
  });
});

describe('price table', () => {
  const table = createPriceTable({});

  it('carries the dated contract prices for Anthropic and Mistral', () => {
    expect(table.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const haiku = table.resolve({ provider: 'anthropic', model: 'claude-haiku-4-5' });
    expect(haiku).toMatchObject({ origin: 'table', fallback: false });
    expect(haiku.rates).toEqual({
      input: 1_000_000,
      output: 5_000_000,
      cacheRead: 100_000,
      cacheWrite5m: 1_250_000,
      cacheWrite1h: 2_000_000,
    });
    expect(table.resolve({ provider: 'anthropic', model: 'claude-opus-5' }).rates.output).toBe(25_000_000);
    expect(table.resolve({ provider: 'mistral', model: 'mistral-small-latest' }).rates).toMatchObject({
      input: 200_000,
      output: 600_000,
    });
    expect(table.resolve({ provider: 'mistral', model: 'mistral-medium-latest' }).rates.output).toBe(
      2_000_000,
    );
  });

  it('prices local providers at zero and flags unknown models priced by the fallback', () => {
    expect(table.resolve({ provider: 'ollama', model: 'llama3.2', local: true })).toMatchObject({
      origin: 'local',
      fallback: false,
      rates: { input: 0, output: 0 },
    });
    const unknown = table.resolve({ provider: 'openrouter', model: 'mystery-model' });
    expect(unknown.fallback).toBe(true);
    // "highest": never below any known model, so an unknown model cannot be under-charged.
    expect(unknown.rates).toEqual({
      input: 5_000_000,
      output: 25_000_000,
      cacheRead: 2_000_000,
      cacheWrite5m: 6_250_000,
      cacheWrite1h: 10_000_000,
    });
    expect(createPriceTable({ fallback: 'zero' }).resolve({ provider: 'x', model: 'y' }).rates.output).toBe(
      0,
    );
    expect(
      createPriceTable({ fallback: 'mistral:mistral-small-latest' }).resolve({ provider: 'x', model: 'y' })
        .rates.output,
    ).toBe(600_000);
    expect(() => createPriceTable({ fallback: 'nobody:nothing' })).toThrow(/PRICE_FALLBACK/);
  });

  it('lets configuration override a price, add a model, or price a whole endpoint', () => {
    const overridden = createPriceTable({
      overrides: {
        'anthropic:claude-haiku-4-5': { input: 0.8 },
        'deepseek:*': { input: '0.27', output: '1.10' },
      },
    });
    const haiku = overridden.resolve({ provider: 'anthropic', model: 'claude-haiku-4-5' });
    expect(haiku.origin).toBe('override');
    // Only the input changes; the rest stays as the table says.
    expect(haiku.rates).toMatchObject({ input: 800_000, output: 5_000_000, cacheRead: 100_000 });
    const deepseek = overridden.resolve({ provider: 'deepseek', model: 'deepseek-chat' });
    expect(deepseek).toMatchObject({ origin: 'override', fallback: false });
    // Cache rates an override leaves out equal the input rate: no unstated discount.
    expect(deepseek.rates).toEqual({
      input: 270_000,
      output: 1_100_000,
      cacheRead: 270_000,
      cacheWrite5m: 270_000,
      cacheWrite1h: 270_000,
    });
    const view = overridden.view(new Date('2026-11-24T00:00:00Z'));
    expect(view.models.find((model) => model.provider === 'deepseek')?.origin).toBe('override');
  });

  it('marks the table stale after 90 days', () => {
    const file = {
      effectiveDate: '2026-01-01',
      source: 'test',
      units: 'USD',
      models: [{ provider: 'a', model: 'b', input: 1, output: 2 }],
    };
    expect(createPriceTable({ file }).view(new Date('2026-03-31T12:00:00Z'))).toMatchObject({
      ageDays: 89,
      stale: false,
    });
    expect(createPriceTable({ file }).view(new Date('2026-04-02T12:00:00Z')).stale).toBe(true);
  });
});

describe('call costs', () => {
  const rates = createPriceTable({}).resolve({ provider: 'anthropic', model: 'claude-haiku-4-5' }).rates;

  it('prices uncached input, cache reads, 5-minute and 1-hour cache writes and output at their own rates', () => {
    // 1,000 × $1/M + 10,000 × $0.10/M + 2,000 × $1.25/M + 100 × $5/M = 1,000 + 1,000 + 2,500 + 500 µ$.
    expect(
      costOfUsage(
        rates,
        usage({ inputTokens: 1000, cacheReadTokens: 10_000, cacheWriteTokens: 2000, outputTokens: 100 }),
      ),
    ).toBe(5000);
    // The same writes with a 1-hour TTL cost 2 × input: 4,000 instead of 2,500.
    expect(
      costOfUsage(
        rates,
        usage({
          inputTokens: 1000,
          cacheReadTokens: 10_000,
          cacheWriteTokens: 2000,
          cacheWrite1hTokens: 2000,
          outputTokens: 100,
        }),
      ),
    ).toBe(6500);
    // Cache reads are not charged as input: 10,000 read tokens cost what 1,000 input tokens do.
    expect(costOfUsage(rates, usage({ cacheReadTokens: 10_000 }))).toBe(
      costOfUsage(rates, usage({ inputTokens: 1000 })),
    );
  });

  it('rounds once per call, upwards, to a whole micro-dollar', () => {
    const mistralSmall = createPriceTable({}).resolve({
      provider: 'mistral',
      model: 'mistral-small-latest',
    }).rates;
    // 1 input token at $0.20/M is 0.2 µ$: charged 1 µ$, never 0.
    expect(costOfUsage(mistralSmall, usage({ inputTokens: 1 }))).toBe(1);
    // 5 tokens = exactly 1 µ$: no rounding needed, none applied.
    expect(costOfUsage(mistralSmall, usage({ inputTokens: 5 }))).toBe(1);
    // 3 input + 1 output = 0.6 + 0.6 = 1.2 µ$ → 2 µ$.
    // 7 input + 1 output = 1.4 + 0.6 = exactly 2 µ$ → 2 µ$: the parts are summed before the one
    // rounding (rounding each part up would charge 2 + 1 = 3).
    expect(costOfUsage(mistralSmall, usage({ inputTokens: 3, outputTokens: 1 }))).toBe(2);
    expect(costOfUsage(mistralSmall, usage({ inputTokens: 7, outputTokens: 1 }))).toBe(2);
    expect(costOfUsage(mistralSmall, usage({}))).toBe(0);
  });

  it('reserves every byte as a token at the dearest input-side rate, plus the whole output cap', () => {
    // 4,000 bytes × $1.25/M (cache writes possible) + 600 × $5/M = 5,000 + 3,000 µ$.
    expect(maximumCallCost(rates, { promptBytes: 4000, maxOutputTokens: 600, cacheWrite: '5m' })).toBe(8000);
    // Without cache breakpoints the input rate bounds it.
    expect(maximumCallCost(rates, { promptBytes: 4000, maxOutputTokens: 600 })).toBe(7000);
    // Whatever the usage of such a call, it never costs more than its reservation.
    const worst = usage({ cacheWriteTokens: 4000, outputTokens: 600 });
    expect(costOfUsage(rates, worst)).toBeLessThanOrEqual(
      maximumCallCost(rates, { promptBytes: 4000, maxOutputTokens: 600, cacheWrite: '5m' }),
    );
  });

  it('prices speech per minute of audio and per million characters', () => {
    const table = createPriceTable({});
    const whisper = table.resolve({ provider: 'openai', model: 'whisper-1' }).speech;
    // 90 s at $0.006/min = $0.009.
    expect(costOfSpeech(whisper, { audioMs: 90_000 })).toBe(9000);
    // 1 ms rounds up to 1 µ$.
    expect(costOfSpeech(whisper, { audioMs: 1 })).toBe(1);
    const tts = table.resolve({ provider: 'openai', model: 'tts-1' }).speech;
    // 1,000 characters at $15/M = $0.015.
    expect(costOfSpeech(tts, { characters: 1000 })).toBe(15_000);
    expect(table.resolve({ provider: 'mistral', model: 'voxtral-mini-latest' }).speech.sttPerMinute).toBe(
      2000,
    );
  });

  it('prices a speech model missing from the table by the fallback rule, never for free unless local', () => {
    const highest = createPriceTable({}).resolve({ provider: 'groq', model: 'whisper-large-v3' });
    expect(highest.fallback).toBe(true);
    // The table's dearest speech rates: $0.006/min (whisper-1) and $30/M characters (tts-1-hd).
    expect(highest.speech).toEqual({ sttPerMinute: 6000, ttsPerMillionChars: 30_000_000 });
    expect(createPriceTable({ fallback: 'zero' }).resolve({ provider: 'groq', model: 'x' }).speech).toEqual({
      sttPerMinute: 0,
      ttsPerMillionChars: 0,
    });
    expect(
      createPriceTable({ fallback: '*:whisper-1' }).resolve({ provider: 'groq', model: 'x' }).speech
        .sttPerMinute,
    ).toBe(6000);
    expect(
      createPriceTable({}).resolve({ provider: 'groq', model: 'whisper-large-v3', local: true }).speech,
    ).toEqual({ sttPerMinute: null, ttsPerMillionChars: null });
  });
});
