import { describe, expect, it } from 'vitest';
import { freeText, hasForbiddenControlCharacter, stripNul } from './free-text.ts';

describe('freeText', () => {
  it('normalises CR and CRLF to newlines and keeps tab and newline only in multiline fields', () => {
    const multiline = freeText({ max: 100, multiline: true });
    expect(multiline.parse('  a\r\nb\rc\td  ')).toBe('a\nb\nc\td');
    const single = freeText({ max: 100 });
    expect(single.safeParse('a\nb').error?.issues[0]?.message).toBe('must be a single line');
    expect(single.safeParse('a\r\nb').error?.issues[0]?.message).toBe('must be a single line');
    expect(single.safeParse('a\tb').error?.issues[0]?.message).toBe('must not contain control characters');
  });

  it('refuses every Unicode control character, C0, DEL and C1', () => {
    const schema = freeText({ max: 100, multiline: true });
    for (const code of [0x00, 0x01, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9f]) {
      const result = schema.safeParse(`x${String.fromCodePoint(code)}y`);
      expect(result.success, code.toString(16)).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('must not contain control characters');
    }
    // Letters, emoji and other format characters are not control characters.
    expect(schema.parse('¿Qué tal? 😀 \u00a0 ü')).toBe('¿Qué tal? 😀 \u00a0 ü');
  });

  it('refuses an unpaired surrogate, high or low, and keeps a pair', () => {
    const schema = freeText({ max: 100, multiline: true });
    for (const broken of ['\ud83d', '\ude00', 'a\ud800b', '\ude00\ud83d']) {
      expect(schema.safeParse(broken).error?.issues[0]?.message, JSON.stringify(broken)).toBe(
        'must not contain a broken character (half of an emoji or symbol)',
      );
    }
    expect(schema.parse('\ud83d\ude00')).toBe('😀');
  });

  it('checks the length after trimming, and blank text against min unless trimming is off', () => {
    expect(freeText({ max: 3, min: 1 }).parse('  abc  ')).toBe('abc');
    expect(freeText({ max: 3, min: 1 }).safeParse('   ').success).toBe(false);
    const raw = freeText({ max: 10, min: 1, multiline: true, trim: false });
    expect(raw.parse(' hola\n')).toBe(' hola\n');
    expect(raw.safeParse(' \n ').error?.issues[0]?.message).toBe('must not be empty');
  });

  it('strips NUL from stored text and counts it', () => {
    expect(stripNul('a\u0000b\u0000')).toEqual({ text: 'ab', removed: 2 });
    expect(hasForbiddenControlCharacter('a\r\nb', true)).toBe(false);
    expect(hasForbiddenControlCharacter('a\u0000', true)).toBe(true);
  });
});
