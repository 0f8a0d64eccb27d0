import { describe, expect, it } from 'vitest';
import { correctedExample } from './corrected-example.ts';

function at(text: string, original: string, corrected: string) {
  return { original, corrected, offset: text.indexOf(original) };
}

describe('correctedExample', () => {
  it('applies every correction of the sentence, not only the one the card is for', () => {
    const text = 'Ayer yo ir a la playa con mi amigas.';
    const corrections = [at(text, 'yo ir', 'fui'), at(text, 'mi amigas', 'mis amigas')];
    expect(correctedExample(text, corrections, corrections[0] as (typeof corrections)[0])).toBe(
      'Ayer fui a la playa con mis amigas.',
    );
  });

  it('keeps only the sentence that holds the mistake', () => {
    const text = 'Hola! Ayer yo ir al cine. ¿Y tú?';
    const corrections = [at(text, 'yo ir', 'fui')];
    expect(correctedExample(text, corrections, corrections[0] as (typeof corrections)[0])).toBe(
      'Ayer fui al cine.',
    );
  });

  it('skips overlapping spans and gives null for a correction it cannot locate', () => {
    const text = 'Yo tengo veinte año.';
    const corrections = [at(text, 'veinte año', 'veinte años'), at(text, 'año', 'años')];
    expect(correctedExample(text, corrections, corrections[0] as (typeof corrections)[0])).toBe(
      'Yo tengo veinte años.',
    );
    expect(correctedExample(text, corrections, { original: 'x', corrected: 'y', offset: null })).toBeNull();
  });
});
