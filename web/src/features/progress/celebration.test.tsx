// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProgressNewsItem } from '../../../../contracts/progress.ts';
import { apiError, click, getButton, json, mockFetch, waitFor } from '../../test/dom.tsx';
import { resetCelebrations } from './celebration.tsx';
import { checkProgressNews } from './news.ts';

afterEach(() => {
  act(() => resetCelebrations());
  vi.unstubAllGlobals();
});

const levelAndGoal: ProgressNewsItem[] = [
  { kind: 'level', key: 'level:2', level: 2 },
  { kind: 'daily-goal', key: 'daily-goal:2026-11-02', minutes: 15 },
];

const card = () => document.querySelector<HTMLElement>('aside.celebration');
const liveRegion = () => document.querySelector<HTMLElement>('#celebrations [role="status"]');

describe('celebrations', () => {
  it('shows what was reached, announces it politely, marks it seen once and goes when dismissed', async () => {
    const calls = mockFetch({
      'GET /api/progress/news': () => json({ items: levelAndGoal }),
      'POST /api/progress/news/seen': () => new Response(null, { status: 204 }),
    });
    checkProgressNews();
    await waitFor(() => expect(card()).not.toBeNull());
    const shown = card() as HTMLElement;
    expect(shown.getAttribute('aria-labelledby')).toBe('celebration-title');
    expect(shown.querySelector('h2')?.textContent).toBe('Well done!');
    expect([...shown.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
      'Level 2! You reached level 2. Keep it up.',
      'Daily goal reached! 15 minutes of practice today. Well done.',
    ]);
    // The polite live region is there before its words, then says them once.
    expect(liveRegion()?.getAttribute('aria-live')).toBe('polite');
    await waitFor(() => expect(liveRegion()?.textContent).toBe('You reached level 2. Daily goal reached.'));
    await waitFor(() =>
      expect(calls.filter((call) => call.method === 'POST')).toEqual([
        expect.objectContaining({
          url: '/api/progress/news/seen',
          body: { keys: ['level:2', 'daily-goal:2026-11-02'] },
        }),
      ]),
    );

    await click(getButton(shown, 'Dismiss'));
    expect(card()).toBeNull();

    // Asked again before the server has heard: what this tab showed is not shown twice.
    checkProgressNews();
    await waitFor(() => expect(calls.filter((call) => call.url === '/api/progress/news')).toHaveLength(2));
    await act(async () => new Promise((resolve) => setTimeout(resolve, 30)));
    expect(card()).toBeNull();
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1);
  });

  it('adds news that comes while the card is open, and Escape takes it away', async () => {
    let items: ProgressNewsItem[] = [
      {
        kind: 'achievement',
        key: 'achievement:first-turn',
        id: 'first-turn',
        title: 'First words',
        description: 'Send a first conversation turn of 10 characters or more.',
      },
    ];
    mockFetch({
      'GET /api/progress/news': () => json({ items }),
      'POST /api/progress/news/seen': () => new Response(null, { status: 204 }),
    });
    const before = document.createElement('button');
    before.textContent = 'Send';
    document.body.append(before);

    checkProgressNews();
    await waitFor(() => expect(card()?.querySelector('h2')?.textContent).toBe('First words'));
    expect(card()?.textContent).toContain('You earned a new achievement.');

    items = [{ kind: 'streak', key: 'streak:3:2026-11-04', days: 3 }];
    checkProgressNews();
    await waitFor(() => expect(card()?.querySelectorAll('li')).toHaveLength(2));
    expect(card()?.querySelector('h2')?.textContent).toBe('Well done!');
    expect(card()?.textContent).toContain('3 days in a row!');

    // Focus moved in from the page goes back there when the card is dismissed with Escape.
    before.focus();
    const dismiss = getButton(card() as HTMLElement, 'Dismiss');
    act(() => dismiss.focus());
    act(() => {
      dismiss.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(card()).toBeNull();
    expect(document.activeElement).toBe(before);
    before.remove();
  });

  it('goes away when the learner signs out', async () => {
    mockFetch({
      'GET /api/progress/news': () => json({ items: levelAndGoal }),
      'POST /api/progress/news/seen': () => new Response(null, { status: 204 }),
    });
    checkProgressNews();
    await waitFor(() => expect(card()).not.toBeNull());
    act(() => {
      window.dispatchEvent(new Event('charla:signed-out'));
    });
    expect(card()).toBeNull();
  });

  it('shows nothing when nothing is new or the server cannot say', async () => {
    const calls = mockFetch({ 'GET /api/progress/news': () => json({ items: [] }) });
    checkProgressNews();
    await waitFor(() => expect(calls).toHaveLength(1));
    await act(async () => new Promise((resolve) => setTimeout(resolve, 30)));
    expect(document.getElementById('celebrations')).toBeNull();

    mockFetch({ 'GET /api/progress/news': () => apiError(500, 'internal', 'Broken.') });
    checkProgressNews();
    await act(async () => new Promise((resolve) => setTimeout(resolve, 30)));
    expect(document.getElementById('celebrations')).toBeNull();
  });
});
