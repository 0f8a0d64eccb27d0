// @vitest-environment happy-dom

import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Progress } from '../../../../contracts/progress.ts';
import {
  apiError,
  click,
  fill,
  getByLabel,
  heading,
  json,
  linkTexts,
  mockFetch,
  type Rendered,
  waitFor,
} from '../../test/dom.tsx';
import { makeMember, makeProgress, makeUser } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
});

const learner = makeUser(
  { username: 'nora' },
  {
    targetLanguages: [
      { language: 'es', level: 'A2' },
      { language: 'fr', level: 'B1' },
    ],
    dailyGoalMinutes: 20,
  },
);

function withDays<T extends { date: string }>(days: T[], values: Record<string, Partial<T>>): T[] {
  return days.map((day) => ({ ...day, ...values[day.date] }));
}

function activeProgress(): Progress {
  const base = makeProgress();
  return makeProgress({
    member: { id: learner.id, username: 'nora' },
    languages: [
      { language: 'es', level: 'A2' },
      { language: 'fr', level: 'B1' },
    ],
    streak: {
      current: 9,
      longest: 9,
      activeToday: true,
      lastActiveDay: '2026-11-24',
      freezes: { held: 1, maxHeld: 2, earnEvery: 7, frozenDays: ['2026-11-22'], nextIn: 5 },
    },
    dailyGoal: {
      goalMinutes: 20,
      minutesToday: 12,
      days: withDays(base.dailyGoal.days, { '2026-11-23': { minutes: 5 }, '2026-11-24': { minutes: 12 } }),
    },
    turns: {
      today: 3,
      last7Days: 7,
      total: 41,
      days: withDays(base.turns.days, { '2026-11-23': { count: 4 }, '2026-11-24': { count: 3 } }),
    },
    words: { learned: 18, mature: 6, total: 25 },
    reviews: {
      dueNow: 4,
      newAvailable: 7,
      forecast: withDays(base.reviews.forecast, { '2026-11-24': { due: 4 }, '2026-11-26': { due: 2 } }),
    },
    mistakes: {
      weeks: base.mistakes.weeks,
      categories: [
        { category: 'agreement', counts: [0, 0, 0, 0, 0, 1, 2, 3], total: 6 },
        { category: 'verb-tense', counts: [0, 0, 0, 0, 0, 0, 0, 1], total: 1 },
      ],
    },
    scenarios: {
      completed: 1,
      started: 2,
      recent: [{ conversationId: 'c1', scenarioId: 'restaurant-dinner', title: 'Dinner at a restaurant' }],
    },
    xp: {
      total: 1234,
      today: 48,
      level: 5,
      levelStartXp: 1000,
      nextLevelXp: 1500,
      kinds: [
        { kind: 'turns', today: 30, total: 700 },
        { kind: 'reviews', today: 18, total: 300 },
        { kind: 'grammar', today: 0, total: 84 },
        { kind: 'goals', today: 0, total: 45 },
        { kind: 'role-plays', today: 0, total: 50 },
        { kind: 'daily-goal', today: 0, total: 55 },
      ],
    },
    achievements: [
      { ...base.achievements[0]!, progress: 1, earnedOn: '2026-11-03' },
      { ...base.achievements[1]!, progress: 37 },
      { ...base.achievements[2]!, progress: 7, earnedOn: '2026-11-23' },
    ],
  });
}

