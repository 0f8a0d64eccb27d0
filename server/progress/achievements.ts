import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import type { Progress } from '../../contracts/progress.ts';
import { hasMessage, translate } from '../i18n/messages.ts';
import { dayKeyOf } from '../lib/periods.ts';
import type { DayActivity, DayXp, LearningHistory } from './xp.ts';

/** What an achievement counts. Each is a quantity that only grows as stored events accumulate. */
export type Metric =
  | 'turns'
  | 'reviews'
  | 'mature-words'
  | 'grammar-correct'
  | 'grammar-run'
  | 'goals'
  | 'role-plays'
  | 'streak'
  | 'daily-goals'
  | 'xp';

type Achievement = { id: string; title: string; description: string; metric: Metric; goal: number };

/**
 * The catalogue, in the order the dashboard shows it. Turns count as they do for XP (10 characters or
 * more, sent for the first time), but no daily cap applies: an achievement marks a total, not a pace.
 */
export const achievementCatalogue: readonly Achievement[] = [
  {
    id: 'first-turn',
    title: 'First words',
    description: 'Send a first conversation turn of 10 characters or more.',
    metric: 'turns',
    goal: 1,
  },
  {
    id: 'turns-50',
    title: 'Conversationalist',
    description: 'Send 50 conversation turns.',
    metric: 'turns',
    goal: 50,
  },
  {
    id: 'turns-500',
    title: 'Chatterbox',
    description: 'Send 500 conversation turns.',
    metric: 'turns',
    goal: 500,
  },
  {
    id: 'first-review',
    title: 'First card',
    description: 'Review a vocabulary card.',
    metric: 'reviews',
    goal: 1,
  },
  {
    id: 'reviews-100',
    title: 'Hundred reviews',
    description: 'Review vocabulary cards 100 times.',
    metric: 'reviews',
    goal: 100,
  },
  {
    id: 'reviews-1000',
    title: 'Thousand reviews',
    description: 'Review vocabulary cards 1,000 times.',
    metric: 'reviews',
    goal: 1000,
  },
  {
    id: 'mature-10',
    title: 'Taking root',
    description: 'Bring 10 words to an interval of 21 days or more (mature).',
    metric: 'mature-words',
    goal: 10,
  },
  {
    id: 'mature-50',
    title: 'Deep roots',
    description: 'Bring 50 words to an interval of 21 days or more (mature).',
    metric: 'mature-words',
    goal: 50,
  },
  {
    id: 'grammar-50',
    title: 'Grammar regular',
    description: 'Answer 50 grammar questions correctly.',
    metric: 'grammar-correct',
    goal: 50,
  },
  {
    id: 'grammar-run-10',
    title: 'Ten in a row',
    description: 'Answer 10 grammar questions correctly in a row.',
    metric: 'grammar-run',
    goal: 10,
  },
  { id: 'first-goal', title: 'On cue', description: 'Meet a role-play goal.', metric: 'goals', goal: 1 },
  {
    id: 'first-role-play',
    title: 'Curtain call',
    description: 'Complete a role-play, every goal met.',
    metric: 'role-plays',
    goal: 1,
  },
  {
    id: 'role-plays-10',
    title: 'Repertoire',
    description: 'Complete 10 role-plays.',
    metric: 'role-plays',
    goal: 10,
  },
  { id: 'streak-7', title: 'One week', description: 'Practise 7 days in a row.', metric: 'streak', goal: 7 },
  {
    id: 'streak-30',
    title: 'One month',
    description: 'Practise 30 days in a row.',
    metric: 'streak',
    goal: 30,
  },
  {
    id: 'daily-goal-10',
    title: 'Goal getter',
    description: 'Reach the daily goal on 10 days.',
    metric: 'daily-goals',
    goal: 10,
  },
  { id: 'level-5', title: 'Level 5', description: 'Reach level 5 (1,000 XP).', metric: 'xp', goal: 1000 },
];

/** How far a metric has come towards a goal, and the local day it reached it. */
export type Measure = (goal: number) => { progress: number; earnedOn: string | null };

/**
 * A metric that grows step by step: the local days on which it grew, oldest first, and by how much.
 * It reached a goal on the day its running total did.
 */
export function measureSteps(steps: ReadonlyArray<{ day: string; amount: number }>): Measure {
  return (goal) => {
    let total = 0;
    for (const step of steps) {
      total += step.amount;
      if (total >= goal) return { progress: goal, earnedOn: step.day };
    }
    return { progress: total, earnedOn: null };
  };
}

/** The goal of the one run achievement: the history reads runs of correct answers up to it. */
export const correctRunGoal = achievementCatalogue.find(
  (achievement) => achievement.metric === 'grammar-run',
)!.goal;

/**
 * Every metric, from the stored events and from what the dashboard already derived from them: the
 * activity and XP per day and the days on which the streak first reached each length.
 */
export function measureMetrics(
  history: LearningHistory,
  derived: {
    activity: ReadonlyMap<string, DayActivity>;
    xp: ReadonlyMap<string, DayXp>;
    streakReachedOn: string[];
  },
  timeZone: string,
): Record<Metric, Measure> {
  const dayOf = (at: number) => dayKeyOf(new Date(at), timeZone);
  const ones = (times: number[]) =>
    measureSteps([...times].sort((a, b) => a - b).map((at) => ({ day: dayOf(at), amount: 1 })));
  const activity = [...derived.activity].sort(([a], [b]) => a.localeCompare(b));
  const perDay = (count: (day: DayActivity) => number) =>
    measureSteps(activity.map(([day, counts]) => ({ day, amount: count(counts) })));
  const xpDays = [...derived.xp].sort(([a], [b]) => a.localeCompare(b));
  const runs = history.correctRuns;
  return {
    turns: perDay((day) => day.turns),
    reviews: perDay((day) => day.again + day.recalled),
    'mature-words': ones(history.matureCards),
    'grammar-correct': perDay((day) => day.correct),
    'grammar-run': (goal) =>
      goal === correctRunGoal && runs.reachedAt !== null
        ? { progress: goal, earnedOn: dayOf(runs.reachedAt) }
        : { progress: Math.min(goal, runs.longest), earnedOn: null },
    goals: ones(history.goals),
    'role-plays': ones(history.rolePlays),
    streak: measureSteps(derived.streakReachedOn.map((day) => ({ day, amount: 1 }))),
    'daily-goals': measureSteps(
      xpDays.filter(([, xp]) => xp['daily-goal'] > 0).map(([day]) => ({ day, amount: 1 })),
    ),
    xp: measureSteps(
      xpDays.map(([day, xp]) => ({ day, amount: Object.values(xp).reduce((sum, value) => sum + value, 0) })),
    ),
  };
}

/**
 * Each achievement of the catalogue: progress towards its goal, and the day it was reached; its name
 * and description in the reader's interface language (`achievements.<id>.title`, English if a new one
 * has no catalogue entry yet).
 */
export function evaluateAchievements(
  measures: Record<Metric, Measure>,
  language: InterfaceLanguage = 'en',
): Progress['achievements'] {
  return achievementCatalogue.map(({ metric, ...achievement }) => {
    const title = `achievements.${achievement.id}.title`;
    const description = `achievements.${achievement.id}.description`;
    return {
      ...achievement,
      title: hasMessage(title) ? translate(language, title) : achievement.title,
      description: hasMessage(description) ? translate(language, description) : achievement.description,
      ...measures[metric](achievement.goal),
    };
  });
}
