import { describe, expect, it } from 'vitest';
import { dayKeyOf, dayKeysOfMonth, dayPeriod, monthKeyOf, monthPeriod } from './periods.ts';

describe('budget periods', () => {
  it('follows UTC by default', () => {
    const period = monthPeriod(new Date('2026-11-24T10:00:00.000Z'), 'UTC');
    expect(period).toEqual({
      key: '2026-11',
      start: new Date('2026-11-01T00:00:00.000Z'),
      end: new Date('2026-12-01T00:00:00.000Z'),
    });
    expect(monthPeriod(new Date('2026-12-31T23:59:59.999Z'), 'UTC').end).toEqual(
      new Date('2027-01-01T00:00:00.000Z'),
    );
  });

  it('starts months and days at local midnight in the configured zone', () => {
    // 23:30 UTC on 30 November is already 1 December in Madrid (UTC+1 in winter).
    const late = new Date('2026-11-30T23:30:00.000Z');
    expect(monthKeyOf(late, 'UTC')).toBe('2026-11');
    expect(monthKeyOf(late, 'Europe/Madrid')).toBe('2026-12');
    expect(dayKeyOf(late, 'Europe/Madrid')).toBe('2026-12-01');
    expect(monthPeriod(late, 'Europe/Madrid')).toEqual({
      key: '2026-12',
      start: new Date('2026-11-30T23:00:00.000Z'),
      end: new Date('2026-12-31T23:00:00.000Z'),
    });
    // New York is behind UTC: its November runs 04:00Z on 1 Nov (EDT) to 05:00Z on 1 Dec (EST).
    expect(monthPeriod(new Date('2026-11-15T12:00:00Z'), 'America/New_York')).toEqual({
      key: '2026-11',
      start: new Date('2026-11-01T04:00:00.000Z'),
      end: new Date('2026-12-01T05:00:00.000Z'),
    });
  });

  it('handles days that are 23 or 25 hours long', () => {
    // Europe/Madrid moves to summer time on 29 March 2026: that day is 23 hours long.
    const spring = dayPeriod(new Date('2026-03-29T12:00:00Z'), 'Europe/Madrid');
    expect(spring.key).toBe('2026-03-29');
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3_600_000);
    const autumn = dayPeriod(new Date('2026-10-25T12:00:00Z'), 'Europe/Madrid');
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3_600_000);
  });

  it('lists the days of a month', () => {
    expect(dayKeysOfMonth('2026-02')).toHaveLength(28);
    expect(dayKeysOfMonth('2028-02').at(-1)).toBe('2028-02-29');
    expect(dayKeysOfMonth('2026-11')[0]).toBe('2026-11-01');
  });
});
