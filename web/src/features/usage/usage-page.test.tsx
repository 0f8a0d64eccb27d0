// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminUsage, MyUsage } from '../../../../contracts/budget.ts';
import {
  apiError,
  click,
  fill,
  getButton,
  getByLabel,
  json,
  mockFetch,
  type Rendered,
  waitFor,
} from '../../test/dom.tsx';
import { makeUser } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  vi.unstubAllGlobals();
});

const days = (month: string, count: number, costs: Record<number, number> = {}) =>
  Array.from({ length: count }, (_, index) => ({
    date: `${month}-${String(index + 1).padStart(2, '0')}`,
    calls: costs[index + 1] ? 3 : 0,
    costMicros: costs[index + 1] ?? 0,
  }));

const totals = {
  calls: 4,
  inputTokens: 4000,
  outputTokens: 400,
  cacheReadTokens: 9000,
  cacheWriteTokens: 500,
};

function myUsage(overrides: Partial<MyUsage> = {}): MyUsage {
  return {
    period: {
      month: '2026-11',
      start: '2026-11-01T00:00:00.000Z',
      end: '2026-12-01T00:00:00.000Z',
      timeZone: 'UTC',
      current: true,
    },
    spentMicros: 3_750_000,
    todaySpentMicros: 250_000,
    reservedMicros: 0,
    monthlyCapMicros: 5_000_000,
    dailyCapMicros: null,
    remainingMicros: 1_250_000,
    limitedBy: 'member',
    resetsAt: '2026-12-01T00:00:00.000Z',
    policy: 'block',
    byPurpose: [
      { purpose: 'reply', ...totals, costMicros: 3_000_000 },
      { purpose: 'feedback', ...totals, costMicros: 750_000 },
    ],
    byModel: [
      {
        provider: 'anthropic',
        model: 'claude-haiku-4-5',
        priceFallback: false,
        ...totals,
        costMicros: 3_750_000,
      },
    ],
    daily: days('2026-11', 30, { 3: 1_000_000, 24: 2_750_000 }),
    alerts: [],
    ...overrides,
  };
}

async function open(path: string) {
  rendered = await renderApp(path);
  return rendered.container;
}

