import type { ErrorCode } from '../contracts/errors.ts';
import type { MessageRef } from '../contracts/messages/catalogues.ts';
import type { InterfaceLanguage } from '../contracts/messages/languages.ts';
import { msg, render } from './i18n/messages.ts';

const statusByCode: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  budget_exceeded: 402,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  provider_error: 502,
  no_provider: 503,
  service_unavailable: 503,
  audio_format: 400,
  audio_duration: 400,
  audio_too_long: 400,
  audio_too_large: 413,
  speech_not_set_up: 409,
};

/**
 * The one error vocabulary. Use cases throw AppError; the single error handler in app.ts turns it
 * into `{ error: { code, message, details } }` with the status that belongs to the code. The message is
 * a catalogue key with values (`msg('errors.…')`), rendered in the caller's interface language; a plain
 * string is sent as it is (text that is not the interface's: a provider's own error, a file's name).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  /** The message as a catalogue key; `message` holds its English text, for logs. */
  readonly messageRef: MessageRef | undefined;
  readonly status: number;
  readonly details: unknown;
  /** Seconds a client should wait, sent as `retry-after` (rate limits). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string | MessageRef,
    options: { details?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(typeof message === 'string' ? message : render('en', message));
    this.messageRef = typeof message === 'string' ? undefined : message;
    this.name = 'AppError';
    this.code = code;
    this.status = statusByCode[code];
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The message in a reader's interface language. */
  localized(language: InterfaceLanguage): string {
    return this.messageRef ? render(language, this.messageRef) : this.message;
  }
}

/** What a 404 names: `errors.notFound.<subject>` ("That deck was not found."). */
export type NotFoundSubject =
  | 'generic'
  | 'member'
  | 'account'
  | 'deck'
  | 'card'
  | 'message'
  | 'reviewToUndo'
  | 'reviewedCard'
  | 'text'
  | 'language'
  | 'conversation'
  | 'exercise'
  | 'provider'
  | 'model'
  | 'download'
  | 'priceOverride'
  | 'summary'
  | 'feedback'
  | 'persona'
  | 'scenario'
  | 'drills'
  | 'recording';

export const validationFailed = (message: string | MessageRef, details?: unknown) =>
  new AppError('validation_failed', message, { details });
export const unauthenticated = (message: string | MessageRef = msg('errors.signInFirst')) =>
  new AppError('unauthenticated', message);
export const forbidden = (message: string | MessageRef = msg('errors.forbidden')) =>
  new AppError('forbidden', message);
export const notFound = (subject: NotFoundSubject = 'generic') =>
  new AppError('not_found', msg(`errors.notFound.${subject}`));

/**
 * The one refusal of anything that needs a model when no provider can serve it (503): the same
 * words whether a turn, a drill or the reading room asked; a model call that finds its chain empty
 * fails with the same message (`noProviderError` in llm/errors.ts).
 */
export const noProvider = () => new AppError('no_provider', msg('errors.noProvider'));
export const conflict = (message: string | MessageRef) => new AppError('conflict', message);
