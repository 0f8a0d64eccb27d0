import { describe, expect, it } from 'vitest';
import { answerVerdict } from './answer-verdict.ts';

describe('answerVerdict', () => {
  it('names an accent slip whether or not accents were required', () => {
    expect(answerVerdict({ correct: true, accentsDiffer: false })).toBe('Right: ');
    expect(answerVerdict({ correct: true, accentsDiffer: true })).toBe('Right, but mind the accents: ');
    expect(answerVerdict({ correct: false, accentsDiffer: true })).toBe('Almost, check the accents: ');
    expect(answerVerdict({ correct: false, accentsDiffer: false })).toBe('The answer is ');
  });
});
