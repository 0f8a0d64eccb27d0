import { z } from 'zod';

/** Stable error codes: clients branch on these, never on messages. */
export const errorCodes = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'budget_exceeded',
  'no_provider',
  'provider_error',
  'internal_error',
  'service_unavailable',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/**
 * Why a streamed turn's reply failed or stopped short: the `code` of a turn's `error` event and a
 * tutor message's `failureReason`. One list for the server's model errors and the web's messages.
 */
export const turnFailureCodes = [
  'no_provider',
  'provider_error',
  'timeout',
  'stopped',
  'interrupted',
  'budget_exceeded',
  'internal_error',
] as const;
export type TurnFailureCode = (typeof turnFailureCodes)[number];

/** The one answer when no AI provider can serve a call: what to do, in the app. */
export const noProviderMessage =
  'No AI provider can answer yet. An admin sets one up in the app under AI providers: paste a key, connect a local server, or download a local model.';

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
