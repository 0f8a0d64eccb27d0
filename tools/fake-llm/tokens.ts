/**
 * A word-ish tokeniser: runs of letters/digits, or single other characters, each with the
 * whitespace before it ("Hola", ",", " amigo"). Deltas concatenate back to the exact text because
 * trailing whitespace is glued to the last token.
 */
const TOKEN = /\s*(?:[\p{L}\p{M}\p{N}_'’]+|\S)/gu;

export function splitTokens(text: string): string[] {
  const tokens: string[] = text.match(TOKEN) ?? [];
  const consumed = tokens.reduce((length, token) => length + token.length, 0);
  if (consumed < text.length) {
    const rest = text.slice(consumed);
    if (tokens.length === 0) tokens.push(rest);
    else tokens[tokens.length - 1] += rest;
  }
  return tokens;
}

/** The project-wide estimate (docs/architecture.md, "The fake LLM's usage"): ceil(UTF-8 bytes / 4). */
export function tokensForBytes(bytes: number): number {
  return Math.ceil(bytes / 4);
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

const OPENINGS = ['¡Muy bien!', '¡Genial!', '¡Perfecto!', 'Très bien !', 'Sehr gut!', 'Ottimo!'];
// Leading space so the filler can follow the opening and repeat after itself.
const FILLER_TOKENS = splitTokens(
  " Let's keep practising together. Try to answer with a full sentence, and use the new words from" +
    ' today. What would you say next in this situation? Take your time and write it in the language' +
    ' you are learning.',
);

/**
 * A deterministic, tutor-like reply of exactly `tokenCount` deltas that quotes the start of the
 * learner's last message, so tests and benchmarks can see which request a reply answers.
 */
export function buildDefaultReply(lastUserText: string, tokenCount: number): string {
  if (tokenCount <= 0) return '';
  const quoted = lastUserText.trim().split(/\s+/, 6).join(' ');
  const opening = OPENINGS[lastUserText.length % OPENINGS.length] ?? '';
  const tokens = splitTokens(quoted === '' ? opening : `${opening} You wrote "${quoted}".`);
  if (tokens.length >= tokenCount) return tokens.slice(0, tokenCount).join('');
  const parts = [tokens.join('')];
  for (let index = tokens.length; index < tokenCount; index++) {
    parts.push(FILLER_TOKENS[(index - tokens.length) % FILLER_TOKENS.length] ?? '');
  }
  return parts.join('');
}
