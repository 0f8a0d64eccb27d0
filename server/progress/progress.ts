import { type Kysely, sql } from 'kysely';
import type { CefrLevel, LanguageCode } from '../../contracts/languages.ts';
import { findLanguage } from '../../contracts/languages.ts';
import type { Progress } from '../../contracts/progress.ts';
import { conversationSummarySchema } from '../../contracts/tutor.ts';
import { dayKeyOf } from '../budget/periods.ts';
import type { Database } from '../db/schema.ts';
import { notFound, validationFailed } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { readErrorPatterns, weekStart } from '../tutor/error-patterns.ts';
import { findUsableScenario } from '../tutor/scenarios.ts';
import { parseGoalsMet } from '../tutor/tutor-context.ts';
import { forecast, vocabularyStats } from '../vocabulary/review.ts';
import {
  activitySlotLength,
  dayOfSlot,
  daysEnding,
  practiceMinutesByDay,
  sessionGapMs,
  shiftDay,
  startOfDayKey,
  streaksOf,
} from './practice-days.ts';

export type ProgressDeps = { db: Kysely<Database>; clock: Clock; timeZone: string };

const dayMs = 24 * 60 * 60 * 1000;
const chartDays = 30;
const forecastDays = 14;
const mistakeWeeks = 8;
const recentScenarios = 5;

/** The member, their daily goal and target languages (in their order); 404 for an unknown member. */
async function loadLearner(db: Kysely<Database>, memberId: string) {
  const [member, languages] = await Promise.all([
    db
      .selectFrom('users')
      .leftJoin('profiles', 'profiles.user_id', 'users.id')
      .select(['users.id', 'users.username', 'profiles.daily_goal_minutes'])
      .where('users.id', '=', memberId)
      .executeTakeFirst(),
    db
      .selectFrom('user_languages')
      .select(['language', 'level'])
      .where('user_id', '=', memberId)
      .orderBy('position')
      .execute(),
  ]);
  if (!member) throw notFound('That member');
  return {
    member: { id: member.id, username: member.username },
    goalMinutes: member.daily_goal_minutes ?? 0,
    languages: languages.map((row) => ({ language: row.language, level: row.level as CefrLevel })),
  };
}

/** The asked language, which must be one of the learner's; otherwise their first (null: none set). */
function chooseLanguage(
  asked: LanguageCode | undefined,
  languages: Array<{ language: string }>,
): string | null {
  if (asked === undefined) return languages[0]?.language ?? null;
  if (languages.some((entry) => entry.language === asked)) return asked;
  const known = languages.map((entry) => entry.language).join(', ');
  const message = `${findLanguage(asked)?.name ?? asked} (${asked}) is not one of the learner's target languages${
    known ? ` (${known})` : ': none is set yet'
  }.`;
  throw validationFailed(message, { issues: [{ path: 'language', message }] });
}

/** Learning events besides messages, with their time column: they need no join and no role filter. */
const practiceTables = [
  { table: 'vocabulary_review_logs', at: 'reviewed_at' },
  { table: 'grammar_results', at: 'created_at' },
] as const;

/**
 * Every hour (or minute, see activitySlotLength) in which the learner did anything, over their whole
 * history: the streaks need all of it. Grouping in SQL keeps the answer to a few rows per active day,
 * and each branch reads only the learner's entries of a (user, time) index.
 */
