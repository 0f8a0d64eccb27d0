// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../contracts/auth.ts';
import {
  apiError,
  click,
  fill,
  getButton,
  getByLabel,
  heading,
  json,
  linkTexts,
  mockFetch,
  queryButton,
  type Rendered,
  waitFor,
} from './test/dom.tsx';
import { makeUser } from './test/fixtures.ts';
import { renderApp } from './test/render-app.tsx';

let rendered: Rendered | null = null;

afterEach(() => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
});

async function openApp(path: string) {
  rendered = await renderApp(path);
  return rendered.container;
}

function signedIn(user: User) {
  return { 'GET /api/me': () => json({ user, csrfToken: 'csrf-1' }) };
}

const signedOut = {
  'GET /api/me': () => apiError(401, 'unauthenticated', 'Sign in first'),
  'GET /api/auth/status': () => json({ needsSetup: false, openSignup: false }),
};

describe('sign-in', () => {
  it("shows the server's message when the password is wrong", async () => {
    const calls = mockFetch({
      ...signedOut,
      'POST /api/auth/login': () => apiError(401, 'unauthenticated', 'Wrong username or password'),
    });
    const page = await openApp('/login');
    await waitFor(() => getByLabel(page, 'Username'));

    await fill(getByLabel(page, 'Username'), 'ana');
    await fill(getByLabel(page, 'Password'), 'not-the-password');
    await click(getButton(page, 'Sign in'));

    const alert = await waitFor(() => {
      const element = page.querySelector('[role="alert"]');
      expect(element?.textContent).toBe('Wrong username or password');
      return element;
    });
    expect(alert).not.toBeNull();
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      username: 'ana',
      password: 'not-the-password',
    });
    // Sign-up is closed on this server: no link to it.
    expect(linkTexts(page)).not.toContain('Create an account');
  });

  it('shows validation issues next to the matching field', async () => {
    mockFetch({
      ...signedOut,
      'POST /api/auth/login': () =>
        apiError(400, 'validation_failed', 'Invalid request', {
          issues: [{ path: 'username', message: 'is required' }],
        }),
    });
    const page = await openApp('/login');
    await waitFor(() => getByLabel(page, 'Username'));
    await fill(getByLabel(page, 'Username'), '   x');
    await fill(getByLabel(page, 'Password'), 'secret-password');
    await click(getButton(page, 'Sign in'));

    const username = await waitFor(() => {
      const input = getByLabel(page, 'Username');
      expect(input.getAttribute('aria-invalid')).toBe('true');
      return input;
    });
    const describedBy = username.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe('Is required');
  });

  it('sends a server without an owner to "Create the owner account"', async () => {
    mockFetch({
      ...signedOut,
      'GET /api/auth/status': () => json({ needsSetup: true, openSignup: false }),
    });
    const page = await openApp('/login');

    await waitFor(() => expect(heading(page)).toBe('Create the owner account'));
    expect(getButton(page, 'Create account')).toBeTruthy();
  });

  it('says sign-up is closed when it is', async () => {
    mockFetch(signedOut);
    const page = await openApp('/signup');
    await waitFor(() => expect(heading(page)).toBe('Sign-up is closed'));
    expect(page.textContent).toContain('Ask an admin');
  });
});

