/**
 * Choosing a browser voice for a language. Voices name their language with a BCP-47 tag ("es-MX";
 * some Android builds write "es_MX"); the catalogue's codes are the tags' primary subtags.
 */

/** What the choice needs from a `SpeechSynthesisVoice`. */
export type VoiceInfo = Pick<SpeechSynthesisVoice, 'name' | 'lang' | 'default' | 'localService'>;

/** Other primary subtags voices use for a catalogue language (older ISO codes, Norwegian's two forms). */
const aliases: Record<string, readonly string[]> = {
  no: ['nb', 'nn'],
  he: ['iw'],
  id: ['in'],
  zh: ['cmn'],
};

/** Chinese in the catalogue is Mandarin: a Cantonese voice (Hong Kong, Macau) speaks another language. */
const cantonese = /^(yue|zh-(hk|mo|yue)|zh-hant-hk)\b/;

export function normaliseTag(tag: string): string {
  return tag.trim().replace(/_/g, '-').toLowerCase();
}

export function voiceSpeaks(voice: Pick<VoiceInfo, 'lang'>, language: string): boolean {
  const tag = normaliseTag(voice.lang);
  const primary = tag.split('-')[0] ?? '';
  const code = language.toLowerCase();
  if (primary !== code && !aliases[code]?.includes(primary)) return false;
  return !(code === 'zh' && cantonese.test(tag));
}

function rank(voice: VoiceInfo, preferredTags: readonly string[]): number {
  const tag = normaliseTag(voice.lang);
  let score = 0;
  // The learner's own browser languages say which variety they want ("es-MX" rather than "es-ES").
  if (preferredTags.some((preferred) => normaliseTag(preferred) === tag)) score += 4;
  if (voice.default) score += 2;
  // A voice on the device works offline and sends no text away (Chrome's "Google" voices are remote).
  if (voice.localService) score += 1;
  return score;
}

/** The voices that speak `language`, best first (see `chooseVoice`); ties keep the browser's order. */
export function voicesFor<Voice extends VoiceInfo>(
  voices: readonly Voice[],
  language: string,
  preferredTags: readonly string[] = [],
): Voice[] {
  return voices
    .map((voice, index) => ({ voice, index, score: rank(voice, preferredTags) }))
    .filter(({ voice }) => voiceSpeaks(voice, language))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ voice }) => voice);
}

/**
 * The voice to speak `language` with: the learner's chosen voice when this browser has it (and it speaks
 * the language), else the best match — a voice in one of the browser's preferred language tags first,
 * then the browser's default voice, then a local one. Null when no voice speaks the language: a voice of
 * another language would read the words with the wrong sounds.
 */
export function chooseVoice<Voice extends VoiceInfo>(
  voices: readonly Voice[],
  language: string,
  options: { preferredName?: string | undefined; preferredTags?: readonly string[] } = {},
): Voice | null {
  const candidates = voicesFor(voices, language, options.preferredTags);
  const chosen = options.preferredName
    ? candidates.find((voice) => voice.name === options.preferredName)
    : undefined;
  return chosen ?? candidates[0] ?? null;
}
