/**
 * Typed-answer comparison for review cards, the same rules the server uses for drills: case and
 * spacing never matter; accents only in strict mode (a near miss is still shown as such).
 */
export type Match = 'exact' | 'accents' | 'wrong';

/** Case, spacing and typographic quotes removed; also the comparable form of a spoken word. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').replace(/[’‘`]/g, "'").toLocaleLowerCase();
}

/** Accents and other marks folded away (and ß as ss): a near miss, not a match. */
export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replaceAll('ß', 'ss');
}

/** Splits "a; b / c" into alternatives, so a card may list several right answers. */
export function alternatives(expected: string): string[] {
  return expected
    .split(/[;/]|,(?=\s)/)
    .map((part) => part.trim())
    .filter(Boolean);
}

export function matchAnswer(answer: string, expected: string): Match {
  const given = normaliseText(answer);
  if (!given) return 'wrong';
  const options = [expected, ...alternatives(expected)].map(normaliseText);
  if (options.includes(given)) return 'exact';
  return options.some((option) => stripAccents(option) === stripAccents(given)) ? 'accents' : 'wrong';
}

/** The example sentence with the term blanked out, or null when the term does not occur in it. */
export function clozeOf(sentence: string, term: string): { before: string; after: string } | null {
  const trimmed = term.trim();
  if (!sentence || !trimmed) return null;
  const index = sentence.toLocaleLowerCase().indexOf(trimmed.toLocaleLowerCase());
  if (index < 0) return null;
  return { before: sentence.slice(0, index), after: sentence.slice(index + trimmed.length) };
}
