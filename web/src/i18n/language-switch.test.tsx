// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../contracts/auth.ts';
import {
  apiError,
  fill,
  getByLabel,
  heading,
  json,
  mockFetch,
  type Rendered,
  waitFor,
} from '../test/dom.tsx';
import { makeUser } from '../test/fixtures.ts';
import { renderApp } from '../test/render-app.tsx';
import { currentLanguage, setLanguage } from './i18n.ts';

let rendered: Rendered | null = null;
afterEach(async () => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
  await setLanguage('en');
});

const navTexts = (page: HTMLElement) =>
  [...page.querySelectorAll('.sidenav .nav-link span')].map((element) => element.textContent);

describe('switching the interface language', () => {
  it('changes every word at once, keeps what the page holds, and saves the choice in the profile', async () => {
    let user = makeUser();
    const calls = mockFetch({
      'GET /api/me': () => json({ user, csrfToken: 'c' }),
      'GET /api/personas': () => json({ personas: [] }),
      'GET /api/vocabulary/settings': () =>
        json({ desiredRetention: 0.9, newCardsPerDay: 20, autoAddFromConversations: true }),
      'PATCH /api/me/profile': (call) => {
        user = { ...user, profile: { ...user.profile, ...(call.body as Partial<User['profile']>) } };
        return json({ user });
      },
    });
    rendered = await renderApp('/settings');
    const page = rendered.container;
    await waitFor(() => expect(heading(page)).toBe('Profile & settings'));
    // Something typed and not saved: a reload would lose it.
    await fill(getByLabel(page, 'Current password'), 'typed but not saved');

    await fill(getByLabel(page, 'Interface language'), 'de');

    await waitFor(() => expect(heading(page)).toBe('Profil und Einstellungen'));
    expect(navTexts(page)).toContain('Gespräche');
    expect(page.textContent).toContain('Die Oberfläche ist jetzt auf Deutsch.');
    expect((getByLabel(page, 'Aktuelles Passwort') as HTMLInputElement).value).toBe('typed but not saved');
    expect(document.documentElement.lang).toBe('de');
    const patch = calls.find((call) => call.method === 'PATCH');
    expect(patch?.body).toEqual({ interfaceLanguage: 'de' });
    // The API is asked in the new language from now on.
    expect(calls.at(-1)?.headers['accept-language']).toBe('de');
  });

  it('goes back to the saved language when the profile cannot be saved', async () => {
    mockFetch({
      'GET /api/me': () => json({ user: makeUser(), csrfToken: 'c' }),
      'GET /api/personas': () => json({ personas: [] }),
      'GET /api/vocabulary/settings': () =>
        json({ desiredRetention: 0.9, newCardsPerDay: 20, autoAddFromConversations: true }),
      'PATCH /api/me/profile': () => apiError(503, 'service_unavailable', 'The database is not reachable.'),
    });
    rendered = await renderApp('/settings');
    const page = rendered.container;
    await waitFor(() => expect(heading(page)).toBe('Profile & settings'));
    await fill(getByLabel(page, 'Interface language'), 'fr');
    await waitFor(() => expect(page.textContent).toContain('The database is not reachable.'));
    await waitFor(() => expect(heading(page)).toBe('Profile & settings'));
    expect(currentLanguage()).toBe('en');
  });

  it('follows the signed-in member’s profile on load', async () => {
    mockFetch({
      'GET /api/me': () => json({ user: makeUser({}, { interfaceLanguage: 'it' }), csrfToken: 'c' }),
      'GET /api/personas': () => json({ personas: [] }),
      'GET /api/vocabulary/settings': () =>
        json({ desiredRetention: 0.9, newCardsPerDay: 20, autoAddFromConversations: true }),
    });
    rendered = await renderApp('/settings');
    await waitFor(() => expect(heading(rendered!.container)).toBe('Profilo e impostazioni'));
  });
});
