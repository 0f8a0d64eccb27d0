import { z } from 'zod';
import { correctionPolicySchema } from './auth.ts';
import { correctionCategories } from './corrections.ts';
import { freeText } from './free-text.ts';
import { cefrLevelSchema, languageCodeSchema } from './languages.ts';

export {
  type CorrectionCategory,
  correctionCategories,
  correctionCategoryLabels,
} from './corrections.ts';

// --- Personas -------------------------------------------------------------------------------------

/** Built-in persona ids are kebab-case words; custom personas have UUIDv7 ids. */
export const personaIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'must be a persona id');

const singleLine = (max: number) => freeText({ max, min: 1 });

export const personaSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** How the tutor teaches, in imperative sentences; these become the persona part of the system prompt. */
  styleRules: z.array(z.string()),
  /** A line the tutor might say, shown in the picker (English). */
  previewLine: z.string(),
  builtIn: z.boolean(),
  /** True for the persona used when none is chosen. */
  isDefault: z.boolean(),
  /** `private`: only its author sees it; `everyone`: an admin made it for every member. */
  visibility: z.enum(['builtin', 'private', 'everyone']),
  /** True when the current user may edit or delete it. */
  editable: z.boolean(),
  /**
   * `en` when a built-in persona's name and description are not in the reader's interface language
   * (no translation yet); absent when they are, or when a member wrote them.
   */
  textLanguage: z.literal('en').optional(),
});
export type Persona = z.infer<typeof personaSchema>;

export const personaCreateSchema = z.strictObject({
  name: singleLine(60),
  description: singleLine(300),
  styleRules: z
    .array(singleLine(300))
    .min(1, 'add at least one style rule')
    .max(10, 'at most 10 style rules'),
  previewLine: singleLine(200),
  /** Only admins may share a persona with everyone. */
  visibility: z.enum(['private', 'everyone']).default('private'),
});
export type PersonaCreate = z.infer<typeof personaCreateSchema>;

