// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { providersAvailable, providersMissing } from '../../test/conversation-screen.ts';
import { json, mockFetch, type Rendered, waitFor } from '../../test/dom.tsx';
import { makeProgress, makeUser } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
});

const owner = makeUser({ username: 'mama', role: 'admin', isOwner: true });

async function openHome(): Promise<HTMLElement> {
  rendered = await renderApp('/');
  const page = rendered.container;
  await waitFor(() => expect(page.querySelector('.progress-dashboard')).not.toBeNull(), 5000);
  return page;
}

describe('home', () => {
  it('offers the owner the three ways to set up a provider when none can answer', async () => {
    mockFetch({
      'GET /api/me': () => json({ user: owner, csrfToken: 'c' }),
      'GET /api/progress': () => json(makeProgress()),
      'GET /api/providers': () => json(providersMissing(true)),
    });
    const page = await openHome();
    await waitFor(() => expect(page.querySelector('.provider-notice')).not.toBeNull());
    const links = [...page.querySelectorAll('.provider-notice .setup-ways a')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '/admin/providers#add-key',
      '/admin/providers#add-server',
      '/admin/providers#local-model',
    ]);
    // Unfolded here: there is room on the home page.
    expect(page.querySelector('.provider-notice details')).toBeNull();
  });

  it('says nothing about providers when one can answer, and never asks for a learner', async () => {
    const asked = mockFetch({
      'GET /api/me': () => json({ user: owner, csrfToken: 'c' }),
      'GET /api/progress': () => json(makeProgress()),
      'GET /api/providers': () => json({ ...providersAvailable, canConfigure: true }),
    });
    let page = await openHome();
    await waitFor(() => expect(asked.map((call) => call.url)).toContain('/api/providers'));
    await waitFor(() => expect(page.querySelector('[role="status"].page-loading')).toBeNull());
    expect(page.querySelector('.provider-notice')).toBeNull();
    rendered?.unmount();

    const calls = mockFetch({
      'GET /api/me': () => json({ user: makeUser(), csrfToken: 'c' }),
      'GET /api/progress': () => json(makeProgress()),
    });
    page = await openHome();
    expect(calls.map((call) => call.url)).not.toContain('/api/providers');
    expect(page.querySelector('.provider-notice')).toBeNull();
  });
});
