/**
 * Money in plain words for a sentence ("You used $0.42 of your $5.00"): whole cents, and "less than
 * a cent" for the fractions of a cent a single correction costs. The tables keep the exact amounts.
 */
export function plainUsd(micros: number): string {
  if (micros > 0 && micros < 5_000) return 'less than a cent';
  const cents = Math.round(micros / 10_000);
  const dollars = Math.floor(cents / 100);
  return `$${dollars.toLocaleString('en-US')}.${String(cents % 100).padStart(2, '0')}`;
}
