import type { Kysely } from 'kysely';
import type { CefrLevel, LanguageCode } from '../../contracts/languages.ts';
import { findLanguage } from '../../contracts/languages.ts';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import { freezeRules, type Progress, xpKinds } from '../../contracts/progress.ts';
import type { Database } from '../db/schema.ts';
import { notFound, validationFailed } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { dayKeyOf } from '../lib/periods.ts';
import { readErrorPatterns, weekStart } from '../tutor/error-patterns.ts';
import { forecast, vocabularyStats } from '../vocabulary/review.ts';
import { correctRunGoal, evaluateAchievements, measureMetrics } from './achievements.ts';
import { loadLearningHistory, type RolePlay } from './learning-history.ts';
import { daysEnding, practiceMinutesByDay, shiftDay, startOfDayKey, streaksOf } from './practice-days.ts';
import { activityByDay, levelOf, xpByDay } from './xp.ts';

export type ProgressDeps = { db: Kysely<Database>; clock: Clock; timeZone: string };

const dayMs = 24 * 60 * 60 * 1000;
const chartDays = 30;
const forecastDays = 14;
const mistakeWeeks = 8;
const recentScenarios = 5;

/** The member, their daily goal and target languages (in their order); 404 for an unknown member. */
export async function loadLearner(db: Kysely<Database>, memberId: string) {
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
  if (!member) throw notFound('member');
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

/** The learner's turns of the last 30 days, with their conversation's language. */
async function recentTurns(deps: ProgressDeps, memberId: string, since: string, until: string) {
  return deps.db
    .selectFrom('messages')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .select(['messages.created_at as at', 'conversations.language'])
    .where('messages.user_id', '=', memberId)
    .where('messages.role', '=', 'learner')
    .where('messages.created_at', '>=', since)
    .where('messages.created_at', '<', until)
    .execute();
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

/** Role-plays in the language (every language when null): completed, started, the latest completed. */
function scenarioProgress(rolePlays: RolePlay[], language: string | null): Progress['scenarios'] {
  const inScope = rolePlays.filter((rolePlay) => !language || rolePlay.language === language);
  const completed = inScope
    .filter((rolePlay) => rolePlay.completed)
    .map(({ conversationId, scenarioId, title }) => ({ conversationId, scenarioId, title }));
  return {
    completed: completed.length,
    started: inScope.length,
    recent: completed.slice(0, recentScenarios),
  };
}

/** XP totals, today's and per kind, and the level they make. */
function presentXp(byDay: ReturnType<typeof xpByDay>, today: string): Progress['xp'] {
  const kinds = xpKinds.map((kind) => {
    let total = 0;
    for (const day of byDay.values()) total += day[kind];
    return { kind, today: byDay.get(today)?.[kind] ?? 0, total };
  });
  const total = kinds.reduce((sum, kind) => sum + kind.total, 0);
  return {
    total,
    today: kinds.reduce((sum, kind) => sum + kind.today, 0),
    ...levelOf(total),
    kinds,
  };
}

/**
 * What motivation is made of, across every language, from the learner's whole history: the streak
 * with its freezes, minutes per day, XP with its level, the achievements. The dashboard shows it; the
 * celebrations (`news.ts`) compare it with what the learner has been shown.
 */
export async function readRewards(
  deps: ProgressDeps,
  memberId: string,
  goalMinutes: number,
  /** The reader's interface language (achievement names and descriptions). */
  readerLanguage: InterfaceLanguage = 'en',
) {
  const today = dayKeyOf(deps.clock.now(), deps.timeZone);
  const { history, rolePlays } = await loadLearningHistory(deps.db, memberId, {
    goalMinutes,
    runGoal: correctRunGoal,
    language: readerLanguage,
  });
  const activity = activityByDay(history.stretches, deps.timeZone);
  const minutes = practiceMinutesByDay(
    history.stretches.flatMap((stretch) => [stretch.first, stretch.last]),
    deps.timeZone,
  );
  const streak = streaksOf(activity.keys(), today, freezeRules);
  const xp = xpByDay(history, { activity, minutes }, deps.timeZone);
  return {
    today,
    rolePlays,
    minutes,
    streak,
    xp: presentXp(xp, today),
    achievements: evaluateAchievements(
      measureMetrics(history, { activity, xp, streakReachedOn: streak.reachedOn }, deps.timeZone),
      readerLanguage,
    ),
  };
}

/**
 * A learner's progress dashboard, computed from stored learning events only: nothing is invented,
 * and a learner with no activity gets zeros and empty lists. Streak (with its freezes), minutes, XP
 * and achievements span every language (the daily goal is one per learner); the other sections cover
 * one target language. Reads only: an admin reading a member's progress changes nothing.
 */
export async function readProgress(
  deps: ProgressDeps,
  memberId: string,
  query: { language?: LanguageCode | undefined },
  /** The reader's interface language (achievement names and descriptions). */
  readerLanguage: InterfaceLanguage = 'en',
): Promise<Progress> {
  const learner = await loadLearner(deps.db, memberId);
  const language = chooseLanguage(query.language, learner.languages);
  const scope = language ? { language } : {};
  const now = deps.clock.now();
  const today = dayKeyOf(now, deps.timeZone);
  const days = daysEnding(today, chartDays);
  const since = startOfDayKey(days[0] ?? today, deps.timeZone);
  const until = startOfDayKey(shiftDay(today, 1), deps.timeZone);
  const vocabulary = { db: deps.db, clock: deps.clock };

  const [rewards, recent, totalTurns, words, due, mistakes] = await Promise.all([
    readRewards(deps, memberId, learner.goalMinutes, readerLanguage),
    recentTurns(deps, memberId, since.toISOString(), until.toISOString()),
    countTurns(deps.db, memberId, language),
    vocabularyStats(vocabulary, memberId, scope),
    forecast(vocabulary, memberId, { ...scope, days: forecastDays }),
    mistakesByWeek(deps, memberId, language, now),
  ]);
  const { rolePlays, minutes, streak } = rewards;
  const turnsByDay = new Map<string, number>();
  for (const turn of recent) {
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
    streak: {
      current: streak.current,
      longest: streak.longest,
      activeToday: streak.activeToday,
      lastActiveDay: streak.lastActiveDay,
      freezes: {
        held: streak.freezes.held,
        ...freezeRules,
        frozenDays: streak.freezes.frozenDays.filter((day) => day >= (days[0] ?? today)),
        nextIn: streak.freezes.nextIn,
      },
    },
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
    scenarios: scenarioProgress(rolePlays, language),
    level: {
      level: learner.languages.find((entry) => entry.language === language)?.level ?? null,
      basis: 'self-assessed',
    },
    xp: rewards.xp,
    achievements: rewards.achievements,
  };
}
