import { type InterfaceLanguage, interfaceLocale } from './messages/languages.ts';

/**
 * Money helpers shared by the server and the web app (nothing but the interface languages' list, so
 * the web app's first load stays small). Money is integer micro-dollars (µ$, 1 USD = 1,000,000 µ$) wherever it is stored,
 * summed or sent; these convert at the edges.
 */

export const microsPerDollar = 1_000_000;
/** Caps above a million dollars are refused: sums stay far below 2^53. */
export const maxCapMicros = 1_000_000 * microsPerDollar;

const decimalUsd = /^(\d{1,9})(?:\.(\d{1,6}))?$/;

/**
 * Parses a non-negative decimal amount of dollars ("30", "0.25", 1.25) into micro-dollars without
 * floating-point arithmetic. More than six decimals cannot be represented and is refused, as is
 * anything negative or not a plain decimal (exponents included).
 */
export function usdToMicros(value: string | number): number {
  const text = typeof value === 'number' ? String(value) : value.trim().replace(/^\$/, '');
  const match = decimalUsd.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a dollar amount with at most 6 decimals`);
  return Number(match[1]) * microsPerDollar + Number((match[2] ?? '').padEnd(6, '0'));
}

export function isUsdAmount(value: string | number): boolean {
  try {
    usdToMicros(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The locale dollars are written in for an interface language: its own (`interfaceLocale`: "1 234,50 US$"
 * in Portugal, not Brazil's "US$ 1.234,50"), except English, whose British locale would write "US$12.34"
 * in an app where every amount is in dollars: English writes "$12.34".
 */
export function moneyLocale(language: InterfaceLanguage = 'en'): string {
  return language === 'en' ? 'en-US' : interfaceLocale(language);
}

/**
 * "$12.34" for display: two decimals, or four for a non-zero amount under one cent so that small
 * calls do not all read "$0.00". `precise` shows four decimals for any amount under a dollar, where
 * a small budget's cents matter ("$0.0195 left" rather than "$0.02"). Rounds half up at the last
 * digit shown (display only).
 */
export function formatUsd(
  micros: number,
  options: { precise?: boolean; language?: InterfaceLanguage } = {},
): string {
  const negative = micros < 0;
  const absolute = Math.abs(Math.trunc(micros));
  const small = absolute > 0 && absolute < (options.precise ? 1_000_000 : 10_000);
  let decimals = small ? 4 : 2;
  const step = 10 ** (6 - decimals);
  let rounded = Math.floor((absolute + step / 2) / step);
  // "$0.03", not "$0.0300": the extra digits are there only when they say something.
  while (options.precise && decimals > 2 && rounded % 10 === 0) {
    rounded /= 10;
    decimals -= 1;
  }
  // The language's way of writing dollars ("$1,234.50", "1.234,50 $"); English by default.
  const text = new Intl.NumberFormat(moneyLocale(options.language), {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(rounded / 10 ** decimals);
  return negative && rounded > 0 ? `-${text.replace(/^-/, '')}` : text;
}

/** Micro-dollars as the plain decimal an input box shows: 12500000 → "12.5". */
export function microsToUsdInput(micros: number): string {
  const whole = Math.floor(micros / microsPerDollar);
  const fraction = String(micros % microsPerDollar)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}
