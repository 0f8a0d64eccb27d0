import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { correctionCategorySchema, severitySchema } from '../../contracts/tutor.ts';

/**
 * Context rules: the real-word confusions a dictionary cannot see ("el" for "él", "a" for "à",
 * "its" for "it's"), written as data in content/language-rules/<language>.json and judged with
 * the sentence around the word. A rule fires on a word of its `words` map when one of its `when`
 * contexts matches and none of its `unless` contexts does.
 */

/** A test on one token: a word (compared in lower case) or a punctuation mark. */
const tokenTestSchema = z.strictObject({
  /** The token (or, for an elided token like "qu'il", the part after the apostrophe) is one of these. */
  in: z.array(z.string()).optional(),
  notIn: z.array(z.string()).optional(),
  /** A regular expression the lower-case word must match (whole word). */
  re: z.string().optional(),
  /** No word here: punctuation, or the start or end of the text. */
  edge: z.boolean().optional(),
  /** A word (not punctuation, not the edge of the text). */
  word: z.boolean().optional(),
  capitalised: z.boolean().optional(),
});
export type TokenTest = z.infer<typeof tokenTestSchema>;

const contextSchema = z.strictObject({
  /** Tests on the tokens right before the word, the nearest last. */
  before: z.array(tokenTestSchema).optional(),
  /** Tests on the tokens right after the word, the nearest first. */
  after: z.array(tokenTestSchema).optional(),
  /** The sentence ends with "?" or "!" (or opens with "¿" / "¡"). */
  sentence: z.enum(['question', 'exclamation', 'question-or-exclamation']).optional(),
  /** A word of this list follows within `within` words, in the same sentence. */
  ahead: z.strictObject({ in: z.array(z.string()), within: z.number().int().min(1).max(8) }).optional(),
});
export type RuleContext = z.infer<typeof contextSchema>;

/** The six languages: of the rule files, and of every rule's explanation. */
export const ruleLanguages = ['es', 'fr', 'de', 'it', 'pt', 'en'] as const;
export type RuleLanguage = (typeof ruleLanguages)[number];
const isRuleLanguage = (value: string): value is RuleLanguage =>
  (ruleLanguages as readonly string[]).includes(value);

/** An explanation in each of the six languages (a record over an enum requires every key). */
const explanationSchema = z.record(z.enum(ruleLanguages), z.string().min(1).max(200));

export const contextRuleSchema = z.strictObject({
  id: z.string().regex(/^[A-Z]{2}_[A-Z0-9_]+$/, 'ids look like ES_EL_PRONOUN'),
  /** The words the rule corrects (lower case) and what each becomes. */
  words: z.record(z.string(), z.string()),
  category: correctionCategorySchema,
  severity: severitySchema,
  when: z.array(contextSchema).min(1),
  unless: z.array(contextSchema).default([]),
  /** One sentence, like a model correction, in each of the six languages a learner may read it in. */
  explanation: explanationSchema,
  /** Sentences the rule must correct ("[wrong>right]" marks each correction) and must leave alone. */
  examples: z.strictObject({ fire: z.array(z.string()).min(1), quiet: z.array(z.string()).min(1) }),
});
export type ContextRule = z.infer<typeof contextRuleSchema>;

export const languageDataSchema = z.strictObject({
  language: z.enum(ruleLanguages),
  /** Place names in their correct form that the dictionary lacks (added to it at load). */
  places: z.array(z.string()),
  /** Loanwords in common use, accepted with a plural -s. */
  loanwords: z.array(z.string()),
  /** Diminutive and augmentative suffixes, each with the endings its base may have had. */
  derivations: z.array(z.strictObject({ suffix: z.string(), endings: z.array(z.string()) })),
  /** Spelling changes between a base and its derived form, e.g. "chico" → "chiquito" (c → qu). */
  stemChanges: z.array(z.tuple([z.string(), z.string()])),
  rules: z.array(contextRuleSchema),
});
export type LanguageData = z.infer<typeof languageDataSchema>;

const dataCache = new Map<string, LanguageData | null>();

/** The language's data file, validated (null when the language has none). Read once per process. */
export function languageData(language: string): LanguageData | null {
  if (dataCache.has(language)) return dataCache.get(language) ?? null;
  let data: LanguageData | null = null;
  try {
    const url = new URL(`../../content/language-rules/${language}.json`, import.meta.url);
    data = languageDataSchema.parse(JSON.parse(readFileSync(url, 'utf8')));
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
  }
  dataCache.set(language, data);
  return data;
}

export type Token = { text: string; lower: string; tail: string; offset: number; word: boolean };

