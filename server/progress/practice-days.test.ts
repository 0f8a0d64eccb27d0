import { describe, expect, it } from 'vitest';
import {
  activitySlotLength,
  dayOfSlot,
  daysEnding,
  practiceMinutesByDay,
  shiftDay,
  streaksOf,
} from './practice-days.ts';

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
    expect(streaksOf(days, '2026-11-24')).toEqual({
      current: 2,
      longest: 4,
      activeToday: true,
      lastActiveDay: '2026-11-24',
    });
  });

  it('keeps the streak alive through today while yesterday was active, and ends it after a missed day', () => {
    const days = ['2026-11-22', '2026-11-23'];
    expect(streaksOf(days, '2026-11-24')).toMatchObject({ current: 2, longest: 2, activeToday: false });
    expect(streaksOf(days, '2026-11-25')).toMatchObject({
      current: 0,
      longest: 2,
      lastActiveDay: '2026-11-23',
    });
  });

  it('runs across month and year ends, and ignores duplicates and days after today', () => {
    const days = ['2026-12-31', '2027-01-01', '2027-01-01', '2027-01-02', '2027-01-05'];
    expect(streaksOf(days, '2027-01-02')).toEqual({
      current: 3,
      longest: 3,
      activeToday: true,
      lastActiveDay: '2027-01-02',
    });
  });

  it('is zero without activity', () => {
    expect(streaksOf([], '2026-11-24')).toEqual({
      current: 0,
      longest: 0,
      activeToday: false,
      lastActiveDay: null,
    });
  });
});

describe('day keys', () => {
  it('shifts calendar dates and lists the days ending with one', () => {
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDay('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysEnding('2026-11-02', 3)).toEqual(['2026-10-31', '2026-11-01', '2026-11-02']);
  });

  it('groups activity by the UTC hour where local midnights fall on whole hours, by the minute elsewhere', () => {
    const now = new Date('2026-11-24T10:00:00.000Z');
    expect(activitySlotLength('UTC', now)).toBe(13);
    expect(activitySlotLength('Europe/Madrid', now)).toBe(13);
    expect(activitySlotLength('America/New_York', now)).toBe(13);
    expect(activitySlotLength('Asia/Kolkata', now)).toBe(16);
    expect(activitySlotLength('Asia/Kathmandu', now)).toBe(16);
    expect(dayOfSlot('2026-11-24T23', 'Europe/Madrid')).toBe('2026-11-25');
    expect(dayOfSlot('2026-11-24T18:29', 'Asia/Kolkata')).toBe('2026-11-24');
    expect(dayOfSlot('2026-11-24T18:30', 'Asia/Kolkata')).toBe('2026-11-25');
  });
});
