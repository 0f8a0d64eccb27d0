import { dayPeriod, localMidnight } from '../lib/periods.ts';

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

/** Whole days from `from` to `to` (calendar dates; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

export type FreezeRules = { earnEvery: number; maxHeld: number };

/**
 * Streaks from the days with activity, with streak freezes. A streak is a run of active days; each
 * `earnEvery`-th active day of a run earns a freeze, up to `maxHeld` held. Days missed between two
 * active days are covered when the freezes held cover all of them: those freezes are spent, the days
 * are frozen and the run goes on (a frozen day keeps the streak but does not lengthen it). A longer
 * gap ends the run and keeps the freezes, since spending them would not have saved it. Everything
 * follows from the days alone, so the same history always gives the same freezes.
 *
 * `current` is the run ending today, or yesterday while today has no activity yet (the day is not
 * over); days missed since the last active day, today excepted, are covered the same way. Days after
 * `today` (a clock set back) are ignored. `reachedOn[n - 1]` is the first day a run reached n active
 * days (for achievements).
 */
export function streaksOf(activeDays: Iterable<string>, today: string, rules: FreezeRules) {
  const days = [...new Set(activeDays)].filter((day) => day <= today).sort();
  let held = 0;
  let run = 0;
  const frozenDays: string[] = [];
  const reachedOn: string[] = [];
  /** Covers the `gap` days after `day` with freezes if it can; false when the run ends. */
  const bridge = (day: string, gap: number) => {
    if (gap <= 0) return true;
    if (gap > held) return false;
    held -= gap;
    for (let index = 1; index <= gap; index += 1) frozenDays.push(shiftDay(day, index));
    return true;
  };
  let previous: string | undefined;
  for (const day of days) {
    if (previous !== undefined && !bridge(previous, daysBetween(previous, day) - 1)) run = 0;
    run += 1;
    if (run % rules.earnEvery === 0) held = Math.min(rules.maxHeld, held + 1);
    if (reachedOn.length < run) reachedOn.push(day);
    previous = day;
  }
  const current = previous !== undefined && bridge(previous, daysBetween(previous, today) - 1) ? run : 0;
  return {
    current,
    longest: reachedOn.length,
    activeToday: previous === today,
    lastActiveDay: previous ?? null,
    freezes: {
      held,
      frozenDays,
      nextIn: held >= rules.maxHeld ? null : rules.earnEvery - (current % rules.earnEvery),
    },
    reachedOn,
  };
}
