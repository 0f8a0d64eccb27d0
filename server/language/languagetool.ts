import { z } from 'zod';
import type { CorrectionCategory, Severity } from '../../contracts/tutor.ts';

/**
 * A self-hosted LanguageTool server (`LANGUAGETOOL_URL`), asked through its `/v2/check` API: its
 * matches become offline corrections with their rule ids kept. It is optional and never holds a
 * turn back: a slow or failing server yields no matches.
 */

const matchSchema = z.object({
  message: z.string(),
  shortMessage: z.string().optional(),
  offset: z.number().int().min(0),
  length: z.number().int().min(1),
  replacements: z.array(z.object({ value: z.string() })),
  rule: z.object({
    id: z.string(),
    description: z.string().optional(),
    issueType: z.string().optional(),
    category: z.object({ id: z.string(), name: z.string().optional() }),
  }),
});
const responseSchema = z.object({ matches: z.array(matchSchema) });
export type LanguageToolMatch = z.infer<typeof matchSchema>;

/** LanguageTool's codes for our six languages (German, English and Portuguese need a variant for spelling). */
const variants: Record<string, string> = {
  es: 'es',
  fr: 'fr',
  it: 'it',
  de: 'de-DE',
  en: 'en-US',
  pt: 'pt-PT',
};

/** A LanguageTool match as a correction, with where it came from. */
export type LanguageToolCorrection = {
  original: string;
  corrected: string;
  category: CorrectionCategory;
  severity: Severity;
  explanation: string;
  offset: number;
  rule: string;
  misspelling: boolean;
};

/** Charla's category for a LanguageTool rule: its category id first, hints in its rule id next. */
export function categoryOf(match: LanguageToolMatch): CorrectionCategory {
  const category = match.rule.category.id.toUpperCase();
  const id = match.rule.id.toUpperCase();
  if (
    category === 'TYPOS' ||
    category === 'CASING' ||
    category === 'COMPOUNDING' ||
    category === 'DIACRITICS'
  )
    return 'spelling';
  if (/AGREEMENT|CONCORD|CONCORDANCIA|ACCORD|KONGRUENZ/.test(id)) return 'agreement';
  if (/GENDER|GENERO|GENRE|GENUS/.test(id)) return 'gender';
  if (/PREP|PREPOSI/.test(id)) return 'preposition';
  if (/TENSE|VERB|TIEMPO|TEMPS|TEMPO/.test(id)) return 'verb-tense';
  if (/WORD_ORDER|ORDER/.test(id)) return 'word-order';
  if (
    category === 'CONFUSED_WORDS' ||
    category === 'SEMANTICS' ||
    category === 'COLLOCATIONS' ||
    category === 'FALSE_FRIENDS'
  )
    return 'vocabulary-choice';
  if (category === 'REGISTER' || category === 'COLLOQUIALISMS' || category === 'STYLE') return 'register';
  return 'other';
}

function severityOf(match: LanguageToolMatch, category: CorrectionCategory): Severity {
  const type = match.rule.issueType ?? '';
  if (type === 'style' || type === 'typographical' || type === 'whitespace' || category === 'register')
    return 'minor';
  if (type === 'grammar' && category !== 'spelling') return 'major';
  return 'moderate';
}

/** Turns LanguageTool's matches into corrections; a match without a replacement teaches nothing and is left out. */
export function correctionsFromMatches(text: string, matches: LanguageToolMatch[]): LanguageToolCorrection[] {
  const corrections: LanguageToolCorrection[] = [];
  for (const match of matches) {
    const original = text.slice(match.offset, match.offset + match.length);
    const corrected = match.replacements[0]?.value;
    if (!original || corrected === undefined || corrected === original) continue;
    const category = categoryOf(match);
    corrections.push({
      original,
      corrected,
      category,
      severity: severityOf(match, category),
      explanation: match.message.slice(0, 400),
      offset: match.offset,
      rule: match.rule.id,
      misspelling: match.rule.issueType === 'misspelling' || match.rule.category.id === 'TYPOS',
    });
  }
  return corrections;
}

/**
 * Asks LanguageTool about one text. Resolves to [] on any failure or after `timeoutMs`: the
 * learner's feedback goes on without it.
 */
export async function checkWithLanguageTool(
  options: { url: string; timeoutMs: number; log?: { warn(object: unknown, message: string): void } },
  input: { language: string; text: string; nativeLanguage?: string | null | undefined },
): Promise<LanguageToolCorrection[]> {
  const language = variants[input.language];
  if (!language) return [];
  const body = new URLSearchParams({ text: input.text, language });
  // LanguageTool's false-friend rules use the learner's native language.
  if (input.nativeLanguage && input.nativeLanguage !== input.language)
    body.set('motherTongue', variants[input.nativeLanguage] ?? input.nativeLanguage);
  try {
    const response = await fetch(
      new URL('v2/check', options.url.endsWith('/') ? options.url : `${options.url}/`),
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
    );
    if (!response.ok) throw new Error(`LanguageTool answered ${response.status}`);
    const parsed = responseSchema.parse(await response.json());
    return correctionsFromMatches(input.text, parsed.matches);
  } catch (error) {
    options.log?.warn({ err: error }, 'LanguageTool check failed; feedback goes on without it');
    return [];
  }
}
