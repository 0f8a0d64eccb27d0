import { describe, expect, it } from 'vitest';
import { presentFeedback } from './feedback.ts';

const correction = (original: string, corrected: string, hidden: boolean) => ({
  original,
  corrected,
  category: 'spelling',
  explanation: 'Spelling.',
  severity: 'minor',
  source: 'model',
  offset: 0,
  cardFront: null,
  translation: null,
  example: null,
  hidden,
});

function row(corrections: unknown[], revealedAt: string | null = null) {
  return {
    message_id: 'm1',
    conversation_id: 'c1',
    user_id: 'u1',
    language: 'es',
    status: 'complete',
    policy: 'important',
    corrections_json: JSON.stringify(corrections),
    rephrasing: null,
    new_vocabulary_json: '[]',
    goals_met_json: '[]',
    spelling_json: '[]',
    language_notice_json: null,
    error_code: null,
    error_message: null,
    provider: null,
    model: null,
    revealed_at: revealedAt,
    created_at: '2026-12-01T10:00:00.000Z',
  };
}

describe('presentFeedback', () => {
  it('offers no "Show 1 more" for a hidden correction that repeats a visible one', () => {
    const feedback = presentFeedback(
      row([correction('tengo frio', 'tengo frío', false), correction('Tengo frio', 'tengo frío', true)]),
    );
    expect(feedback.corrections.map((item) => item.corrected)).toEqual(['tengo frío']);
    expect(feedback.hiddenCorrections).toBe(0);
  });

  it('still counts and reveals a hidden correction that is a different change', () => {
    const stored = [correction('frio', 'frío', false), correction('yo estar', 'yo estoy', true)];
    expect(presentFeedback(row(stored)).hiddenCorrections).toBe(1);
    const revealed = presentFeedback(row(stored, '2026-12-01T10:01:00.000Z'));
    expect(revealed.corrections).toHaveLength(2);
    expect(revealed.hiddenCorrections).toBe(0);
  });
});
