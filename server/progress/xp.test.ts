import { describe, expect, it } from 'vitest';
import { makeDayXp, makeHistory } from '../../tests/helpers/progress.ts';
import {
  type ActivityStretch,
  activityByDay,
  type DayActivity,
  goalForDay,
  levelOf,
  levelStartXp,
  xpByDay,
} from './xp.ts';

const at = (iso: string) => Date.parse(iso);

function stretch(first: string, counts: Partial<DayActivity>): ActivityStretch {
  return { first: at(first), last: at(first), turns: 0, again: 0, recalled: 0, correct: 0, ...counts };
}

const activity = (days: Record<string, Partial<DayActivity>>) =>
  new Map(
    Object.entries(days).map(([day, counts]) => [
      day,
      { turns: 0, again: 0, recalled: 0, correct: 0, ...counts },
    ]),
  );

/** `count` instants a minute apart from `start`. */
function everyMinute(start: string, count: number): number[] {
  return Array.from({ length: count }, (_, index) => at(start) + index * 60_000);
}

const noMinutes = new Map<string, number>();

describe('activity per day', () => {
  it('sums the 5-minute stretches into the local days of the server time zone', () => {
    const stretches = [
      stretch('2026-11-24T10:00:00.000Z', { turns: 2, correct: 1 }),
      stretch('2026-11-24T22:55:00.000Z', { again: 1, recalled: 2 }),
      // Midnight in Madrid (UTC+1): this stretch is on the 25th.
      stretch('2026-11-24T23:00:00.000Z', { turns: 1, recalled: 4 }),
    ];
    expect(Object.fromEntries(activityByDay(stretches, 'Europe/Madrid'))).toEqual({
      '2026-11-24': { turns: 2, again: 1, recalled: 2, correct: 1 },
      '2026-11-25': { turns: 1, again: 0, recalled: 4, correct: 0 },
    });
    expect([...activityByDay(stretches, 'UTC').keys()]).toEqual(['2026-11-24']);
  });
});

