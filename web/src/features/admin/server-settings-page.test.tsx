// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServerSettings } from '../../../../contracts/admin.ts';
import { apiError, click, json, mockFetch, type Rendered, waitFor } from '../../test/dom.tsx';
import { makeUser } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
});

const owner = makeUser({ id: 'owner-id', username: 'mama', role: 'admin', isOwner: true });
const stored: ServerSettings = { openSignup: false, defaultCorrectionPolicy: 'important' };

function policyInput(page: HTMLElement, value: string): HTMLInputElement {
  const input = page.querySelector<HTMLInputElement>(
    `input[name="defaultCorrectionPolicy"][value="${value}"]`,
  );
  if (!input) throw new Error(`No ${value} option`);
  return input;
}

describe('server settings page', () => {
  it('saves the default corrections as soon as the admin picks one', async () => {
    const calls = mockFetch({
      'GET /api/me': () => json({ user: owner, csrfToken: 'c' }),
      'GET /api/admin/settings': () => json(stored),
      'PATCH /api/admin/settings': (call) => json({ ...stored, ...(call.body as object) }),
    });
    rendered = await renderApp('/admin/settings');
    const page = rendered.container;
    await waitFor(() => expect(policyInput(page, 'important').checked).toBe(true));

    await click(policyInput(page, 'all'));
    await waitFor(() =>
      expect(page.querySelector('[role="status"]')?.textContent).toBe('Default corrections: All.'),
    );
    expect(calls.filter((call) => call.method === 'PATCH').map((call) => call.body)).toEqual([
      { defaultCorrectionPolicy: 'all' },
    ]);
    expect(policyInput(page, 'all').checked).toBe(true);
  });

  it('goes back to the stored choice and says why when the server refuses', async () => {
    mockFetch({
      'GET /api/me': () => json({ user: owner, csrfToken: 'c' }),
      'GET /api/admin/settings': () => json(stored),
      'PATCH /api/admin/settings': () =>
        apiError(403, 'forbidden', 'Only admins can change server settings.'),
    });
    rendered = await renderApp('/admin/settings');
    const page = rendered.container;
    await waitFor(() => expect(policyInput(page, 'important').checked).toBe(true));

    await click(policyInput(page, 'off'));
    await waitFor(() =>
      expect(page.querySelector('[role="alert"]')?.textContent).toContain(
        'Only admins can change server settings.',
      ),
    );
    expect(policyInput(page, 'important').checked).toBe(true);
  });
});
