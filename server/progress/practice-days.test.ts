import { describe, expect, it } from 'vitest';
import { freezeRules } from '../../contracts/progress.ts';
import { daysBetween, daysEnding, practiceMinutesByDay, shiftDay, streaksOf } from './practice-days.ts';

const at = (iso: string) => Date.parse(iso);

describe('practice minutes', () => {
  it('merges events at most 5 minutes apart into sessions, each counting 1 minute before its first event', () => {
    const minutes = practiceMinutesByDay(
      [at('2026-11-24T10:20:00.000Z'), at('2026-11-24T10:00:00.000Z'), at('2026-11-24T10:04:00.000Z')],
      'UTC',
    );
    // 09:59–10:04 is 5 minutes, the lone 10:20 event 1 minute.
    expect(Object.fromEntries(minutes)).toEqual({ '2026-11-24': 6 });
  });

  it('counts a gap of exactly 5 minutes as practice and a longer one as a break', () => {
    const joined = practiceMinutesByDay(
      [at('2026-11-24T10:00:00.000Z'), at('2026-11-24T10:05:00.000Z')],
      'UTC',
    );
    expect(joined.get('2026-11-24')).toBe(6);
    const apart = practiceMinutesByDay(
      [at('2026-11-24T10:00:00.000Z'), at('2026-11-24T10:05:01.000Z')],
      'UTC',
    );
    expect(apart.get('2026-11-24')).toBe(2);
  });

  it('splits a session over midnight between the two days of the server time zone', () => {
    // 22:58 and 23:03 UTC are 23:58 and 00:03 in Madrid (UTC+1 in November).
    const times = [at('2026-11-24T22:58:00.000Z'), at('2026-11-24T23:03:00.000Z')];
    expect(Object.fromEntries(practiceMinutesByDay(times, 'Europe/Madrid'))).toEqual({
      '2026-11-24': 3,
      '2026-11-25': 3,
    });
    expect(Object.fromEntries(practiceMinutesByDay(times, 'UTC'))).toEqual({ '2026-11-24': 6 });
  });

  it('is empty without events', () => {
    expect(practiceMinutesByDay([], 'UTC').size).toBe(0);
  });
});

const streaks = (days: string[], today: string) => streaksOf(days, today, freezeRules);

describe('streaks', () => {
  it('counts consecutive days ending today, and the longest run', () => {
    const days = [
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-20',
      '2026-11-23',
      '2026-11-24',
    ];
    expect(streaks(days, '2026-11-24')).toEqual({
      current: 2,
      longest: 4,
      activeToday: true,
      lastActiveDay: '2026-11-24',
      freezes: { held: 0, frozenDays: [], nextIn: 5 },
      reachedOn: ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'],
    });
  });

  it('keeps the streak alive through today while yesterday was active, and ends it after a missed day', () => {
    const days = ['2026-11-22', '2026-11-23'];
    expect(streaks(days, '2026-11-24')).toMatchObject({ current: 2, longest: 2, activeToday: false });
    expect(streaks(days, '2026-11-25')).toMatchObject({
      current: 0,
      longest: 2,
      lastActiveDay: '2026-11-23',
      freezes: { held: 0, frozenDays: [], nextIn: 7 },
    });
  });

  it('runs across month and year ends, and ignores duplicates and days after today', () => {
    const days = ['2026-12-31', '2027-01-01', '2027-01-01', '2027-01-02', '2027-01-05'];
    expect(streaks(days, '2027-01-02')).toMatchObject({
      current: 3,
      longest: 3,
      activeToday: true,
      lastActiveDay: '2027-01-02',
    });
  });

  it('is zero without activity', () => {
    expect(streaks([], '2026-11-24')).toEqual({
      current: 0,
      longest: 0,
      activeToday: false,
      lastActiveDay: null,
      freezes: { held: 0, frozenDays: [], nextIn: 7 },
      reachedOn: [],
    });
  });
});

describe('streak freezes', () => {
  /** `count` consecutive days from `first`. */
  const run = (first: string, count: number) => daysEnding(shiftDay(first, count - 1), count);

  it('earns one freeze on the 7th active day of a streak', () => {
    expect(streaks(run('2026-11-01', 6), '2026-11-06').freezes).toEqual({
      held: 0,
      frozenDays: [],
      nextIn: 1,
    });
    expect(streaks(run('2026-11-01', 7), '2026-11-07')).toMatchObject({
      current: 7,
      freezes: { held: 1, frozenDays: [], nextIn: 7 },
    });
  });

  it('spends a held freeze on a missed day: the streak goes on, the frozen day does not lengthen it', () => {
    const days = [...run('2026-11-01', 7), '2026-11-09'];
    expect(streaks(days, '2026-11-09')).toEqual({
      current: 8,
      longest: 8,
      activeToday: true,
      lastActiveDay: '2026-11-09',
      freezes: { held: 0, frozenDays: ['2026-11-08'], nextIn: 6 },
      reachedOn: [...run('2026-11-01', 7), '2026-11-09'],
    });
    // Without the freeze (six days only), the same gap ends the streak.
    expect(streaks([...run('2026-11-02', 6), '2026-11-09'], '2026-11-09')).toMatchObject({
      current: 1,
      longest: 6,
      freezes: { held: 0, frozenDays: [] },
    });
  });

  it('covers two missed days in a row with two freezes, and earns again on the 14th active day', () => {
    const days = [...run('2026-11-01', 14), ...run('2026-11-17', 7)];
    const result = streaks(days, '2026-11-23');
    expect(result).toMatchObject({ current: 21, longest: 21 });
    // Two earned (days 7 and 14), two spent on the 15th and 16th, one earned on the 21st active day.
    expect(result.freezes).toEqual({ held: 1, frozenDays: ['2026-11-15', '2026-11-16'], nextIn: 7 });
  });

  it('holds at most two freezes', () => {
    expect(streaks(run('2026-11-01', 21), '2026-11-21').freezes).toEqual({
      held: 2,
      frozenDays: [],
      nextIn: null,
    });
  });

  it('keeps the freezes when the gap is longer than they cover: spending them would not save the streak', () => {
    const days = [...run('2026-11-01', 14), ...run('2026-11-18', 2)];
    expect(streaks(days, '2026-11-19')).toMatchObject({
      current: 2,
      longest: 14,
      freezes: { held: 2, frozenDays: [], nextIn: null },
    });
  });

  it('covers days missed before today, and lets go once the gap outgrows the freezes', () => {
    const week = run('2026-11-01', 7);
    // The 8th was missed and the 9th is not over: the freeze holds the streak for now.
    expect(streaks(week, '2026-11-09')).toMatchObject({
      current: 7,
      activeToday: false,
      freezes: { held: 0, frozenDays: ['2026-11-08'] },
    });
    // The 8th and 9th were both missed: one freeze cannot cover two days, so it is kept.
    expect(streaks(week, '2026-11-10')).toMatchObject({
      current: 0,
      longest: 7,
      freezes: { held: 1, frozenDays: [], nextIn: 7 },
    });
  });
});

describe('day keys', () => {
  it('shifts calendar dates and lists the days ending with one', () => {
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDay('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysEnding('2026-11-02', 3)).toEqual(['2026-10-31', '2026-11-01', '2026-11-02']);
  });

  it('counts the days between two dates', () => {
    expect(daysBetween('2026-11-24', '2026-11-24')).toBe(0);
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2026-12-30')).toBe(-1);
  });
});
