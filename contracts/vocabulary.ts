import { z } from 'zod';
import { freeText } from './free-text.ts';
import { languageCodeSchema } from './languages.ts';

/** Free text of a card or deck: trimmed; newline and tab survive CSV and Anki export quoted. */
const line = (max: number) => freeText({ max, multiline: true });

const requiredLine = (max: number) => line(max).pipe(z.string().min(1, 'is required'));

export const cardSourceSchema = z.enum(['manual', 'correction', 'new-word', 'import']);
export type CardSource = z.infer<typeof cardSourceSchema>;

/** FSRS card states, as ts-fsrs numbers them. */
export const cardStateNames = ['new', 'learning', 'review', 'relearning'] as const;
export const cardStateSchema = z.enum(cardStateNames);
export type CardState = z.infer<typeof cardStateSchema>;

export const partOfSpeechSchema = z.enum([
  'noun',
  'verb',
  'adjective',
  'adverb',
  'pronoun',
  'preposition',
  'conjunction',
  'interjection',
  'article',
  'numeral',
  'phrase',
  'other',
]);
export type PartOfSpeech = z.infer<typeof partOfSpeechSchema>;

export const grammaticalGenderSchema = z.enum(['masculine', 'feminine', 'neuter', 'common']);
export type GrammaticalGender = z.infer<typeof grammaticalGenderSchema>;

export const idParamsSchema = z.strictObject({ id: z.uuid('must be an id') });

// ---------------------------------------------------------------------------------------------------
// Decks

