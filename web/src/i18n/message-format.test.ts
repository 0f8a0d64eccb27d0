import { compileMessage } from '@lingui/message-utils/compileMessage';
import { describe, expect, it } from 'vitest';
import { formatMessage } from './message-format.ts';

const format = (icu: string, values: Record<string, unknown>, locale = 'en') =>
  formatMessage(compileMessage(icu), values, locale);

describe('formatMessage (Lingui-compiled ICU, rendered with Intl)', () => {
  it('fills placeholders and leaves text as it is', () => {
    expect(format('Signed in as {name}', { name: 'ana' })).toBe('Signed in as ana');
    expect(format('No placeholders', {})).toBe('No placeholders');
  });

  it('chooses plural forms by the language’s rules, with # as the formatted number and =N first', () => {
    const cards = '{count, plural, =0 {no cards} one {# card} other {# cards}}';
    expect(format(cards, { count: 0 })).toBe('no cards');
    expect(format(cards, { count: 1 })).toBe('1 card');
    expect(format(cards, { count: 1234 })).toBe('1,234 cards');
    const minutes = '{n, plural, one {# Minute} other {# Minuten}}';
    expect(format(minutes, { n: 1 }, 'de')).toBe('1 Minute');
    expect(format(minutes, { n: 1500 }, 'de')).toBe('1.500 Minuten');
    // French counts 0 and 1 as "one".
    expect(format('{n, plural, one {# carte} other {# cartes}}', { n: 0 }, 'fr')).toBe('0 carte');
  });

  it('selects a branch, with other as the fallback, and nests', () => {
    const whose = '{scope, select, member {Your budget} other {The server’s budget}} of {cap}';
    expect(format(whose, { scope: 'member', cap: '$5.00' })).toBe('Your budget of $5.00');
    expect(format(whose, { scope: 'server', cap: '$5.00' })).toBe('The server’s budget of $5.00');
    expect(format(whose, { scope: 'constructor', cap: '$1' })).toBe('The server’s budget of $1');
    const nested = '{held, select, none {} other {, {held} held}}';
    expect(format(nested, { held: 'none' })).toBe('');
    expect(format(nested, { held: '$1.00' })).toBe(', $1.00 held');
  });
});