describe('XP per day', () => {
  it('gives 10 per turn, 1 per review rated Again and 3 per other review, 5 per correct answer, 15 per goal and 50 per role-play', () => {
    const xp = xpByDay(
      makeHistory({
        goals: [at('2026-11-24T13:00:00.000Z'), at('2026-11-24T13:05:00.000Z')],
        rolePlays: [at('2026-11-24T13:05:00.000Z')],
      }),
      {
        activity: activity({ '2026-11-24': { turns: 2, again: 1, recalled: 3, correct: 1 } }),
        minutes: noMinutes,
      },
      'UTC',
    );
    expect(Object.fromEntries(xp)).toEqual({
      '2026-11-24': makeDayXp({ turns: 20, reviews: 10, grammar: 5, goals: 30, 'role-plays': 50 }),
    });
  });

  it('caps each kind per day', () => {
    const xp = xpByDay(
      makeHistory(),
      {
        activity: activity({
          // 35 turns (350 → 300), 150 reviews (450 → 300), 50 correct answers (250 → 200).
          '2026-11-24': { turns: 35, recalled: 150, correct: 50 },
          '2026-11-25': { turns: 25, again: 20, recalled: 90 },
        }),
        minutes: noMinutes,
      },
      'UTC',
    );
    expect(xp.get('2026-11-24')).toEqual(makeDayXp({ turns: 300, reviews: 300, grammar: 200 }));
    // Under the caps: 250, and 20 + 270 = 290.
    expect(xp.get('2026-11-25')).toEqual(makeDayXp({ turns: 250, reviews: 290 }));
  });

  it('caps role-play goals at 10 a day and completed role-plays at 3, in the server time zone', () => {
    // From 22:55 UTC, a minute apart: in Madrid (UTC+1) the first 5 are on the 24th, the rest on the 25th.
    const times = everyMinute('2026-11-24T22:55:00.000Z', 17);
    const xp = xpByDay(
      makeHistory({ goals: times, rolePlays: times.slice(5, 10) }),
      { activity: new Map(), minutes: noMinutes },
      'Europe/Madrid',
    );
    expect(xp.get('2026-11-24')).toEqual(makeDayXp({ goals: 75 }));
    // 12 goals (180 → 150) and 5 role-plays (250 → 150).
    expect(xp.get('2026-11-25')).toEqual(makeDayXp({ goals: 150, 'role-plays': 150 }));
  });

  it('gives 50 for a day whose minutes reached the goal in force that day', () => {
    const minutes = new Map([
      ['2026-11-20', 14],
      ['2026-11-21', 15],
      ['2026-11-22', 9],
      ['2026-11-23', 10],
      ['2026-11-24', 12],
    ]);
    // 15 minutes until the 22nd (from the first change), then 10, then 20 from the 24th on. The change
    // on the 22nd counts for the whole 22nd: the goal as the day ended.
    const goalChanges = [
      { at: at('2026-11-22T18:00:00.000Z'), from: 15, to: 10 },
      { at: at('2026-11-24T07:00:00.000Z'), from: 10, to: 20 },
    ];
    const xp = xpByDay(
      makeHistory({ goalChanges, goalMinutes: 20 }),
      { activity: new Map(), minutes },
      'UTC',
    );
    expect([...xp].map(([key, entry]) => [key, entry['daily-goal']])).toEqual([
      ['2026-11-21', 50],
      ['2026-11-23', 50],
    ]);
    // Without recorded changes the current goal applies to every day.
    const current = xpByDay(makeHistory({ goalMinutes: 12 }), { activity: new Map(), minutes }, 'UTC');
    expect([...current.keys()]).toEqual(['2026-11-20', '2026-11-21', '2026-11-24']);
  });

  it('leaves out days that earned nothing', () => {
    // Only turns too short to count and wrong answers: activity, but no XP.
    const xp = xpByDay(
      makeHistory(),
      { activity: activity({ '2026-11-24': {} }), minutes: new Map([['2026-11-24', 3]]) },
      'UTC',
    );
    expect(xp.size).toBe(0);
  });
});

describe('the daily goal on a day', () => {
  it('is the goal as the day ended, the first change’s old goal before it, the current one without changes', () => {
    const goalOn = goalForDay(
      [
        { day: '2026-11-10', from: 15, to: 30 },
        { day: '2026-11-10', from: 30, to: 25 },
        { day: '2026-11-20', from: 25, to: 5 },
      ],
      5,
    );
    expect(goalOn('2026-11-09')).toBe(15);
    expect(goalOn('2026-11-10')).toBe(25);
    expect(goalOn('2026-11-19')).toBe(25);
    expect(goalOn('2026-11-24')).toBe(5);
    expect(goalForDay([], 20)('2026-11-24')).toBe(20);
  });
});

describe('levels', () => {
  it('starts level n at 50 × n × (n − 1) XP', () => {
    expect([1, 2, 3, 4, 5, 10, 20].map(levelStartXp)).toEqual([0, 100, 300, 600, 1000, 4500, 19000]);
  });

  it('places a total in its level, exactly at the boundaries', () => {
    expect(levelOf(0)).toEqual({ level: 1, levelStartXp: 0, nextLevelXp: 100 });
    expect(levelOf(99)).toEqual({ level: 1, levelStartXp: 0, nextLevelXp: 100 });
    expect(levelOf(100)).toEqual({ level: 2, levelStartXp: 100, nextLevelXp: 300 });
    expect(levelOf(999)).toEqual({ level: 4, levelStartXp: 600, nextLevelXp: 1000 });
    expect(levelOf(1000)).toEqual({ level: 5, levelStartXp: 1000, nextLevelXp: 1500 });
    expect(levelOf(18_999).level).toBe(19);
    expect(levelOf(19_000).level).toBe(20);
    for (let level = 2; level < 200; level += 1) {
      expect(levelOf(levelStartXp(level)).level).toBe(level);
      expect(levelOf(levelStartXp(level) - 1).level).toBe(level - 1);
    }
  });
});
