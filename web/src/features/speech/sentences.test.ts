import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.ts';

const final = (text: string) => splitSentences(text, { final: true }).sentences;

describe('splitting sentences for speech', () => {
  it('splits on full stops, question and exclamation marks, keeping Spanish ¿ ¡ with their sentence', () => {
    expect(final('¡Hola! ¿Qué tal estás? Yo estoy bien.')).toEqual([
      '¡Hola!',
      '¿Qué tal estás?',
      'Yo estoy bien.',
    ]);
    // No space before the opening mark still starts a new sentence.
    expect(final('Muy bien.¿Y tú?')).toEqual(['Muy bien.', '¿Y tú?']);
    expect(final('Wirklich?! Ja.')).toEqual(['Wirklich?!', 'Ja.']);
  });

  it('keeps decimals, abbreviations, initials and titles inside their sentence', () => {
    expect(final('Cuesta 3.50 euros. Es barato.')).toEqual(['Cuesta 3.50 euros.', 'Es barato.']);
    expect(final('Hay frutas, p. ej. manzanas. Y peras.')).toEqual([
      'Hay frutas, p. ej. manzanas.',
      'Y peras.',
    ]);
    expect(final('El Sr. García y la Dra. López llegan. Mr. Smith too.')).toEqual([
      'El Sr. García y la Dra. López llegan.',
      'Mr. Smith too.',
    ]);
    expect(final('Das ist z. B. gut. Lies J. R. R. Tolkien.')).toEqual([
      'Das ist z. B. gut.',
      'Lies J. R. R. Tolkien.',
    ]);
    // Before a lowercase word a full stop is an abbreviation ("aprox."), before a capital "etc." ends one.
    expect(final('Son aprox. las tres. Compra pan, leche, etc. Luego vuelve.')).toEqual([
      'Son aprox. las tres.',
      'Compra pan, leche, etc.',
      'Luego vuelve.',
    ]);
    expect(final('Visita www.charla.app hoy.')).toEqual(['Visita www.charla.app hoy.']);
  });

  it('treats an ellipsis as a pause unless a new sentence follows', () => {
    expect(final('Bueno… no sé. Pues… Vale.')).toEqual(['Bueno… no sé.', 'Pues…', 'Vale.']);
    expect(final('Espera... ya voy. Mira... ¡Allí!')).toEqual(['Espera... ya voy.', 'Mira...', '¡Allí!']);
  });

  it('ends a sentence at a line break and keeps closing quotes with it', () => {
    expect(final('Vocabulario\ncafé con leche\n\nDijo: «Hola». Luego se fue.')).toEqual([
      'Vocabulario',
      'café con leche',
      'Dijo: «Hola».',
      'Luego se fue.',
    ]);
    expect(final('He said "Stop." Then he left.')).toEqual(['He said "Stop."', 'Then he left.']);
  });

  it('splits Chinese and Japanese on full-width marks, with no space after them', () => {
    expect(final('你好！我是学生。你呢？')).toEqual(['你好！', '我是学生。', '你呢？']);
    expect(final('本当？！はい。')).toEqual(['本当？！', 'はい。']);
  });

  it('while streaming, returns only sentences that are certainly complete', () => {
    expect(splitSentences('Hola. ¿Qué')).toEqual({ sentences: ['Hola.'], rest: '¿Qué' });
    // The character after the space decides: this may still become "Sr. García".
    expect(splitSentences('Hola, Sr. ')).toEqual({ sentences: [], rest: 'Hola, Sr. ' });
    expect(splitSentences('Cuesta 3.')).toEqual({ sentences: [], rest: 'Cuesta 3.' });
    expect(splitSentences('Cuesta 3.5')).toEqual({ sentences: [], rest: 'Cuesta 3.5' });
    expect(splitSentences('Bueno…')).toEqual({ sentences: [], rest: 'Bueno…' });
    expect(splitSentences('Una línea\nOtra')).toEqual({ sentences: ['Una línea'], rest: 'Otra' });
    expect(splitSentences('¡Hola!  \n')).toEqual({ sentences: ['¡Hola!'], rest: '' });
    expect(splitSentences('   ', { final: true })).toEqual({ sentences: [], rest: '' });
  });

  it('never changes a sentence found in a prefix, whatever follows', () => {
    const reply =
      '¡Muy bien! El Sr. Pérez paga 3.50 euros… y luego se va. ¿Vienes?\n- café con leche\n- té. Fin… Vale.';
    const whole = final(reply);
    for (let length = 0; length <= reply.length; length++) {
      const { sentences, rest } = splitSentences(reply.slice(0, length));
      expect(whole.slice(0, sentences.length), reply.slice(0, length)).toEqual(sentences);
      // Nothing is lost: the rest is exactly the text after the last complete sentence.
      expect(reply.slice(0, length).trimEnd().endsWith(rest.trimEnd()), reply.slice(0, length)).toBe(true);
    }
    expect(whole).toEqual([
      '¡Muy bien!',
      'El Sr. Pérez paga 3.50 euros… y luego se va.',
      '¿Vienes?',
      '- café con leche',
      '- té.',
      'Fin…',
      'Vale.',
    ]);
  });
});
