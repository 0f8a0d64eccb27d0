import type { ErrorCode } from '../contracts/errors.ts';

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
 * into `{ error: { code, message, details } }` with the status that belongs to the code.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  /** Seconds a client should wait, sent as `retry-after` (rate limits). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = statusByCode[code];
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const validationFailed = (message: string, details?: unknown) =>
  new AppError('validation_failed', message, { details });
export const unauthenticated = (message = 'Please sign in.') => new AppError('unauthenticated', message);
export const forbidden = (message = 'You are not allowed to do that.') => new AppError('forbidden', message);
export const notFound = (what = 'That') => new AppError('not_found', `${what} was not found.`);
export const conflict = (message: string) => new AppError('conflict', message);
