import { type Kysely, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import type { Card } from '../../contracts/vocabulary.ts';
import type { Database, VocabularyReviewLogsTable } from '../db/schema.ts';
import { conflict, notFound, validationFailed } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import { newId } from '../lib/ids.ts';
import { findOwnCard } from './cards.ts';
import { findOwnDeck } from './decks.ts';
import type { VocabularyDeps } from './deps.ts';
import { presentCard } from './present.ts';
import {
  type CardRow,
  createScheduler,
  previewIntervals,
  type ScheduleColumns,
  scheduleReview,
  stateName,
} from './scheduling.ts';
import { defaultVocabularySettings, readVocabularySettings } from './settings.ts';

type LogRow = Selectable<VocabularyReviewLogsTable>;

const dayMs = 24 * 60 * 60 * 1000;

/** Midnight UTC of the clock's day: the daily new-card limit and "reviews today" count from here. */
export function startOfDay(now: Date): Date {
  return new Date(Math.floor(now.getTime() / dayMs) * dayMs);
}

function presentLog(row: LogRow) {
  return {
    id: row.id,
    cardId: row.card_id,
    rating: row.rating,
    stateBefore: stateName(row.state),
    reviewedAt: row.reviewed_at,
    elapsedDays: row.elapsed_days,
    scheduledDays: row.scheduled_days,
    durationMs: row.duration_ms,
  };
}

/**
 * Records one review: FSRS computes the card's next state from the rating, and the card update and
 * its log row (with the card as it was, for undo) are written in one transaction. A second submit
 * for the same card state (a double click) is refused rather than counted twice.
 */
export async function reviewCard(
  deps: VocabularyDeps,
  userId: string,
  cardId: string,
  input: { rating: number; durationMs?: number | undefined },
) {
  const now = deps.clock.now();
  const settings = await readVocabularySettings(deps.db, userId);
  const scheduler = createScheduler(settings, { fuzz: deps.fuzz });
  return deps.db.transaction().execute(async (trx) => {
    const row = await findOwnCard(trx, userId, cardId);
    const { schedule, log } = scheduleReview(scheduler, row, now, input.rating);
    const at = now.toISOString();
    const updated = await trx
      .updateTable('vocabulary_cards')
      .set({ ...schedule, updated_at: at })
      .where('id', '=', row.id)
      .where('reps', '=', row.reps)
      .where('updated_at', '=', row.updated_at)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw conflict(msg('errors.vocabulary.justReviewed'));
    }
    const logRow: LogRow = {
      id: newId(now.getTime()),
      user_id: userId,
      card_id: row.id,
      rating: log.rating,
      state: log.state,
      due: log.due.toISOString(),
      stability: log.stability,
      difficulty: log.difficulty,
      elapsed_days: log.elapsed_days,
      last_elapsed_days: log.last_elapsed_days,
      scheduled_days: log.scheduled_days,
      learning_steps: log.learning_steps,
      reviewed_at: at,
      duration_ms: input.durationMs ?? null,
      previous_card_json: JSON.stringify(row),
    };
    await trx.insertInto('vocabulary_review_logs').values(logRow).execute();
    const card: Card = presentCard({ ...row, ...schedule, updated_at: at });
    return { card, log: presentLog(logRow) };
  });
}

const scheduleKeys = [
  'state',
  'due',
  'stability',
  'difficulty',
  'elapsed_days',
  'scheduled_days',
  'learning_steps',
  'reps',
  'lapses',
  'last_review',
  'updated_at',
] as const;

/**
 * Takes back the learner's most recent review: the card gets back exactly the state stored in the
 * log row, and the log row goes (an undone review never happened, so parameter optimisation must
 * not see it). Repeating it walks further back.
 */
