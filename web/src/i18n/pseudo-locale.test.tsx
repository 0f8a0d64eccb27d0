// @vitest-environment happy-dom

import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../contracts/auth.ts';
import type { MyUsage } from '../../../contracts/budget.ts';
import { interfaceLanguageNames } from '../../../contracts/messages/languages.ts';
import { apiError, click, type FetchCall, json, mockFetch, type Rendered, waitFor } from '../test/dom.tsx';
import { makeUser } from '../test/fixtures.ts';
import { loadAllNamespaces } from '../test/i18n-setup.ts';
import { adminRouteCases, learningRouteCases } from '../test/pseudo-locale-routes.ts';
import { renderApp } from '../test/render-app.tsx';
import { pinLanguage } from './i18n.ts';

/**
 * Issue 18's guard against words outside the catalogue: every route is rendered in the pseudo-language
 * `xx` (English wrapped in ⟦ ⟧) and any visible text or accessible name outside the markers fails the
 * test. Data is not the interface's to translate: strings the mocked API returned (a username, a title)
 * pass, and so do elements marked `translate="no"` (text in the language being learned) and the
 * language names in the language picker, each written in itself.
 *
 * A route converted to the catalogue adds a case here with the API answers its page needs.
 */

type Handler = (call: FetchCall) => Response | Promise<Response>;
type RouteCase = { name: string; path: string; api: Record<string, Handler>; ready?: string };

const learner = makeUser({ role: 'learner' });
const admin = makeUser({ role: 'admin', username: 'owner', isOwner: true });

const signedOut = (status: { needsSetup: boolean; openSignup: boolean }) => ({
  'GET /api/me': () => apiError(401, 'unauthenticated', 'Sign in first'),
  'GET /api/auth/status': () => json(status),
});
const signedIn = (user: User) => ({ 'GET /api/me': () => json({ user, csrfToken: 'csrf-1' }) });

const usageTotals = {
  calls: 4,
  inputTokens: 4000,
  outputTokens: 400,
  cacheReadTokens: 9000,
  cacheWriteTokens: 500,
};
const usageOfNovember: MyUsage = {
  period: {
    month: '2026-11',
    start: '2026-11-01T00:00:00.000Z',
    end: '2026-12-01T00:00:00.000Z',
    timeZone: 'UTC',
    current: true,
  },
  spentMicros: 3_750_000,
  todaySpentMicros: 250_000,
  reservedMicros: 10_000,
  monthlyCapMicros: 5_000_000,
  dailyCapMicros: 1_000_000,
  remainingMicros: 1_250_000,
  limitedBy: 'server',
  resetsAt: '2026-12-01T00:00:00.000Z',
  policy: 'block',
  byPurpose: [{ purpose: 'reply', ...usageTotals, costMicros: 3_750_000 }],
  byModel: [
    {
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      priceFallback: false,
      ...usageTotals,
      costMicros: 3_750_000,
    },
  ],
  daily: Array.from({ length: 30 }, (_, index) => ({
    date: `2026-11-${String(index + 1).padStart(2, '0')}`,
    calls: index === 2 ? 3 : 0,
    costMicros: index === 2 ? 3_750_000 : 0,
  })),
  alerts: [],
};

/** What the settings page asks for, beside the signed-in member. */
const settingsApi: Record<string, Handler> = {
  'GET /api/personas': () =>
    json({
      personas: [
        {
          id: 'p1',
          name: 'Lucía',
          description: 'A patient teacher from Seville.',
          isDefault: true,
          builtIn: true,
        },
      ],
    }),
  'GET /api/vocabulary/settings': () =>
    json({ desiredRetention: 0.9, newCardsPerDay: 20, autoAddFromConversations: true }),
};

