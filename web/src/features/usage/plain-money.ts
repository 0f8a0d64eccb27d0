import { formatMoney } from '../../i18n/format-money.ts';
import { translate } from '../../i18n/i18n.ts';

/**
 * Money in plain words for a sentence ("You used $0.42 of your $5.00"): whole cents, and "less than
 * a cent" for the fractions of a cent a single correction costs. The tables keep the exact amounts.
 */
export function plainUsd(micros: number): string {
  if (micros > 0 && micros < 5_000) return translate('usage.lessThanACent');
  // Whole cents: rounded to 10,000 micro-dollars, then written the interface language's way.
  return formatMoney(Math.round(micros / 10_000) * 10_000);
}