describe('navigation and guards', () => {
  it('shows admin sections only to admins', async () => {
    mockFetch(signedIn(makeUser({ role: 'learner' })));
    let page = await openApp('/');
    await waitFor(() => expect(heading(page)).toBe('¡Hola, ana!'));
    // Learning sections join the list as features land; what matters here is who sees the admin ones.
    const learnerLinks = linkTexts(page, 'nav a');
    expect(learnerLinks[0]).toBe('Home');
    expect(learnerLinks).toContain('Conversations');
    expect(learnerLinks.at(-1)).toBe('Profile & settings');
    expect(learnerLinks).not.toContain('Members');
    expect(learnerLinks).not.toContain('Server settings');
    rendered?.unmount();

    mockFetch(signedIn(makeUser({ role: 'admin', username: 'owner', isOwner: true })));
    page = await openApp('/');
    await waitFor(() => expect(heading(page)).toBe('¡Hola, owner!'));
    // Admins see everything a learner sees, then the admin sections.
    const adminLinks = linkTexts(page, 'nav a');
    expect(adminLinks.slice(0, learnerLinks.length)).toEqual(learnerLinks);
    expect(adminLinks.slice(learnerLinks.length)).toEqual(
      expect.arrayContaining(['Members', 'Server settings']),
    );
  });

  it('tells a learner that admin pages are not allowed, and shows 404 for unknown pages', async () => {
    mockFetch(signedIn(makeUser({ role: 'learner' })));
    let page = await openApp('/admin/members');
    await waitFor(() => expect(heading(page)).toBe('Not allowed'));
    rendered?.unmount();

    page = await openApp('/no-such-page');
    await waitFor(() => expect(heading(page)).toBe('Page not found'));
  });

  it('sends signed-out visitors to sign in', async () => {
    mockFetch(signedOut);
    const page = await openApp('/settings');
    await waitFor(() => expect(heading(page)).toBe('Sign in'));
  });

  it('signs out from the header', async () => {
    const calls = mockFetch({
      ...signedIn(makeUser()),
      'GET /api/auth/status': () => json({ needsSetup: false, openSignup: true }),
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    });
    const page = await openApp('/');
    await waitFor(() => getButton(page, 'Sign out'));

    await click(getButton(page, 'Sign out'));

    await waitFor(() => expect(heading(page)).toBe('Sign in'));
    expect(calls.some((call) => call.method === 'POST' && call.url === '/api/auth/logout')).toBe(true);
    expect(linkTexts(page)).toContain('Create an account');
  });

  it('returns to sign-in when a request finds the session ended elsewhere, asking /api/me once', async () => {
    // Signed out everywhere from another device: the first /api/me answers, every later call is 401.
    let sessionEnded = false;
    const calls = mockFetch({
      'GET /api/me': () =>
        sessionEnded
          ? apiError(401, 'unauthenticated', 'Sign in first')
          : json({ user: makeUser({ role: 'admin' }), csrfToken: 'csrf-1' }),
      'GET /api/auth/status': () => json({ needsSetup: false, openSignup: false }),
      'GET /api/admin/settings': () => apiError(401, 'unauthenticated', 'Sign in first'),
    });
    const page = await openApp('/');
    await waitFor(() => getButton(page, 'Sign out'));
    sessionEnded = true;

    await click(page.querySelector<HTMLElement>('a[href="/admin/settings"]') as HTMLElement);

    await waitFor(() => expect(heading(page)).toBe('Sign in'));
    // The confirming /api/me is asked once: its own 401 must not start another confirmation.
    expect(calls.filter((call) => call.url === '/api/me')).toHaveLength(2);
  });
});

describe('settings', () => {
  it('signs out everywhere and says so on the sign-in page', async () => {
    const calls = mockFetch({
      ...signedIn(makeUser()),
      'GET /api/auth/status': () => json({ needsSetup: false, openSignup: false }),
      'POST /api/auth/logout-all': () => new Response(null, { status: 204 }),
    });
    const page = await openApp('/settings');
    await waitFor(() => getButton(page, 'Sign out everywhere'));

    await click(getButton(page, 'Sign out everywhere'));

    await waitFor(() => expect(heading(page)).toBe('Sign in'));
    expect(page.textContent).toContain('You are signed out on every device.');
    expect(calls.find((call) => call.url === '/api/auth/logout-all')?.headers['x-csrf-token']).toBe('csrf-1');
  });

  it('explains that the owner account cannot be deleted instead of offering to', async () => {
    mockFetch(signedIn(makeUser({ role: 'admin', isOwner: true })));
    const page = await openApp('/settings');
    await waitFor(() => expect(page.textContent).toContain('your account cannot be deleted'));
    expect(queryButton(page, 'Delete my account')).toBeNull();
  });
});

describe('onboarding', () => {
  it('is required before the app, and saves everything in one profile update', async () => {
    const fresh = makeUser({}, { nativeLanguage: null, targetLanguages: [], onboarded: false });
    const calls = mockFetch({
      ...signedIn(fresh),
      'PATCH /api/me/profile': (call) => {
        const body = call.body as {
          nativeLanguage: string;
          targetLanguages: User['profile']['targetLanguages'];
        };
        return json({
          user: makeUser(
            {},
            { nativeLanguage: body.nativeLanguage, targetLanguages: body.targetLanguages, onboarded: true },
          ),
        });
      },
    });
    const page = await openApp('/');
    await waitFor(() => getByLabel(page, 'Native language'));

    await fill(getByLabel(page, 'Native language'), 'de');
    await fill(getByLabel(page, 'Language you are learning'), 'fr');
    await fill(getByLabel(page, 'Level'), 'B1');
    await fill(getByLabel(page, 'Daily goal'), '20');
    await click(getButton(page, 'Start learning'));

    await waitFor(() => expect(heading(page)).toBe('Bonjour, ana!'));
    const update = calls.find((call) => call.method === 'PATCH');
    expect(update?.headers['x-csrf-token']).toBe('csrf-1');
    expect(update?.body).toEqual({
      nativeLanguage: 'de',
      targetLanguages: [{ language: 'fr', level: 'B1' }],
      dailyGoalMinutes: 20,
      // The interface language shown at the top of the page (the browser's, unless changed there).
      interfaceLanguage: 'en',
      completeOnboarding: true,
    });
  });

  it('does not offer the native language as the language to learn', async () => {
    mockFetch(signedIn(makeUser({}, { onboarded: false, nativeLanguage: 'es', targetLanguages: [] })));
    const page = await openApp('/onboarding');
    await waitFor(() => getByLabel(page, 'Language you are learning'));
    const options = [...(getByLabel(page, 'Language you are learning') as HTMLSelectElement).options];
    expect(options.map((option) => option.value)).not.toContain('es');
  });
});