// Built field by field: `.partial()` would keep visibility's default and silently turn a shared
// persona private on any edit (and make an empty body look like a change).
export const personaUpdateSchema = z
  .strictObject({
    name: personaCreateSchema.shape.name.optional(),
    description: personaCreateSchema.shape.description.optional(),
    styleRules: personaCreateSchema.shape.styleRules.optional(),
    previewLine: personaCreateSchema.shape.previewLine.optional(),
    visibility: z.enum(['private', 'everyone']).optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to update' });
export type PersonaUpdate = z.infer<typeof personaUpdateSchema>;

export const personaParamsSchema = z.strictObject({ id: personaIdSchema });

/** The learner's defaults for new conversations (persona customisation). */
export const tutorPreferencesSchema = z.object({
  /** What to talk about by default; null lets the tutor choose. */
  subject: z.string().nullable(),
  /** CEFR level the tutor speaks at by default; null = the learner's level for the language. */
  learnerLevel: cefrLevelSchema.nullable(),
});
export type TutorPreferences = z.infer<typeof tutorPreferencesSchema>;

export const tutorPreferencesUpdateSchema = z.strictObject({
  subject: singleLine(200).nullable().optional(),
  learnerLevel: cefrLevelSchema.nullable().optional(),
});

// --- Tutor modes ----------------------------------------------------------------------------------

export const tutorModes = [
  'free',
  'scenario',
  'interview',
  'negotiation',
  'teacher',
  'vocabulary',
  'grammar',
  'explain',
] as const;
export const tutorModeSchema = z.enum(tutorModes);
export type TutorMode = z.infer<typeof tutorModeSchema>;

/**
 * The policy that decides which corrections are shown. The learner's four choices, plus the
 * vocabulary builder's own default (word choice and spelling only).
 */
export const effectiveCorrectionPolicySchema = z.enum([
  'off',
  'on-request',
  'important',
  'all',
  'vocabulary',
]);
export type EffectiveCorrectionPolicy = z.infer<typeof effectiveCorrectionPolicySchema>;

export type TutorModeInfo = {
  id: TutorMode;
  name: string;
  description: string;
  /** The correction policy this mode uses unless the learner chose one explicitly. */
  defaultCorrectionPolicy: EffectiveCorrectionPolicy;
  /** What the subject field means in this mode (e.g. the job for an interview); null when unused. */
  subjectLabel: string | null;
};

export const tutorModeCatalogue: readonly TutorModeInfo[] = [
  {
    id: 'free',
    name: 'Free conversation',
    description: 'Talk about anything; the tutor keeps the conversation going at your level.',
    defaultCorrectionPolicy: 'important',
    subjectLabel: 'Topic',
  },
  {
    id: 'scenario',
    name: 'Scenario role-play',
    description: 'Play a real-life situation with goals to reach; a summary at the end.',
    defaultCorrectionPolicy: 'important',
    subjectLabel: null,
  },
  {
    id: 'interview',
    name: 'Interview practice',
    description: 'A realistic job interview, one question at a time, with feedback after each answer.',
    defaultCorrectionPolicy: 'all',
    subjectLabel: 'Job or field',
  },
  {
    id: 'negotiation',
    name: 'Negotiation',
    description: 'Negotiate a deal, a price or a deadline with a counterpart who pushes back.',
    defaultCorrectionPolicy: 'important',
    subjectLabel: 'What is being negotiated',
  },
  {
    id: 'teacher',
    name: 'Teacher mode',
    description: 'A structured mini-lesson on a topic: explanation, examples, then practice.',
    defaultCorrectionPolicy: 'all',
    subjectLabel: 'Lesson topic',
  },
  {
    id: 'vocabulary',
    name: 'Vocabulary builder',
    description: 'A conversation that works your due and weak words in naturally.',
    defaultCorrectionPolicy: 'vocabulary',
    subjectLabel: 'Topic area',
  },
  {
    id: 'grammar',
    name: 'Grammar focus',
    description: 'Practice that targets your most frequent kinds of mistakes.',
    defaultCorrectionPolicy: 'all',
    subjectLabel: 'Grammar point',
  },
  {
    id: 'explain',
    name: 'Explain',
    description: 'Ask the tutor anything about the language, in your native language.',
    defaultCorrectionPolicy: 'off',
    subjectLabel: null,
  },
];

export const tutorModeInfoSchema = z.object({
  id: tutorModeSchema,
  name: z.string(),
  description: z.string(),
  defaultCorrectionPolicy: effectiveCorrectionPolicySchema,
  subjectLabel: z.string().nullable(),
});

// --- Scenarios ------------------------------------------------------------------------------------

export const scenarioCategories = [
  'restaurant',
  'travel',
  'shopping',
  'health',
  'work',
  'social',
  'emergencies',
  'education',
  'daily-life',
  'hobbies',
] as const;
export const scenarioCategorySchema = z.enum(scenarioCategories);
export type ScenarioCategory = z.infer<typeof scenarioCategorySchema>;

/** The languages built-in scenarios carry vocabulary and phrases for. */
export const scenarioLanguages = ['es', 'fr', 'de', 'it', 'pt', 'en'] as const;

export const scenarioGoalSchema = z.object({ id: z.string(), text: z.string() });
export type ScenarioGoal = z.infer<typeof scenarioGoalSchema>;

/** A word or phrase in the target language with its meaning in English. */
export const glossedItemSchema = z.object({ text: z.string(), meaning: z.string() });
export type GlossedItem = z.infer<typeof glossedItemSchema>;

export const scenarioSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  category: scenarioCategorySchema,
  level: cefrLevelSchema,
  learnerRole: z.string(),
  tutorRole: z.string(),
  builtIn: z.boolean(),
  /** Author's username for learner-written scenarios. */
  author: z.string().nullable(),
  shared: z.boolean(),
  editable: z.boolean(),
  /** Languages with built-in vocabulary and phrases. */
  languages: z.array(z.string()),
  /**
   * `en` when a built-in scenario's title and description are not in the reader's interface language
   * (no translation yet); absent when they are, or when a member wrote them. Its setting and goals
   * (the tutor's brief) stay English.
   */
  textLanguage: z.literal('en').optional(),
});
export type ScenarioSummary = z.infer<typeof scenarioSummarySchema>;

