import { type Kysely, sql } from 'kysely';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import { xpRules } from '../../contracts/progress.ts';
import { conversationSummarySchema } from '../../contracts/tutor.ts';
import type { Database } from '../db/schema.ts';
import { findUsableScenario, inLanguageOf } from '../tutor/scenarios.ts';
import { parseGoalsMet } from '../tutor/tutor-context.ts';
import type { ActivityStretch, LearningHistory } from './xp.ts';

/**
 * Reads a learner's whole history of learning events, across every language, for streaks, minutes,
 * XP and achievements. Everything is read from stored rows on each request (decision 010): an undone
 * review, a deleted conversation or deck takes its XP and progress with it.
 *
 * The history grows with the learner's practice, so SQL returns aggregates, never one row per event:
 * one row per 5-minute stretch with activity (the rules need no finer grain), the longest run of
 * correct grammar answers, the feedback rows that met a role-play goal and one row per mature card.
 * Decision 012 has the measured cost.
 */

/**
 * The 5-minute stretch of a timestamp, as text: "2026-11-24T10:3" plus "0" or "5". Two events in one
 * stretch are under 5 minutes apart, so they never start or end a practice session between them, and
 * its first and last events are all the minutes estimate needs. A stretch never straddles two local
 * days: every zone's offset is a whole number of quarter hours.
 */
const stretchOf = sql<string>`substr(at, 1, 15) || case when substr(at, 16, 1) < '5' then '0' else '5' end`;

const zero = sql<number>`0`;
const one = sql<number>`1`;

/**
 * Activity per 5-minute stretch: its first and last learning event (a learner message, a review or a
 * grammar answer), and the counted turns, reviews by outcome and correct grammar answers in it.
 * Turns count when trimmed to at least `minCharacters` (a "sí" or "ok" takes no effort) and only the
 * first time the learner sent that text (pasting one sentence again and again is not practice); both
 * rules run in SQL, where `trim` and `length` (in characters) agree between SQLite and PostgreSQL.
 */
async function activityByStretch(db: Kysely<Database>, memberId: string): Promise<ActivityStretch[]> {
  const learnerMessages = db
    .selectFrom('messages')
    .where('messages.user_id', '=', memberId)
    .where('messages.role', '=', 'learner');
  const text = sql<string>`trim(text)`;
  const firstSendings = learnerMessages
    .select(sql<string>`min(created_at)`.as('at'))
    .where(sql<number>`length(${text})`, '>=', xpRules.turns.minCharacters)
    .groupBy(text);
  const events = learnerMessages
    .select([
      sql<string>`created_at`.as('at'),
      zero.as('turn'),
      zero.as('again'),
      zero.as('recalled'),
      zero.as('correct'),
    ])
    .unionAll(
      db
        .selectFrom(firstSendings.as('turns'))
        .select([
          sql<string>`at`.as('at'),
          one.as('turn'),
          zero.as('again'),
          zero.as('recalled'),
          zero.as('correct'),
        ]),
    )
    .unionAll(
      db
        .selectFrom('vocabulary_review_logs')
        .select([
          sql<string>`reviewed_at`.as('at'),
          zero.as('turn'),
          sql<number>`case when rating = 1 then 1 else 0 end`.as('again'),
          sql<number>`case when rating = 1 then 0 else 1 end`.as('recalled'),
          zero.as('correct'),
        ])
        .where('user_id', '=', memberId),
    )
    .unionAll(
      db
        .selectFrom('grammar_results')
        .select([
          sql<string>`created_at`.as('at'),
          zero.as('turn'),
          zero.as('again'),
          zero.as('recalled'),
          sql<number>`correct`.as('correct'),
        ])
        .where('user_id', '=', memberId),
    );
  const rows = await db
    .selectFrom(events.as('events'))
    .select([
      sql<string>`min(at)`.as('first'),
      sql<string>`max(at)`.as('last'),
      sql<number>`sum(turn)`.as('turns'),
      sql<number>`sum(again)`.as('again'),
      sql<number>`sum(recalled)`.as('recalled'),
      sql<number>`sum(correct)`.as('correct'),
    ])
    .groupBy(stretchOf)
    .execute();
  return rows
    .map((row) => ({
      first: Date.parse(row.first),
      last: Date.parse(row.last),
      turns: Number(row.turns),
      again: Number(row.again),
      recalled: Number(row.recalled),
      correct: Number(row.correct),
    }))
    .sort((a, b) => a.first - b.first);
}

