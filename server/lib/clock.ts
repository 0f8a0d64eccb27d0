/** Time comes from a clock passed in, so tests can move it (month rollovers, session expiry). */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export function createManualClock(
  start: Date | string,
): Clock & { set(at: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** ISO-8601 UTC with milliseconds: the one timestamp format stored in both databases. */
export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}