describe('usage page', () => {
  it('shows the month’s spending, what is left and when it resets, a daily chart and breakdowns', async () => {
    mockFetch({
      'GET /api/me': () => json({ user: makeUser(), csrfToken: 'c' }),
      'GET /api/me/usage': () => json(myUsage()),
      'GET /api/me/usage/alerts': () => json({ alerts: [] }),
    });
    const page = await open('/usage');
    await waitFor(() => expect(page.querySelector('[data-testid="usage-spent"]')?.textContent).toBe('$3.75'));
    expect(page.querySelector('h1')?.textContent).toBe('Usage');
    // One plain sentence first; the rest one click away.
    expect(page.querySelector('.usage-headline')?.textContent).toBe(
      'You used $3.75 of your $5.00 this month.',
    );
    expect(page.querySelector('[data-testid="usage-remaining"]')?.textContent).toBe('$1.25');
    expect(page.textContent).toContain('1 December 2026');
    const bar = page.querySelector('[role="progressbar"]');
    expect(bar?.getAttribute('aria-valuenow')).toBe('75');
    const details = page.querySelector('details.usage-details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')?.textContent).toBe('Details: per day, by purpose and by model');
    // One bar per day; only days with spending have height.
    const bars = [...page.querySelectorAll('.usage-chart-bar')];
    expect(bars).toHaveLength(30);
    expect(bars.filter((rect) => Number(rect.getAttribute('height')) > 0)).toHaveLength(2);
    expect(page.textContent).toContain('Tutor replies');
    expect(page.textContent).toContain('Corrections and feedback');
    expect(page.textContent).toContain('claude-haiku-4-5 (anthropic)');
    // The link is in the navigation, under the account group.
    expect([...page.querySelectorAll('.nav-link')].map((link) => link.textContent)).toContain('Usage');
  });

  it('says a tiny amount in words, and keeps the exact one in the details', async () => {
    mockFetch({
      'GET /api/me': () => json({ user: makeUser(), csrfToken: 'c' }),
      'GET /api/me/usage': () => json(myUsage({ spentMicros: 4_230, remainingMicros: 4_995_770 })),
      'GET /api/me/usage/alerts': () => json({ alerts: [] }),
    });
    const page = await open('/usage');
    await waitFor(() => expect(page.querySelector('.usage-headline')).not.toBeNull());
    expect(page.querySelector('.usage-headline')?.textContent).toBe(
      'You used less than a cent of your $5.00 this month.',
    );
    expect(page.querySelector('.usage-details')?.textContent).toContain('$0.0042');
  });

  it('shows a child how much tutor time is left, with no money, tokens or models', async () => {
    mockFetch({
      'GET /api/me': () => json({ user: makeUser({ isChild: true }), csrfToken: 'c' }),
      'GET /api/me/usage': () => json(myUsage()),
      'GET /api/me/usage/alerts': () => json({ alerts: [] }),
    });
    const page = await open('/usage');
    await waitFor(() => expect(page.querySelector('[data-testid="usage-left"]')).not.toBeNull());
    expect(page.querySelector('[data-testid="usage-left"]')?.textContent).toBe('25% left');
    expect(page.querySelector('[role="progressbar"]')?.getAttribute('aria-valuetext')).toBe('75% used');
    expect(page.querySelector('main')?.textContent).toContain('Not much left.');
    expect(page.querySelector('main')?.textContent).toContain('It fills up again on 1 December.');
    const said = page.querySelector('.usage-page')?.textContent ?? '';
    for (const word of ['$', 'token', 'claude', 'anthropic', 'model']) expect(said).not.toContain(word);
    expect(page.querySelector('table, details')).toBeNull();
  });

  it('goes back a month and shows that month without caps', async () => {
    const calls = mockFetch({
      'GET /api/me': () => json({ user: makeUser(), csrfToken: 'c' }),
      'GET /api/me/usage': () => json(myUsage()),
      'GET /api/me/usage?month=2026-10': () =>
        json(
          myUsage({
            period: {
              month: '2026-10',
              start: '2026-10-01T00:00:00.000Z',
              end: '2026-11-01T00:00:00.000Z',
              timeZone: 'UTC',
              current: false,
            },
            spentMicros: 1_200_000,
            daily: days('2026-10', 31),
          }),
        ),
      'GET /api/me/usage/alerts': () => json({ alerts: [] }),
    });
    const page = await open('/usage');
    await waitFor(() => getButton(page, '← Previous month'));
    expect(getButton(page, 'Next month →').disabled).toBe(true);
    await click(getButton(page, '← Previous month'));
    await waitFor(() => expect(page.querySelector('.usage-months h2')?.textContent).toBe('October 2026'));
    expect(page.querySelector('.usage-headline')?.textContent).toBe('You used $1.20 in October 2026.');
    expect(page.querySelector('[data-testid="usage-remaining"]')).toBeNull();
    expect(calls.some((call) => call.url === '/api/me/usage?month=2026-10')).toBe(true);
  });

  it('shows a budget alert on every page until it is dismissed, then marks it seen', async () => {
    const alert = memberAlert(
      '0195f0a0-0000-7000-8000-00000000a1e7',
      75,
      'You have used 75% of your monthly AI budget ($3.75 of $5.00).',
    );
    let seen = false;
    const calls = mockFetch({
      'GET /api/me': () => json({ user: makeUser(), csrfToken: 'c' }),
      'GET /api/me/usage/alerts': () => json({ alerts: seen ? [] : [alert] }),
      'POST /api/me/usage/alerts/seen': () => {
        seen = true;
        return new Response(null, { status: 204 });
      },
    });
    const page = await open('/settings');
    const banner = await waitFor(() => {
      const element = page.querySelector('.budget-alert');
      if (!element) throw new Error('no banner');
      return element as HTMLElement;
    });
    expect(banner.textContent).toContain('75% of your monthly AI budget');
    expect(banner.querySelector('a')?.getAttribute('href')).toBe('/usage');
    await click(getButton(banner, 'Dismiss'));
    await waitFor(() => expect(page.querySelector('.budget-alert')).toBeNull());
    const post = calls.find((call) => call.method === 'POST');
    expect(post?.body).toEqual({ ids: [alert.id] });
  });

  it('words the banner for a child: the server’s child sentence and a link to their tutor time', async () => {
    const alert = memberAlert(
      '0195f0a0-0000-7000-8000-00000000a1e8',
      90,
      'You have used 90% of your tutor time for this month.',
    );
    mockFetch({
      'GET /api/me': () => json({ user: makeUser({ isChild: true }), csrfToken: 'c' }),
      'GET /api/me/usage/alerts': () => json({ alerts: [alert] }),
    });
    const page = await open('/settings');
    const banner = await waitFor(() => {
      const element = page.querySelector('.budget-alert');
      if (!element?.querySelector('a')) throw new Error('no banner yet');
      return element as HTMLElement;
    });
    expect(banner.querySelector('p')?.textContent).toBe(
      'You have used 90% of your tutor time for this month. Tutor time this month',
    );
    expect(banner.querySelector('a')?.getAttribute('href')).toBe('/usage');
    for (const word of ['$', 'usage', 'budget', 'model']) expect(banner.textContent).not.toContain(word);
    expect(getButton(banner, 'Dismiss')).toBeTruthy();
  });
});