/**
 * The longest run of correct grammar answers (a wrong answer ends a run), up to `goal`, and when a run
 * first reached `goal` answers in a row. A window carries the time of the last wrong answer so far to
 * every answer, so the correct answers sharing one form a run: one pass over the learner's answers,
 * one row back. The run's `goal`-th answer is then read by its position after the run's start.
 */
async function correctRuns(db: Kysely<Database>, memberId: string, goal: number) {
  const { rows } = await sql<{ longest: number | string | null; start: string | null }>`
    select max(length) as longest, min(case when length >= ${goal} then start end) as start from (
      select count(*) as length, min(created_at) as start from (
        select created_at, correct,
          max(case when correct = 1 then null else created_at end)
            over (order by created_at, id rows between unbounded preceding and current row) as last_wrong
        from grammar_results where user_id = ${memberId}
      ) as answers
      where correct = 1
      group by last_wrong
    ) as runs`.execute(db);
  const longest = Math.min(goal, Number(rows[0]?.longest ?? 0));
  const start = rows[0]?.start;
  if (!start) return { longest, reachedAt: null };
  const reached = await db
    .selectFrom('grammar_results')
    .select('created_at')
    .where('user_id', '=', memberId)
    .where('created_at', '>=', start)
    .orderBy('created_at')
    .orderBy('id')
    .offset(goal - 1)
    .limit(1)
    .executeTakeFirst();
  return { longest, reachedAt: reached ? Date.parse(reached.created_at) : null };
}

/**
 * When each card first got an interval of 21 days or more (mature). A review log row keeps the card
 * as it was before that review: its `scheduled_days` is the interval the previous review gave, and its
 * `due` that previous review's time (ts-fsrs logs `last_review`). So a log row with 21+ days says the
 * card was mature since `due`; a card mature now has been since its `last_review`. The earliest of
 * those per card is when it first matured.
 */
async function matureSince(db: Kysely<Database>, memberId: string): Promise<number[]> {
  const [logged, current] = await Promise.all([
    db
      .selectFrom('vocabulary_review_logs')
      .select(['card_id', sql<string>`min(due)`.as('since')])
      .where('user_id', '=', memberId)
      .where('scheduled_days', '>=', 21)
      .groupBy('card_id')
      .execute(),
    db
      .selectFrom('vocabulary_cards')
      .select(['id as card_id', 'last_review as since'])
      .where('user_id', '=', memberId)
      .where('scheduled_days', '>=', 21)
      .where('last_review', 'is not', null)
      .execute(),
  ]);
  const first = new Map<string, number>();
  for (const row of [...logged, ...current]) {
    const since = Date.parse(row.since as string);
    first.set(row.card_id, Math.min(first.get(row.card_id) ?? since, since));
  }
  return [...first.values()].sort((a, b) => a - b);
}

