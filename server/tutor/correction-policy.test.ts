import { describe, expect, it } from 'vitest';
import type { Correction } from '../../contracts/tutor.ts';
import { applyCorrectionPolicy, effectiveCorrectionPolicy } from './correction-policy.ts';

const correction = (original: string, overrides: Partial<Correction>): Correction => ({
  original,
  corrected: `${original}!`,
  category: 'other',
  explanation: '',
  severity: 'moderate',
  source: 'model',
  offset: null,
  cardFront: null,
  translation: null,
  example: null,
  ...overrides,
});

describe('effectiveCorrectionPolicy', () => {
  const none = { conversationPolicy: null, profilePolicy: 'important', profilePolicyExplicit: false };
  it.each([
    ['free', 'important'],
    [null, 'important'],
    ['scenario', 'important'],
    ['negotiation', 'important'],
    ['interview', 'all'],
    ['teacher', 'all'],
    ['grammar', 'all'],
    ['vocabulary', 'vocabulary'],
    ['explain', 'off'],
  ] as const)('the %s mode defaults to %s', (mode, expected) => {
    expect(effectiveCorrectionPolicy({ ...none, mode })).toBe(expected);
  });

  it('lets an explicit profile choice override the mode, and a conversation choice override both', () => {
    expect(effectiveCorrectionPolicy({ ...none, profilePolicyExplicit: true, mode: 'explain' })).toBe(
      'important',
    );
    expect(
      effectiveCorrectionPolicy({ ...none, profilePolicy: 'all', profilePolicyExplicit: true, mode: 'free' }),
    ).toBe('all');
    expect(
      effectiveCorrectionPolicy({
        conversationPolicy: 'on-request',
        profilePolicy: 'all',
        profilePolicyExplicit: true,
        mode: 'teacher',
      }),
    ).toBe('on-request');
  });
});

describe('applyCorrectionPolicy', () => {
  const corrections = [
    correction('a', { severity: 'minor', offset: 0 }),
    correction('b', { severity: 'major', offset: 5, category: 'verb-tense' }),
    correction('c', { severity: 'moderate', offset: 10, category: 'vocabulary-choice' }),
    correction('d', { severity: 'moderate', offset: 15, category: 'preposition' }),
    correction('e', { severity: 'major', offset: 20, category: 'agreement' }),
    correction('f', { severity: 'moderate', offset: 25, category: 'spelling' }),
  ];
  const shown = (
    policy: Parameters<typeof applyCorrectionPolicy>[1],
    focus: Parameters<typeof applyCorrectionPolicy>[2] = [],
  ) => {
    const { visible, hidden } = applyCorrectionPolicy(corrections, policy, focus);
    return { visible: visible.map((item) => item.original).join(''), hidden };
  };

  it('shows at most three important corrections, the most severe first, in text order', () => {
    expect(shown('important')).toEqual({ visible: 'bce', hidden: 3 });
  });
  it('shows everything with all, nothing with off or on request', () => {
    expect(shown('all')).toEqual({ visible: 'abcdef', hidden: 0 });
    expect(shown('off')).toEqual({ visible: '', hidden: 6 });
    expect(shown('on-request')).toEqual({ visible: '', hidden: 6 });
  });
  it('keeps to word choice and spelling in the vocabulary builder', () => {
    expect(shown('vocabulary')).toEqual({ visible: 'cf', hidden: 4 });
  });
  it('puts the focus categories first in grammar focus and teacher mode', () => {
    expect(shown('all', ['preposition', 'agreement'])).toEqual({ visible: 'debcfa', hidden: 0 });
  });
});
