import { dayKeyOf, dayPeriod, localMidnight } from '../budget/periods.ts';

/**
 * Day arithmetic for progress, in the server's time zone (TIME_ZONE), the zone whose midnights also
 * start budget days. Day keys are local calendar dates ("2026-11-24"); stored timestamps are UTC
 * instants, so each event is placed in its local day here rather than with date SQL, which differs
 * between SQLite and PostgreSQL and knows nothing of IANA zones in SQLite.
 */

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

/** Events at most this far apart belong to one practice session. */
export const sessionGapMs = 5 * minuteMs;
/** Each session also counts this long before its first event: the reading and typing that led to it. */
export const sessionLeadMs = minuteMs;

/** The calendar date `delta` days after (or before) `key`; no time zone is involved. */
export function shiftDay(key: string, delta: number): string {
  const [year = 1970, month = 1, day = 1] = key.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + delta)).toISOString().slice(0, 10);
}

/** `count` consecutive day keys ending with `last`, oldest first. */
export function daysEnding(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => shiftDay(last, index - count + 1));
}

/** The UTC instant at which the local day `key` starts. */
export function startOfDayKey(key: string, timeZone: string): Date {
  const [year = 1970, month = 1, day = 1] = key.split('-').map(Number);
  return localMidnight(year, month, day, timeZone);
}

/**
 * Minutes practised per local day, estimated from the times of learning events, because nothing
 * records time on task directly: events at most 5 minutes apart form one session; a session lasts
 * from 1 minute before its first event to its last event; a day gets the session time that falls
 * inside it (a session over midnight is split), rounded to whole minutes. A lone event is 1 minute;
 * events at 10:00, 10:04 and 10:20 are 5 + 1 = 6 minutes. Idle time over 5 minutes never counts, so
 * the estimate errs low rather than inventing practice.
 */
export function practiceMinutesByDay(times: readonly number[], timeZone: string): Map<string, number> {
  const sorted = [...times].sort((a, b) => a - b);
  const milliseconds = new Map<string, number>();
  const addSession = (from: number, to: number) => {
    let start = from;
    while (start < to) {
      const day = dayPeriod(new Date(start), timeZone);
      const end = Math.min(to, day.end.getTime());
      milliseconds.set(day.key, (milliseconds.get(day.key) ?? 0) + (end - start));
      start = end;
    }
  };
  let first: number | undefined;
  let last = 0;
  for (const time of sorted) {
    if (first !== undefined && time - last > sessionGapMs) {
      addSession(first - sessionLeadMs, last);
      first = undefined;
    }
    first ??= time;
    last = time;
  }
  if (first !== undefined) addSession(first - sessionLeadMs, last);
  return new Map([...milliseconds].map(([key, ms]) => [key, Math.round(ms / minuteMs)]));
}

/**
 * The current streak (consecutive active days ending today, or yesterday while today has no activity
 * yet: the streak is not lost before the day is over) and the longest run ever. Days after `today`
 * (a clock set back) are ignored.
 */
export function streaksOf(activeDays: Iterable<string>, today: string) {
  const days = [...new Set(activeDays)].filter((day) => day <= today).sort();
  const active = new Set(days);
  let current = 0;
  let day = active.has(today) ? today : shiftDay(today, -1);
  while (active.has(day)) {
    current += 1;
    day = shiftDay(day, -1);
  }
  let longest = 0;
  let run = 0;
  let previous: string | undefined;
  for (const key of days) {
    run = previous !== undefined && shiftDay(previous, 1) === key ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = key;
  }
  return { current, longest, activeToday: active.has(today), lastActiveDay: days.at(-1) ?? null };
}

/**
 * How many leading characters of an ISO timestamp the activity query groups by: the UTC hour (13,
 * "2026-11-24T10") when every local midnight of the zone over the past year fell on a whole UTC
 * hour, so that an hour never straddles two local days; otherwise the minute (16), exact for zones
 * such as Asia/Kolkata (+05:30) or Asia/Kathmandu (+05:45).
 */
export function activitySlotLength(timeZone: string, now: Date): 13 | 16 {
  for (let month = 0; month < 12; month += 1) {
    const midnight = dayPeriod(new Date(now.getTime() - month * 30.5 * dayMs), timeZone).start;
    if (midnight.getTime() % hourMs !== 0) return 16;
  }
  return 13;
}

/** The local day a grouped timestamp prefix ("2026-11-24T10" or "2026-11-24T10:05") falls in. */
export function dayOfSlot(slot: string, timeZone: string): string {
  const instant = slot.length === 13 ? `${slot}:00:00.000Z` : `${slot}:00.000Z`;
  return dayKeyOf(new Date(instant), timeZone);
}
