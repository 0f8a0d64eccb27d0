import { type XpKind, xpKinds, xpRules } from '../../contracts/progress.ts';
import { dayKeyOf } from '../lib/periods.ts';

/** Learning events in one 5-minute stretch (see `learning-history.ts`). */
export type ActivityStretch = {
  /** The first and last learning event in it (ms). */
  first: number;
  last: number;
  /** Turns that count: trimmed to `xpRules.turns.minCharacters` or more, sent for the first time. */
  turns: number;
  /** Reviews rated Again, and rated Hard, Good or Easy. */
  again: number;
  recalled: number;
  /** Correct grammar answers. */
  correct: number;
};

/**
 * The stored learning events XP, streaks and achievements are computed from, across every language,
 * with instants in ms. Loaded by `learning-history.ts`; kept plain so the rules are testable alone.
 */
export type LearningHistory = {
  /** Every 5-minute stretch with a learner message, review or grammar answer, oldest first. */
  stretches: ActivityStretch[];
  /** The longest run of correct grammar answers (up to the run achievement's goal), and when one first reached that goal. */
  correctRuns: { longest: number; reachedAt: number | null };
  /** When each role-play goal was first met, once per conversation and goal. */
  goals: number[];
  /** When each role-play had its last goal met. */
  rolePlays: number[];
  /** When each card first got an interval of 21 days or more. */
  matureCards: number[];
  /** Daily goal changes, oldest first; the current goal applies to every day when there is none. */
  goalChanges: Array<{ at: number; from: number; to: number }>;
  goalMinutes: number;
};

export type DayActivity = Omit<ActivityStretch, 'first' | 'last'>;

/** The stretches' counts summed per local day of the zone. */
export function activityByDay(
  stretches: readonly ActivityStretch[],
  timeZone: string,
): Map<string, DayActivity> {
  const days = new Map<string, DayActivity>();
  for (const { first, last: _last, ...counts } of stretches) {
    const day = dayKeyOf(new Date(first), timeZone);
    const entry = days.get(day);
    if (!entry) {
      days.set(day, { ...counts });
      continue;
    }
    entry.turns += counts.turns;
    entry.again += counts.again;
    entry.recalled += counts.recalled;
    entry.correct += counts.correct;
  }
  return days;
}

export type DayXp = Record<XpKind, number>;

const emptyDay = (): DayXp => Object.fromEntries(xpKinds.map((kind) => [kind, 0])) as DayXp;

/**
 * The daily goal in force on each day: the goal as it stood at the end of that day, so that changing
 * the goal never re-scores days already over. Before the first recorded change, the goal it changed
 * from; with no change recorded, the current goal.
 */
export function goalForDay(
  changes: ReadonlyArray<{ day: string; from: number; to: number }>,
  current: number,
): (day: string) => number {
  return (day) => {
    let goal = changes[0]?.from ?? current;
    for (const change of changes) {
      if (change.day > day) break;
      goal = change.to;
    }
    return goal;
  };
}

/**
 * XP earned per local day and kind, after the caps of `xpRules`. `activity` is `activityByDay` of the
 * history's stretches and `minutes` the practice minutes per day: the dashboard computes both anyway.
 */
export function xpByDay(
  history: LearningHistory,
  derived: { activity: ReadonlyMap<string, DayActivity>; minutes: ReadonlyMap<string, number> },
  timeZone: string,
): Map<string, DayXp> {
  const dayOf = (at: number) => dayKeyOf(new Date(at), timeZone);
  const raw = new Map<string, DayXp>();
  const add = (day: string, kind: XpKind, xp: number) => {
    const entry = raw.get(day) ?? emptyDay();
    raw.set(day, entry);
    entry[kind] += xp;
  };
  for (const [day, counts] of derived.activity) {
    add(day, 'turns', counts.turns * xpRules.turns.xp);
    // Again earns little: a forgotten card comes back within minutes, so pressing Again over and over
    // would otherwise be the quickest way to XP. Hard, Good and Easy earn the same, so rating a card
    // higher than it deserves gains nothing.
    add(day, 'reviews', counts.again * xpRules.reviews.again + counts.recalled * xpRules.reviews.recalled);
    // Drill items are endless (every verb, tense and person), so no rule on repeats would hold: the
    // daily cap is what bounds grammar XP.
    add(day, 'grammar', counts.correct * xpRules.grammar.xp);
  }
  for (const at of history.goals) add(dayOf(at), 'goals', xpRules.goals.xp);
  for (const at of history.rolePlays) add(dayOf(at), 'role-plays', xpRules['role-plays'].xp);

  const goalOn = goalForDay(
    history.goalChanges.map((change) => ({ ...change, day: dayOf(change.at) })),
    history.goalMinutes,
  );
  for (const [day, practised] of derived.minutes) {
    const goal = goalOn(day);
    if (goal > 0 && practised >= goal) add(day, 'daily-goal', xpRules['daily-goal'].xp);
  }

  for (const [day, entry] of raw) {
    for (const kind of xpKinds) entry[kind] = Math.min(entry[kind], xpRules[kind].dailyCap);
    if (xpKinds.every((kind) => entry[kind] === 0)) raw.delete(day);
  }
  return new Map([...raw].sort(([a], [b]) => a.localeCompare(b)));
}

/** XP at which level `level` starts: 50 × n × (n − 1), so level n to n + 1 takes 100 × n XP. */
export function levelStartXp(level: number): number {
  return 50 * level * (level - 1);
}

/**
 * The level for a total: 1 from 0 XP, 2 from 100, 3 from 300, 4 from 600, 5 from 1,000, 10 from
 * 4,500, 20 from 19,000. Each level takes 100 XP more than the one before, so early levels come within
 * days and later ones stay worth reaching.
 */
export function levelOf(totalXp: number) {
  let level = Math.max(1, Math.floor((1 + Math.sqrt(1 + (8 * totalXp) / 100)) / 2));
  // The square root is a float: settle the boundary exactly.
  while (level > 1 && levelStartXp(level) > totalXp) level -= 1;
  while (levelStartXp(level + 1) <= totalXp) level += 1;
  return { level, levelStartXp: levelStartXp(level), nextLevelXp: levelStartXp(level + 1) };
}
