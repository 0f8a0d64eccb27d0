import { describe, expect, it } from 'vitest';
import type { Correction } from '../../contracts/tutor.ts';
import type { OfflineCorrection } from '../language/spelling.ts';
import { mergeFindings } from './feedback.ts';

const sentence = 'Ayer yo ir al mercado y compre mas fruta.';

const correction = (original: string, corrected: string, extra: Partial<Correction> = {}): Correction => ({
  original,
  corrected,
  category: 'verb-tense',
  explanation: 'Past tense.',
  severity: 'major',
  source: 'model',
  offset: sentence.indexOf(original),
  cardFront: null,
  translation: null,
  example: null,
  ...extra,
});

const rule = (original: string, corrected: string): OfflineCorrection => ({
  ...correction(original, corrected, { category: 'spelling', severity: 'minor', source: 'spelling' }),
  rule: 'ES_MAS_MORE',
  checker: 'charla',
});

describe('mergeFindings', () => {
  const output = {
    corrections: [correction('yo ir', 'fui')],
    rephrasing: null,
    newVocabulary: [],
    goalsMet: [],
  };

  it('adds the offline corrections the model did not make, and one example with all of them applied', () => {
    const merged = mergeFindings(
      { output, offline: [rule('mas', 'más'), rule('ir', 'fui')], spelling: [] },
      sentence,
      { policy: 'all', focusCategories: [] },
    );
    // "ir" lies inside the model's "yo ir": the model's correction stands alone there.
    expect(merged.corrections.map((item) => `${item.original}→${item.corrected}`)).toEqual([
      'yo ir→fui',
      'mas→más',
    ]);
    expect(
      merged.corrections.every((item) => item.example === 'Ayer fui al mercado y compre más fruta.'),
    ).toBe(true);
    expect(merged.stored.every((item) => !item.hidden)).toBe(true);
  });

  it('does not list a misspelling twice, and lets the policy hide what it holds back', () => {
    const merged = mergeFindings(
      {
        output: {
          ...output,
          corrections: [...output.corrections, correction('compre', 'compré', { severity: 'minor' })],
        },
        offline: [],
        spelling: [
          { word: 'compre', offset: 26, suggestions: ['compré'] },
          { word: 'fruta', offset: 37, suggestions: [] },
        ],
      },
      sentence,
      { policy: 'off', focusCategories: [] },
    );
    expect(merged.spelling.map((issue) => issue.word)).toEqual(['fruta']);
    expect(merged.stored.map((item) => [item.original, item.hidden])).toEqual([
      ['yo ir', true],
      ['compre', true],
    ]);
  });
});