export const deckSchema = z.object({
  id: z.string(),
  language: z.string(),
  name: z.string(),
  description: z.string(),
  cardCount: z.number().int(),
  dueCount: z.number().int(),
  newCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Deck = z.infer<typeof deckSchema>;

export const deckCreateSchema = z.strictObject({
  language: languageCodeSchema,
  name: requiredLine(100),
  description: line(1000).optional(),
});
export type DeckCreate = z.input<typeof deckCreateSchema>;

export const deckUpdateSchema = z
  .strictObject({ name: requiredLine(100).optional(), description: line(1000).optional() })
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to update' });

export const deckListQuerySchema = z.strictObject({ language: languageCodeSchema.optional() });

// ---------------------------------------------------------------------------------------------------
// Cards

/** The FSRS memory state of a card, as the API shows it. */
export const cardScheduleSchema = z.object({
  state: cardStateSchema,
  due: z.string(),
  stability: z.number(),
  difficulty: z.number(),
  scheduledDays: z.number().int(),
  learningSteps: z.number().int(),
  reps: z.number().int(),
  lapses: z.number().int(),
  lastReview: z.string().nullable(),
});

export const cardSchema = z.object({
  id: z.string(),
  deckId: z.string(),
  language: z.string(),
  term: z.string(),
  translation: z.string(),
  exampleSentence: z.string(),
  notes: z.string(),
  partOfSpeech: partOfSpeechSchema.nullable(),
  gender: grammaticalGenderSchema.nullable(),
  source: cardSourceSchema,
  sourceMessageId: z.string().nullable(),
  /** Which item of the source message: "original → corrected" for a correction, the new word itself. */
  sourceRef: z.string().nullable(),
  schedule: cardScheduleSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Card = z.infer<typeof cardSchema>;

const cardFields = {
  term: requiredLine(200),
  translation: line(500).optional(),
  exampleSentence: line(1000).optional(),
  notes: line(2000).optional(),
  partOfSpeech: partOfSpeechSchema.nullable().optional(),
  gender: grammaticalGenderSchema.nullable().optional(),
};

export const cardCreateSchema = z.strictObject({ deckId: z.uuid('must be a deck id'), ...cardFields });
export type CardCreate = z.input<typeof cardCreateSchema>;

export const cardUpdateSchema = z
  .strictObject({
    deckId: z.uuid('must be a deck id').optional(),
    term: requiredLine(200).optional(),
    translation: line(500).optional(),
    exampleSentence: line(1000).optional(),
    notes: line(2000).optional(),
    partOfSpeech: partOfSpeechSchema.nullable().optional(),
    gender: grammaticalGenderSchema.nullable().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to update' });
export type CardUpdate = z.input<typeof cardUpdateSchema>;

const limitSchema = (max: number, fallback: number) =>
  z.coerce.number().int('must be a whole number').min(1).max(max).default(fallback);

export const cardListQuerySchema = z.strictObject({
  deckId: z.uuid('must be a deck id').optional(),
  language: languageCodeSchema.optional(),
  q: freeText({ max: 200 }).optional(),
  state: cardStateSchema.optional(),
  limit: limitSchema(200, 50),
  /** The `nextCursor` of the previous page. */
  cursor: z.uuid('must be a cursor from the previous page').optional(),
});

export const cardPageSchema = z.object({ cards: z.array(cardSchema), nextCursor: z.string().nullable() });

/** One click from a conversation: the sentence the word came from travels with it. */
export const cardFromConversationSchema = z.strictObject({
  language: languageCodeSchema,
  term: requiredLine(200),
  translation: line(500).optional(),
  exampleSentence: line(1000),
  notes: line(2000).optional(),
  sourceMessageId: z.uuid('must be a message id').optional(),
  /** Which item of that message (see `Card.sourceRef`), so the conversation remembers it was added. */
  sourceRef: line(700).optional(),
  kind: z.enum(['correction', 'new-word']),
});
export type CardFromConversation = z.input<typeof cardFromConversationSchema>;

export const conversationCardsQuerySchema = z.strictObject({ conversationId: z.uuid('must be an id') });

/** The cards a conversation's messages gave the learner, to mark those items "In your deck". */
export const conversationCardsSchema = z.object({
  cards: z.array(
    z.object({
      cardId: z.string(),
      sourceMessageId: z.string(),
      sourceRef: z.string().nullable(),
      term: z.string(),
    }),
  ),
});
export type ConversationCards = z.infer<typeof conversationCardsSchema>;

export const cardFromConversationResponseSchema = z.object({
  card: cardSchema,
  /** False when the deck already held the term: the existing card is returned, nothing is added. */
  created: z.boolean(),
});

// ---------------------------------------------------------------------------------------------------
// Review

export const ratingSchema = z
  .number()
  .int('must be 1 (again), 2 (hard), 3 (good) or 4 (easy)')
  .min(1, 'must be 1 (again), 2 (hard), 3 (good) or 4 (easy)')
  .max(4, 'must be 1 (again), 2 (hard), 3 (good) or 4 (easy)');

export const reviewSchema = z.strictObject({
  rating: ratingSchema,
  /** Time the learner took to answer, for later parameter optimisation. */
  durationMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 60 * 60 * 1000)
    .optional(),
});
export type ReviewInput = z.input<typeof reviewSchema>;

export const reviewLogSchema = z.object({
  id: z.string(),
  cardId: z.string(),
  rating: z.number().int(),
  stateBefore: cardStateSchema,
  reviewedAt: z.string(),
  elapsedDays: z.number().int(),
  scheduledDays: z.number().int(),
  durationMs: z.number().int().nullable(),
});

/** How long until the card comes back for each rating, for the buttons' labels. */
export const intervalPreviewSchema = z.object({
  again: z.string(),
  hard: z.string(),
  good: z.string(),
  easy: z.string(),
});

export const reviewResultSchema = z.object({ card: cardSchema, log: reviewLogSchema });

export const undoResultSchema = z.object({ card: cardSchema, undoneLogId: z.string() });

export const dueQuerySchema = z.strictObject({
  deckId: z.uuid('must be a deck id').optional(),
  language: languageCodeSchema.optional(),
  limit: limitSchema(100, 20),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(100).optional(),
});

export const dueCardSchema = cardSchema.extend({ preview: intervalPreviewSchema });

export const duePageSchema = z.object({
  cards: z.array(dueCardSchema),
  nextCursor: z.string().nullable(),
  /** Cards already studied that are due now. */
  dueCount: z.number().int(),
  /** New cards the learner may still start today (the daily limit minus those already started). */
  newAvailable: z.number().int(),
  /** When the next studied card falls due, if none is due now (e.g. a card in a 10-minute step). */
  nextDueAt: z.string().nullable(),
});

export const forecastQuerySchema = z.strictObject({
  deckId: z.uuid('must be a deck id').optional(),
  language: languageCodeSchema.optional(),
  days: limitSchema(365, 30),
});

export const forecastSchema = z.object({
  /** `days` entries from today (UTC), overdue cards counted on the first day. */
  days: z.array(z.object({ date: z.string(), due: z.number().int() })),
  newAvailable: z.number().int(),
});

export const statsQuerySchema = z.strictObject({
  deckId: z.uuid('must be a deck id').optional(),
  language: languageCodeSchema.optional(),
});

export const statsSchema = z.object({
  totalCards: z.number().int(),
  byState: z.object({
    new: z.number().int(),
    learning: z.number().int(),
    review: z.number().int(),
    relearning: z.number().int(),
  }),
  /** Cards with an interval of at least 21 days (Anki's "mature"). */
  mature: z.number().int(),
  dueNow: z.number().int(),
  reviewsToday: z.number().int(),
  reviewsLast30Days: z.number().int(),
  /** Share of reviews of already-learnt cards in the last 30 days not rated "again"; null without data. */
  retentionLast30Days: z.number().nullable(),
});

// ---------------------------------------------------------------------------------------------------
// Settings

export const vocabularySettingsSchema = z.object({
  desiredRetention: z.number(),
  newCardsPerDay: z.number().int(),
  maximumIntervalDays: z.number().int(),
  /** Add corrections and new words from conversations to the deck without a click. */
  autoAddFromConversations: z.boolean(),
});
export type VocabularySettings = z.infer<typeof vocabularySettingsSchema>;

export const vocabularySettingsUpdateSchema = z
  .strictObject({
    desiredRetention: z
      .number()
      .min(0.7, 'must be at least 0.70')
      .max(0.99, 'must be at most 0.99')
      .optional(),
    newCardsPerDay: z.number().int().min(0).max(9999).optional(),
    maximumIntervalDays: z.number().int().min(1).max(36500).optional(),
    autoAddFromConversations: z.boolean().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to update' });

// ---------------------------------------------------------------------------------------------------
// CSV import

export const csvImportSchema = z.strictObject({
  deckId: z.uuid('must be a deck id'),
  csv: z.string().min(1, 'is empty').max(900_000, 'is too large (at most 900,000 characters per import)'),
  /** Auto-detected from the first line when omitted. */
  delimiter: z.enum([',', ';', '\t']).optional(),
  /** Auto-detected (a first line naming the columns) when omitted. */
  hasHeader: z.boolean().optional(),
});
export type CsvImport = z.input<typeof csvImportSchema>;

export const importRowSchema = z.object({
  line: z.number().int(),
  status: z.enum(['ok', 'duplicate', 'error']),
  errors: z.array(z.string()),
  term: z.string(),
  translation: z.string(),
  exampleSentence: z.string(),
  notes: z.string(),
  partOfSpeech: z.string().nullable(),
  gender: z.string().nullable(),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const importPreviewSchema = z.object({
  delimiter: z.string(),
  hasHeader: z.boolean(),
  columns: z.array(z.string()),
  rows: z.array(importRowSchema),
  summary: z.object({ ok: z.number().int(), duplicate: z.number().int(), error: z.number().int() }),
});

export const importResultSchema = z.object({
  imported: z.number().int(),
  skippedDuplicates: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), errors: z.array(z.string()) })),
});

// ---------------------------------------------------------------------------------------------------
// Anki import

/** What an Anki package holds, for choosing which fields become the card's term, translation, … */
export const ankiPreviewSchema = z.object({
  format: z.enum(['anki21b', 'anki21', 'anki2']),
  totalNotes: z.number().int(),
  noteTypes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      fields: z.array(z.string()),
      noteCount: z.number().int(),
      /** The first notes' fields as plain text. */
      samples: z.array(z.array(z.string())),
    }),
  ),
});
export type AnkiPreview = z.infer<typeof ankiPreviewSchema>;

const fieldIndex = z.coerce.number().int('must be a field number').min(0).max(99);

/** The learner's mapping: a note type of the package and, for each card field, the note field's index. */
export const ankiImportQuerySchema = z.strictObject({
  deckId: z.uuid('must be a deck id'),
  noteType: z.string().regex(/^\d{1,19}$/, 'must be a note type id from the preview'),
  term: fieldIndex,
  translation: fieldIndex.optional(),
  example: fieldIndex.optional(),
  notes: fieldIndex.optional(),
});
export type AnkiImportQuery = z.infer<typeof ankiImportQuerySchema>;

export const ankiImportResultSchema = z.object({
  imported: z.number().int(),
  duplicates: z.number().int(),
  /** Notes of the type that could not become cards (empty term, a field too long), at most 50 listed. */
  skipped: z.array(z.object({ noteId: z.string(), reason: z.string() })),
  skippedCount: z.number().int(),
  notes: z.number().int(),
});
export type AnkiImportResult = z.infer<typeof ankiImportResultSchema>;