export const scenarioSchema = scenarioSummarySchema.extend({
  setting: z.string(),
  goals: z.array(scenarioGoalSchema),
  culturalNotes: z.array(z.string()),
  /** Per language code: key vocabulary and phrases. Languages not listed are improvised by the tutor. */
  vocabulary: z.record(z.string(), z.array(glossedItemSchema)),
  phrases: z.record(z.string(), z.array(glossedItemSchema)),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export const scenarioListQuerySchema = z.strictObject({
  category: scenarioCategorySchema.optional(),
  level: cefrLevelSchema.optional(),
  /** Only scenarios with built-in vocabulary for this language (learner-written ones are always listed). */
  language: languageCodeSchema.optional(),
  q: freeText({ max: 100 }).optional(),
});

export const scenarioParamsSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9-]+$/, 'must be a scenario id'),
});

const glossedInputSchema = z.strictObject({ text: singleLine(120), meaning: singleLine(200) });

/** A learner-written scenario: validated so the tutor can play it and the goals can be tracked. */
export const scenarioCreateSchema = z.strictObject({
  title: singleLine(80).refine((value) => value.length >= 3, 'must be at least 3 characters'),
  description: singleLine(300),
  category: scenarioCategorySchema,
  level: cefrLevelSchema,
  learnerRole: singleLine(120),
  tutorRole: singleLine(120),
  setting: singleLine(500),
  goals: z.array(singleLine(200)).min(1, 'add at least one goal').max(8, 'at most 8 goals'),
  culturalNotes: z.array(singleLine(300)).max(5, 'at most 5 cultural notes').default([]),
  vocabulary: z
    .partialRecord(languageCodeSchema, z.array(glossedInputSchema).max(30, 'at most 30 words per language'))
    .default({}),
  phrases: z
    .partialRecord(languageCodeSchema, z.array(glossedInputSchema).max(20, 'at most 20 phrases per language'))
    .default({}),
  /** Shared scenarios are visible to every member of this server. */
  shared: z.boolean().default(false),
});
export type ScenarioCreate = z.infer<typeof scenarioCreateSchema>;

// --- Feedback -------------------------------------------------------------------------------------

export const correctionCategorySchema = z.enum(correctionCategories);

export const severitySchema = z.enum(['minor', 'moderate', 'major']);
export type Severity = z.infer<typeof severitySchema>;

export const correctionSchema = z.object({
  /** The learner's words, exactly as written. */
  original: z.string(),
  corrected: z.string(),
  category: correctionCategorySchema,
  /** Short, in the explanation language. */
  explanation: z.string(),
  severity: severitySchema,
  /** `model` from the analysis call; `spelling` from the offline Hunspell check. */
  source: z.enum(['model', 'spelling']),
  /** Where `original` starts in the message, when found. */
  offset: z.number().nullable(),
  /**
   * For a card made from this correction: a front that makes sense alone ("yo fui" rather than "fui"),
   * its translation into the native language, and the learner's sentence with every correction of
   * the message applied. Null in feedback stored before they existed, or when the analysis gave none.
   */
  cardFront: z.string().nullable(),
  translation: z.string().nullable(),
  example: z.string().nullable(),
});
export type Correction = z.infer<typeof correctionSchema>;

export const newWordSchema = z.object({
  term: z.string(),
  translation: z.string(),
  note: z.string().nullable(),
});
export type NewWord = z.infer<typeof newWordSchema>;

