import type { Expression, Kysely } from 'kysely';
import {
  type Correction,
  type CorrectionCategory,
  correctionCategories,
  type ErrorPatterns,
} from '../../contracts/tutor.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';

const dayMs = 24 * 60 * 60 * 1000;
const isCategory = (value: string): value is CorrectionCategory =>
  (correctionCategories as readonly string[]).includes(value);

/** Records one error event per correction: the raw material of the learner's error patterns. */
export async function recordErrorEvents(
  db: Kysely<Database>,
  input: {
    userId: string;
    language: string;
    conversationId: string;
    messageId: string;
    corrections: Array<Pick<Correction, 'category' | 'severity'>>;
    at: string;
  },
): Promise<void> {
  if (input.corrections.length === 0) return;
  const now = Date.parse(input.at);
  await db
    .insertInto('error_events')
    .values(
      input.corrections.map((correction) => ({
        id: newId(now),
        user_id: input.userId,
        language: input.language,
        category: correction.category,
        severity: correction.severity,
        message_id: input.messageId,
        conversation_id: input.conversationId,
        created_at: input.at,
      })),
    )
    .execute();
}

/**
 * The learner's most frequent error categories in a language over the last `days` days, most
 * frequent first. Used by the tutor's prompt, grammar focus, and grammar practice.
 */
export async function topErrorCategories(
  db: Kysely<Database>,
  clock: Clock,
  input: { userId: string; language: string; days?: number; limit?: number },
): Promise<Array<{ category: CorrectionCategory; count: number }>> {
  return errorCategoriesFromRows(await topErrorQuery(db, clock, input).execute());
}

/** The query behind topErrorCategories; a turn nests it in its first read (turn-start.ts). */
export function topErrorQuery(
  db: Pick<Kysely<Database>, 'selectFrom'>,
  clock: Clock,
  input: {
    userId: string | Expression<string>;
    language: string | Expression<string>;
    days?: number;
    limit?: number;
    /** The window's start, when the caller computes it (a query compiled once binds it per call). */
    since?: string;
  },
) {
  const since = input.since ?? sinceOf(clock, input.days);
  return db
    .selectFrom('error_events')
    .select(['error_events.category', (eb) => eb.fn.countAll<number>().as('count')])
    .where('error_events.user_id', '=', input.userId)
    .where('error_events.language', '=', input.language)
    .where('error_events.created_at', '>=', since)
    .groupBy('error_events.category')
    .orderBy('count', 'desc')
    .orderBy('error_events.category')
    .limit(input.limit ?? 3);
}

/** The start of the recurring-mistakes window (30 days unless told), as the query compares it. */
export function sinceOf(clock: Clock, days = 30): string {
  return new Date(clock.now().getTime() - days * dayMs).toISOString();
}

export function errorCategoriesFromRows(
  rows: Array<{ category: string; count: number | string }>,
): Array<{ category: CorrectionCategory; count: number }> {
  return rows
    .filter((row) => isCategory(row.category))
    .map((row) => ({ category: row.category as CorrectionCategory, count: Number(row.count) }));
}

/** Monday 00:00 UTC of the week holding `iso`, as YYYY-MM-DD. */
export function weekStart(iso: string): string {
  const date = new Date(iso);
  const day = (date.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day))
    .toISOString()
    .slice(0, 10);
}

/** Counts per language and category, in total and per week, over the last `days` days. */
export async function readErrorPatterns(
  db: Kysely<Database>,
  clock: Clock,
  userId: string,
  query: { language?: string | undefined; days: number },
): Promise<ErrorPatterns> {
  const since = new Date(clock.now().getTime() - query.days * dayMs).toISOString();
  let base = db.selectFrom('error_events').where('user_id', '=', userId).where('created_at', '>=', since);
  if (query.language) base = base.where('language', '=', query.language);
  // Weeks are bucketed here rather than in SQL: date functions differ between SQLite and PostgreSQL,
  // and a day's counts are few rows.
  const daily = await base
    .select([
      'language',
      'category',
      (eb) => eb.fn<string>('substr', [eb.ref('created_at'), eb.val(1), eb.val(10)]).as('day'),
      (eb) => eb.fn.countAll<number>().as('count'),
    ])
    .groupBy(['language', 'category', 'day'])
    .execute();
  const totals = new Map<string, { language: string; category: CorrectionCategory; count: number }>();
  const weekly = new Map<
    string,
    { week: string; language: string; category: CorrectionCategory; count: number }
  >();
  for (const row of daily) {
    if (!isCategory(row.category)) continue;
    const count = Number(row.count);
    const totalKey = `${row.language}|${row.category}`;
    const total = totals.get(totalKey) ?? { language: row.language, category: row.category, count: 0 };
    total.count += count;
    totals.set(totalKey, total);
    const week = weekStart(`${row.day}T00:00:00.000Z`);
    const weekKey = `${week}|${totalKey}`;
    const bucket = weekly.get(weekKey) ?? { week, language: row.language, category: row.category, count: 0 };
    bucket.count += count;
    weekly.set(weekKey, bucket);
  }
  return {
    since,
    totals: [...totals.values()].sort(
      (a, b) =>
        b.count - a.count || a.language.localeCompare(b.language) || a.category.localeCompare(b.category),
    ),
    weekly: [...weekly.values()].sort(
      (a, b) =>
        a.week.localeCompare(b.week) ||
        a.language.localeCompare(b.language) ||
        a.category.localeCompare(b.category),
    ),
  };
}