export const routeCases: RouteCase[] = [
  { name: 'sign-in', path: '/login', api: signedOut({ needsSetup: false, openSignup: true }) },
  { name: 'sign-up', path: '/signup', api: signedOut({ needsSetup: false, openSignup: true }) },
  { name: 'owner set-up', path: '/signup', api: signedOut({ needsSetup: true, openSignup: false }) },
  {
    name: 'unknown address, signed out',
    path: '/no-such-page',
    api: signedOut({ needsSetup: false, openSignup: false }),
  },
  { name: 'an admin page for a learner', path: '/admin/members', api: signedIn(learner) },
  {
    name: 'onboarding',
    path: '/onboarding',
    api: signedIn(makeUser({}, { onboarded: false, nativeLanguage: 'es', targetLanguages: [] })),
  },
  { name: 'unknown address, signed in', path: '/no-such-page', api: signedIn(admin) },
  { name: 'sign-up closed', path: '/signup', api: signedOut({ needsSetup: false, openSignup: false }) },
  {
    name: 'usage, with a budget alert',
    path: '/usage',
    api: {
      ...signedIn(learner),
      'GET /api/me/usage': () => json(usageOfNovember),
      'GET /api/me/usage/alerts': () =>
        json({
          alerts: [
            {
              id: 'a1',
              scope: 'member',
              periodKey: '2026-11',
              threshold: 90,
              // The server's sentence, in the reader's language: data here.
              message: 'Your monthly AI budget is 90% used ($4.50 of $5.00).',
              createdAt: '2026-11-20T10:00:00.000Z',
            },
          ],
        }),
    },
    ready: '.budget-alert, .usage-chart',
  },
  {
    name: 'usage, a child',
    path: '/usage',
    api: {
      ...signedIn(makeUser({ isChild: true })),
      'GET /api/me/usage': () => json({ ...usageOfNovember, remainingMicros: 0 }),
      'GET /api/me/usage/alerts': () => json({ alerts: [] }),
    },
  },
  {
    name: 'profile & settings',
    path: '/settings',
    api: { ...signedIn(learner), ...settingsApi, 'GET /api/me/usage/alerts': () => json({ alerts: [] }) },
    ready: '[name="desiredRetention"]',
  },
  {
    name: 'profile & settings, a child with a budget alert',
    path: '/settings',
    api: {
      ...signedIn(makeUser({ isChild: true })),
      ...settingsApi,
      'GET /api/me/usage/alerts': () =>
        json({
          alerts: [
            {
              id: 'a2',
              scope: 'member',
              periodKey: '2026-11',
              threshold: 100,
              // The server's sentence for a child, in the reader's language: data here.
              message: 'Your tutor time for this month is used up.',
              createdAt: '2026-11-20T10:00:00.000Z',
            },
          ],
        }),
    },
    ready: '.budget-alert a',
  },
  // The learning and admin sections (helper-2's folders): test/pseudo-locale-routes.ts.
  ...learningRouteCases,
  ...adminRouteCases,
];

/** Every string in the mocked answers: data, not interface. */
function dataStrings(api: Record<string, Handler>): Set<string> {
  const strings = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.add(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const [route, handler] of Object.entries(api)) {
    if (!route.startsWith('GET ')) continue;
    const response = handler({
      method: 'GET',
      url: route.slice(4),
      headers: {},
      body: undefined,
      signal: undefined,
    });
    if (response instanceof Response) {
      void response
        .clone()
        .json()
        .then(walk, () => undefined);
    }
  }
  return strings;
}

const letters = /\p{L}/u;

/**
 * Text that is data: part of one string the API returned, or made of such strings and punctuation
 * ("claude-haiku-4-5 (anthropic)": a model and its provider).
 */
function isData(text: string, data: Set<string>): boolean {
  if ([...data].some((value) => value.includes(text))) return true;
  let rest = text;
  for (const value of [...data].filter((item) => item.length > 1).sort((a, b) => b.length - a.length)) {
    rest = rest.split(value).join(' ');
  }
  return !letters.test(rest);
}
/** "XP" (experience points) is written the same in all six languages: the dashboard puts it after a number. */
const allowed = new Set(['Charla', 'XP', ...Object.values(interfaceLanguageNames)]);
/** CEFR level codes ("A2", "B1 —" before a level's description) are the same in every language. */
const cefrCode = /^[ABC][12](\s*—)?$/;

