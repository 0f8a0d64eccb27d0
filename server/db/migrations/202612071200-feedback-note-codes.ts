import { type Kysely, sql } from 'kysely';

/**
 * Issue 18: the notes stored with a learner message's feedback are worded when read, in the reader's
 * interface language (server/tutor/feedback-notes.ts). Before, they were stored as English sentences:
 *
 * - why corrections were unavailable (`error_message`), beside its `error_code`. The code is what the
 *   note is worded from now, so the English text goes; a text without a code gets the code its words
 *   name (a text no version of the server wrote stays as it was, shown as stored);
 * - the language notice (`language_notice_json`, `{ detected, message }`) becomes
 *   `{ kind, detected, target, words? }`; the target is the feedback row's language.
 *
 * Data only and idempotent (a row already converted is left alone), on both databases.
 */

const unavailablePrefix = 'Corrections are unavailable for this message';

/** The English notes the server wrote, by the code each stood for. */
const unavailableTexts: Record<string, string> = {
  [`${unavailablePrefix}: the analysis came back malformed.`]: 'output_invalid',
  [`${unavailablePrefix}: the AI budget cannot cover the analysis right now.`]: 'budget_exceeded',
  [`${unavailablePrefix}: no AI provider is configured for feedback.`]: 'no_provider',
  [`${unavailablePrefix}: the analysis took too long.`]: 'timeout',
  [`${unavailablePrefix}: the analysis service did not answer.`]: 'provider_error',
  [`${unavailablePrefix}.`]: 'internal_error',
};

/**
 * What becomes of a stored unavailable note: its code (the one stored, else the one its words name)
 * and the text to keep (null once the code says it all), or null to leave the row as it is.
 */
export function storedUnavailableNote(
  errorCode: string | null,
  errorMessage: string,
): { errorCode: string; errorMessage: null } | null {
  // Earlier versions put the model error's own English after the colon: the code still says why.
  if (errorCode && errorMessage.startsWith(unavailablePrefix)) return { errorCode, errorMessage: null };
  const code = unavailableTexts[errorMessage];
  return code ? { errorCode: code, errorMessage: null } : null;
}

type StoredNotice =
  | { kind: 'message'; detected: string; target: string }
  | { kind: 'words'; detected: string; target: string; words: string[] };

const tryIt = 'Try saying it in [^;]+; the tutor will help if you are stuck\\.';
const wholeMessage = new RegExp(`^This message looks like [^.]+\\. ${tryIt}$`);
const someWords = new RegExp(`^(.+) (?:is a word|are words) in [^,]+, not [^.]+\\. ${tryIt}$`, 's');

/** A notice stored in English as codes, or null when it is not one the server wrote (or is converted). */
export function storedLanguageNotice(json: string, target: string): StoredNotice | null {
  let notice: { detected?: unknown; message?: unknown; kind?: unknown };
  try {
    notice = JSON.parse(json) as typeof notice;
  } catch {
    return null;
  }
  if (!notice || notice.kind !== undefined || typeof notice.detected !== 'string') return null;
  if (typeof notice.message !== 'string') return null;
  if (wholeMessage.test(notice.message)) return { kind: 'message', detected: notice.detected, target };
  const found = someWords.exec(notice.message);
  if (!found?.[1]) return null;
  const words = [...found[1].matchAll(/“([^”]*)”/g)].map((match) => match[1] as string);
  return words.length > 0 ? { kind: 'words', detected: notice.detected, target, words } : null;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const rows = await sql<{
    message_id: string;
    language: string;
    error_code: string | null;
    error_message: string | null;
    language_notice_json: string | null;
  }>`select message_id, language, error_code, error_message, language_notice_json from message_feedback
     where error_message is not null or language_notice_json is not null`.execute(db);
  for (const row of rows.rows) {
    const note = row.error_message ? storedUnavailableNote(row.error_code, row.error_message) : null;
    if (note)
      await sql`update message_feedback set error_code = ${note.errorCode}, error_message = null
                where message_id = ${row.message_id}`.execute(db);
    const notice = row.language_notice_json
      ? storedLanguageNotice(row.language_notice_json, row.language)
      : null;
    if (notice)
      await sql`update message_feedback set language_notice_json = ${JSON.stringify(notice)}
                where message_id = ${row.message_id}`.execute(db);
  }
}

/** Nothing to undo: the codes are what every later version reads. */
export async function down(): Promise<void> {}
