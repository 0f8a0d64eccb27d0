import { z } from 'zod';
import { correctionPolicies } from './corrections.ts';
import { freeText, wellFormed } from './free-text.ts';
import { cefrLevelSchema, languageCodeSchema } from './languages.ts';
import { interfaceLanguages } from './messages/languages.ts';

export type { CorrectionPolicy } from './corrections.ts';

export const usernameSchema = z
  .string()
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(32, 'must be at most 32 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'may only contain letters a-z, digits, dot, underscore and hyphen')
  .transform((value) => value.toLowerCase());

/**
 * A new password. Half of an emoji is refused like in free text: hashed as UTF-8 it becomes U+FFFD,
 * so two passwords differing only there would be one. Signing in checks what it is given as it is,
 * so an account made before this rule still signs in.
 */
export const passwordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters')
  .refine(wellFormed.check, { message: wellFormed.message });

export const emailSchema = z.email('must be a valid email address').max(254);

export const interfaceLanguageSchema = z.enum(interfaceLanguages);

export const credentialsSchema = z.strictObject({
  username: usernameSchema,
  password: passwordSchema,
  email: emailSchema.optional(),
  /** Sign-up only: the language the visitor chose for the interface (else their browser's, else English). */
  interfaceLanguage: interfaceLanguageSchema.optional(),
});
export type Credentials = z.input<typeof credentialsSchema>;

export const loginSchema = z.strictObject({
  username: freeText({ max: 64, min: 1 }),
  password: z.string().min(1, 'is required').max(200),
  email: freeText({ max: 254 }).optional(),
});

export const roleSchema = z.enum(['admin', 'learner']);
export type Role = z.infer<typeof roleSchema>;

export const correctionPolicySchema = z.enum(correctionPolicies);

export const explanationLanguageSchema = z.enum(['native', 'target']);

export const targetLanguageSchema = z.strictObject({
  language: languageCodeSchema,
  level: cefrLevelSchema,
});
export type TargetLanguage = z.infer<typeof targetLanguageSchema>;

const speechRateSchema = z.number().min(0.5).max(1.5);
const voiceNameSchema = freeText({ max: 200, min: 1, trim: false });
const serverVoiceNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}\s]+$/u, 'A voice name is one word.');
export const speechEngineSchema = z.enum(['auto', 'browser', 'server']);
export type SpeechEngine = z.infer<typeof speechEngineSchema>;

/**
 * The learner's speech preferences. Voices belong to the browser (or the device), so a voice is kept
 * by name per target language: a name this device does not have falls back to the best match there.
 */
export const voiceSettingsSchema = z.strictObject({
  /** Speech rate, 1 = normal. */
  rate: speechRateSchema,
  /** The chosen voice per language code; a language without one uses the best match. */
  voiceNames: z.partialRecord(languageCodeSchema, voiceNameSchema),
  /** Read every tutor reply aloud as it streams in, even outside voice mode. */
  autoSpeak: z.boolean(),
  /** auto: the browser's speech where it works, else the server's; or always one of them. */
  engine: speechEngineSchema,
  /** The server voice per language code (a provider's voice name); none uses the chain's default. */
  serverVoices: z.partialRecord(languageCodeSchema, serverVoiceNameSchema),
  /** Keep the audio of server transcriptions (listed, deletable, exported). Off unless chosen. */
  storeAudio: z.boolean(),
});
export type VoiceSettings = z.infer<typeof voiceSettingsSchema>;

/** A change to the speech preferences: `voiceNames` merges per language, and `null` forgets one. */
export const voiceSettingsUpdateSchema = z.strictObject({
  rate: speechRateSchema.optional(),
  voiceNames: z.partialRecord(languageCodeSchema, voiceNameSchema.nullable()).optional(),
  autoSpeak: z.boolean().optional(),
  engine: speechEngineSchema.optional(),
  serverVoices: z.partialRecord(languageCodeSchema, serverVoiceNameSchema.nullable()).optional(),
  storeAudio: z.boolean().optional(),
});
export type VoiceSettingsUpdate = z.infer<typeof voiceSettingsUpdateSchema>;

export const profileSchema = z.object({
  nativeLanguage: languageCodeSchema.nullable(),
  targetLanguages: z.array(targetLanguageSchema),
  dailyGoalMinutes: z.number().int(),
  /**
   * The learner's own choice; null when they have made none: each tutor mode's default applies,
   * and for free conversation, role-plays and negotiation the server's `defaultCorrectionPolicy`.
   */
  correctionPolicy: correctionPolicySchema.nullable(),
  /** The admin's default for learners without a choice of their own. */
  defaultCorrectionPolicy: correctionPolicySchema,
  explanationLanguage: explanationLanguageSchema,
  preferredPersona: z.string().nullable(),
  voice: voiceSettingsSchema,
  /** The language of the app's own words (buttons, messages, API errors): one of six. */
  interfaceLanguage: interfaceLanguageSchema,
  onboarded: z.boolean(),
});
export type Profile = z.infer<typeof profileSchema>;

export const profileUpdateSchema = z.strictObject({
  nativeLanguage: languageCodeSchema.optional(),
  targetLanguages: z
    .array(targetLanguageSchema)
    .min(1, 'choose at least one target language')
    .max(10, 'at most 10 target languages')
    .refine((list) => new Set(list.map((item) => item.language)).size === list.length, {
      message: 'each target language may appear only once',
    })
    .optional(),
  dailyGoalMinutes: z.number().int().min(5).max(240).optional(),
  /** null goes back to the defaults (the modes' and the server's). */
  correctionPolicy: correctionPolicySchema.nullable().optional(),
  explanationLanguage: explanationLanguageSchema.optional(),
  preferredPersona: freeText({ max: 100, min: 1 }).nullable().optional(),
  voice: voiceSettingsUpdateSchema.optional(),
  interfaceLanguage: interfaceLanguageSchema.optional(),
  /** Set by the onboarding flow once the learner has chosen languages and a goal. */
  completeOnboarding: z.literal(true).optional(),
});
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string().nullable(),
  role: roleSchema,
  isChild: z.boolean(),
  isOwner: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string(),
  profile: profileSchema,
});
export type User = z.infer<typeof userSchema>;

export const sessionResponseSchema = z.object({ user: userSchema, csrfToken: z.string() });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const authStatusSchema = z.object({
  /** True until the first account (the owner) exists. */
  needsSetup: z.boolean(),
  openSignup: z.boolean(),
});
export type AuthStatus = z.infer<typeof authStatusSchema>;

export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1, 'is required').max(200),
  newPassword: passwordSchema,
});

export const accountDeletionSchema = z.strictObject({
  password: z.string().min(1, 'is required').max(200),
});
