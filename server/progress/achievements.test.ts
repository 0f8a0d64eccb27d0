import { describe, expect, it } from 'vitest';
import { makeDayXp, makeHistory } from '../../tests/helpers/progress.ts';
import {
  achievementCatalogue,
  evaluateAchievements,
  type Measure,
  type Metric,
  measureMetrics,
  measureSteps,
} from './achievements.ts';
import type { DayActivity } from './xp.ts';

const at = (iso: string) => Date.parse(iso);

const metrics: Metric[] = [
  'turns',
  'reviews',
  'mature-words',
  'grammar-correct',
  'grammar-run',
  'goals',
  'role-plays',
  'streak',
  'daily-goals',
  'xp',
];

/** Every metric without progress, except those given. */
const measures = (given: Partial<Record<Metric, Measure>> = {}) =>
  Object.fromEntries(metrics.map((metric) => [metric, given[metric] ?? measureSteps([])])) as Record<
    Metric,
    Measure
  >;

const byId = (achievements: ReturnType<typeof evaluateAchievements>) =>
  Object.fromEntries(achievements.map(({ id, progress, earnedOn }) => [id, { progress, earnedOn }]));

const dayActivity = (counts: Partial<DayActivity>): DayActivity => ({
  turns: 0,
  again: 0,
  recalled: 0,
  correct: 0,
  ...counts,
});

describe('the achievement catalogue', () => {
  it('has 12 to 20 achievements with unique ids and goals of at least 1', () => {
    expect(achievementCatalogue.length).toBeGreaterThanOrEqual(12);
    expect(achievementCatalogue.length).toBeLessThanOrEqual(20);
    expect(new Set(achievementCatalogue.map((achievement) => achievement.id)).size).toBe(
      achievementCatalogue.length,
    );
    expect(achievementCatalogue.every((achievement) => achievement.goal >= 1)).toBe(true);
  });
});

describe('evaluating achievements', () => {
  it('locks everything without events, with no progress', () => {
    const achievements = evaluateAchievements(measures());
    expect(achievements).toHaveLength(achievementCatalogue.length);
    expect(
      achievements.every((achievement) => achievement.progress === 0 && achievement.earnedOn === null),
    ).toBe(true);
  });

  it('dates an achievement by the day its metric reached the goal, and caps progress at the goal', () => {
    const xp = [
      { day: '2026-11-20', amount: 600 },
      { day: '2026-11-21', amount: 399 },
    ];
    const result = byId(
      evaluateAchievements(
        measures({
          reviews: measureSteps([
            { day: '2026-11-20', amount: 60 },
            { day: '2026-11-21', amount: 45 },
          ]),
          xp: measureSteps(xp),
        }),
      ),
    );
    expect(result['first-review']).toEqual({ progress: 1, earnedOn: '2026-11-20' });
    // The 100th review was on the 21st.
    expect(result['reviews-100']).toEqual({ progress: 100, earnedOn: '2026-11-21' });
    expect(result['reviews-1000']).toEqual({ progress: 105, earnedOn: null });
    // 999 XP: one short of level 5.
    expect(result['level-5']).toEqual({ progress: 999, earnedOn: null });
    const more = measureSteps([...xp, { day: '2026-11-22', amount: 1 }]);
    expect(byId(evaluateAchievements(measures({ xp: more })))['level-5']).toEqual({
      progress: 1000,
      earnedOn: '2026-11-22',
    });
  });
});

describe('metrics from stored events', () => {
  it('counts turns, reviews and correct answers per day, and dates the streak, daily goals and XP', () => {
    const activity = new Map([
      ['2026-11-21', dayActivity({ turns: 30, recalled: 40, correct: 12 })],
      ['2026-11-20', dayActivity({ turns: 25, again: 10, recalled: 50, correct: 40 })],
    ]);
    const xp = new Map([
      ['2026-11-20', makeDayXp({ turns: 250, reviews: 160, grammar: 200, 'daily-goal': 50 })],
      ['2026-11-21', makeDayXp({ turns: 300, reviews: 120, grammar: 60 })],
    ]);
    const measured = measureMetrics(
      makeHistory(),
      { activity, xp, streakReachedOn: ['2026-11-20', '2026-11-21'] },
      'UTC',
    );
    const result = byId(evaluateAchievements(measured));
    // 25 turns on the 20th, the 50th on the 21st; the cap on XP does not apply to achievements.
    expect(result['turns-50']).toEqual({ progress: 50, earnedOn: '2026-11-21' });
    expect(result['reviews-100']).toEqual({ progress: 100, earnedOn: '2026-11-21' });
    expect(result['grammar-50']).toEqual({ progress: 50, earnedOn: '2026-11-21' });
    expect(result['streak-7']).toEqual({ progress: 2, earnedOn: null });
    expect(result['daily-goal-10']).toEqual({ progress: 1, earnedOn: null });
    // 660 + 480 XP: level 5 (1,000 XP) on the 21st.
    expect(result['level-5']).toEqual({ progress: 1000, earnedOn: '2026-11-21' });
  });

  it('takes runs of correct grammar answers as read, and places events in the server’s local days', () => {
    const measured = measureMetrics(
      makeHistory({
        correctRuns: { longest: 10, reachedAt: at('2026-11-24T23:30:00.000Z') },
        matureCards: [at('2026-11-24T22:59:00.000Z'), at('2026-11-24T23:00:00.000Z')],
        goals: [at('2026-11-24T12:00:00.000Z')],
      }),
      { activity: new Map(), xp: new Map(), streakReachedOn: [] },
      'Europe/Madrid',
    );
    const result = byId(evaluateAchievements(measured));
    // 23:30 UTC on the 24th is the 25th in Madrid.
    expect(result['grammar-run-10']).toEqual({ progress: 10, earnedOn: '2026-11-25' });
    expect(measured['mature-words'](2)).toEqual({ progress: 2, earnedOn: '2026-11-25' });
    expect(measured['mature-words'](1)).toEqual({ progress: 1, earnedOn: '2026-11-24' });
    expect(result['first-goal']).toEqual({ progress: 1, earnedOn: '2026-11-24' });
    const shorter = measureMetrics(
      makeHistory({ correctRuns: { longest: 7, reachedAt: null } }),
      { activity: new Map(), xp: new Map(), streakReachedOn: [] },
      'UTC',
    );
    expect(byId(evaluateAchievements(shorter))['grammar-run-10']).toEqual({ progress: 7, earnedOn: null });
  });
});
