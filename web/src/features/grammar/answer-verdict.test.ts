import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n.ts';
import { answerVerdict } from './answer-verdict.ts';

const verdict = (result: { correct: boolean; accentsDiffer: boolean }) =>
  translate(`grammar.${answerVerdict(result)}`, { answer: 'hablé' });

describe('answerVerdict', () => {
  it('names an accent slip whether or not accents were required', () => {
    expect(verdict({ correct: true, accentsDiffer: false })).toBe('Right: hablé');
    expect(verdict({ correct: true, accentsDiffer: true })).toBe('Right, but mind the accents: hablé');
    expect(verdict({ correct: false, accentsDiffer: true })).toBe('Almost, check the accents: hablé');
    expect(verdict({ correct: false, accentsDiffer: false })).toBe('The answer is hablé');
  });
});
