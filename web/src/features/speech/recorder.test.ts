import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { vadTickMs, watchVoice } from './recorder.ts';

/** Voice-activity detection alone, on a level the test sets, with the clock in the test's hands. */
describe('voice activity', () => {
  let level = 0;
  const events: string[] = [];
  let stop: () => void = () => undefined;
  let strict = 1;

  beforeEach(() => {
    vi.useFakeTimers();
    level = 0;
    strict = 1;
    events.length = 0;
    stop = watchVoice(() => level, {
      onStart: () => events.push('start'),
      onEnd: () => events.push('end'),
      hangoverMs: 600,
      strictness: () => strict,
    });
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  const ticks = (count: number) => vi.advanceTimersByTime(count * vadTickMs);

  it('starts after speech lasts two ticks, and ends only after the hangover of quiet', () => {
    ticks(10);
    level = 0.2;
    ticks(1);
    // One loud tick is a click, not speech.
    expect(events).toEqual([]);
    ticks(1);
    expect(events).toEqual(['start']);
    // A short pause between words does not end it.
    level = 0;
    ticks(5);
    level = 0.2;
    ticks(3);
    level = 0;
    ticks(600 / vadTickMs - 1);
    expect(events).toEqual(['start']);
    ticks(2);
    expect(events).toEqual(['start', 'end']);
  });

  it('ignores a click and the room’s steady noise', () => {
    level = 0.2;
    ticks(1);
    level = 0.005;
    ticks(100);
    expect(events).toEqual([]);
  });

  it('needs louder speech while the tutor talks (its echo must not interrupt it)', () => {
    strict = 2.5;
    level = 0.03;
    ticks(10);
    expect(events).toEqual([]);
    level = 0.3;
    ticks(2);
    expect(events).toEqual(['start']);
  });
});
