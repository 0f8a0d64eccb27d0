/**
 * Counts failed logins per (address, username) and per address in a sliding window. Only failures
 * count, so a family member who signs in often is never locked out, while guessing is slowed.
 * In memory per process: with several processes an attacker gets at most N× the budget, which is
 * still a hard bound.
 */
export type LoginThrottle = {
  /** Seconds to wait when this attempt is refused, otherwise undefined. */
  check(address: string, username: string, now: number): number | undefined;
  recordFailure(address: string, username: string, now: number): void;
  recordSuccess(address: string, username: string): void;
};

const maxTrackedKeys = 50_000;

export function createLoginThrottle(options: { maxFailures: number; windowMs: number }): LoginThrottle {
  const failures = new Map<string, number[]>();
  // An address alone may fail more often (a shared household IP), but not without bound.
  const addressLimit = options.maxFailures * 5;

  const recent = (key: string, now: number) => {
    const times = (failures.get(key) ?? []).filter((time) => now - time < options.windowMs);
    if (times.length) failures.set(key, times);
    else failures.delete(key);
    return times;
  };

  const refusal = (times: number[], limit: number, now: number) =>
    times.length >= limit
      ? Math.max(1, Math.ceil(((times[times.length - limit] ?? now) + options.windowMs - now) / 1000))
      : undefined;

  return {
    check(address, username, now) {
      return (
        refusal(recent(`${address}|${username}`, now), options.maxFailures, now) ??
        refusal(recent(address, now), addressLimit, now)
      );
    },
    recordFailure(address, username, now) {
      if (failures.size > maxTrackedKeys) failures.clear();
      for (const key of [`${address}|${username}`, address]) {
        const times = recent(key, now);
        times.push(now);
        failures.set(key, times);
      }
    },
    recordSuccess(address, username) {
      failures.delete(`${address}|${username}`);
    },
  };
}
