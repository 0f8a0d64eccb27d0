import { describe, expect, it } from 'vitest';
import { createCallBudget } from '../budget/call-budget.ts';
import type { BudgetMeter } from '../budget/meter.ts';
import { costOfSpeech, createPriceTable } from '../budget/prices.ts';

/*
 * Speech priced in each model's unit from the dated table (content/prices.json): per minute of
 * audio, per character, and for gpt-4o-mini-tts per text input token plus per audio output token.
 */
const table = createPriceTable({});
const rates = (model: string) => table.resolve({ provider: 'openai', model }).speech;

describe('speech prices', () => {
  it('prices gpt-4o-mini-tts in tokens: $0.60/M text in, $12/M audio out at 1,250 tokens a minute', () => {
    const speech = rates('gpt-4o-mini-tts');
    expect(speech).toMatchObject({
      ttsInputPerMillionTokens: 600_000,
      ttsAudioPerMillionTokens: 12_000_000,
      ttsAudioTokensPerMinute: 1250,
    });
    // A minute of speech from 1,000 text tokens: 600 µ$ + 1,250 × 12 = 15,000 µ$.
    expect(costOfSpeech(speech, { textTokens: 1000, spokenMs: 60_000 })).toBe(15_600);
    // Characters are not its unit: they cost nothing on their own.
    expect(costOfSpeech(speech, { characters: 1000 })).toBe(0);
    // Audio tokens are counted up: 1 ms of speech is one token (12 µ$).
    expect(costOfSpeech(speech, { spokenMs: 1 })).toBe(12);
  });

  it('leaves character- and minute-priced models as they were, and token inputs cost them nothing', () => {
    expect(costOfSpeech(rates('tts-1'), { characters: 15, textTokens: 1000, spokenMs: 60_000 })).toBe(225);
    expect(costOfSpeech(rates('whisper-1'), { audioMs: 30_000 })).toBe(3000);
  });

  it('an unknown speech model still falls back to the dearest character rate', () => {
    const fallback = table.resolve({ provider: 'openai', model: 'some-new-tts' });
    expect(fallback.fallback).toBe(true);
    expect(costOfSpeech(fallback.speech, { characters: 10, textTokens: 100, spokenMs: 10_000 })).toBe(300);
  });

  it('the port names the tokens of a token-priced model only, and a local endpoint has none', () => {
    const meter = {
      priceOf: (link: { model: string; local: boolean; provider: string }) => table.resolve(link),
    };
    const budget = createCallBudget(meter as unknown as BudgetMeter, { downgradeChain: () => [] });
    const link = { provider: 'openai', model: 'gpt-4o-mini-tts', local: false };
    expect(budget.speechTokens?.(link, { textTokens: 5, spokenMs: 900 })).toEqual({
      inputTokens: 5,
      outputTokens: 19,
    });
    expect(
      budget.speechTokens?.({ ...link, model: 'tts-1' }, { textTokens: 5, spokenMs: 900 }),
    ).toBeUndefined();
    expect(budget.speechTokens?.({ ...link, local: true }, { textTokens: 5, spokenMs: 900 })).toBeUndefined();
    expect(budget.speechCost({ ...link, local: true }, { textTokens: 5, spokenMs: 900 })).toBe(0);
  });

  it('shows the token rates in the admin view', () => {
    const row = table
      .view(new Date('2026-12-06T00:00:00Z'))
      .speech.find((entry) => entry.model === 'gpt-4o-mini-tts');
    expect(row).toMatchObject({
      ttsPerMillionCharsMicros: null,
      ttsInputPerMillionTokensMicros: 600_000,
      ttsAudioPerMillionTokensMicros: 12_000_000,
      ttsAudioTokensPerMinute: 1250,
    });
  });
});