/** A member's monthly budget alert of November 2026, as the alerts endpoint lists it. */
function memberAlert(id: string, threshold: number, message: string) {
  return {
    id,
    scope: 'member' as const,
    periodKey: '2026-11',
    threshold,
    message,
    createdAt: '2026-11-24T10:00:00.000Z',
  };
}

function adminUsage(): AdminUsage {
  const budget = (monthly: number | null) => ({
    userId: 'leo-id',
    monthlyCapMicros: monthly,
    dailyCapMicros: null,
    effectiveMonthlyCapMicros: monthly ?? 2_000_000,
    effectiveDailyCapMicros: null,
  });
  return {
    period: {
      month: '2026-11',
      start: '2026-11-01T00:00:00.000Z',
      end: '2026-12-01T00:00:00.000Z',
      timeZone: 'UTC',
      current: true,
    },
    server: {
      monthlyCapMicros: 30_000_000,
      policy: 'block',
      downgradeChain: { links: [], source: null, effective: [] },
      defaultMemberMonthlyCapMicros: 2_000_000,
      defaultMemberDailyCapMicros: null,
      timeZone: 'UTC',
      spentMicros: 4_000_000,
      reservedMicros: 0,
      remainingMicros: 26_000_000,
    },
    members: [
      {
        id: 'leo-id',
        username: 'leo',
        role: 'learner',
        isChild: true,
        disabled: false,
        budget: budget(null),
        spentMicros: 1_500_000,
        todaySpentMicros: 100_000,
        reservedMicros: 0,
        calls: 12,
      },
    ],
    formerMembersSpentMicros: 0,
    daily: days('2026-11', 30, { 24: 4_000_000 }),
    byProvider: [{ provider: 'anthropic', ...totals, costMicros: 4_000_000 }],
    byModel: [
      {
        provider: 'anthropic',
        model: 'claude-haiku-4-5',
        priceFallback: false,
        ...totals,
        costMicros: 3_000_000,
      },
      { provider: 'openrouter', model: 'mystery', priceFallback: true, ...totals, costMicros: 1_000_000 },
    ],
    byPurpose: [{ purpose: 'reply', ...totals, costMicros: 4_000_000 }],
    unknownModels: [
      { provider: 'openrouter', model: 'mystery', priceFallback: true, ...totals, costMicros: 1_000_000 },
    ],
    prices: { effectiveDate: '2026-11-01', ageDays: 23, stale: false },
  };
}

