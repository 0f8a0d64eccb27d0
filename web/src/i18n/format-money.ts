import { formatUsd, moneyLocale } from '../../../contracts/money.ts';
import { marked } from './format.ts';
import { interfaceLanguage } from './i18n.ts';

/**
 * Micro-dollars as the interface language writes dollars ("$12.34", "12,34 $"). Apart from format.ts
 * so that the money module stays out of pages that format only dates and numbers.
 */
export function formatMoney(micros: number, options: { precise?: boolean } = {}): string {
  return marked(formatUsd(micros, { ...options, language: interfaceLanguage() }));
}

/**
 * A price in micro-dollars with every decimal it has and no more ("$1.25", "0,8 $US", "0,0625 US$"),
 * written like `formatMoney` (the same locale), where amounts spent are rounded.
 */
export function formatPrice(micros: number): string {
  return marked(
    new Intl.NumberFormat(moneyLocale(interfaceLanguage()), {
      style: 'currency',
      currency: 'USD',
      minimumFractionDigits: 0,
      maximumFractionDigits: 6,
    }).format(micros / 1_000_000),
  );
}
