import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable } from '../../tests/harness/test-database.ts';
import { createMember, defaultPassword, startTestApp, type TestApp } from '../../tests/helpers/test-app.ts';

describe.skipIf(postgresUnavailable())('auth', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ env: { LOGIN_MAX_FAILURES: '5' } });
  });
  afterAll(() => testApp.close());

  it('makes the first sign-up the owner and then closes sign-up', async () => {
    const status = await testApp.client().get('/api/auth/status');
    expect(status.body).toEqual({ needsSetup: true, openSignup: false });

    const owner = testApp.client();
    const signup = await owner.post('/api/auth/signup', {
      username: 'Ana.Owner',
      password: defaultPassword,
      email: 'ana@example.org',
    });
    expect(signup.status).toBe(201);
    expect(signup.body.user).toMatchObject({
      username: 'ana.owner',
      role: 'admin',
      isOwner: true,
      isChild: false,
    });
    expect(signup.body.csrfToken).toBe(owner.csrfToken);
    expect(JSON.stringify(signup.body)).not.toContain('scrypt');

    const second = await testApp
      .client()
      .post('/api/auth/signup', { username: 'intruder', password: defaultPassword });
    expect(second.status).toBe(403);
    expect(second.body.error.code).toBe('forbidden');
    expect(second.body.error.message).toMatch(/closed/i);
    expect((await testApp.client().get('/api/auth/status')).body).toEqual({
      needsSetup: false,
      openSignup: false,
    });

    // With open sign-up switched on, a stranger becomes a learner, never an admin.
    expect((await owner.patch('/api/admin/settings', { openSignup: true })).body).toEqual({
      openSignup: true,
      defaultCorrectionPolicy: 'important',
    });
    const open = await testApp
      .client()
      .post('/api/auth/signup', { username: 'newcomer', password: defaultPassword });
    expect(open.status).toBe(201);
    expect(open.body.user).toMatchObject({ role: 'learner', isOwner: false });
    const duplicate = await testApp
      .client()
      .post('/api/auth/signup', { username: 'NEWCOMER', password: defaultPassword });
    expect(duplicate.status).toBe(409);
    await owner.patch('/api/admin/settings', { openSignup: false });
  });

  it('sets HttpOnly SameSite session cookies and a readable CSRF cookie', async () => {
    const client = testApp.client();
    const login = await client.post('/api/auth/login', { username: 'ana.owner', password: defaultPassword });
    expect(login.status).toBe(200);
    const session = login.setCookies.find((cookie) => cookie.startsWith('charla_session='));
    const csrf = login.setCookies.find((cookie) => cookie.startsWith('csrf_token='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).toMatch(/Path=\//);
    expect(session).toMatch(/Expires=/);
    expect(session).not.toMatch(/Secure/); // plain HTTP on loopback
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(csrf).toMatch(/SameSite=Lax/);

    // Behind an HTTPS proxy the cookie is Secure.
    const secureApp = await startTestApp({ env: { TRUST_PROXY: 'true' } });
    try {
      const owner = secureApp.client();
      const response = await owner.request('POST', '/api/auth/signup', {
        json: { username: 'secure', password: defaultPassword },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(response.status).toBe(201);
      for (const cookie of response.setCookies) expect(cookie).toMatch(/; Secure/);
    } finally {
      await secureApp.close();
    }
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const wrongPassword = await testApp
      .client()
      .post('/api/auth/login', { username: 'ana.owner', password: 'not the password' });
    const unknownUser = await testApp
      .client()
      .post('/api/auth/login', { username: 'nobody-here', password: 'not the password' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownUser.body);
    expect(wrongPassword.body.error.code).toBe('unauthenticated');
    expect(wrongPassword.setCookies).toEqual([]);
  });

  it('throttles repeated failed logins with 429 and retry-after', async () => {
    const client = testApp.client();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      statuses.push(
        (await client.post('/api/auth/login', { username: 'newcomer', password: 'guess number x' })).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const refused = await client.post('/api/auth/login', { username: 'newcomer', password: defaultPassword });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    // The window passes: the right password works again.
    testApp.clock.advance(16 * 60 * 1000);
    const later = await client.post('/api/auth/login', { username: 'newcomer', password: defaultPassword });
    expect(later.status).toBe(200);
  });

  it('logs out one session, and everywhere', async () => {
    const first = testApp.client();
    const second = testApp.client();
    for (const client of [first, second]) {
      expect(
        (await client.post('/api/auth/login', { username: 'ana.owner', password: defaultPassword })).status,
      ).toBe(200);
    }
    expect((await first.post('/api/auth/logout')).status).toBe(204);
    expect((await first.get('/api/me')).status).toBe(401);
    expect((await second.get('/api/me')).status).toBe(200);

    const third = testApp.client();
    await third.post('/api/auth/login', { username: 'ana.owner', password: defaultPassword });
    expect((await third.post('/api/auth/logout-all')).status).toBe(204);
    expect((await second.get('/api/me')).status).toBe(401);
    expect((await third.get('/api/me')).status).toBe(401);
  });

  it('expires sessions after their lifetime', async () => {
    const client = testApp.client();
    await client.post('/api/auth/login', { username: 'ana.owner', password: defaultPassword });
    expect((await client.get('/api/me')).status).toBe(200);
    testApp.clock.advance(31 * 24 * 60 * 60 * 1000);
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('rejects a cookie-authenticated write without the CSRF token, and sign-up from another origin', async () => {
    const owner = testApp.client();
    await owner.post('/api/auth/login', { username: 'ana.owner', password: defaultPassword });
    owner.sendCsrf = false;
    const forged = await owner.post('/api/admin/members', { username: 'forged', password: defaultPassword });
    expect(forged.status).toBe(403);
    expect(forged.body.error.message).toMatch(/CSRF/);
    const wrongToken = await owner.request('PATCH', '/api/me/profile', {
      json: { dailyGoalMinutes: 30 },
      headers: { 'x-csrf-token': 'not-the-token' },
    });
    expect(wrongToken.status).toBe(403);
    owner.sendCsrf = true;
    const members = await owner.get('/api/admin/members');
    expect(members.body.members.map((member: { username: string }) => member.username)).not.toContain(
      'forged',
    );
    expect((await owner.get('/api/me')).body.user.profile.dailyGoalMinutes).toBe(15);

    const crossSite = await testApp.client().request('POST', '/api/auth/login', {
      json: { username: 'ana.owner', password: defaultPassword },
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.setCookies).toEqual([]);
  });

  it('refuses disabled members at login and ends their sessions', async () => {
    const owner = testApp.client();
    await owner.post('/api/auth/login', { username: 'ana.owner', password: defaultPassword });
    const { client: member, id } = await createMember(testApp, owner, { username: 'soon-disabled' });
    expect((await owner.patch(`/api/admin/members/${id}`, { disabled: true })).status).toBe(200);
    expect((await member.get('/api/me')).status).toBe(401);
    const login = await testApp
      .client()
      .post('/api/auth/login', { username: 'soon-disabled', password: defaultPassword });
    expect(login.status).toBe(403);
    expect(login.body.error.message).toMatch(/disabled/);
  });
});
