import { APICallError } from 'ai';
import type { TurnFailureCode } from '../../contracts/errors.ts';
import type { MessageRef } from '../../contracts/messages/catalogues.ts';
import { msg, render } from '../i18n/messages.ts';
import type { TokenUsage } from './types.ts';

/** A model error's code is one of the turn-failure codes the event stream and messages carry. */
export type ModelErrorCode = Exclude<TurnFailureCode, 'internal_error'>;

/** A failed model call, in the one error vocabulary: `retryable` drives the retry policy. */
export class ModelError extends Error {
  readonly code: ModelErrorCode;
  readonly retryable: boolean;
  readonly status: number | undefined;
  /** From the provider's retry-after, when it sent one. */
  readonly retryAfterMs: number | undefined;

  /** The message as a catalogue key (stored with a failed reply, rendered in the reader's language). */
  readonly messageRef: MessageRef | undefined;

  constructor(
    code: ModelErrorCode,
    message: string | MessageRef,
    options: {
      retryable?: boolean;
      status?: number | undefined;
      retryAfterMs?: number | undefined;
      cause?: unknown;
    } = {},
  ) {
    super(typeof message === 'string' ? message : render('en', message), { cause: options.cause });
    this.messageRef = typeof message === 'string' ? undefined : message;
    this.name = 'ModelError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The one no-provider error of every model call (the HTTP refusal uses the same message). */
export function noProviderError(): ModelError {
  return new ModelError('no_provider', msg('errors.noProvider'));
}

/** The model answered, but its structured output did not match the schema. Carries the raw text. */
export class ModelOutputError extends Error {
  readonly rawText: string | undefined;
  /** What the provider reported for the call, so the unusable answer is still billed exactly. */
  readonly usage: TokenUsage | undefined;
  constructor(message: string, rawText: string | undefined, cause?: unknown, usage?: TokenUsage) {
    super(message, { cause });
    this.name = 'ModelOutputError';
    this.rawText = rawText;
    this.usage = usage;
  }
}

/** Parses retry-after (seconds or an HTTP date) and retry-after-ms. */
export function parseRetryAfter(
  headers: Record<string, string> | undefined,
  now: number,
): number | undefined {
  if (!headers) return undefined;
  const lower = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
  const ms = Number(lower['retry-after-ms']);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = lower['retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Names the cause of a provider failure in words a learner or admin can act on. */
function describeStatus(status: number): MessageRef {
  if (status === 401 || status === 403) return msg('errors.model.keyRejected');
  if (status === 429) return msg('errors.model.rateLimited');
  if (status >= 500) return msg('errors.model.providerInternal', { status });
  return msg('errors.model.refused', { status });
}

/** Turns whatever a provider call threw into a ModelError with the right retry classification. */
export function classifyProviderError(error: unknown, now: number): ModelError {
  if (error instanceof ModelError) return error;
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    // A 2xx status here means the answer started and the connection broke while it was being read.
    if (status === undefined || (status >= 200 && status < 300)) {
      return new ModelError('provider_error', msg('errors.model.unreachable'), {
        retryable: true,
        cause: error,
      });
    }
    const retryable =
      status === 408 || status === 409 || status === 429 || status >= 500 || error.isRetryable;
    return new ModelError('provider_error', describeStatus(status), {
      retryable,
      status,
      retryAfterMs: parseRetryAfter(error.responseHeaders, now),
      cause: error,
    });
  }
  // Resets, cut connections and malformed chunks: transient by nature, so worth another try.
  const message = error instanceof Error ? error.message : String(error);
  return new ModelError(
    'provider_error',
    msg('errors.model.connectionFailed', { detail: message.slice(0, 120) }),
    {
      retryable: true,
      cause: error,
    },
  );
}
