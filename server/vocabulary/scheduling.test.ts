import { createEmptyCard, fsrs, type Grade, Rating, State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import {
  createScheduler,
  emptySchedule,
  formatInterval,
  fromFsrsCard,
  previewIntervals,
  scheduleReview,
  toFsrsCard,
} from './scheduling.ts';

const settings = { desiredRetention: 0.9, maximumIntervalDays: 36500 };
const start = new Date('2026-11-24T10:00:00.000Z');
const day = 24 * 60 * 60 * 1000;

describe('FSRS scheduling', () => {
  it('gives each rating of a new card exactly the interval ts-fsrs computes (fuzz off)', () => {
    const scheduler = createScheduler(settings, { fuzz: false });
    const reference = fsrs({ request_retention: 0.9, maximum_interval: 36500, enable_fuzz: false });
    for (const rating of [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as Grade[]) {
      const ours = scheduleReview(scheduler, emptySchedule(start), start, rating);
      const theirs = reference.next(createEmptyCard(start), start, rating);
      expect(ours.schedule).toEqual(fromFsrsCard(theirs.card));
      expect(ours.log).toEqual(theirs.log);
    }
    // The learning steps are 1 and 10 minutes; "easy" graduates a new card at once.
    expect(scheduleReview(scheduler, emptySchedule(start), start, Rating.Again).schedule.due).toBe(
      '2026-11-24T10:01:00.000Z',
    );
    expect(scheduleReview(scheduler, emptySchedule(start), start, Rating.Good).schedule.due).toBe(
      '2026-11-24T10:10:00.000Z',
    );
    const easy = scheduleReview(scheduler, emptySchedule(start), start, Rating.Easy).schedule;
    expect(easy.state).toBe(State.Review);
    expect(easy.scheduled_days).toBeGreaterThanOrEqual(1);
  });

  it('follows ts-fsrs through a review history of a month, every rating from the review state', () => {
    const scheduler = createScheduler(settings, { fuzz: false });
    const reference = fsrs({ request_retention: 0.9, maximum_interval: 36500, enable_fuzz: false });
    let ours = emptySchedule(start);
    let theirs = createEmptyCard(start);
    const ratings: Grade[] = [
      Rating.Good,
      Rating.Good,
      Rating.Good,
      Rating.Again,
      Rating.Good,
      Rating.Hard,
      Rating.Easy,
    ];
    for (const rating of ratings) {
      const now = new Date(Math.max(Date.parse(ours.due), start.getTime()));
      ours = scheduleReview(scheduler, ours, now, rating).schedule;
      theirs = reference.next(theirs, now, rating).card;
      expect(ours).toEqual(fromFsrsCard(theirs));
    }
    // From the review state, the four ratings give increasing intervals.
    const now = new Date(Date.parse(ours.due));
    const intervals = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy].map(
      (rating) => Date.parse(scheduleReview(scheduler, ours, now, rating).schedule.due) - now.getTime(),
    );
    expect([...intervals].sort((a, b) => a - b)).toEqual(intervals);
    expect(intervals[3]).toBeGreaterThan(intervals[2]!);
  });

  it('schedules later at a lower desired retention', () => {
    const card = scheduleReview(
      createScheduler(settings, { fuzz: false }),
      emptySchedule(start),
      start,
      Rating.Easy,
    ).schedule;
    const later = new Date(Date.parse(card.due));
    const strict = scheduleReview(
      createScheduler({ ...settings, desiredRetention: 0.95 }, { fuzz: false }),
      card,
      later,
      3,
    );
    const relaxed = scheduleReview(
      createScheduler({ ...settings, desiredRetention: 0.8 }, { fuzz: false }),
      card,
      later,
      3,
    );
    expect(relaxed.schedule.scheduled_days).toBeGreaterThan(strict.schedule.scheduled_days);
  });

  it('round-trips a card through the row format without loss', () => {
    const row = scheduleReview(createScheduler(settings), emptySchedule(start), start, Rating.Good).schedule;
    expect(fromFsrsCard(toFsrsCard(row))).toEqual(row);
  });

  it('labels intervals for the rating buttons', () => {
    expect(formatInterval(60_000)).toBe('1m');
    expect(formatInterval(10 * 60_000)).toBe('10m');
    expect(formatInterval(5 * 60 * 60_000)).toBe('5h');
    expect(formatInterval(3 * day)).toBe('3d');
    expect(formatInterval(75 * day)).toBe('2.5mo');
    expect(formatInterval(730 * day)).toBe('2y');
    const preview = previewIntervals(createScheduler(settings, { fuzz: false }), emptySchedule(start), start);
    expect(preview).toMatchObject({ again: '1m', hard: '6m', good: '10m' });
  });

  it('labels intervals in the reader’s interface language', () => {
    const short = (text: string) => text.replace(/\s/g, ' ');
    expect(short(formatInterval(10 * 60_000, 'de'))).toBe('10 Min.');
    expect(short(formatInterval(3 * day, 'de'))).toBe('3 Tg.');
    expect(short(formatInterval(75 * day, 'es'))).toBe('2,5m');
    expect(short(formatInterval(3 * day, 'fr'))).toBe('3j');
    expect(short(formatInterval(3 * day, 'pt'))).toBe('3 dias');
    expect(short(formatInterval(730 * day, 'it'))).toBe('2 anni');
    const preview = previewIntervals(
      createScheduler(settings, { fuzz: false }),
      emptySchedule(start),
      start,
      'de',
    );
    expect(short(preview.good)).toBe('10 Min.');
  });
});
