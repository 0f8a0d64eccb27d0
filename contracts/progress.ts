import { z } from 'zod';
import { cefrLevelSchema, languageCodeSchema } from './languages.ts';
import { correctionCategorySchema } from './tutor.ts';
import { xpKinds } from './xp-rules.ts';

export const progressQuerySchema = z.strictObject({
  /** One of the learner's target languages; by default the first of them. */
  language: languageCodeSchema.optional(),
});
export type ProgressQuery = z.infer<typeof progressQuerySchema>;

const count = z.number().int().min(0);
/** A calendar date in the server's time zone, "2026-11-24". */
const dayKey = z.string();

export { freezeRules, streakMilestones, type XpKind, xpKinds, xpRules } from './xp-rules.ts';

export const progressSchema = z.object({
  member: z.object({ id: z.string(), username: z.string() }),
  /** The language the per-language sections cover; null only for a learner without a target language (then: all languages). */
  language: z.string().nullable(),
  /** The learner's target languages in their order, with their self-set level. */
  languages: z.array(z.object({ language: z.string(), level: cefrLevelSchema })),
  /** The server's time zone (TIME_ZONE): its midnights start the days below. */
  timeZone: z.string(),
  today: dayKey,
  /** Across every language: a day counts when the learner sent a message, reviewed a card or answered a grammar item. */
  streak: z.object({
    /** Consecutive active days ending today, or yesterday when today has no activity yet. */
    current: count,
    longest: count,
    activeToday: z.boolean(),
    lastActiveDay: dayKey.nullable(),
    /**
     * A missed day is covered by a held freeze when the freezes held cover every day missed in a row
     * (a frozen day keeps the streak but does not add to it); otherwise the streak ends and the freezes
     * are kept.
     */
    freezes: z.object({
      held: count,
      maxHeld: count,
      earnEvery: count,
      /** Days covered by a freeze in the last 30 days, oldest first. */
      frozenDays: z.array(dayKey),
      /** Active days until the next freeze is earned; null while the most are held. */
      nextIn: count.nullable(),
    }),
  }),
  /**
   * Across every language. Minutes are estimated from event times: events at most 5 minutes apart form
   * a session, which counts from 1 minute before its first event to its last event.
   */
  dailyGoal: z.object({
    goalMinutes: count,
    minutesToday: count,
    /** The last 30 days, oldest first, today last. */
    days: z.array(z.object({ date: dayKey, minutes: count })),
  }),
  /** Learner messages in this language's conversations. */
  turns: z.object({
    today: count,
    last7Days: count,
    total: count,
    /** The last 30 days, oldest first, today last. */
    days: z.array(z.object({ date: dayKey, count })),
  }),
  words: z.object({
    /** Cards reviewed at least once (no longer new). */
    learned: count,
    /** Cards with an interval of at least 21 days (Anki's "mature"). */
    mature: count,
    total: count,
  }),
  reviews: z.object({
    dueNow: count,
    /** New cards the learner may still start today. */
    newAvailable: count,
    /** Reviews due per day for 14 days from today (UTC dates, as the review queue counts them); overdue cards count on the first day. */
    forecast: z.array(z.object({ date: z.string(), due: count })),
  }),
  mistakes: z.object({
    /** The Mondays (UTC) of the last 8 weeks, oldest first; the last is the current week. */
    weeks: z.array(z.string()),
    /** Categories with at least one mistake in those weeks, most frequent first; `counts` follows `weeks`. */
    categories: z.array(
      z.object({ category: correctionCategorySchema, counts: z.array(count), total: count }),
    ),
  }),
  scenarios: z.object({
    /** Role-play conversations with every goal of their scenario met. */
    completed: count,
    /** Role-play conversations started. */
    started: count,
    /** The most recently active completed role-plays, at most 5. */
    recent: z.array(z.object({ conversationId: z.string(), scenarioId: z.string(), title: z.string() })),
  }),
  /** Charla does not estimate a level: this is the level the learner set for the language. */
  level: z.object({ level: cefrLevelSchema.nullable(), basis: z.literal('self-assessed') }),
  /** Across every language, from stored learning events only (see `xpRules`). */
  xp: z.object({
    total: count,
    today: count,
    /** Level n starts at 50 × n × (n − 1) XP: 0, 100, 300, 600, 1,000, … */
    level: z.number().int().min(1),
    levelStartXp: count,
    nextLevelXp: count,
    /** Every kind of `xpKinds`, in that order. */
    kinds: z.array(z.object({ kind: z.enum(xpKinds), today: count, total: count })),
  }),
  /** The whole catalogue, across every language, in a fixed order; earned ones carry the day. */
  achievements: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      description: z.string(),
      goal: z.number().int().min(1),
      /** Towards the goal, at most the goal. */
      progress: count,
      earnedOn: dayKey.nullable(),
    }),
  ),
});
export type Progress = z.infer<typeof progressSchema>;

/**
 * What the learner reached today and has not been shown yet: a level, an achievement, a streak
 * milestone, the daily goal. Each item has a stable `key`; once the app has shown an item it reports
 * the key as seen, and the server never lists it again, on any device.
 */
const newsKey = z.string().max(80);
export const progressNewsItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('level'), key: newsKey, level: z.number().int().min(2) }),
  z.object({
    kind: z.literal('achievement'),
    key: newsKey,
    id: z.string(),
    title: z.string(),
    description: z.string(),
  }),
  /** The streak reached one of `streakMilestones` today. */
  z.object({ kind: z.literal('streak'), key: newsKey, days: z.number().int().min(1) }),
  z.object({ kind: z.literal('daily-goal'), key: newsKey, minutes: count }),
]);
export type ProgressNewsItem = z.infer<typeof progressNewsItemSchema>;

export const progressNewsSchema = z.object({ items: z.array(progressNewsItemSchema) });
export type ProgressNews = z.infer<typeof progressNewsSchema>;

/** The shapes of the keys `GET /api/progress/news` hands out. */
const newsKeyPattern =
  /^(level:\d{1,4}|achievement:[a-z0-9-]{1,40}|streak:\d{1,5}:\d{4}-\d{2}-\d{2}|daily-goal:\d{4}-\d{2}-\d{2})$/;

export const progressNewsSeenSchema = z.strictObject({
  keys: z.array(newsKey.regex(newsKeyPattern, 'Not a key from GET /api/progress/news.')).min(1).max(50),
});
export type ProgressNewsSeen = z.infer<typeof progressNewsSeenSchema>;