const tokenPattern = /\p{L}+(?:['’-]\p{L}+)*['’]?|[.,;:!?¿¡"«»“”()…\n—–-]/gu;

/** Words and punctuation of a text, in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(tokenPattern)) {
    const value = match[0];
    const lower = value.toLowerCase().replace(/’/g, "'");
    const word = /\p{L}/u.test(value);
    tokens.push({ text: value, lower, tail: lower.replace(/^.*'(?=.)/, ''), offset: match.index ?? 0, word });
  }
  return tokens;
}

const sentenceEnd = new Set(['.', '!', '?', '…', '\n']);

/** The index range [start, end) of the sentence holding token `index`, and its kind. */
function sentenceAround(tokens: Token[], index: number) {
  let start = index;
  while (start > 0 && !sentenceEnd.has((tokens[start - 1] as Token).text)) start--;
  let end = index;
  while (end < tokens.length && !sentenceEnd.has((tokens[end] as Token).text)) end++;
  const texts = tokens.slice(start, end + 1).map((token) => token.text);
  const question = texts.includes('?') || texts.includes('¿');
  const exclamation = texts.includes('!') || texts.includes('¡');
  return { start, end, question, exclamation };
}

const regexCache = new Map<string, RegExp>();

function passes(test: TokenTest, token: Token | undefined): boolean {
  if (test.edge) return !token?.word;
  if (!token) return false;
  if (test.word && !token.word) return false;
  if (test.in && !test.in.includes(token.lower) && !test.in.includes(token.tail)) return false;
  if (test.notIn && (test.notIn.includes(token.lower) || test.notIn.includes(token.tail))) return false;
  if (test.re) {
    let pattern = regexCache.get(test.re);
    if (!pattern) {
      pattern = new RegExp(`^(?:${test.re})$`, 'u');
      regexCache.set(test.re, pattern);
    }
    if (!token.word || !pattern.test(token.lower)) return false;
  }
  if (test.capitalised !== undefined && /^\p{Lu}/u.test(token.text) !== test.capitalised) return false;
  return true;
}

function contextMatches(context: RuleContext, tokens: Token[], index: number): boolean {
  const before = context.before ?? [];
  for (let step = 0; step < before.length; step++) {
    if (!passes(before[before.length - 1 - step] as TokenTest, tokens[index - 1 - step])) return false;
  }
  const after = context.after ?? [];
  for (let step = 0; step < after.length; step++) {
    if (!passes(after[step] as TokenTest, tokens[index + 1 + step])) return false;
  }
  if (context.sentence || context.ahead) {
    const sentence = sentenceAround(tokens, index);
    if (context.sentence === 'question' && !sentence.question) return false;
    if (context.sentence === 'exclamation' && !sentence.exclamation) return false;
    if (context.sentence === 'question-or-exclamation' && !sentence.question && !sentence.exclamation)
      return false;
    if (context.ahead) {
      const { in: wanted, within } = context.ahead;
      const words = tokens.slice(index + 1, sentence.end).filter((token) => token.word);
      if (!words.slice(0, within).some((token) => wanted.includes(token.lower))) return false;
    }
  }
  return true;
}

/** A rule's correction of one word. */
export type RuleHit = {
  rule: string;
  original: string;
  corrected: string;
  offset: number;
  category: ContextRule['category'];
  severity: ContextRule['severity'];
  explanation: string;
};

/** Keeps the learner's capital: "El" → "Él", "Its" → "It's". */
function matchCase(original: string, replacement: string): string {
  return /^\p{Lu}/u.test(original) ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement;
}

/**
 * Every correction the rules make in `text`, one per word at most (the first rule in the file
 * wins), explained in `explanationLanguage` when it is one of the six and in English otherwise.
 */
export function applyContextRules(
  rules: readonly ContextRule[],
  text: string,
  explanationLanguage: string,
): RuleHit[] {
  const tokens = tokenize(text);
  const hits: RuleHit[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as Token;
    if (!token.word) continue;
    for (const rule of rules) {
      const replacement = rule.words[token.lower];
      if (replacement === undefined) continue;
      if (!rule.when.some((context) => contextMatches(context, tokens, index))) continue;
      if (rule.unless.some((context) => contextMatches(context, tokens, index))) continue;
      hits.push({
        rule: rule.id,
        original: token.text,
        corrected: matchCase(token.text, replacement),
        offset: token.offset,
        category: rule.category,
        severity: rule.severity,
        explanation: rule.explanation[isRuleLanguage(explanationLanguage) ? explanationLanguage : 'en'],
      });
      break;
    }
  }
  return hits;
}