export const spellingIssueSchema = z.object({
  word: z.string(),
  offset: z.number(),
  suggestions: z.array(z.string()),
});
export type SpellingIssue = z.infer<typeof spellingIssueSchema>;

/** What the learner sees under a message. Hidden corrections are stored and revealed on request. */
export const feedbackSchema = z.object({
  learnerMessageId: z.string(),
  /**
   * `complete`: analysed; `unavailable`: the analysis failed (the turn itself is fine);
   * `off`: the correction policy is off and nothing was analysed.
   */
  status: z.enum(['complete', 'unavailable', 'off']),
  policy: effectiveCorrectionPolicySchema,
  corrections: z.array(correctionSchema),
  /** Corrections the policy holds back (on request, or beyond the important few). */
  hiddenCorrections: z.number(),
  rephrasing: z.string().nullable(),
  newVocabulary: z.array(newWordSchema),
  /** Scenario goal ids this turn met. */
  goalsMet: z.array(z.string()),
  spelling: z.array(spellingIssueSchema),
  /** Set when a turn of 20+ characters was written in the learner's native language. */
  languageNotice: z.object({ detected: z.string(), message: z.string() }).nullable(),
  /** Why the feedback is unavailable, for the learner. */
  message: z.string().nullable(),
});
export type Feedback = z.infer<typeof feedbackSchema>;

export const feedbackEventSchema = feedbackSchema.extend({
  type: z.literal('feedback'),
  /** Every goal of the conversation's scenario met so far. */
  scenarioGoalsMet: z.array(z.string()),
});

// --- Error patterns -------------------------------------------------------------------------------

export const errorPatternsQuerySchema = z.strictObject({
  language: languageCodeSchema.optional(),
  days: z.coerce.number().int().min(1).max(3650).default(90),
});

export const errorPatternsSchema = z.object({
  since: z.string(),
  totals: z.array(z.object({ language: z.string(), category: correctionCategorySchema, count: z.number() })),
  /** Counts per ISO week (Monday, UTC) and category. */
  weekly: z.array(
    z.object({
      week: z.string(),
      language: z.string(),
      category: correctionCategorySchema,
      count: z.number(),
    }),
  ),
});
export type ErrorPatterns = z.infer<typeof errorPatternsSchema>;

// --- Conversation setup and scenario summary ------------------------------------------------------

/** Tutor fields accepted when a conversation is created. */
export const conversationTutorFieldsSchema = z.strictObject({
  personaId: personaIdSchema.optional(),
  scenarioId: scenarioParamsSchema.shape.id.optional(),
  mode: tutorModeSchema.optional(),
  subject: singleLine(200).optional(),
  /** The learner's explicit choice for this conversation; overrides the mode's default. */
  correctionPolicy: correctionPolicySchema.optional(),
});

/** Changes the tutor settings of a running conversation; null resets a field to its default. */
export const conversationTutorUpdateSchema = z
  .strictObject({
    personaId: personaIdSchema.nullable().optional(),
    subject: singleLine(200).nullable().optional(),
    correctionPolicy: correctionPolicySchema.nullable().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to update' });
export type ConversationTutorUpdate = z.infer<typeof conversationTutorUpdateSchema>;

export const conversationSummarySchema = z.object({
  goals: z.array(scenarioGoalSchema.extend({ met: z.boolean() })),
  newWords: z.array(newWordSchema),
  mistakes: z.array(
    z.object({
      original: z.string(),
      corrected: z.string(),
      category: correctionCategorySchema,
      explanation: z.string(),
    }),
  ),
  mistakesByCategory: z.array(z.object({ category: correctionCategorySchema, count: z.number() })),
  suggestion: z.string(),
  /** False when the suggestion was written offline because no model could be reached. */
  suggestionFromModel: z.boolean(),
  endedAt: z.string(),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;
