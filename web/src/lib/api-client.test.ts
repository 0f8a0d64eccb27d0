// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, json, mockFetch } from '../test/dom.tsx';
import { ApiError, api, filenameFromDisposition, onUnauthenticated, setCsrfToken } from './api-client.ts';

/** Plays the server's part: in the browser these cookies come from Set-Cookie headers. */
function setCookie(cookie: string) {
  // biome-ignore lint/suspicious/noDocumentCookie: the test stands in for the server's Set-Cookie.
  document.cookie = cookie;
}

function clearCookies() {
  for (const cookie of document.cookie.split(';')) {
    const name = cookie.split('=')[0]?.trim();
    if (name) setCookie(`${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`);
  }
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('api client', () => {
  beforeEach(() => {
    clearCookies();
    setCsrfToken(null);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends the csrf_token cookie as x-csrf-token on writes, with a JSON body and same-origin credentials', async () => {
    setCookie('session=abc; path=/');
    setCookie('csrf_token=tok%2Fen-1; path=/');
    const seen: RequestInit[] = [];
    vi.stubGlobal('fetch', async (_input: string, init: RequestInit) => {
      seen.push(init);
      return json({ ok: true });
    });

    await api.patch('/api/me/profile', { dailyGoalMinutes: 20 });
    await api.get('/api/me');

    const [write, read] = seen;
    expect(write?.method).toBe('PATCH');
    expect(write?.credentials).toBe('same-origin');
    expect(write?.headers).toMatchObject({ 'x-csrf-token': 'tok/en-1', 'content-type': 'application/json' });
    expect(write?.body).toBe('{"dailyGoalMinutes":20}');
    expect(read?.credentials).toBe('same-origin');
    expect(read?.headers).not.toHaveProperty('x-csrf-token');
  });

  it('falls back to the token the server returned when the cookie is unreadable', async () => {
    setCsrfToken('from-session');
    const calls = mockFetch({ 'DELETE /api/admin/members/1': () => new Response(null, { status: 204 }) });

    const result = await api.delete('/api/admin/members/1');

    expect(result).toBeUndefined();
    expect(calls[0]?.headers['x-csrf-token']).toBe('from-session');
  });

  it('turns the one error shape into a typed ApiError with its validation issues', async () => {
    mockFetch({
      'POST /api/auth/signup': () =>
        apiError(400, 'validation_failed', 'The request is invalid', {
          issues: [{ path: 'password', message: 'must be at least 10 characters' }],
        }),
    });

    const error = await failure(api.post('/api/auth/signup', { username: 'ana', password: 'short' }));

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'The request is invalid',
    });
    expect(error.issues).toEqual([{ path: 'password', message: 'must be at least 10 characters' }]);
  });

  it('gives a readable error when the body is not the error shape, and when the network fails', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    const badGateway = await failure(api.get('/api/me'));
    expect(badGateway).toMatchObject({ status: 502, code: 'internal_error' });
    expect(badGateway.message).toContain('HTTP 502');

    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const offline = await failure(api.get('/api/me'));
    expect(offline).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('reports a 401 as a possibly ended session, except on password checks', async () => {
    mockFetch({
      'GET /api/admin/members': () => apiError(401, 'unauthenticated', 'Sign in first'),
      'POST /api/auth/login': () => apiError(401, 'unauthenticated', 'Wrong username or password'),
    });
    const listener = vi.fn();
    const stop = onUnauthenticated(listener);

    await api
      .post('/api/auth/login', { username: 'a', password: 'b' }, { credentialCheck: true })
      .catch(() => {});
    expect(listener).not.toHaveBeenCalled();
    await api.get('/api/admin/members').catch(() => {});
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
  });

  it('reads the download file name from Content-Disposition', () => {
    expect(filenameFromDisposition('attachment; filename="charla-ana.json"')).toBe('charla-ana.json');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''ma%C3%B1ana.json")).toBe('mañana.json');
    expect(filenameFromDisposition(null)).toBeNull();
  });
});
