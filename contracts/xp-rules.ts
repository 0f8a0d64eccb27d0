/**
 * XP and freeze rules without zod, for the web app's run-time imports (zod's runtime must stay out of
 * its first load); `progress.ts` re-exports them beside its schemas.
 */

/** What earns XP: only stored learning events, each kind capped per day. */
export const xpKinds = ['turns', 'reviews', 'grammar', 'goals', 'role-plays', 'daily-goal'] as const;
export type XpKind = (typeof xpKinds)[number];

/**
 * The XP table, shared by the server (which applies it) and the web (which explains it). Caps are per
 * kind and per local day (TIME_ZONE): they keep a day of farming one kind from outweighing a week of
 * real practice. Why each number is what it is: docs/decisions/012-xp-levels-freezes-achievements.md.
 */
export const xpRules = {
  /** A learner turn of at least `minCharacters` (trimmed) that the learner never sent before, word for word. */
  turns: { label: 'Conversation turns', xp: 10, minCharacters: 10, dailyCap: 300 },
  /** A card review: `again` when the card was forgotten, `recalled` for Hard, Good or Easy. */
  reviews: { label: 'Card reviews', again: 1, recalled: 3, dailyCap: 300 },
  /** A correct grammar answer. */
  grammar: { label: 'Grammar answers', xp: 5, dailyCap: 200 },
  /** A role-play goal met, once per conversation and goal. */
  goals: { label: 'Role-play goals', xp: 15, dailyCap: 150 },
  /** A role-play with every goal met, on the day its last goal was met. */
  'role-plays': { label: 'Role-plays completed', xp: 50, dailyCap: 150 },
  /** A day whose practice minutes reached the daily goal in force that day. */
  'daily-goal': { label: 'Daily goal reached', xp: 50, dailyCap: 50 },
} as const satisfies Record<XpKind, { label: string; dailyCap: number; [rule: string]: string | number }>;

/** Streak freezes: one earned every `earnEvery` active days of a streak, at most `maxHeld` held. */
export const freezeRules = { earnEvery: 7, maxHeld: 2 } as const;

/** Streak lengths celebrated on the day they are reached (a new streak reaching one is celebrated again). */
export const streakMilestones = [3, 7, 14, 30, 60, 100, 200, 365, 500, 1000] as const;
