/**
 * The key of a word in the reading room (zod-free: the web app uses it at run time): lower case and
 * NFC, the form cards' `term_key` has, so a word and a card match without further rules.
 */
export function wordKey(word: string): string {
  // The root locale's lower case is the default one; `toLowerCase` is the faster way to it.
  return word.toLowerCase().normalize('NFC');
}
