import { describe, expect, it } from 'vitest';
import { interfaceLanguages } from './messages/languages.ts';
import { formatUsd, moneyLocale } from './money.ts';

// Intl's spaces: a narrow no-break space groups thousands in French and Portuguese, a no-break space
// sits before a currency sign that follows the number.
const nbsp = '\u00a0';
const narrow = '\u202f';

describe('dollars in each interface language', () => {
  it('writes a million and a small amount the way each catalogue’s country does', () => {
    const written = Object.fromEntries(
      interfaceLanguages.map((language) => [
        language,
        [formatUsd(1_000_000_000_000, { language }), formatUsd(19_500, { precise: true, language })],
      ]),
    );
    expect(written).toEqual({
      en: ['$1,000,000.00', '$0.0195'],
      es: [`1.000.000,00${nbsp}US$`, `0,0195${nbsp}US$`],
      fr: [`1${narrow}000${narrow}000,00${nbsp}$US`, `0,0195${nbsp}$US`],
      de: [`1.000.000,00${nbsp}$`, `0,0195${nbsp}$`],
      it: [`1.000.000,00${nbsp}USD`, `0,0195${nbsp}USD`],
      // European Portuguese, as the catalogues are: not Brazil's "US$ 1.000.000,00".
      pt: [`1${nbsp}000${nbsp}000,00${nbsp}US$`, `0,0195${nbsp}US$`],
    });
  });

  it('names each language’s region, and keeps English dollars American', () => {
    expect(interfaceLanguages.map((language) => moneyLocale(language))).toEqual([
      'en-US',
      'es-ES',
      'fr-FR',
      'de-DE',
      'it-IT',
      'pt-PT',
    ]);
    expect(formatUsd(-1_500_000)).toBe('-$1.50');
  });
});