/** Text with letters outside ⟦ ⟧, in document order, skipping data and `translate="no"`. */
export function unmarkedText(root: HTMLElement, data: Set<string>): string[] {
  const found: string[] = [];
  const ignored = (node: Node) =>
    Boolean(node.parentElement?.closest('[translate="no"], script, style, title'));
  let depth = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    let outside = '';
    for (const character of text) {
      if (character === '⟦') depth += 1;
      else if (character === '⟧') depth = Math.max(0, depth - 1);
      else if (depth === 0) outside += character;
    }
    const trimmed = outside.trim();
    if (!letters.test(trimmed) || ignored(node) || allowed.has(trimmed) || cefrCode.test(trimmed)) continue;
    if (isData(trimmed, data)) continue;
    found.push(trimmed);
  }
  for (const element of root.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    for (const attribute of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = element.getAttribute(attribute);
      if (!value || !letters.test(value) || value.includes('⟦') || element.closest('[translate="no"]'))
        continue;
      if (allowed.has(value) || isData(value, data)) continue;
      found.push(`${attribute}="${value}"`);
    }
  }
  return found;
}

let rendered: Rendered | null = null;

afterEach(async () => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
  await pinLanguage(null);
});

describe('the pseudo-language', () => {
  it.each(routeCases)(
    'leaves no words outside the catalogue: $name ($path)',
    async ({ path, api, ready }) => {
      await loadAllNamespaces('xx');
      await pinLanguage('xx');
      mockFetch(api);
      const data = dataStrings(api);
      rendered = await renderApp(path);
      const page = rendered.container;
      // Settled: the page's heading is there and nothing is loading any more.
      await waitFor(() => {
        expect(page.querySelector('h1')).not.toBeNull();
        expect(page.querySelector('.page-loading')).toBeNull();
      });
      // Parts that load after the heading (a lazy aside, a notice): every one of them must be there.
      if (ready) {
        for (const selector of ready.split(', '))
          await waitFor(() => expect(page.querySelector(selector)).not.toBeNull());
      }
      expect(unmarkedText(page, data)).toEqual([]);
      expect(document.title === '' || document.title.includes('⟦')).toBe(true);

      // What one click opens: every "?" explanation and folded section, then each dialog in turn.
      await openDisclosures(page);
      expect(unmarkedText(page, data)).toEqual([]);
      for (const [index, opener] of dialogOpeners(page).entries()) {
        const name = `${opener.textContent?.trim() || opener.getAttribute('aria-label')} (#${index})`;
        await click(opener);
        const dialog = await waitFor(() => {
          const open = document.querySelector<HTMLDialogElement>('dialog');
          expect(open, `${name} opens a dialog`).not.toBeNull();
          // Settled: its lazy parts and the data it loads are in (no loading state left).
          expect(open?.querySelector('.page-loading, [aria-busy="true"]')).toBeNull();
          return open as HTMLDialogElement;
        });
        await openDisclosures(dialog);
        expect(unmarkedText(dialog, data), name).toEqual([]);
        await act(async () => dialog.close());
        await waitFor(() => expect(document.querySelector('dialog'), `${name} closes`).toBeNull());
      }
    },
  );
});

/**
 * The buttons that open a dialog (marked `aria-haspopup="dialog"`, which also tells a screen reader),
 * found again before each click: closing a dialog re-renders the page.
 */
function dialogOpeners(page: HTMLElement): HTMLButtonElement[] {
  return [...page.querySelectorAll<HTMLButtonElement>('button[aria-haspopup="dialog"]:not(:disabled)')];
}

/** Opens every "?" explanation and folded `<details>` section inside `root`, and waits for its content. */
async function openDisclosures(root: HTMLElement): Promise<void> {
  for (const toggle of root.querySelectorAll<HTMLButtonElement>('.info-toggle[aria-expanded="false"]')) {
    await click(toggle);
    const panel = document.getElementById(toggle.getAttribute('aria-controls') ?? '');
    // An explanation kept in a lazy chunk renders once its chunk and words have loaded.
    await waitFor(() => {
      expect(panel?.textContent?.trim()).toBeTruthy();
      expect(panel?.querySelector('.page-loading')).toBeNull();
    });
  }
  for (const details of root.querySelectorAll<HTMLDetailsElement>('details:not([open])')) {
    await act(async () => {
      details.open = true;
      details.dispatchEvent(new Event('toggle'));
    });
    // Settled: its content (loaded on opening, like the price table) is in.
    await waitFor(() => {
      expect([...details.children].some((child) => child.tagName !== 'SUMMARY')).toBe(true);
      expect(details.querySelector('.page-loading')).toBeNull();
    });
  }
}
