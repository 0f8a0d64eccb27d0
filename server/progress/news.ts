import type { ProgressNewsItem } from '../../contracts/progress.ts';
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
export async function readNews(deps: ProgressDeps, memberId: string): Promise<{ items: ProgressNewsItem[] }> {
  const learner = await loadLearner(deps.db, memberId);
  const rewards = await readRewards(deps, memberId, learner.goalMinutes);
  const { today, xp, streak } = rewards;
  const candidates: ProgressNewsItem[] = [];

  const levelThisMorning = levelOf(xp.total - xp.today).level;
  if (xp.level > levelThisMorning) {
    candidates.push({ kind: 'level', key: `level:${xp.level}`, level: xp.level });
  }

  const earnedToday = new Set(
    rewards.achievements.filter((entry) => entry.earnedOn === today).map((entry) => entry.id),
  );
  // An achievement that says the same as a level or streak item shown with it ("Level 5", "One
  // week") is left out rather than celebrated twice; it is on the dashboard all the same.
  const said = new Set<string>();
  if (xp.level > levelThisMorning) {
    for (const entry of achievementCatalogue) {
      if (entry.metric === 'xp' && levelOf(entry.goal).level <= xp.level && earnedToday.has(entry.id)) {
        said.add(entry.id);
      }
    }
  }

  const streakToday = streak.activeToday && (streakMilestones as readonly number[]).includes(streak.current);
  const streakAchievement = achievementCatalogue.find(
    (entry) => entry.metric === 'streak' && entry.goal === streak.current && earnedToday.has(entry.id),
  );
  if (streakToday && !streakAchievement) {
    candidates.push({ kind: 'streak', key: `streak:${streak.current}:${today}`, days: streak.current });
  }

  for (const entry of rewards.achievements) {
    if (!earnedToday.has(entry.id) || said.has(entry.id)) continue;
    candidates.push({
      kind: 'achievement',
      key: `achievement:${entry.id}`,
      id: entry.id,
      title: entry.title,
      description: entry.description,
    });
  }

  const minutesToday = rewards.minutes.get(today) ?? 0;
  if (learner.goalMinutes > 0 && minutesToday >= learner.goalMinutes) {
    candidates.push({ kind: 'daily-goal', key: `daily-goal:${today}`, minutes: learner.goalMinutes });
  }

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
