import { describe, expect, it } from 'vitest';
import { translate } from './messages.ts';

const nbsp = '\u00a0';

/**
 * The server words its messages with each interface language's region (`interfaceLocale`): the
 * Portuguese catalogues are European, so are its money, numbers, dates and plural forms.
 */
describe('the server’s formats per interface language', () => {
  it('writes Portuguese money and sizes as Portugal does, not Brazil', () => {
    expect(
      translate('pt', 'budget.alert.threshold', {
        scope: 'member',
        threshold: 75,
        spentMicros: 750_000_000_000,
        capMicros: 1_000_000_000_000,
      }),
    ).toBe(
      `O seu orçamento mensal de IA está usado a 75% (750${nbsp}000,00${nbsp}US$ de 1${nbsp}000${nbsp}000,00${nbsp}US$).`,
    );
    expect(
      translate('pt', 'errors.local.memory', { neededBytes: 1_200_000_000, freeBytes: 800_000_000 }),
    ).toMatch(/cerca de 1,2\sGB de memória; estão livres 800\sMB/);
  });

  it('gives zero the plural in Portuguese (Portugal), the singular to one', () => {
    expect(translate('pt', 'validation.maxChars', { maximum: 0 })).toBe('pode ter no máximo 0 caracteres');
    expect(translate('pt', 'validation.maxChars', { maximum: 1 })).toBe('pode ter no máximo 1 carácter');
    // French, where zero is singular, keeps its own rule.
    expect(translate('fr', 'validation.maxChars', { maximum: 0 })).toContain('0 caractère');
  });

  it('writes the other languages’ money as their countries do, English in dollars', () => {
    const values = { scope: 'member', threshold: 90, spentMicros: 4_500_000, capMicros: 5_000_000 };
    expect(translate('en', 'budget.alert.threshold', values)).toContain('($4.50 of $5.00)');
    expect(translate('es', 'budget.alert.threshold', values)).toContain(`4,50${nbsp}US$`);
    expect(translate('fr', 'budget.alert.threshold', values)).toContain(`4,50${nbsp}$US`);
    expect(translate('de', 'budget.alert.threshold', values)).toContain(`4,50${nbsp}$`);
    expect(translate('it', 'budget.alert.threshold', values)).toContain(`4,50${nbsp}USD`);
    expect(translate('pt', 'budget.alert.threshold', values)).toContain(`4,50${nbsp}US$`);
  });
});
