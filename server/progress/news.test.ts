import { describe, expect, it } from 'vitest';
import type { Progress } from '../../contracts/progress.ts';
import { achievementCatalogue } from './achievements.ts';
import { reachedToday } from './news.ts';

const today = '2026-11-20';

/** The catalogue with the given ids earned on the given days, everything else locked. */
function achievements(earned: Record<string, string> = {}): Progress['achievements'] {
  return achievementCatalogue.map(({ metric: _metric, ...entry }) => ({
    ...entry,
    progress: earned[entry.id] ? entry.goal : 0,
    earnedOn: earned[entry.id] ?? null,
  }));
}

const quiet = {
  today,
  xp: { total: 150, today: 0, level: 2 },
  streak: { activeToday: false, current: 0 },
  achievements: achievements({ 'first-turn': '2026-11-10' }),
  minutesToday: 0,
  goalMinutes: 15,
};

describe('what was reached today', () => {
  it('is nothing on a day without news, whatever was earned before', () => {
    expect(reachedToday(quiet)).toEqual([]);
  });

  it('names the level reached today, only when today’s XP crossed into it', () => {
    expect(reachedToday({ ...quiet, xp: { total: 320, today: 40, level: 3 } })).toEqual([
      { kind: 'level', key: 'level:3', level: 3 },
    ]);
    // 300 XP at the start of the day: level 3 was reached before today.
    expect(reachedToday({ ...quiet, xp: { total: 340, today: 40, level: 3 } })).toEqual([]);
  });

  it('does not celebrate "Level 5" twice: the level says it', () => {
    const items = reachedToday({
      ...quiet,
      xp: { total: 1010, today: 30, level: 5 },
      achievements: achievements({ 'level-5': today, 'first-review': today }),
    });
    expect(items.map((item) => item.key)).toEqual(['level:5', 'achievement:first-review']);
  });

  it('celebrates a streak milestone on an active day, or the achievement that says it', () => {
    const streak = (current: number, activeToday = true) => ({ ...quiet, streak: { current, activeToday } });
    expect(reachedToday(streak(3))).toEqual([{ kind: 'streak', key: `streak:3:${today}`, days: 3 }]);
    expect(reachedToday(streak(4))).toEqual([]);
    // Held by a freeze before today's practice: not reached today.
    expect(reachedToday(streak(14, false))).toEqual([]);
    // The first 7-day streak is the "One week" achievement; a later one is a milestone again.
    expect(
      reachedToday({ ...streak(7), achievements: achievements({ 'streak-7': today }) }).map(
        (item) => item.key,
      ),
    ).toEqual(['achievement:streak-7']);
    expect(
      reachedToday({ ...streak(7), achievements: achievements({ 'streak-7': '2026-10-01' }) }).map(
        (item) => item.key,
      ),
    ).toEqual([`streak:7:${today}`]);
  });

  it('celebrates the daily goal once reached, never a goal of zero', () => {
    expect(reachedToday({ ...quiet, minutesToday: 15 })).toEqual([
      { kind: 'daily-goal', key: `daily-goal:${today}`, minutes: 15 },
    ]);
    expect(reachedToday({ ...quiet, minutesToday: 14 })).toEqual([]);
    expect(reachedToday({ ...quiet, minutesToday: 3, goalMinutes: 0 })).toEqual([]);
  });
});
