// @vitest-environment happy-dom
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
