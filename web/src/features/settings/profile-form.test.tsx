// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../../contracts/auth.ts';
import { click, getButton, json, mockFetch, type Rendered, waitFor } from '../../test/dom.tsx';
import { makeUser } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
});

function policyInput(page: HTMLElement, value: string): HTMLInputElement {
  const input = page.querySelector<HTMLInputElement>(`input[name="correctionPolicy"][value="${value}"]`);
  if (!input) throw new Error(`No ${value} option`);
  return input;
}

function profileRoutes(user: User) {
  return {
    'GET /api/me': () => json({ user, csrfToken: 'c' }),
    'PATCH /api/me/profile': () => json({ user }),
  };
}

describe('profile form: corrections', () => {
  it('keeps a learner without a choice on the defaults when they save something else', async () => {
    const user = makeUser({}, { correctionPolicy: null, defaultCorrectionPolicy: 'all' });
    const calls = mockFetch(profileRoutes(user));
    rendered = await renderApp('/settings');
    const page = rendered.container;
    await waitFor(() => expect(policyInput(page, '').checked).toBe(true));
    // The default says what it currently is.
    expect(policyInput(page, '').closest('.radio-option')?.textContent).toContain('All in free conversation');

    await click(getButton(page, 'Save profile'));
    await waitFor(() => expect(calls.some((call) => call.method === 'PATCH')).toBe(true));
    expect(calls.find((call) => call.method === 'PATCH')?.body).toMatchObject({ correctionPolicy: null });
  });

  it('sends the learner’s own choice', async () => {
    const user = makeUser({}, { correctionPolicy: null });
    const calls = mockFetch(profileRoutes(user));
    rendered = await renderApp('/settings');
    const page = rendered.container;
    await waitFor(() => expect(policyInput(page, '').checked).toBe(true));

    await click(policyInput(page, 'on-request'));
    await click(getButton(page, 'Save profile'));
    await waitFor(() => expect(calls.some((call) => call.method === 'PATCH')).toBe(true));
    expect(calls.find((call) => call.method === 'PATCH')?.body).toMatchObject({
      correctionPolicy: 'on-request',
    });
  });
});

describe('settings: default tutor and vocabulary review', () => {
  const personas = [
    { id: 'friendly', name: 'Friendly conversationalist', description: 'Chats.', isDefault: true },
    { id: 'coach', name: 'Encouraging coach', description: 'Cheers you on.', isDefault: false },
  ];

  it('sets the default tutor the Tutor dialog calls “your default tutor”, and back to Charla’s', async () => {
    const user = makeUser({}, { preferredPersona: null });
    const calls = mockFetch({
      ...profileRoutes(user),
      'GET /api/personas': () => json({ personas }),
    });
    rendered = await renderApp('/settings');
    const page = rendered.container;
    const select = () => page.querySelector<HTMLSelectElement>('select[name="preferredPersona"]');
    await waitFor(() => expect(select()?.disabled).toBe(false));
    expect(select()?.options[0]?.textContent).toBe('Charla’s default (Friendly conversationalist)');

    await act(async () => {
      const element = select() as HTMLSelectElement;
      element.value = 'coach';
      element.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(page.textContent).toContain('Cheers you on.');
    await click(getButton(page, 'Save profile'));
    await waitFor(() => expect(calls.some((call) => call.method === 'PATCH')).toBe(true));
    expect(calls.find((call) => call.method === 'PATCH')?.body).toMatchObject({ preferredPersona: 'coach' });
  });

  it('saves desired retention, new cards per day and adding words automatically', async () => {
    const user = makeUser();
    const stored = {
      desiredRetention: 0.9,
      newCardsPerDay: 20,
      maximumIntervalDays: 36500,
      autoAddFromConversations: false,
    };
    const calls = mockFetch({
      ...profileRoutes(user),
      'GET /api/personas': () => json({ personas }),
      'GET /api/vocabulary/settings': () => json(stored),
      'PATCH /api/vocabulary/settings': (call) => json({ ...stored, ...(call.body as object) }),
    });
    rendered = await renderApp('/settings');
    const page = rendered.container;
    const retention = () => page.querySelector<HTMLSelectElement>('select[name="desiredRetention"]');
    await waitFor(() => expect(retention()?.value).toBe('0.9'));
    expect(retention()?.selectedOptions[0]?.textContent).toBe('90% (recommended)');

    await act(async () => {
      for (const [name, value] of [
        ['desiredRetention', '0.95'],
        ['newCardsPerDay', '5'],
      ] as const) {
        const element = page.querySelector<HTMLSelectElement>(`select[name="${name}"]`) as HTMLSelectElement;
        element.value = value;
        element.dispatchEvent(new Event('change', { bubbles: true }));
      }
    });
    await click(
      page.querySelector<HTMLInputElement>('input[name="autoAddFromConversations"]') as HTMLInputElement,
    );
    await click(getButton(page, 'Save review settings'));
    await waitFor(() => expect(page.textContent).toContain('Review settings saved'));
    expect(
      calls.find((call) => call.method === 'PATCH' && call.url === '/api/vocabulary/settings')?.body,
    ).toEqual({
      desiredRetention: 0.95,
      newCardsPerDay: 5,
      autoAddFromConversations: true,
    });
  });
});
