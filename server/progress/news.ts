import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import type { Progress, ProgressNewsItem } from '../../contracts/progress.ts';
import { streakMilestones } from '../../contracts/progress.ts';
import { achievementCatalogue } from './achievements.ts';
import { loadLearner, type ProgressDeps, readRewards } from './progress.ts';
import { levelOf } from './xp.ts';

/**
 * Celebrations: what the learner reached today (a new level, an achievement, a streak milestone, the
 * daily goal) and has not been shown yet. Everything is computed on read from the same rewards the
 * dashboard shows (decision 012); the only thing stored is which keys the learner has seen, so each
 * celebration shows once on any device.
 *
 * Only today counts: a learner who practised for months before this existed, or who comes back after
 * a week, is not greeted by a pile of old news. Something reached just before midnight and first
 * looked at after it is not celebrated; the dashboard still shows it.
 */
export async function readNews(
  deps: ProgressDeps,
  memberId: string,
  /** The reader's interface language (an achievement's name and description). */
  language: InterfaceLanguage = 'en',
): Promise<{ items: ProgressNewsItem[] }> {
  const learner = await loadLearner(deps.db, memberId);
  const rewards = await readRewards(deps, memberId, learner.goalMinutes, language);
  const candidates = reachedToday({
    today: rewards.today,
    xp: rewards.xp,
    streak: rewards.streak,
    achievements: rewards.achievements,
    minutesToday: rewards.minutes.get(rewards.today) ?? 0,
    goalMinutes: learner.goalMinutes,
  });
  if (candidates.length === 0) return { items: [] };
  const seen = await deps.db
    .selectFrom('progress_news_seen')
    .select('key')
    .where('user_id', '=', memberId)
    .where(
      'key',
      'in',
      candidates.map((item) => item.key),
    )
    .execute();
  const seenKeys = new Set(seen.map((row) => row.key));
  return { items: candidates.filter((item) => !seenKeys.has(item.key)) };
}

/** What was reached on `today`, seen or not: the rules of `readNews`, apart from the database. */
export function reachedToday(input: {
  today: string;
  xp: { total: number; today: number; level: number };
  streak: { activeToday: boolean; current: number };
  achievements: Progress['achievements'];
  minutesToday: number;
  goalMinutes: number;
}): ProgressNewsItem[] {
  const { today, xp, streak } = input;
  const items: ProgressNewsItem[] = [];

  const leveledUp = xp.level > levelOf(xp.total - xp.today).level;
  if (leveledUp) items.push({ kind: 'level', key: `level:${xp.level}`, level: xp.level });

  const earnedToday = new Set(
    input.achievements.filter((entry) => entry.earnedOn === today).map((entry) => entry.id),
  );
  // An achievement that says the same as a level or streak item shown with it ("Level 5", "One
  // week") is left out rather than celebrated twice; it is on the dashboard all the same.
  const said = new Set<string>();
  for (const entry of achievementCatalogue) {
    if (!earnedToday.has(entry.id)) continue;
    if (entry.metric === 'xp' && leveledUp && levelOf(entry.goal).level <= xp.level) said.add(entry.id);
  }

  const milestone = streak.activeToday && (streakMilestones as readonly number[]).includes(streak.current);
  const sameAsStreak = achievementCatalogue.some(
    (entry) => entry.metric === 'streak' && entry.goal === streak.current && earnedToday.has(entry.id),
  );
  if (milestone && !sameAsStreak) {
    items.push({ kind: 'streak', key: `streak:${streak.current}:${today}`, days: streak.current });
  }

  for (const entry of input.achievements) {
    if (!earnedToday.has(entry.id) || said.has(entry.id)) continue;
    items.push({
      kind: 'achievement',
      key: `achievement:${entry.id}`,
      id: entry.id,
      title: entry.title,
      description: entry.description,
    });
  }

  if (input.goalMinutes > 0 && input.minutesToday >= input.goalMinutes) {
    items.push({ kind: 'daily-goal', key: `daily-goal:${today}`, minutes: input.goalMinutes });
  }
  return items;
}

/**
 * Marks celebrations as shown. Idempotent: a key seen before, or sent by two devices at once, adds
 * nothing. Keys are checked for their shape only; a well-formed key that was never news is harmless.
 */
export async function markNewsSeen(deps: ProgressDeps, memberId: string, keys: string[]): Promise<void> {
  const seenAt = deps.clock.now().toISOString();
  await deps.db
    .insertInto('progress_news_seen')
    .values([...new Set(keys)].map((key) => ({ user_id: memberId, key, seen_at: seenAt })))
    .onConflict((conflict) => conflict.columns(['user_id', 'key']).doNothing())
    .execute();
}
