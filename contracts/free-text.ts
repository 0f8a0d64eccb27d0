import { z } from 'zod';

/**
 * Options of a free-text field. `multiline` allows newline and tab (a message, notes); every other
 * field is one line. Text is trimmed unless `trim: false` (a learner's message is stored as typed).
 */
export type FreeTextOptions = {
  max: number;
  /** 1 refuses an empty (or, when trimmed, blank) value with "must not be empty". */
  min?: number;
  multiline?: boolean;
  trim?: boolean;
};

// Unicode control characters (C0, DEL, C1). PostgreSQL cannot store NUL at all, and the others
// break CSV, Anki fields, terminals and prompts.
const controlCharacter = /\p{Cc}/u;
const controlCharacterButTabOrNewline = /[^\P{Cc}\t\n]/u;

/** Turns CR and CRLF into the newline the rest of the system expects. */
export function normalizeNewlines(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}

/** True when the text holds a control character the field does not allow (after CR/CRLF → `\n`). */
export function hasForbiddenControlCharacter(value: string, multiline: boolean): boolean {
  return (multiline ? controlCharacterButTabOrNewline : controlCharacter).test(normalizeNewlines(value));
}

/** Removes every NUL (stored rows from before this rule; PostgreSQL cannot hold them). */
export function stripNul(value: string): { text: string; removed: number } {
  let removed = 0;
  const text = value.replaceAll('\u0000', () => {
    removed++;
    return '';
  });
  return { text, removed };
}

/**
 * An unpaired surrogate (half of an emoji, from a client that cut text by UTF-16 units) cannot be
 * encoded as UTF-8: the databases would store U+FFFD instead, or PostgreSQL refuse it in JSON. Free
 * text and new passwords refuse it.
 */
export const wellFormed = {
  check: (value: string) => value.isWellFormed(),
  message: 'must not contain a broken character (half of an emoji or symbol)',
} as const;

/**
 * The one schema for every free-text field of the API, bodies and search queries alike: CR and
 * CRLF become `\n`; control characters and unpaired surrogates are refused with a 400 that names the
 * field (the error handler puts the path in the message), except tab and newline in multiline fields.
 */
export function freeText(options: FreeTextOptions) {
  const { max, min = 0, multiline = false, trim = true } = options;
  let schema = z
    .string()
    .overwrite(normalizeNewlines)
    .refine((value) => multiline || !value.includes('\n'), { message: 'must be a single line', abort: true })
    .refine((value) => !hasForbiddenControlCharacter(value, multiline), {
      message: 'must not contain control characters',
      abort: true,
    })
    .refine(wellFormed.check, { message: wellFormed.message, abort: true });
  if (trim) schema = schema.trim();
  if (min > 0) {
    schema = trim
      ? schema.min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
      : schema.refine((value) => value.trim().length >= min, {
          message: min === 1 ? 'must not be empty' : `must be at least ${min} characters`,
        });
  }
  return schema.max(max, `must be at most ${max} characters`);
}
