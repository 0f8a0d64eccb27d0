import { formatUsd } from '../../../contracts/money.ts';
import { marked } from './format.ts';
import { intlLocale } from './i18n.ts';

/**
 * Micro-dollars as the interface language writes dollars ("$12.34", "12,34 $"). Apart from format.ts
 * so that the money module stays out of pages that format only dates and numbers.
 */
export function formatMoney(micros: number, options: { precise?: boolean } = {}): string {
  return marked(formatUsd(micros, { ...options, locale: intlLocale() }));
}
