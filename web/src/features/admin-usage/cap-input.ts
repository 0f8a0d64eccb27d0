import { microsToUsdInput, usdToMicros } from '../../../../contracts/money.ts';
import { translate } from '../../i18n/i18n.ts';

/** A cap as typed in a dollar box: "" means "none" (or "default" where that applies). */
export function parseCap(text: string): { micros: number | null } | { error: string } {
  if (text.trim() === '') return { micros: null };
  try {
    return { micros: usdToMicros(text) };
  } catch {
    return { error: translate('admin-usage.cap.badAmount') };
  }
}

export function capText(micros: number | null): string {
  return micros === null ? '' : microsToUsdInput(micros);
}
