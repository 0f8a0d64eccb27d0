import { z } from 'zod';
import { freeText } from './free-text.ts';
import { languageCodeSchema } from './languages.ts';

/*
 * Speech through the server (issue 16): transcription (speech to text) and synthesis (text to
 * speech) on the providers set up for the language models, metered like every model call.
 */

/** The most audio one upload may carry: two minutes and 10 MB. */
export const maxSpeechSeconds = 120;
export const maxSpeechBytes = 10 * 1024 * 1024;
/** The longest text one synthesis call speaks. */
export const maxSynthesisChars = 4000;

/** Audio formats the server accepts, recognised by their content (never the declared type). */
export const audioFormats = ['webm', 'ogg', 'wav', 'mp3', 'm4a'] as const;
export type AudioFormat = (typeof audioFormats)[number];

// --- Chains (admin) -----------------------------------------------------------------------------

export const speechFunctionSchema = z.enum(['transcribe', 'speak']);
export type SpeechFunction = z.infer<typeof speechFunctionSchema>;
export const speechFunctions = speechFunctionSchema.options;

const oneWord = (max: number, message: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}\s]+$/u, message);

export const speechChainLinkSchema = z.strictObject({
  provider: z.string().min(1).max(64),
  model: oneWord(200, 'A model id is one word.'),
  /** Speak links only: the voice used when the learner chose none for the language. */
  voice: oneWord(100, 'A voice name is one word.').optional(),
});
export type SpeechChainLink = z.infer<typeof speechChainLinkSchema>;

export const speechChainSettingSchema = z.object({
  function: speechFunctionSchema,
  links: z.array(speechChainLinkSchema),
  /** "app" when set in the app, "environment" for SPEECH_CHAIN_* (an app setting wins), "none". */
  source: z.enum(['app', 'environment', 'none']),
});
export type SpeechChainSetting = z.infer<typeof speechChainSettingSchema>;

/** `PUT /api/admin/providers/speech-chains`: an empty list removes the app's setting. */
export const speechChainUpdateSchema = z
  .strictObject({
    function: speechFunctionSchema,
    links: z.array(speechChainLinkSchema).max(8),
  })
  .superRefine((value, context) => {
    if (value.function === 'transcribe')
      value.links.forEach((link, index) => {
        if (link.voice !== undefined)
          context.addIssue({
            code: 'custom',
            path: ['links', index, 'voice'],
            message: 'A transcription link has no voice.',
          });
      });
  });
export type SpeechChainUpdate = z.input<typeof speechChainUpdateSchema>;

// --- Learner API --------------------------------------------------------------------------------

/** Why a speech function is not available: no chain set up, or the learner (or server) is at a cap. */
export const speechUnavailableReasonSchema = z.enum(['not_set_up', 'over_budget']).nullable();
export type SpeechUnavailableReason = z.infer<typeof speechUnavailableReasonSchema>;

export const speechCapabilitiesQuerySchema = z.strictObject({ language: languageCodeSchema });

export const speechCapabilitiesSchema = z.object({
  transcribe: z.object({ available: z.boolean(), reason: speechUnavailableReasonSchema }),
  speak: z.object({
    available: z.boolean(),
    reason: speechUnavailableReasonSchema,
    /** The first speak provider's voices where it lists them (OpenAI's known set otherwise); may be empty. */
    voices: z.array(z.string()),
    /** The voice used when the learner chose none: the chain link's, else the first listed. */
    defaultVoice: z.string().nullable(),
  }),
  maxSeconds: z.number(),
  maxBytes: z.number(),
});
export type SpeechCapabilities = z.infer<typeof speechCapabilitiesSchema>;

export const transcriptionPurposeSchema = z.enum(['message', 'pronunciation']);
export type TranscriptionPurpose = z.infer<typeof transcriptionPurposeSchema>;

/**
 * The text fields of `POST /api/speech/transcriptions` (multipart/form-data); the audio is the
 * `file` part, at most `maxSpeechBytes`, checked by content.
 */
export const transcriptionFieldsSchema = z.strictObject({
  /** The conversation's language: always passed to the provider (recognition in the right language). */
  language: languageCodeSchema,
  conversationId: z.uuid('must be a conversation id').optional(),
  purpose: transcriptionPurposeSchema.default('message'),
});
export type TranscriptionFields = z.input<typeof transcriptionFieldsSchema>;

export const transcriptionResultSchema = z.object({
  text: z.string(),
  language: z.string(),
  /** Measured by the server from the audio's container, never taken from the client. */
  durationMs: z.number(),
  provider: z.string(),
  model: z.string(),
  costMicros: z.number(),
  /** The stored recording's id when the learner keeps their audio (settings), else null. */
  recordingId: z.string().nullable(),
});
export type TranscriptionResult = z.infer<typeof transcriptionResultSchema>;

export const synthesisRequestSchema = z.strictObject({
  text: freeText({ max: maxSynthesisChars, min: 1, multiline: true }),
  language: languageCodeSchema,
  /** A voice of the provider's; the learner's voice for the language, else the chain's default. */
  voice: oneWord(100, 'A voice name is one word.').optional(),
  /** 1 = normal. */
  speed: z.number().min(0.5).max(2).optional(),
});
export type SynthesisRequest = z.input<typeof synthesisRequestSchema>;

/** Response headers of `POST /api/speech/synthesis` (the body is the audio itself). */
export const synthesisHeaders = {
  cache: 'x-charla-cache',
  costMicros: 'x-charla-cost-micros',
  provider: 'x-charla-provider',
  model: 'x-charla-model',
  voice: 'x-charla-voice',
} as const;

export const recordingSchema = z.object({
  id: z.string(),
  conversationId: z.string().nullable(),
  createdAt: z.string(),
  durationMs: z.number(),
  mimeType: z.string(),
  bytes: z.number(),
  language: z.string(),
  /** What the server transcribed from it. */
  transcript: z.string(),
});
export type Recording = z.infer<typeof recordingSchema>;

export const recordingListSchema = z.object({ recordings: z.array(recordingSchema) });
export type RecordingList = z.infer<typeof recordingListSchema>;

export const recordingIdParamsSchema = z.strictObject({
  id: z.uuid('must be a recording id'),
});
