import { describe, expect, it } from 'vitest';
import { markdownToSpeech, speechSentences } from './speech-text.ts';

describe('Markdown to speech', () => {
  it('speaks what the reader sees: no emphasis markers, bullets, numbers, heading marks or code quotes', () => {
    expect(
      markdownToSpeech(
        '## Vocabulario\n\n¿Quieres un **café** con *leche*?\n\n- `el té`: tea\n- el __zumo__\n\n1. Uno\n2) Dos',
      ),
    ).toBe('Vocabulario\n¿Quieres un café con leche?\nel té: tea\nel zumo\nUno\nDos');
  });

  it('drops what a voice would read out literally: stray markers, emoji, link targets, empty lines', () => {
    // A half-streamed reply: the closing ** has not arrived yet.
    expect(markdownToSpeech('Muy **bien')).toBe('Muy bien');
    expect(markdownToSpeech('¡Genial! 🎉😊 Sigue así 👍🏽')).toBe('¡Genial! Sigue así');
    expect(markdownToSpeech('Lee [este artículo](https://example.com/x).')).toBe('Lee este artículo.');
    expect(markdownToSpeech('Hola\n\n---\n\n🎉\n\nAdiós')).toBe('Hola\nAdiós');
    // Escaped markers and a word with an underscore inside stay as written.
    expect(markdownToSpeech('2 \\* 3 = 6, snake_case')).toBe('2 3 = 6, snake_case');
  });

  it('keeps a trailing line break, so a streamed line is known to be complete', () => {
    expect(markdownToSpeech('- café\n')).toBe('café\n');
    expect(speechSentences('- café\n')).toEqual({ sentences: ['café'], rest: '' });
    expect(speechSentences('- café')).toEqual({ sentences: [], rest: 'café' });
  });

  it('splits a reply into sentences, across lines and within them', () => {
    expect(
      speechSentences('¡Hola! **Soy tu tutor.** ¿Qué tal?\n\n- Uno\n- Dos', { final: true }).sentences,
    ).toEqual(['¡Hola!', 'Soy tu tutor.', '¿Qué tal?', 'Uno', 'Dos']);
  });
});