async function activeDays(deps: ProgressDeps, memberId: string, now: Date): Promise<string[]> {
  const length = activitySlotLength(deps.timeZone, now);
  const slot = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, ${sql.lit(length)})`.as('slot');
  let query = deps.db
    .selectFrom('messages')
    .select(slot('created_at'))
    .where('user_id', '=', memberId)
    .where('role', '=', 'learner');
  for (const { table, at } of practiceTables) {
    query = query.union(deps.db.selectFrom(table).select(slot(at)).where('user_id', '=', memberId));
  }
  const rows = await query.execute();
  return rows
    .map((row) => row.slot)
    .sort()
    .map((value) => dayOfSlot(value, deps.timeZone));
}

/** The learner's events of the last 30 days (and the few minutes before, which can join a session). */
async function recentEvents(deps: ProgressDeps, memberId: string, since: string, until: string) {
  const [turns, ...practice] = await Promise.all([
    deps.db
      .selectFrom('messages')
      .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
      .select(['messages.created_at as at', 'conversations.language'])
      .where('messages.user_id', '=', memberId)
      .where('messages.role', '=', 'learner')
      .where('messages.created_at', '>=', since)
      .where('messages.created_at', '<', until)
      .execute(),
    ...practiceTables.map(({ table, at }) =>
      deps.db
        .selectFrom(table)
        .select(sql<string>`${sql.ref(at)}`.as('at'))
        .where('user_id', '=', memberId)
        .where(sql.ref(at), '>=', since)
        .where(sql.ref(at), '<', until)
        .execute(),
    ),
  ]);
  return { turns, times: [turns, ...practice].flat().map((row) => Date.parse(row.at)) };
}

async function countTurns(db: Kysely<Database>, memberId: string, language: string | null) {
  let query = db
    .selectFrom('messages')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('messages.user_id', '=', memberId)
    .where('messages.role', '=', 'learner');
  if (language) query = query.where('conversations.language', '=', language);
  return Number((await query.executeTakeFirstOrThrow()).count);
}

/** Mistakes per category in each of the last 8 weeks, from the tutor's own error patterns. */
async function mistakesByWeek(deps: ProgressDeps, memberId: string, language: string | null, now: Date) {
  const current = weekStart(now.toISOString());
  const weeks = Array.from({ length: mistakeWeeks }, (_, index) =>
    shiftDay(current, (index - mistakeWeeks + 1) * 7),
  );
  const first = weeks[0] ?? current;
  const days = Math.ceil((now.getTime() - Date.parse(`${first}T00:00:00.000Z`)) / dayMs) || 1;
  const patterns = await readErrorPatterns(deps.db, deps.clock, memberId, {
    language: language ?? undefined,
    days,
  });
  const byCategory = new Map<Progress['mistakes']['categories'][number]['category'], number[]>();
  for (const entry of patterns.weekly) {
    const index = weeks.indexOf(entry.week);
    if (index === -1) continue;
    const counts = byCategory.get(entry.category) ?? weeks.map(() => 0);
    counts[index] = (counts[index] ?? 0) + entry.count;
    byCategory.set(entry.category, counts);
  }
  const categories = [...byCategory]
    .map(([category, counts]) => ({ category, counts, total: counts.reduce((sum, value) => sum + value, 0) }))
    .sort((a, b) => b.total - a.total || a.category.localeCompare(b.category));
  return { weeks, categories };
}

function parseJson(text: string | null): unknown {
  try {
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Role-plays completed: conversations on a scenario whose every goal is among the goals the feedback
 * analysis marked as met. The goals come from the scenario itself; for a scenario deleted or no
 * longer shared since, from the summary stored when the role-play was finished. A role-play whose
 * goals cannot be known any more is counted as started, not completed.
 */
async function scenarioProgress(db: Kysely<Database>, memberId: string, language: string | null) {
  let query = db
    .selectFrom('conversations')
    .select(['id', 'scenario_id', 'goals_met_json', 'outcome_json', 'title'])
    .where('user_id', '=', memberId)
    .where('scenario_id', 'is not', null)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc');
  if (language) query = query.where('language', '=', language);
  const rows = await query.execute();
  const viewer = { userId: memberId, role: 'learner' as const };
  const scenarios = new Map<string, Awaited<ReturnType<typeof findUsableScenario>>>();
  for (const id of new Set(rows.map((row) => row.scenario_id as string))) {
    scenarios.set(id, await findUsableScenario(db, viewer, id));
  }
  const completed: Progress['scenarios']['recent'] = [];
  for (const row of rows) {
    const scenarioId = row.scenario_id as string;
    const scenario = scenarios.get(scenarioId);
    const met = new Set(parseGoalsMet(row.goals_met_json));
    let done: boolean;
    if (scenario) {
      done = scenario.goals.length > 0 && scenario.goals.every((goal) => met.has(goal.id));
    } else {
      const summary = conversationSummarySchema.safeParse(parseJson(row.outcome_json));
      done = summary.success && summary.data.goals.length > 0 && summary.data.goals.every((goal) => goal.met);
    }
    if (done) completed.push({ conversationId: row.id, scenarioId, title: scenario?.title ?? row.title });
  }
  return { completed: completed.length, started: rows.length, recent: completed.slice(0, recentScenarios) };
}

/**
 * A learner's progress dashboard, computed from stored learning events only: nothing is invented,
 * and a learner with no activity gets zeros and empty lists. Streak and minutes span every
 * language (the daily goal is one per learner); the other sections cover one target language.
 * Reads only: an admin reading a member's progress changes nothing.
 */
export async function readProgress(
  deps: ProgressDeps,
  memberId: string,
  query: { language?: LanguageCode | undefined },
): Promise<Progress> {
  const learner = await loadLearner(deps.db, memberId);
  const language = chooseLanguage(query.language, learner.languages);
  const scope = language ? { language } : {};
  const now = deps.clock.now();
  const today = dayKeyOf(now, deps.timeZone);
  const days = daysEnding(today, chartDays);
  const since = new Date(startOfDayKey(days[0] ?? today, deps.timeZone).getTime() - sessionGapMs);
  const until = startOfDayKey(shiftDay(today, 1), deps.timeZone);
  const vocabulary = { db: deps.db, clock: deps.clock };

  const [history, recent, totalTurns, words, due, mistakes, scenarios] = await Promise.all([
    activeDays(deps, memberId, now),
    recentEvents(deps, memberId, since.toISOString(), until.toISOString()),
    countTurns(deps.db, memberId, language),
    vocabularyStats(vocabulary, memberId, scope),
    forecast(vocabulary, memberId, { ...scope, days: forecastDays }),
    mistakesByWeek(deps, memberId, language, now),
    scenarioProgress(deps.db, memberId, language),
  ]);

  const minutes = practiceMinutesByDay(recent.times, deps.timeZone);
  const turnsByDay = new Map<string, number>();
  for (const turn of recent.turns) {
    if (language && turn.language !== language) continue;
    const day = dayKeyOf(new Date(turn.at), deps.timeZone);
    turnsByDay.set(day, (turnsByDay.get(day) ?? 0) + 1);
  }
  const turnDays = days.map((date) => ({ date, count: turnsByDay.get(date) ?? 0 }));

  return {
    member: learner.member,
    language,
    languages: learner.languages,
    timeZone: deps.timeZone,
    today,
    streak: streaksOf(history, today),
    dailyGoal: {
      goalMinutes: learner.goalMinutes,
      minutesToday: minutes.get(today) ?? 0,
      days: days.map((date) => ({ date, minutes: minutes.get(date) ?? 0 })),
    },
    turns: {
      today: turnsByDay.get(today) ?? 0,
      last7Days: turnDays.slice(-7).reduce((sum, day) => sum + day.count, 0),
      total: totalTurns,
      days: turnDays,
    },
    words: { learned: words.totalCards - words.byState.new, mature: words.mature, total: words.totalCards },
    reviews: { dueNow: words.dueNow, newAvailable: due.newAvailable, forecast: due.days },
    mistakes,
    scenarios,
    level: {
      level: learner.languages.find((entry) => entry.language === language)?.level ?? null,
      basis: 'self-assessed',
    },
  };
}
