import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable } from '../../tests/harness/test-database.ts';
import {
  defaultPassword,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';

describe.skipIf(postgresUnavailable())('bad input', () => {
  let testApp: TestApp;
  let owner: TestClient;
  let snapshot: () => Promise<unknown>;
  beforeAll(async () => {
    testApp = await startTestApp();
    owner = await signUpOwner(testApp);
    snapshot = async () => ({
      users: await testApp.database.db.selectFrom('users').selectAll().orderBy('id').execute(),
      profiles: await testApp.database.db.selectFrom('profiles').selectAll().orderBy('user_id').execute(),
      settings: await testApp.database.db.selectFrom('settings').selectAll().orderBy('key').execute(),
    });
  });
  afterAll(() => testApp.close());

  it('answers malformed JSON, wrong types, unknown fields and a 2 MB body with clear 4xx and changes nothing', async () => {
    const before = await snapshot();
    const cases: Array<{
      method: string;
      path: string;
      body: string | Buffer;
      type?: string;
      status: number;
      code: string;
      pattern: RegExp;
    }> = [
      {
        method: 'POST',
        path: '/api/admin/members',
        body: '{"username": "x",',
        status: 400,
        code: 'validation_failed',
        pattern: /not valid JSON/,
      },
      {
        method: 'PATCH',
        path: '/api/me/profile',
        body: '{"dailyGoalMinutes": "lots"}',
        status: 400,
        code: 'validation_failed',
        pattern: /dailyGoalMinutes/,
      },
      {
        method: 'PATCH',
        path: '/api/me/profile',
        body: '{"role": "admin"}',
        status: 400,
        code: 'validation_failed',
        pattern: /role: is not a known field/,
      },
      {
        // A byte that is not UTF-8 inside a string: read as U+FFFD it used to be stored as typed.
        method: 'POST',
        path: '/api/admin/members',
        body: Buffer.concat([
          Buffer.from('{"username": "ab'),
          Buffer.from([0xff]),
          Buffer.from(`c", "password": "${defaultPassword}"}`),
        ]),
        status: 400,
        code: 'validation_failed',
        pattern: /not valid UTF-8/,
      },
      {
        method: 'POST',
        path: '/api/admin/members',
        body: '[1,2,3]',
        status: 400,
        code: 'validation_failed',
        pattern: /Invalid request body/,
      },
      {
        method: 'POST',
        path: '/api/admin/members',
        body: 'null',
        status: 400,
        code: 'validation_failed',
        pattern: /Invalid request body/,
      },
      {
        method: 'POST',
        path: '/api/admin/members',
        body: JSON.stringify({ username: 'big', password: 'x'.repeat(2 * 1024 * 1024) }),
        status: 413,
        code: 'payload_too_large',
        pattern: /too large/,
      },
      {
        method: 'POST',
        path: '/api/admin/members',
        body: 'username=a',
        type: 'application/x-www-form-urlencoded',
        status: 415,
        code: 'unsupported_media_type',
        pattern: /JSON/,
      },
      {
        method: 'PATCH',
        path: '/api/admin/members/not-a-uuid',
        body: '{"isChild": true}',
        status: 400,
        code: 'validation_failed',
        pattern: /path/,
      },
      {
        method: 'PATCH',
        path: '/api/admin/members/0190a3c4-0000-7000-8000-000000000000',
        body: '{"isChild": true}',
        status: 404,
        code: 'not_found',
        pattern: /not found/,
      },
      {
        method: 'PATCH',
        path: '/api/admin/members/0190a3c4-0000-7000-8000-000000000000',
        body: '{}',
        status: 400,
        code: 'validation_failed',
        pattern: /nothing to update/,
      },
      {
        method: 'POST',
        path: '/api/auth/login',
        body: '{"username": 12, "password": []}',
        status: 400,
        code: 'validation_failed',
        pattern: /username/,
      },
      {
        method: 'POST',
        path: '/api/auth/signup',
        body: `{"username": "${'a'.repeat(40)}", "password": "${defaultPassword}"}`,
        status: 400,
        code: 'validation_failed',
        pattern: /at most 32/,
      },
      {
        method: 'POST',
        path: '/api/auth/signup',
        body: '{"username": "bad name!", "password": "long enough password"}',
        status: 400,
        code: 'validation_failed',
        pattern: /may only contain/,
      },
    ];
    for (const testCase of cases) {
      const response = await owner.request(testCase.method, testCase.path, {
        body: testCase.body,
        headers: { 'content-type': testCase.type ?? 'application/json' },
      });
      const label = `${testCase.method} ${testCase.path} ${String(testCase.body).slice(0, 40)}`;
      expect(response.status, label).toBe(testCase.status);
      expect(response.body.error.code, label).toBe(testCase.code);
      expect(response.body.error.message, label).toMatch(testCase.pattern);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('answers unknown API routes with a JSON 404 and never a 5xx for odd requests', async () => {
    const unknown = await owner.get('/api/does-not-exist');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const odd = [
      await owner.request('GET', '/api/admin/members/%E0%A4%A'),
      await owner.request('DELETE', '/api/me', { body: '', headers: { 'content-type': 'application/json' } }),
      await owner.request('POST', '/api/auth/login', {
        body: '\u0000\u0001',
        headers: { 'content-type': 'application/json' },
      }),
      await owner.request('PATCH', `/api/admin/members/${'a'.repeat(5000)}`, { json: { isChild: true } }),
      await testApp
        .client()
        .request('GET', '/api/me', { headers: { cookie: `charla_session=${'x'.repeat(4000)}` } }),
    ];
    for (const response of odd) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body.error?.message, `${response.status} ${response.text}`).toBeTruthy();
    }
  });

  it('serves a health check and an OpenAPI document generated from the schemas', async () => {
    const health = await testApp.client().get('/api/health');
    expect(health.body).toEqual({ status: 'ok', database: testApp.database.kind });
    const openapi = await testApp.client().get('/api/openapi.json');
    expect(openapi.status).toBe(200);
    expect(openapi.body.openapi).toBe('3.1.0');
    const signup = openapi.body.paths['/api/auth/signup'].post;
    expect(signup.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    for (const path of [
      '/api/me',
      '/api/me/profile',
      '/api/admin/members',
      '/api/admin/members/{id}',
      '/api/me/export',
    ]) {
      expect(openapi.body.paths[path], path).toBeDefined();
    }
    expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
