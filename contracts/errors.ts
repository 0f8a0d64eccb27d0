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
  /** Speech: the upload is not webm/opus, ogg, wav, mp3 or m4a by its content. */
  'audio_format',
  /** Speech: the audio's duration cannot be measured from its container. */
  'audio_duration',
  /** Speech: longer than the two minutes one upload may carry. */
  'audio_too_long',
  /** Speech: larger than the 10 MB one upload may carry. */
  'audio_too_large',
  /** Speech: no provider chain is set up for that function. */
  'speech_not_set_up',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export { noProviderMessage, type TurnFailureCode, turnFailureCodes } from './turn-failures.ts';