const text = (element: Element | null | undefined) =>
  (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

const cells = (row: Element | null | undefined) => [...(row?.children ?? [])].map((cell) => text(cell));

/** A card's figures: its <dt> terms with their <dd> values. */
const figures = (section: HTMLElement) =>
  Object.fromEntries([...section.querySelectorAll('dl > div')].map((pair) => cells(pair)));

/** The card (section) whose heading reads `title`. */
function card(page: HTMLElement, title: string): HTMLElement {
  const found = [...page.querySelectorAll('section.card')].find(
    (section) => text(section.querySelector('h2')) === title,
  );
  if (!found) throw new Error(`No card "${title}"`);
  return found as HTMLElement;
}

/** Opens a folded part (its content renders, and may load, only once open), as a click on its summary does. */
async function unfold(details: HTMLDetailsElement | null | undefined): Promise<void> {
  if (!details) throw new Error('no <details>');
  await act(async () => {
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
  });
}

/** Opens a card's "?" and waits for its explanation (a lazy chunk with its own words). */
async function explain(section: HTMLElement): Promise<string> {
  const toggle = section.querySelector<HTMLButtonElement>('button.info-toggle');
  if (!toggle) throw new Error('no "?"');
  if (toggle.getAttribute('aria-expanded') !== 'true') await click(toggle);
  const region = document.getElementById(toggle.getAttribute('aria-controls') ?? '');
  return waitFor(() => {
    const said = text(region);
    expect(said).not.toBe('');
    return said;
  }, 5000);
}

const headings = (page: HTMLElement) =>
  [...page.querySelectorAll('.progress-dashboard h2')].map((element) => text(element));

describe('home dashboard', () => {
  it("shows the learner's progress, with text alternatives for every chart", async () => {
    const french = makeProgress({
      ...activeProgress(),
      language: 'fr',
      turns: { ...makeProgress().turns, total: 2 },
      level: { level: 'B1', basis: 'self-assessed' },
    });
    const calls = mockFetch({
      'GET /api/me': () => json({ user: learner, csrfToken: 'c' }),
      'GET /api/progress': () => json(activeProgress()),
      'GET /api/progress?language=fr': () => json(french),
    });
    rendered = await renderApp('/');
    const page = rendered.container;
    // The first test of the file also loads the lazy Home page.
    await waitFor(() => card(page, 'Streak'), 5000);
    expect(heading(page)).toBe('¡Hola, nora!');
    expect(headings(page)).toEqual([
      'Streak',
      'Today',
      'Experience',
      'Language level',
      'Conversation turns',
      'Words',
      'Role-plays',
      'Reviews due',
      'Mistakes by category',
      'Achievements',
    ]);

    const streak = card(page, 'Streak');
    expect(text(streak)).toContain('9 days in a row');
    expect(text(streak)).toContain('Longest streak: 9 days');
    // Freezes in words, not only a symbol: how many are held and which day one covered.
    expect(figures(streak)).toEqual({ 'Streak freezes': '1 of 2' });
    expect(text(streak)).toContain('Frozen day: 22 Nov');
    expect(text(streak)).toContain('Next freeze after 5 more days in a row.');

    const experience = card(page, 'Experience');
    expect(text(experience)).toContain('Level 5 1,234 XP');
    expect(text(experience)).toContain('266 XP to level 6. 48 XP today.');
    const levelBar = experience.querySelector('[role="progressbar"]');
    expect(levelBar?.getAttribute('aria-label')).toBe('Progress to level 6');
    expect(levelBar?.getAttribute('aria-valuenow')).toBe('46');
    expect(levelBar?.getAttribute('aria-valuetext')).toBe('234 of 500 XP');
    // The XP rules table loads when unfolded.
    expect(experience.querySelector('table')).toBeNull();
    await unfold(experience.querySelector('details'));
    await waitFor(() => expect(experience.querySelector('tbody tr')).not.toBeNull(), 5000);
    const xpRows = [...experience.querySelectorAll('tbody tr')].map(cells);
    expect(xpRows[0]).toEqual([
      'Conversation turns 10 XP a turn of 10 characters or more, not sent before; at most 300 XP a day',
      '30',
      '700',
    ]);
    expect(xpRows.map((row) => row.slice(1))).toEqual([
      ['30', '700'],
      ['18', '300'],
      ['0', '84'],
      ['0', '45'],
      ['0', '50'],
      ['0', '55'],
    ]);

    const achievements = card(page, 'Achievements');
    expect(text(achievements)).toContain('2 of 3 earned');
    const [earned, locked] = [...achievements.querySelectorAll('ul')];
    const lines = (list: Element | undefined) =>
      [...(list?.querySelectorAll('li') ?? [])].map((item) => [...item.querySelectorAll('p')].map(text));
    // Earned or not is said in words, not shown by colour alone.
    expect(lines(earned)).toEqual([
      ['★ First words', '3 Nov', 'Send a first conversation turn of 10 characters or more.'],
      ['★ One week', '23 Nov', 'Practise 7 days in a row.'],
    ]);
    expect(lines(locked)).toEqual([['Hundred reviews', '37 of 100', 'Review vocabulary cards 100 times.']]);
    expect(locked?.querySelector('[role="progressbar"]')?.getAttribute('aria-valuetext')).toBe('37 of 100');

    const today = card(page, 'Today');
    expect(text(today)).toContain('12 of 20 minutes');
    expect(text(today)).toContain('8 minutes to go');
    const goal = today.querySelector('[role="progressbar"]');
    expect(goal?.getAttribute('aria-label')).toBe('Daily goal');
    expect(goal?.getAttribute('aria-valuenow')).toBe('60');
    expect(goal?.getAttribute('aria-valuetext')).toBe('12 of 20 minutes');
    // The estimate is explained where it is shown.
    expect(await explain(today)).toContain('at most 5 minutes apart make one session');
    const minutesTable = today.querySelector('table');
    expect(text(minutesTable?.querySelector('caption'))).toBe('Minutes per day, last 30 days');
    expect(cells(minutesTable?.querySelector('tbody tr:last-child'))).toEqual(['24 Nov', '12']);
    expect(linkTexts(today)).toContain('Change languages, level or goal');

    expect(figures(card(page, 'Conversation turns'))).toEqual({
      Today: '3',
      'Last 7 days': '7',
      'All time': '41',
    });
    expect(text(card(page, 'Words'))).toContain('18 learned');
    expect(figures(card(page, 'Words'))).toEqual({ Mature: '6', 'Cards in Spanish': '25' });

    const reviews = card(page, 'Reviews due');
    expect(text(reviews)).toContain('4 due now');
    expect(text(reviews)).toContain('Due in the next 14 days: 6 reviews (today 4)');
    expect(reviews.querySelectorAll('table tbody tr')).toHaveLength(14);
    expect(linkTexts(reviews)).toContain('Review now');

    const mistakes = card(page, 'Mistakes by category');
    expect([...mistakes.querySelectorAll('tbody tr')].map(cells)).toEqual([
      ['Agreement', '0', '0', '0', '0', '0', '1', '2', '3', '6'],
      ['Verb tense', '0', '0', '0', '0', '0', '0', '0', '1', '1'],
    ]);
    expect(text(mistakes.querySelector('thead th:nth-child(2)'))).toBe('Week of 5 Oct');

    expect(text(card(page, 'Role-plays'))).toContain('1 completed');
    expect(text(card(page, 'Role-plays'))).toContain('Dinner at a restaurant');
    expect(text(card(page, 'Language level'))).toContain('A2');
    expect(text(card(page, 'Language level'))).toContain('Elementary: everyday situations');
    expect(await explain(card(page, 'Language level'))).toContain('Self-assessed');

    // Several target languages: a switcher reloads the dashboard for the chosen one.
    await fill(getByLabel(page, 'Show progress for'), 'fr');
    await waitFor(() => expect(text(card(page, 'Language level'))).toContain('B1'));
    expect(calls.map((call) => call.url)).toContain('/api/progress?language=fr');
    expect(figures(card(page, 'Conversation turns'))['All time']).toBe('2');
    expect(Object.keys(figures(card(page, 'Words')))).toContain('Cards in French');
  });

  it('welcomes a brand-new learner with where to start, and still shows the goal and level', async () => {
    mockFetch({
      'GET /api/me': () => json({ user: makeUser(), csrfToken: 'c' }),
      'GET /api/progress': () => json(makeProgress()),
    });
    rendered = await renderApp('/');
    const page = rendered.container;
    await waitFor(() => card(page, 'Nothing to show yet'));
    expect(headings(page)).toEqual([
      'Nothing to show yet',
      'Today',
      'Experience',
      'Language level',
      'Achievements',
    ]);
    expect(text(card(page, 'Nothing to show yet'))).toContain('Start a conversation or review cards');
    expect(linkTexts(card(page, 'Nothing to show yet'))).toEqual([
      'Start a conversation',
      'Review cards',
      'Practise grammar',
    ]);
    expect(text(card(page, 'Today'))).toContain('0 of 15 minutes');
    expect(text(card(page, 'Today'))).toContain('Nothing practised in the last 30 days.');
    expect(text(card(page, 'Experience'))).toContain('Level 1 0 XP');
    expect(text(card(page, 'Experience'))).toContain('100 XP to level 2.');
    // Day one does not open on a wall of locked achievements: the nearest two, the rest folded away.
    const achievements = card(page, 'Achievements');
    expect(text(achievements)).toContain('0 of 3 earned');
    expect([...achievements.querySelectorAll('h3')].map(text)).toEqual(['Next up']);
    const titles = (root: Element | null) =>
      [...(root?.querySelectorAll('.achievement-title') ?? [])].map(text);
    expect(titles(achievements.querySelector(':scope > ul'))).toEqual(['First words', 'One week']);
    const more = achievements.querySelector('details');
    expect(more?.open).toBe(false);
    expect(text(more?.querySelector('summary'))).toBe('1 more to earn');
    expect(titles(more)).toEqual([]);
    await unfold(more);
    expect(titles(more)).toEqual(['Hundred reviews']);
    // Explanations wait behind a "?" that says what it is about and whether it is open.
    const about = card(page, 'Today').querySelector<HTMLButtonElement>('button.info-toggle');
    if (!about) throw new Error('no "?" on Today');
    const name = (about.getAttribute('aria-labelledby') ?? '')
      .split(' ')
      .map((id) => text(document.getElementById(id)))
      .join(' ');
    expect(name).toBe('About Today');
    expect(about.getAttribute('aria-expanded')).toBe('false');
    const explanation = document.getElementById(about.getAttribute('aria-controls') ?? '');
    expect(explanation?.hidden).toBe(true);
    // Not loaded until asked for.
    expect(text(explanation)).toBe('');
    expect(await explain(card(page, 'Today'))).toContain('at most 5 minutes apart make one session');
    expect(about.getAttribute('aria-expanded')).toBe('true');
    expect(explanation?.hidden).toBe(false);
    // One language only: no switcher.
    expect(() => getByLabel(page, 'Show progress for')).toThrow();
  });

  it("speaks a child's language on a child's home page", async () => {
    mockFetch({
      'GET /api/me': () => json({ user: makeUser({ isChild: true }), csrfToken: 'c' }),
      'GET /api/progress': () => json(activeProgress()),
    });
    rendered = await renderApp('/');
    const page = rendered.container;
    await waitFor(() => card(page, 'Experience'));
    expect(text(page.querySelector('.lead'))).toBe('Ready to practise? Here is how you are doing.');
    // No table of XP rules and daily caps, no time zones.
    expect(card(page, 'Experience').querySelector('table')).toBeNull();
    expect(text(card(page, 'Experience'))).toContain('XP to level');
    expect(text(card(page, 'Mistakes by category').querySelector('caption'))).toBe(
      'Mistakes the tutor helped you with in Spanish, per week',
    );
  });

  it('keeps the greeting and offers a retry when progress cannot be loaded', async () => {
    mockFetch({
      'GET /api/me': () => json({ user: makeUser(), csrfToken: 'c' }),
      'GET /api/progress': () => apiError(500, 'internal_error', 'Something went wrong.'),
    });
    rendered = await renderApp('/');
    const page = rendered.container;
    await waitFor(() => expect(page.querySelector('[role="alert"]')).toBeTruthy());
    expect(heading(page)).toBe('¡Hola, ana!');
    expect(text(page.querySelector('[role="alert"]'))).toContain('Could not load your progress');
  });
});

describe("an admin's view of a member's progress", () => {
  const admin = makeUser({ id: 'owner-id', username: 'mama', role: 'admin', isOwner: true });
  const path = `/api/admin/members/${learner.id}/progress`;

  it('links every member from the Members page to a read-only dashboard', async () => {
    mockFetch({
      'GET /api/me': () => json({ user: admin, csrfToken: 'c' }),
      'GET /api/admin/members': () =>
        json({ members: [{ ...admin, lastSeenAt: null }, makeMember({ id: learner.id, username: 'nora' })] }),
      [`GET ${path}`]: () => json(activeProgress()),
    });
    rendered = await renderApp('/admin/members');
    let page = rendered.container;
    await waitFor(() => expect(page.querySelectorAll('a[href$="/progress"]')).toHaveLength(2));
    const link = page.querySelector(`a[href="/admin/members/${learner.id}/progress"]`);
    expect(text(link)).toBe('Progress (nora)');
    rendered.unmount();

    rendered = await renderApp(`/admin/members/${learner.id}/progress`);
    page = rendered.container;
    await waitFor(() => expect(heading(page)).toBe('nora’s progress'));
    expect(text(page)).toContain('Read-only');
    expect(text(card(page, 'Streak'))).toContain('Practised today.');
    expect(await explain(card(page, 'Today'))).toContain('Estimated from their activity');
    // The same level, freezes and achievements as the member sees.
    expect(text(card(page, 'Experience'))).toContain('Level 5 1,234 XP');
    expect(figures(card(page, 'Streak'))).toEqual({ 'Streak freezes': '1 of 2' });
    expect(text(card(page, 'Achievements'))).toContain('2 of 3 earned.');
    expect(await explain(card(page, 'Achievements'))).toContain(
      'Earned from their practice in every language.',
    );
    // Nothing that would act on the member's account or data.
    const links = linkTexts(page.querySelector('.progress-dashboard') as HTMLElement);
    expect(links).toEqual([]);
    expect(linkTexts(page)).toContain('← All members');
  });

  it('says so when the member does not exist', async () => {
    mockFetch({
      'GET /api/me': () => json({ user: admin, csrfToken: 'c' }),
      'GET /api/admin/members/nobody/progress': () =>
        apiError(404, 'not_found', 'That member was not found.'),
    });
    rendered = await renderApp('/admin/members/nobody/progress');
    const page = rendered.container;
    await waitFor(() => expect(heading(page)).toBe('Progress'));
    expect(text(page.querySelector('[role="alert"]'))).toContain('That member was not found.');
  });
});