describe('admin usage page', () => {
  const admin = makeUser({ id: 'owner-id', username: 'mama', role: 'admin', isOwner: true });

  it('lists members with their caps, flags unknown models, and saves a member’s cap in micro-dollars', async () => {
    let saved: unknown = null;
    const calls = mockFetch({
      'GET /api/me': () => json({ user: admin, csrfToken: 'c' }),
      'GET /api/me/usage/alerts': () => json({ alerts: [] }),
      'GET /api/admin/usage': () => json(adminUsage()),
      'PUT /api/admin/members/leo-id/budget': (call) => {
        saved = call.body;
        return json({ budget: {} });
      },
    });
    const page = await open('/admin/usage');
    const row = await waitFor(() => {
      const element = page.querySelector('tr[data-member="leo"]');
      if (!element) throw new Error('no row');
      return element as HTMLElement;
    });
    expect(row.textContent).toContain('$1.50');
    expect(row.textContent).toContain('$2.00 (default)');
    expect(page.textContent).toContain('These models are not in the price table');
    expect(page.textContent).toContain('mystery (openrouter)');

    await click(getButton(row, 'Edit caps'));
    await fill(getByLabel(row, 'Monthly cap for leo (USD)'), 'five');
    await click(getButton(row, 'Save caps'));
    expect(row.querySelector('[role="alert"]')?.textContent).toContain('Enter amounts in dollars');
    expect(calls.some((call) => call.method === 'PUT')).toBe(false);

    await fill(getByLabel(row, 'Monthly cap for leo (USD)'), '7.25');
    await click(getButton(row, 'Save caps'));
    await waitFor(() => expect(saved).toEqual({ monthlyCapMicros: 7_250_000, dailyCapMicros: null }));
  });

  it('shows the dated price table when the admin opens it', async () => {
    const rates = {
      input: 1_000_000,
      output: 5_000_000,
      cacheRead: 100_000,
      cacheWrite5m: 1_250_000,
      cacheWrite1h: 2_000_000,
    };
    const calls = mockFetch({
      'GET /api/me': () => json({ user: admin, csrfToken: 'c' }),
      'GET /api/me/usage/alerts': () => json({ alerts: [] }),
      'GET /api/admin/usage': () => json(adminUsage()),
      'GET /api/admin/prices': () =>
        json({
          effectiveDate: '2026-11-01',
          source: 'Vendor price lists.',
          units: 'USD',
          notes: [],
          ageDays: 23,
          stale: false,
          fallbackRule: 'highest',
          fallbackRates: rates,
          models: [{ provider: 'anthropic', model: 'claude-haiku-4-5', origin: 'table', ...rates }],
          speech: [
            {
              provider: '*',
              model: 'whisper-1',
              origin: 'table',
              sttPerMinuteMicros: 6000,
              ttsPerMillionCharsMicros: null,
            },
          ],
        }),
    });
    const page = await open('/admin/usage');
    const details = await waitFor(() => {
      const element = page.querySelector('details.price-table');
      if (!element) throw new Error('no price table');
      return element as HTMLDetailsElement;
    });
    expect(calls.some((call) => call.url === '/api/admin/prices')).toBe(false);
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    await waitFor(() => expect(details.textContent).toContain('claude-haiku-4-5 (anthropic)'));
    const cells = [...details.querySelectorAll('tbody tr')][0]?.querySelectorAll('td');
    // The five rates, then the cell that changes them.
    expect([...(cells ?? [])].map((cell) => cell.textContent)).toEqual([
      '$1',
      '$5',
      '$0.1',
      '$1.25',
      '$2',
      'Change the price of claude-haiku-4-5 (anthropic)',
    ]);
    expect(details.textContent).toContain('whisper-1 (any provider)');
    expect(details.textContent).toContain('$0.006');
  });

  it('confirms a saved server budget after the page reloads it with the new values', async () => {
    let policy = 'block';
    const calls = mockFetch({
      'GET /api/me': () => json({ user: admin, csrfToken: 'c' }),
      'GET /api/me/usage/alerts': () => json({ alerts: [] }),
      'GET /api/admin/usage': () => {
        const usage = adminUsage();
        return json({
          ...usage,
          server: {
            ...usage.server,
            policy,
            downgradeChain: {
              links: [{ provider: 'ollama', model: 'llama3.2' }],
              source: 'app',
              effective: [{ provider: 'ollama', model: 'llama3.2' }],
            },
          },
        });
      },
      'PUT /api/admin/budget': (call) => {
        policy = (call.body as { policy: string }).policy;
        return json({});
      },
    });
    const page = await open('/admin/usage');
    const select = await waitFor(() => getByLabel(page, 'At a cap'));
    await fill(select, 'downgrade');
    await click(getButton(page, 'Save server budget'));
    await waitFor(() =>
      expect(calls.filter((call) => call.url.startsWith('/api/admin/usage'))).toHaveLength(2),
    );
    // The form came back with the saved policy, and still says it was saved.
    await waitFor(() => {
      expect(getByLabel(page, 'At a cap').value).toBe('downgrade');
      expect(page.textContent).toContain('Saved. The new budget applies from the next request.');
    });
  });

  it('shows the server’s refusal of a cap change', async () => {
    mockFetch({
      'GET /api/me': () => json({ user: admin, csrfToken: 'c' }),
      'GET /api/me/usage/alerts': () => json({ alerts: [] }),
      'GET /api/admin/usage': () => json(adminUsage()),
      'PUT /api/admin/members/leo-id/budget': () =>
        apiError(
          400,
          'validation_failed',
          'Invalid request body: monthlyCapMicros: must be at most $1,000,000',
        ),
    });
    const page = await open('/admin/usage');
    const row = await waitFor(() => {
      const element = page.querySelector('tr[data-member="leo"]');
      if (!element) throw new Error('no row');
      return element as HTMLElement;
    });
    await click(getButton(row, 'Edit caps'));
    await fill(getByLabel(row, 'Monthly cap for leo (USD)'), '2000000');
    await click(getButton(row, 'Save caps'));
    await waitFor(() =>
      expect(row.querySelector('[role="alert"]')?.textContent).toContain('at most $1,000,000'),
    );
  });
});
