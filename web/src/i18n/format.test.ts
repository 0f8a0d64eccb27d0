// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { interfaceLanguages } from '../../../contracts/messages/languages.ts';
import { formatUsd } from '../../../contracts/money.ts';
import { loadAllNamespaces } from '../test/i18n-setup.ts';
import { formatCalendarDate, formatDate, formatList, formatNumber, formatRelativeTime } from './format.ts';
import { formatMoney, formatPrice } from './format-money.ts';
import { intlLocale, pinLanguage, translate } from './i18n.ts';

const nbsp = '\u00a0';
const now = new Date('2026-12-06T10:00:00Z');

afterEach(() => pinLanguage(null));

describe('formats in the interface language’s region', () => {
  it('writes Portuguese as Portugal does, as the catalogues are: money, numbers, times, plurals', async () => {
    await loadAllNamespaces('pt');
    await pinLanguage('pt');
    expect(intlLocale()).toBe('pt-PT');
    // Brazil writes "US$ 1.000.000,00", "1.234,5", "em 2 horas" and "0 palavra".
    expect(formatMoney(1_000_000_000_000)).toBe(`1${nbsp}000${nbsp}000,00${nbsp}US$`);
    expect(formatPrice(62_500)).toBe(`0,0625${nbsp}US$`);
    expect(formatNumber(1234.5)).toBe('1234,5');
    expect(formatRelativeTime(new Date('2026-12-06T12:00:00Z'), now)).toBe('dentro de 2 horas');
    expect(formatDate(now, { dateStyle: 'short', timeZone: 'UTC' })).toBe('06/12/26');
    expect(translate('validation.maxChars', { maximum: 0 })).toBe('pode ter no máximo 0 caracteres');
    // The page and the API still say just "pt".
    expect(document.documentElement.lang).toBe('pt');
  });

  it('keeps English British in words and dates, and its dollars "$"', async () => {
    await pinLanguage('en');
    expect(intlLocale()).toBe('en-GB');
    expect(formatCalendarDate('2026-12-01', { month: 'long' })).toBe('1 December');
    expect(formatList(['a', 'b', 'c'])).toBe('a, b and c');
    expect(formatMoney(1_234_567_890)).toBe('$1,234.57');
    expect(formatPrice(1_250_000)).toBe('$1.25');
  });

  it('writes money on the page exactly as the server writes it, in all six languages', async () => {
    for (const language of interfaceLanguages) {
      await loadAllNamespaces(language);
      await pinLanguage(language);
      expect(formatMoney(19_500, { precise: true })).toBe(formatUsd(19_500, { precise: true, language }));
      expect(formatMoney(5_000_000)).toBe(formatUsd(5_000_000, { language }));
    }
  });
});
