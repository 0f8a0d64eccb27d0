import { z } from 'zod';
import { turnFailureCodes } from './errors.ts';
import { freeText } from './free-text.ts';
import { cefrLevelSchema, languageCodeSchema } from './languages.ts';
import { conversationTutorFieldsSchema, feedbackEventSchema, feedbackSchema } from './tutor.ts';

export const messageStatusSchema = z.enum(['complete', 'partial', 'failed', 'streaming']);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

export const usageSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
  estimated: z.boolean(),
});
export type Usage = z.infer<typeof usageSchema>;

export const messageSchema = z.object({
  id: z.string(),
  role: z.enum(['learner', 'tutor']),
  text: z.string(),
  status: messageStatusSchema,
  failureReason: z.string().nullable(),
  failureMessage: z.string().nullable(),
  replyTo: z.string().nullable(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  usage: usageSchema.nullable(),
  latencyMs: z.number().nullable(),
  createdAt: z.string(),
  /** Learner messages: the corrections and notes of the feedback analysis, once it ran. */
  feedback: feedbackSchema.nullable().optional(),
});
export type Message = z.infer<typeof messageSchema>;

export const conversationSchema = z.object({
  id: z.string(),
  title: z.string(),
  language: z.string(),
  level: cefrLevelSchema,
  personaId: z.string().nullable(),
  scenarioId: z.string().nullable(),
  mode: z.string().nullable(),
  messageCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastMessageAt: z.string().nullable(),
  /** What the learner asked to talk about. */
  subject: z.string().nullable().optional(),
  /** The learner's explicit correction policy for this conversation (null: profile or mode default). */
  correctionPolicy: z.string().nullable().optional(),
  /** Scenario goal ids met so far. */
  goalsMet: z.array(z.string()).optional(),
  /** Set once the learner finished the conversation and got its summary. */
  endedAt: z.string().nullable().optional(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const conversationListItemSchema = conversationSchema.extend({
  /** Start of the newest message, for the list. */
  preview: z.string().nullable(),
});
export type ConversationListItem = z.infer<typeof conversationListItemSchema>;

export const conversationCreateSchema = z.strictObject({
  language: languageCodeSchema,
  /** Defaults to the learner's level for that language (A1 when none is set). */
  level: cefrLevelSchema.optional(),
  title: freeText({ max: 120, min: 1 }).optional(),
  /** Persona, scenario (implies the role-play mode), tutor mode, subject and correction policy. */
  ...conversationTutorFieldsSchema.shape,
});
export type ConversationCreate = z.infer<typeof conversationCreateSchema>;

export const conversationUpdateSchema = z.strictObject({
  title: freeText({ max: 120, min: 1 }),
});

export const conversationListQuerySchema = z.strictObject({
  q: freeText({ max: 200 }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const conversationParamsSchema = z.strictObject({ id: z.uuid('must be a conversation id') });
export const messageParamsSchema = z.strictObject({
  id: z.uuid('must be a conversation id'),
  messageId: z.uuid('must be a message id'),
});

export const messagePageQuerySchema = z.strictObject({
  /** Messages older than this message id (for scrolling back). */
  before: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const maxMessageLength = 4000;
export const sendMessageSchema = z.strictObject({
  text: freeText({ max: maxMessageLength, min: 1, multiline: true, trim: false }),
});

export const conversationPageSchema = z.object({
  conversation: conversationSchema,
  messages: z.array(messageSchema),
  /** True when older messages exist before the first one returned. */
  hasMore: z.boolean(),
});

/**
 * The events of one streamed turn, in order: accepted, reply-delta*, (error), reply-end, feedback?,
 * done. `feedback` (the analysis of the learner's message) always comes after `reply-end`: it never
 * holds the reply back. A conversation's opening (the tutor speaks first) streams the same events
 without feedback; its `accepted.learnerMessageId` is '' because there is no learner message.
 */
export const turnEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('accepted'), learnerMessageId: z.string(), tutorMessageId: z.string() }),
  z.object({ type: z.literal('reply-delta'), text: z.string() }),
  z.object({
    type: z.literal('reply-end'),
    tutorMessageId: z.string(),
    status: messageStatusSchema,
    usage: usageSchema.nullable(),
    provider: z.string().nullable(),
    model: z.string().nullable(),
  }),
  feedbackEventSchema,
  z.object({ type: z.literal('error'), code: z.enum(turnFailureCodes), message: z.string() }),
  z.object({ type: z.literal('done') }),
]);
export type TurnEvent = z.infer<typeof turnEventSchema>;

export const providerStatusSchema = z.object({
  /** True when a conversation can be started. */
  available: z.boolean(),
  providers: z.array(
    z.object({ id: z.string(), label: z.string(), local: z.boolean(), models: z.array(z.string()) }),
  ),
  chains: z.record(z.string(), z.array(z.object({ provider: z.string(), model: z.string() }))),
  /** What to do when nothing can answer, in plain words (null when a provider can). */
  setupHint: z.string().nullable(),
  /** The caller is an admin and can set up a provider in the app (AI providers). */
  canConfigure: z.boolean(),
});
export type ProviderStatus = z.infer<typeof providerStatusSchema>;
