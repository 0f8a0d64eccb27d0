import { describe, expect, it } from 'vitest';
import { clozeOf, matchAnswer } from './answer-match.ts';

describe('review answers', () => {
  it('matches typed answers accent-tolerantly and lists alternatives', () => {
    expect(matchAnswer(' The Apple ', 'the apple')).toBe('exact');
    expect(matchAnswer('arbol', 'árbol')).toBe('accents');
    expect(matchAnswer('strasse', 'Straße')).toBe('accents');
    expect(matchAnswer('to run', 'to run; to jog')).toBe('exact');
    expect(matchAnswer('to jog', 'to run; to jog')).toBe('exact');
    expect(matchAnswer('to walk', 'to run; to jog')).toBe('wrong');
    expect(matchAnswer('', 'x')).toBe('wrong');
  });

  it('blanks the term out of its example sentence', () => {
    expect(clozeOf('Me gusta la manzana roja.', 'la manzana')).toEqual({
      before: 'Me gusta ',
      after: ' roja.',
    });
    expect(clozeOf('La Manzana es roja.', 'la manzana')).toEqual({ before: '', after: ' es roja.' });
    expect(clozeOf('Nada que ver.', 'manzana')).toBeNull();
  });
});
