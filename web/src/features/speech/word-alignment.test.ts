import { describe, expect, it } from 'vitest';
import { alignWords, tokenizeWords } from './word-alignment.ts';

describe('aligning a transcript with the target sentence', () => {
  it('splits words as the language does, without punctuation', () => {
    expect(tokenizeWords('¿Qué tal? ¡Muy bien, gracias!', 'es')).toEqual([
      'Qué',
      'tal',
      'Muy',
      'bien',
      'gracias',
    ]);
    expect(tokenizeWords("L'homme, peut-être… c’est 3.5 euros!", 'fr')).toEqual([
      "L'homme",
      'peut',
      'être',
      'c’est',
      '3.5',
      'euros',
    ]);
    expect(tokenizeWords('私は学生です。', 'ja')).toEqual(['私', 'は', '学生', 'です']);
  });

  it('ignores case, punctuation and typographic quotes, but not accents', () => {
    const alignment = alignWords('¿Qué tal? ¡Muy bien!', 'que tal muy bien', 'es');
    // "Qué" heard as "que": the marks differ, so it is not a match — but it is marked as marks only.
    expect(alignment.words).toEqual([
      { kind: 'substitution', target: 'Qué', heard: 'que', marksOnly: true },
      { kind: 'match', target: 'tal', heard: 'tal' },
      { kind: 'match', target: 'Muy', heard: 'muy' },
      { kind: 'match', target: 'bien', heard: 'bien' },
    ]);
    expect(alignment).toMatchObject({ targetCount: 4, matched: 3, score: 0.75 });
    expect(alignWords('C’est l’heure.', "c'est L'HEURE", 'fr')).toMatchObject({ matched: 2, score: 1 });
  });

  it('marks missed, substituted and extra words, and scores only the target words matched', () => {
    const alignment = alignWords(
      'Quiero un café con leche, por favor.',
      'quiero un té con con leche favor',
      'es',
    );
    expect(alignment.words).toEqual([
      { kind: 'match', target: 'Quiero', heard: 'quiero' },
      { kind: 'match', target: 'un', heard: 'un' },
      { kind: 'substitution', target: 'café', heard: 'té', marksOnly: false },
      { kind: 'match', target: 'con', heard: 'con' },
      { kind: 'extra', heard: 'con' },
      { kind: 'match', target: 'leche', heard: 'leche' },
      { kind: 'missed', target: 'por' },
      { kind: 'match', target: 'favor', heard: 'favor' },
    ]);
    expect(alignment).toMatchObject({ targetCount: 7, matched: 5 });
    expect(alignment.score).toBeCloseTo(5 / 7, 10);
  });

  it('pairs a word differing only in its marks rather than another word', () => {
    // "año" heard as "ano" is a different sound: not matched, marked as marks only.
    expect(alignWords('Feliz año', 'feliz ano nuevo', 'es').words).toEqual([
      { kind: 'match', target: 'Feliz', heard: 'feliz' },
      { kind: 'substitution', target: 'año', heard: 'ano', marksOnly: true },
      { kind: 'extra', heard: 'nuevo' },
    ]);
    expect(alignWords('die Straße', 'die Strasse', 'de').words[1]).toEqual({
      kind: 'substitution',
      target: 'Straße',
      heard: 'Strasse',
      marksOnly: true,
    });
  });

  it('scores nothing heard as zero, and has no score for a target without words', () => {
    expect(alignWords('Hola amigo', '', 'es')).toMatchObject({
      words: [
        { kind: 'missed', target: 'Hola' },
        { kind: 'missed', target: 'amigo' },
      ],
      matched: 0,
      score: 0,
    });
    expect(alignWords('¡¿…?!', 'hola', 'es')).toMatchObject({
      words: [{ kind: 'extra', heard: 'hola' }],
      targetCount: 0,
      score: null,
    });
  });
});
