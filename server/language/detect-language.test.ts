import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.ts';
import { isLikelyName, learnerVariants, wordsOf } from './spelling-words.ts';

describe('language detection', () => {
  it('tells the target language from the native one for turns of 20 characters or more', () => {
    expect(detectLanguage('I would like to talk about my weekend plans today', ['es', 'en'])).toBe('en');
    expect(detectLanguage('Me gustaría hablar de mis planes para el fin de semana', ['es', 'en'])).toBe('es');
    expect(
      detectLanguage('Ich möchte heute über meine Pläne für das Wochenende sprechen', ['de', 'fr']),
    ).toBe('de');
  });

  it('never judges a short turn', () => {
    expect(detectLanguage('OK, thank you', ['es', 'en'])).toBeUndefined();
    expect(detectLanguage('Sí, claro, gracias', ['es', 'en'])).toBeUndefined();
  });

  it('needs two languages it knows', () => {
    expect(detectLanguage('I would like to talk about my weekend plans today', ['en'])).toBeUndefined();
    expect(detectLanguage('I would like to talk about my weekend plans today', ['en', 'da'])).toBeUndefined();
  });
});

describe('words of a message', () => {
  it('keeps elisions and hyphenated words whole and skips numbers, URLs and addresses', () => {
    expect(
      wordsOf("J'ai 3x vu www.example.org et ana@example.org, chamo-me!").map((word) => word.word),
    ).toEqual(["J'ai", 'vu', 'et', 'chamo-me']);
  });

  it('treats capitalised words inside a sentence as names, except in German', () => {
    const [first] = wordsOf('Hoy veo a Marta');
    expect(first && isLikelyName(first, 'es')).toBe(false);
    const marta = wordsOf('Hoy veo a Marta').at(-1);
    expect(marta && isLikelyName(marta, 'es')).toBe(true);
    expect(marta && isLikelyName(marta, 'de')).toBe(false);
    expect(isLikelyName({ word: 'NASA', offset: 0, sentenceStart: true }, 'en')).toBe(true);
  });

  it('proposes the silent h, b/v and cu/qu spellings a learner may have meant', () => {
    expect(learnerVariants('ablar', 'es')).toContain('hablar');
    expect(learnerVariants('bibiendo', 'es')).toContain('viviendo');
    expect(learnerVariants('cuando', 'it')).toContain('quando');
    expect(learnerVariants('Haus', 'de')).toEqual([]);
  });
});