function parseJson(text: string | null): unknown {
  try {
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

export type RolePlay = {
  conversationId: string;
  scenarioId: string;
  title: string;
  language: string;
  completed: boolean;
  /** When its last goal was met (completed ones only). */
  completedAt: number | null;
};

/**
 * Every role-play the learner started, most recently active first, and when each goal was first met.
 * A role-play is completed when every goal of its scenario is among the goals the feedback analysis
 * marked as met; for a scenario deleted or no longer shared since, the goals come from the summary
 * stored when the role-play was finished. One whose goals cannot be known any more counts as started,
 * not completed. Goals are dated by the feedback rows that met them.
 */
async function readRolePlays(db: Kysely<Database>, memberId: string, language: InterfaceLanguage) {
  const [rows, feedback] = await Promise.all([
    db
      .selectFrom('conversations')
      .select([
        'id',
        'scenario_id',
        'language',
        'goals_met_json',
        'outcome_json',
        'title',
        'ended_at',
        'updated_at',
      ])
      .where('user_id', '=', memberId)
      .where('scenario_id', 'is not', null)
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('message_feedback')
      .innerJoin('conversations', 'conversations.id', 'message_feedback.conversation_id')
      .select([
        'message_feedback.conversation_id',
        'message_feedback.goals_met_json',
        'message_feedback.created_at',
      ])
      .where('conversations.user_id', '=', memberId)
      .where('conversations.scenario_id', 'is not', null)
      .where('message_feedback.goals_met_json', '<>', '[]')
      .execute(),
  ]);
  /** conversation id → goal id → when first met */
  const metAt = new Map<string, Map<string, number>>();
  for (const row of feedback) {
    const goals = metAt.get(row.conversation_id) ?? new Map<string, number>();
    metAt.set(row.conversation_id, goals);
    const at = Date.parse(row.created_at);
    for (const goal of parseGoalsMet(row.goals_met_json))
      goals.set(goal, Math.min(goals.get(goal) ?? at, at));
  }

  const viewer = { userId: memberId, role: 'learner' as const };
  const scenarios = new Map<string, Awaited<ReturnType<typeof findUsableScenario>>>();
  for (const id of new Set(rows.map((row) => row.scenario_id as string))) {
    scenarios.set(id, await findUsableScenario(db, viewer, id));
  }
  const rolePlays: RolePlay[] = rows.map((row) => {
    const scenarioId = row.scenario_id as string;
    const scenario = scenarios.get(scenarioId);
    const met = new Set(parseGoalsMet(row.goals_met_json));
    let completed: boolean;
    if (scenario) {
      completed = scenario.goals.length > 0 && scenario.goals.every((goal) => met.has(goal.id));
    } else {
      const summary = conversationSummarySchema.safeParse(parseJson(row.outcome_json));
      completed =
        summary.success && summary.data.goals.length > 0 && summary.data.goals.every((goal) => goal.met);
    }
    const dates = [...(metAt.get(row.id)?.values() ?? [])];
    // Goals met before feedback rows were dated cannot be placed: the finish, or the last activity.
    const fallback = Date.parse(row.ended_at ?? row.updated_at);
    return {
      conversationId: row.id,
      scenarioId,
      // A built-in's title in the reader's language; a deleted scenario's as the conversation kept it.
      title: scenario ? inLanguageOf(scenario, language).title : row.title,
      language: row.language,
      completed,
      completedAt: completed ? (dates.length > 0 ? Math.max(...dates) : fallback) : null,
    };
  });
  const goals = [...metAt.values()].flatMap((goalsMet) => [...goalsMet.values()]).sort((a, b) => a - b);
  return { rolePlays, goals };
}

/** The learner's whole history of learning events, and their role-plays for the dashboard. */
export async function loadLearningHistory(
  db: Kysely<Database>,
  memberId: string,
  input: { goalMinutes: number; runGoal: number; language?: InterfaceLanguage },
): Promise<{ history: LearningHistory; rolePlays: RolePlay[] }> {
  const [stretches, runs, matureCards, goalChanges, { rolePlays, goals }] = await Promise.all([
    activityByStretch(db, memberId),
    correctRuns(db, memberId, input.runGoal),
    matureSince(db, memberId),
    db
      .selectFrom('daily_goal_changes')
      .select(['from_minutes', 'to_minutes', 'changed_at'])
      .where('user_id', '=', memberId)
      .orderBy('changed_at')
      .orderBy('id')
      .execute(),
    readRolePlays(db, memberId, input.language ?? 'en'),
  ]);
  return {
    history: {
      stretches,
      correctRuns: runs,
      goals,
      rolePlays: rolePlays
        .flatMap((rolePlay) => (rolePlay.completedAt === null ? [] : [rolePlay.completedAt]))
        .sort((a, b) => a - b),
      matureCards,
      goalChanges: goalChanges.map((row) => ({
        at: Date.parse(row.changed_at),
        from: Number(row.from_minutes),
        to: Number(row.to_minutes),
      })),
      goalMinutes: input.goalMinutes,
    },
    rolePlays,
  };
}
