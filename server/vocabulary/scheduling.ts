import type { Selectable } from 'kysely';
import {
  type FSRS,
  type Card as FsrsCard,
  type ReviewLog as FsrsReviewLog,
  fsrs,
  type Grade,
  Rating,
  State,
} from 'ts-fsrs';
import { type InterfaceLanguage, interfaceLocale } from '../../contracts/messages/languages.ts';
import type { CardState } from '../../contracts/vocabulary.ts';
import type { VocabularyCardsTable } from '../db/schema.ts';

export type CardRow = Selectable<VocabularyCardsTable>;

/** The columns of a card row that hold its FSRS memory state. */
export type ScheduleColumns = Pick<
  CardRow,
  | 'state'
  | 'due'
  | 'stability'
  | 'difficulty'
  | 'elapsed_days'
  | 'scheduled_days'
  | 'learning_steps'
  | 'reps'
  | 'lapses'
  | 'last_review'
>;

export type SchedulerSettings = { desiredRetention: number; maximumIntervalDays: number };

export const stateNames: readonly CardState[] = ['new', 'learning', 'review', 'relearning'];

export function stateName(state: number): CardState {
  return stateNames[state] ?? 'new';
}

/**
 * The FSRS scheduler for one learner's settings. Fuzz spreads reviews of cards learnt together
 * over neighbouring days (as Anki does); it is seeded from the card and the review time, so it is
 * deterministic, and tests can switch it off to compare exact intervals.
 */
export function createScheduler(settings: SchedulerSettings, options: { fuzz?: boolean } = {}): FSRS {
  return fsrs({
    request_retention: settings.desiredRetention,
    maximum_interval: settings.maximumIntervalDays,
    enable_fuzz: options.fuzz ?? true,
    enable_short_term: true,
  });
}

/** The state of a card nobody has studied yet, due at once. */
export function emptySchedule(now: Date): ScheduleColumns {
  return {
    state: State.New,
    due: now.toISOString(),
    stability: 0,
    difficulty: 0,
    elapsed_days: 0,
    scheduled_days: 0,
    learning_steps: 0,
    reps: 0,
    lapses: 0,
    last_review: null,
  };
}

export function toFsrsCard(row: ScheduleColumns): FsrsCard {
  return {
    state: row.state as State,
    due: new Date(row.due),
    stability: row.stability,
    difficulty: row.difficulty,
    elapsed_days: row.elapsed_days,
    scheduled_days: row.scheduled_days,
    learning_steps: row.learning_steps,
    reps: row.reps,
    lapses: row.lapses,
    ...(row.last_review ? { last_review: new Date(row.last_review) } : {}),
  };
}

export function fromFsrsCard(card: FsrsCard): ScheduleColumns {
  return {
    state: card.state,
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    last_review: card.last_review ? card.last_review.toISOString() : null,
  };
}

/** Applies one rating: the card's next state and the ts-fsrs review log. */
export function scheduleReview(
  scheduler: FSRS,
  row: ScheduleColumns,
  now: Date,
  rating: number,
): { schedule: ScheduleColumns; log: FsrsReviewLog } {
  const { card, log } = scheduler.next(toFsrsCard(row), now, rating as Grade);
  return { schedule: fromFsrsCard(card), log };
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

type IntervalUnit = 'minute' | 'hour' | 'day' | 'month' | 'year';

const englishSuffix: Record<IntervalUnit, string> = {
  minute: 'm',
  hour: 'h',
  day: 'd',
  month: 'mo',
  year: 'y',
};

/**
 * Intl's unit labels, the shortest that still reads clearly on a button: German's narrow day ("4 T")
 * and Italian's unspaced narrow years ("2,5anni") are not, so those two use the short style.
 */
const unitDisplay = (language: InterfaceLanguage): 'narrow' | 'short' =>
  language === 'de' || language === 'it' ? 'short' : 'narrow';

/**
 * A short label for a wait, in the reader's interface language: `1m`, `10m`, `3h`, `4d`, `2.5mo`, `1.2y`
 * in English (the compact form the buttons were designed with), Intl's unit format otherwise
 * ("10 Min.", "4 Tg.", "2,5 meses").
 */
export function formatInterval(ms: number, language: InterfaceLanguage = 'en'): string {
  const days = ms / day;
  const [value, unit]: [number, IntervalUnit] =
    ms < hour
      ? [Math.max(1, Math.round(ms / minute)), 'minute']
      : ms < day
        ? [Math.round(ms / hour), 'hour']
        : days < 30
          ? [Math.round(days), 'day']
          : days < 365
            ? [Math.round((days / 30) * 10) / 10, 'month']
            : [Math.round((days / 365) * 10) / 10, 'year'];
  if (language === 'en') return `${value}${englishSuffix[unit]}`;
  return new Intl.NumberFormat(interfaceLocale(language), {
    style: 'unit',
    unit,
    unitDisplay: unitDisplay(language),
    maximumFractionDigits: 1,
  }).format(value);
}

/** When the card would come back after each rating, relative to now, labelled for the reader. */
export function previewIntervals(
  scheduler: FSRS,
  row: ScheduleColumns,
  now: Date,
  language: InterfaceLanguage = 'en',
) {
  const preview = scheduler.repeat(toFsrsCard(row), now);
  const label = (rating: Grade) =>
    formatInterval(preview[rating].card.due.getTime() - now.getTime(), language);
  return {
    again: label(Rating.Again),
    hard: label(Rating.Hard),
    good: label(Rating.Good),
    easy: label(Rating.Easy),
  };
}
