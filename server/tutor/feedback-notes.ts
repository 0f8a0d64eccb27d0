import type { MessageKey } from '../../contracts/messages/catalogues.ts';
import { type InterfaceLanguage, interfaceLocale } from '../../contracts/messages/languages.ts';
import { languageNameFor, translate } from '../i18n/messages.ts';

/**
 * The notes stored with a learner message's feedback — why corrections are unavailable, and that the
 * message looks like another language — are stored as codes with values and worded when read, in the
 * reader's interface language (issue 18): the learner, or an admin reading a transcript, each see
 * their own. The API still sends them as sentences (`message`, `languageNotice.message`).
 */

/**
 * `message_feedback.language_notice_json`: the message as a whole is in another language
 * (`message`), or some of its words are (`words`, in the order found). `target` is the language the
 * learner is practising. Rows stored before issue 18 hold `{ detected, message }` in English.
 */
export type StoredLanguageNotice =
  | { kind: 'message'; detected: string; target: string }
  | { kind: 'words'; detected: string; target: string; words: string[] };

/** `message_feedback.error_code` → the note shown; any other model error reads "did not answer". */
const unavailableKeys: Record<string, MessageKey> = {
  output_invalid: 'feedback-notes.unavailable.malformed',
  budget_exceeded: 'feedback-notes.unavailable.budget',
  no_provider: 'feedback-notes.unavailable.noProvider',
  timeout: 'feedback-notes.unavailable.timeout',
  internal_error: 'feedback-notes.unavailable',
};

/** Why corrections are unavailable, from the stored error code. */
export function unavailableNote(language: InterfaceLanguage, errorCode: string): string {
  return translate(language, unavailableKeys[errorCode] ?? 'feedback-notes.unavailable.noAnswer');
}

/** The notice as a sentence in the reader's language. */
export function languageNoticeText(language: InterfaceLanguage, notice: StoredLanguageNotice): string {
  const detected = languageNameFor(language, notice.detected);
  const target = languageNameFor(language, notice.target);
  if (notice.kind === 'message')
    return translate(language, 'feedback-notes.notice.message', { detected, target });
  const words = new Intl.ListFormat(interfaceLocale(language), { type: 'conjunction' }).format(
    notice.words.map((word) => translate(language, 'feedback-notes.quoted', { word })),
  );
  return translate(language, 'feedback-notes.notice.words', {
    count: notice.words.length,
    words,
    detected,
    target,
  });
}

/**
 * A stored notice for the API: worded when it is a code; a notice stored in English before issue 18
 * that the migration could not read (or one brought back by an older export) is shown as stored.
 */
export function presentLanguageNotice(
  language: InterfaceLanguage,
  json: string | null,
): { detected: string; message: string } | null {
  if (!json) return null;
  let stored: unknown;
  try {
    stored = JSON.parse(json);
  } catch {
    return null;
  }
  if (!stored || typeof stored !== 'object') return null;
  const notice = stored as Partial<StoredLanguageNotice> & { message?: unknown };
  if (typeof notice.detected !== 'string') return null;
  if (
    typeof notice.target === 'string' &&
    (notice.kind === 'message' ||
      (notice.kind === 'words' && Array.isArray(notice.words) && notice.words.length > 0))
  )
    return {
      detected: notice.detected,
      message: languageNoticeText(language, notice as StoredLanguageNotice),
    };
  return typeof notice.message === 'string' ? { detected: notice.detected, message: notice.message } : null;
}
