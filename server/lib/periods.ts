/**
 * Budget periods follow the server's configured time zone (TIME_ZONE): a month or day starts at
 * local midnight there, whatever UTC says. Keys are the local dates ("2026-11", "2026-11-24");
 * bounds are UTC instants, comparable with the ISO-8601 UTC timestamps stored in the database.
 */

export type Period = { key: string; start: Date; end: Date };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows the IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function localParts(date: Date, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** How far local wall-clock time is ahead of UTC at `date`, in ms (whole seconds). */
function offsetAt(date: Date, timeZone: string): number {
  const local = localParts(date, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/**
 * The UTC instant of local midnight on a date. Where midnight does not exist (a DST jump at 00:00),
 * the first instant of the day after the jump.
 */
export function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  let instant = wall - offsetAt(new Date(wall), timeZone);
  const corrected = wall - offsetAt(new Date(instant), timeZone);
  if (corrected !== instant) instant = Math.max(instant, corrected);
  return new Date(instant);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

// Every model call asks for its period keys; formatting a date in a zone costs far more than a
// comparison with the bounds of the period the last call fell in.
const lastMonth = new Map<string, Period>();
const lastDay = new Map<string, Period>();

function cachedPeriod(
  cache: Map<string, Period>,
  date: Date,
  timeZone: string,
  compute: (date: Date, timeZone: string) => Period,
): Period {
  const time = date.getTime();
  let period = cache.get(timeZone);
  if (!period || time < period.start.getTime() || time >= period.end.getTime()) {
    period = compute(date, timeZone);
    cache.set(timeZone, period);
  }
  return period;
}

export function monthKeyOf(date: Date, timeZone: string): string {
  return cachedPeriod(lastMonth, date, timeZone, monthPeriod).key;
}

export function dayKeyOf(date: Date, timeZone: string): string {
  return cachedPeriod(lastDay, date, timeZone, dayPeriod).key;
}

/** The month containing `date`, in the zone. */
export function monthPeriod(date: Date, timeZone: string): Period {
  const local = localParts(date, timeZone);
  return monthPeriodOfKey(`${pad(local.year, 4)}-${pad(local.month)}`, timeZone);
}

/** The month named by a "YYYY-MM" key. */
export function monthPeriodOfKey(key: string, timeZone: string): Period {
  const [year = 0, month = 1] = key.split('-').map(Number);
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  return {
    key,
    start: localMidnight(year, month, 1, timeZone),
    end: localMidnight(nextYear, nextMonth, 1, timeZone),
  };
}

/** The day containing `date`, in the zone. */
export function dayPeriod(date: Date, timeZone: string): Period {
  const local = localParts(date, timeZone);
  const next = new Date(Date.UTC(local.year, local.month - 1, local.day + 1));
  return {
    key: `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}`,
    start: localMidnight(local.year, local.month, local.day, timeZone),
    end: localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone),
  };
}

/** Every day key of a month key, in order ("2026-11-01" … "2026-11-30"). */
export function dayKeysOfMonth(monthKey: string): string[] {
  const [year = 0, month = 1] = monthKey.split('-').map(Number);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Array.from({ length: days }, (_, index) => `${monthKey}-${pad(index + 1)}`);
}

/** A valid "YYYY-MM" key. */
export const monthKeyPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