export async function undoLastReview(deps: VocabularyDeps, userId: string) {
  return deps.db.transaction().execute(async (trx) => {
    const log = await trx
      .selectFrom('vocabulary_review_logs')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('reviewed_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!log) throw notFound('reviewToUndo');
    const previous = JSON.parse(log.previous_card_json) as CardRow;
    const restore = Object.fromEntries(scheduleKeys.map((key) => [key, previous[key]])) as ScheduleColumns & {
      updated_at: string;
    };
    const updated = await trx
      .updateTable('vocabulary_cards')
      .set(restore)
      .where('id', '=', log.card_id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    await trx.deleteFrom('vocabulary_review_logs').where('id', '=', log.id).execute();
    if (Number(updated.numUpdatedRows) !== 1) throw notFound('reviewedCard');
    const card = await findOwnCard(trx, userId, log.card_id);
    return { card: presentCard(card), undoneLogId: log.id };
  });
}

type Scope = { deckId?: string | undefined; language?: string | undefined };

/** How many new cards the learner may still start today under their daily limit. */
async function newCardsLeftToday(db: Kysely<Database>, userId: string, limit: number, now: Date) {
  const started = await db
    .selectFrom('vocabulary_review_logs')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('reviewed_at', '>=', startOfDay(now).toISOString())
    .where('state', '=', 0)
    .executeTakeFirstOrThrow();
  return Math.max(0, limit - Number(started.count));
}

type CardQuery<O> = SelectQueryBuilder<Database, 'vocabulary_cards', O>;

/** One deck (already checked to be the learner's) or all the learner's cards, optionally one language. */
function scoped<O>(query: CardQuery<O>, userId: string, scope: Scope): CardQuery<O> {
  let next = scope.deckId ? query.where('deck_id', '=', scope.deckId) : query.where('user_id', '=', userId);
  if (scope.language) next = next.where('language', '=', scope.language);
  return next;
}

type Cursor =
  | { phase: 'review'; due: string; id: string }
  | { phase: 'new'; shown: number; at: string; id: string };

function encodeCursor(cursor: Cursor): string {
  return cursor.phase === 'review'
    ? `r|${cursor.due}|${cursor.id}`
    : `n|${cursor.shown}|${cursor.at}|${cursor.id}`;
}

function decodeCursor(text: string | undefined): Cursor | undefined {
  if (!text) return undefined;
  const parts = text.split('|');
  const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
  const uuid = /^[0-9a-f-]{36}$/;
  if (parts[0] === 'r' && parts.length === 3 && iso.test(parts[1]!) && uuid.test(parts[2]!)) {
    return { phase: 'review', due: parts[1]!, id: parts[2]! };
  }
  if (
    parts[0] === 'n' &&
    parts.length === 4 &&
    /^\d{1,5}$/.test(parts[1]!) &&
    iso.test(parts[2]!) &&
    uuid.test(parts[3]!)
  ) {
    return { phase: 'new', shown: Number(parts[1]), at: parts[2]!, id: parts[3]! };
  }
  throw validationFailed(msg('errors.review.badCursor'), {
    issues: [{ path: 'cursor', message: msg('errors.review.badCursor') }],
  });
}

/**
 * Everything the queue needs besides the page itself, in one round trip: due and new counts, the
 * next due time, new cards started today and the learner's settings. On PostgreSQL each query is a
 * network round trip, and the queue must answer in a few milliseconds at 50,000 cards.
 */
async function queueSummary(db: Kysely<Database>, userId: string, scope: Scope, now: Date) {
  const at = now.toISOString();
  const cards = sql`${scope.deckId ? sql`deck_id = ${scope.deckId}` : sql`user_id = ${userId}`}${
    scope.language ? sql` and language = ${scope.language}` : sql``
  }`;
  const { rows } = await sql<{
    due_count: number | string;
    new_count: number | string;
    next_due: string | null;
    started_today: number | string;
    desired_retention: number | null;
    new_cards_per_day: number | null;
    maximum_interval_days: number | null;
  }>`select
      (select count(*) from vocabulary_cards where ${cards} and state <> 0 and due <= ${at}) as due_count,
      (select count(*) from (select 1 from vocabulary_cards where ${cards} and state = 0
        limit coalesce((select new_cards_per_day from vocabulary_settings where user_id = ${userId}), ${defaultVocabularySettings.newCardsPerDay})) as capped) as new_count,
      (select due from vocabulary_cards where ${cards} and state <> 0 and due > ${at} order by due limit 1) as next_due,
      (select count(*) from vocabulary_review_logs
        where user_id = ${userId} and reviewed_at >= ${startOfDay(now).toISOString()} and state = 0) as started_today,
      (select desired_retention from vocabulary_settings where user_id = ${userId}) as desired_retention,
      (select new_cards_per_day from vocabulary_settings where user_id = ${userId}) as new_cards_per_day,
      (select maximum_interval_days from vocabulary_settings where user_id = ${userId}) as maximum_interval_days`.execute(
    db,
  );
  const row = rows[0]!;
  return {
    dueCount: Number(row.due_count),
    /** New cards in scope, counted only up to the daily limit (all that can matter today). */
    newCount: Number(row.new_count),
    nextDue: row.next_due,
    startedToday: Number(row.started_today),
    settings: {
      desiredRetention:
        row.desired_retention === null
          ? defaultVocabularySettings.desiredRetention
          : Number(row.desired_retention),
      newCardsPerDay: row.new_cards_per_day ?? defaultVocabularySettings.newCardsPerDay,
      maximumIntervalDays: row.maximum_interval_days ?? defaultVocabularySettings.maximumIntervalDays,
    },
  };
}

/**
 * The review queue: cards already studied that are due (oldest due first), then new cards in the
 * order they were added, up to what is left of the daily new-card limit. Paged with a cursor so a
 * session can fetch more without seeing a card twice.
 */
export async function dueQueue(
  deps: VocabularyDeps,
  userId: string,
  input: Scope & { limit: number; cursor?: string | undefined },
  /** The reader's interface language, for the buttons' interval labels. */
  language: InterfaceLanguage = 'en',
) {
  if (input.deckId) await findOwnDeck(deps.db, userId, input.deckId);
  const now = deps.clock.now();
  const at = now.toISOString();
  const cursor = decodeCursor(input.cursor);
  const db = deps.db;
  // The summary and the page of due cards do not depend on each other: on PostgreSQL they run on
  // two pooled connections at once (on SQLite they simply queue).
  const reviewPage = async (): Promise<CardRow[]> => {
    if (cursor && cursor.phase !== 'review') return [];
    let query = scoped(db.selectFrom('vocabulary_cards'), userId, input)
      .selectAll()
      .where(sql<boolean>`state <> 0`)
      .where('due', '<=', at);
    if (cursor) query = query.where(sql<boolean>`(due, id) > (${cursor.due}, ${cursor.id})`);
    return query
      .orderBy('due')
      .orderBy('id')
      .limit(input.limit + 1)
      .execute();
  };
  const [summary, reviews] = await Promise.all([queueSummary(db, userId, input, now), reviewPage()]);
  const scheduler = createScheduler(summary.settings, { fuzz: deps.fuzz });
  const leftToday = Math.max(0, summary.settings.newCardsPerDay - summary.startedToday);

  const rows: CardRow[] = reviews.slice(0, input.limit);
  let next: Cursor | undefined;
  const lastReview = rows.at(-1);
  if (reviews.length > input.limit && lastReview)
    next = { phase: 'review', due: lastReview.due, id: lastReview.id };
  let newShown = cursor?.phase === 'new' ? cursor.shown : 0;
  if (!next) {
    const room = Math.min(input.limit - rows.length, leftToday - newShown);
    if (room > 0) {
      let query = scoped(db.selectFrom('vocabulary_cards'), userId, input)
        .selectAll()
        .where(sql<boolean>`state = 0`);
      if (cursor?.phase === 'new')
        query = query.where(sql<boolean>`(created_at, id) > (${cursor.at}, ${cursor.id})`);
      const fresh = await query
        .orderBy('created_at')
        .orderBy('id')
        .limit(room + 1)
        .execute();
      const taken = fresh.slice(0, room);
      rows.push(...taken);
      newShown += taken.length;
      const last = taken.at(-1);
      if (fresh.length > room && last && newShown < leftToday) {
        next = { phase: 'new', shown: newShown, at: last.created_at, id: last.id };
      }
    }
  }
  const newAvailable = Math.min(leftToday, summary.newCount);

  return {
    cards: rows.map((row) => ({
      ...presentCard(row),
      preview: previewIntervals(scheduler, row, now, language),
    })),
    nextCursor: next ? encodeCursor(next) : null,
    dueCount: summary.dueCount,
    newAvailable,
    nextDueAt: summary.nextDue,
  };
}

/** Reviews due per day for the coming days (UTC dates); overdue cards count on the first day. */
export async function forecast(deps: VocabularyDeps, userId: string, input: Scope & { days: number }) {
  if (input.deckId) await findOwnDeck(deps.db, userId, input.deckId);
  const now = deps.clock.now();
  const today = startOfDay(now);
  const end = new Date(today.getTime() + input.days * dayMs).toISOString();
  const settings = await readVocabularySettings(deps.db, userId);
  const rows = await scoped(deps.db.selectFrom('vocabulary_cards'), userId, input)
    .select((eb) => [sql<string>`substr(due, 1, 10)`.as('day'), eb.fn.countAll<number>().as('count')])
    .where(sql<boolean>`state <> 0`)
    .where('due', '<', end)
    .groupBy(sql`substr(due, 1, 10)`)
    .execute();
  const days = Array.from({ length: input.days }, (_, index) => ({
    date: new Date(today.getTime() + index * dayMs).toISOString().slice(0, 10),
    due: 0,
  }));
  const first = days[0]!.date;
  for (const row of rows) {
    const target = row.day < first ? days[0] : days.find((entry) => entry.date === row.day);
    if (target) target.due += Number(row.count);
  }
  const leftToday = await newCardsLeftToday(deps.db, userId, settings.newCardsPerDay, now);
  const newInScope = await scoped(deps.db.selectFrom('vocabulary_cards'), userId, input)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where(sql<boolean>`state = 0`)
    .executeTakeFirstOrThrow();
  return { days, newAvailable: Math.min(leftToday, Number(newInScope.count)) };
}

/** Totals for the learner's vocabulary: cards by state, mature words, reviews and retention. */
export async function vocabularyStats(deps: VocabularyDeps, userId: string, scope: Scope) {
  if (scope.deckId) await findOwnDeck(deps.db, userId, scope.deckId);
  const now = deps.clock.now();
  const at = now.toISOString();
  const cards = await scoped(deps.db.selectFrom('vocabulary_cards'), userId, scope)
    .select((eb) => [
      'state',
      eb.fn.countAll<number>().as('count'),
      sql<number>`sum(case when scheduled_days >= 21 then 1 else 0 end)`.as('mature'),
      sql<number>`sum(case when state <> 0 and due <= ${at} then 1 else 0 end)`.as('due'),
    ])
    .groupBy('state')
    .execute();
  const byState = { new: 0, learning: 0, review: 0, relearning: 0 };
  let mature = 0;
  let dueNow = 0;
  for (const row of cards) {
    byState[stateName(row.state)] += Number(row.count);
    mature += Number(row.mature ?? 0);
    dueNow += Number(row.due ?? 0);
  }
  let logs = deps.db
    .selectFrom('vocabulary_review_logs')
    .innerJoin('vocabulary_cards', 'vocabulary_cards.id', 'vocabulary_review_logs.card_id')
    .where('vocabulary_review_logs.user_id', '=', userId)
    .where('vocabulary_review_logs.reviewed_at', '>=', new Date(now.getTime() - 30 * dayMs).toISOString());
  if (scope.deckId) logs = logs.where('vocabulary_cards.deck_id', '=', scope.deckId);
  if (scope.language) logs = logs.where('vocabulary_cards.language', '=', scope.language);
  const summary = await logs
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      sql<number>`sum(case when vocabulary_review_logs.reviewed_at >= ${startOfDay(now).toISOString()} then 1 else 0 end)`.as(
        'today',
      ),
      sql<number>`sum(case when vocabulary_review_logs.state = 2 then 1 else 0 end)`.as('recall_total'),
      sql<number>`sum(case when vocabulary_review_logs.state = 2 and vocabulary_review_logs.rating > 1 then 1 else 0 end)`.as(
        'recalled',
      ),
    ])
    .executeTakeFirstOrThrow();
  const recallTotal = Number(summary.recall_total ?? 0);
  return {
    totalCards: byState.new + byState.learning + byState.review + byState.relearning,
    byState,
    mature,
    dueNow,
    reviewsToday: Number(summary.today ?? 0),
    reviewsLast30Days: Number(summary.total ?? 0),
    retentionLast30Days: recallTotal === 0 ? null : Number(summary.recalled ?? 0) / recallTotal,
  };
}
