import { franc } from 'franc-min';

/** ISO 639-1 (our codes) to the ISO 639-3 codes franc-min knows. Languages it lacks are left out. */
const iso6393: Record<string, string> = {
  es: 'spa',
  fr: 'fra',
  de: 'deu',
  it: 'ita',
  pt: 'por',
  en: 'eng',
  nl: 'nld',
  sv: 'swe',
  pl: 'pol',
  cs: 'ces',
  ro: 'ron',
  el: 'ell',
  tr: 'tur',
  ru: 'rus',
  uk: 'ukr',
  ar: 'arb',
  hi: 'hin',
  zh: 'cmn',
  ja: 'jpn',
  ko: 'kor',
  id: 'ind',
  vi: 'vie',
};

/** Below this many characters trigram detection is unreliable: short turns are never judged. */
export const minDetectableLength = 20;

/**
 * Which of `candidates` (our language codes) the text is written in, or undefined when the text is
 * too short or the detector cannot decide. Restricting to the learner's own languages is what makes
 * a trigram detector reliable enough here.
 */
export function detectLanguage(text: string, candidates: readonly string[]): string | undefined {
  const letters = text.replace(/[^\p{L}\s]/gu, ' ').trim();
  if (letters.replace(/\s+/g, '').length < minDetectableLength) return undefined;
  const only = candidates.map((code) => iso6393[code]).filter((code): code is string => Boolean(code));
  if (only.length < 2) return undefined;
  const detected = franc(letters, { only, minLength: minDetectableLength });
  if (detected === 'und') return undefined;
  return Object.entries(iso6393).find(([, code]) => code === detected)?.[0];
}
