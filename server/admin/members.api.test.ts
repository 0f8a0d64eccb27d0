import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable } from '../../tests/harness/test-database.ts';
import {
  createMember,
  defaultPassword,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';

describe.skipIf(postgresUnavailable())('admin members', () => {
  let testApp: TestApp;
  let owner: TestClient;
  let ownerId: string;
  beforeAll(async () => {
    testApp = await startTestApp();
    owner = await signUpOwner(testApp);
    ownerId = (await owner.get('/api/me')).body.user.id;
  });
  afterAll(() => testApp.close());

  it('creates a child member who can log in, and lists members', async () => {
    const created = await owner.post('/api/admin/members', {
      username: 'Lucia',
      password: defaultPassword,
      isChild: true,
    });
    expect(created.status).toBe(201);
    expect(created.body.member).toMatchObject({
      username: 'lucia',
      role: 'learner',
      isChild: true,
      disabled: false,
      lastSeenAt: null,
    });
    const child = testApp.client();
    expect(
      (await child.post('/api/auth/login', { username: 'lucia', password: defaultPassword })).status,
    ).toBe(200);
    const list = await owner.get('/api/admin/members');
    expect(list.body.members.map((member: { username: string }) => member.username)).toEqual([
      'owner',
      'lucia',
    ]);
    expect(list.body.members[1].lastSeenAt).not.toBeNull();
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|password/i);
  });

  it('never lets the owner be deleted, disabled or demoted, by itself or another admin', async () => {
    expect((await owner.delete(`/api/admin/members/${ownerId}`)).status).toBe(409);
    expect((await owner.patch(`/api/admin/members/${ownerId}`, { disabled: true })).status).toBe(409);
    expect((await owner.patch(`/api/admin/members/${ownerId}`, { role: 'learner' })).status).toBe(409);
    const { client: otherAdmin } = await createMember(testApp, owner, {
      username: 'second-admin',
      role: 'admin',
    });
    expect((await otherAdmin.delete(`/api/admin/members/${ownerId}`)).status).toBe(409);
    expect((await otherAdmin.patch(`/api/admin/members/${ownerId}`, { disabled: true })).status).toBe(409);
    const me = await owner.get('/api/me');
    expect(me.body.user).toMatchObject({ role: 'admin', disabled: false, isOwner: true });
    expect((await owner.delete('/api/me', { password: defaultPassword })).status).toBe(409);
  });

  it('gives a learner 403 on every admin route and changes nothing', async () => {
    const { client: learner, id } = await createMember(testApp, owner, { username: 'plain-learner' });
    const before = await owner.get('/api/admin/members');
    const attempts = [
      learner.get('/api/admin/members'),
      learner.post('/api/admin/members', { username: 'sneaky', password: defaultPassword }),
      learner.patch(`/api/admin/members/${id}`, { role: 'admin' }),
      learner.patch(`/api/admin/members/${ownerId}`, { disabled: true }),
      learner.delete(`/api/admin/members/${ownerId}`),
      learner.get('/api/admin/settings'),
      learner.patch('/api/admin/settings', { openSignup: true }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('forbidden');
    }
    expect((await owner.get('/api/admin/members')).body).toEqual(before.body);
    expect((await owner.get('/api/admin/settings')).body).toEqual({
      openSignup: false,
      defaultCorrectionPolicy: 'important',
    });
  });

  it('resets a password and signs the member out everywhere', async () => {
    const { client: member, id } = await createMember(testApp, owner, { username: 'forgetful' });
    const reset = await owner.patch(`/api/admin/members/${id}`, { password: 'a brand new password' });
    expect(reset.status).toBe(200);
    expect((await member.get('/api/me')).status).toBe(401);
    const again = testApp.client();
    expect(
      (await again.post('/api/auth/login', { username: 'forgetful', password: defaultPassword })).status,
    ).toBe(401);
    expect(
      (await again.post('/api/auth/login', { username: 'forgetful', password: 'a brand new password' }))
        .status,
    ).toBe(200);
  });

  it('keeps at least one admin', async () => {
    const separate = await startTestApp();
    try {
      const first = await signUpOwner(separate, 'first');
      const { client: second, id: secondId } = await createMember(separate, first, {
        username: 'second',
        role: 'admin',
      });
      // Demoting or deleting another admin is fine while the owner remains an admin.
      expect((await first.patch(`/api/admin/members/${secondId}`, { role: 'learner' })).status).toBe(200);
      expect((await second.get('/api/admin/members')).status).toBe(403);
      expect((await first.delete(`/api/admin/members/${secondId}`)).status).toBe(204);
      expect((await second.get('/api/me')).status).toBe(401);
    } finally {
      await separate.close();
    }
  });

  it('marks and unmarks a child, and deletes a member with their sessions', async () => {
    const { client: member, id } = await createMember(testApp, owner, { username: 'temporary' });
    expect((await owner.patch(`/api/admin/members/${id}`, { isChild: true })).body.member.isChild).toBe(true);
    expect((await owner.delete(`/api/admin/members/${id}`)).status).toBe(204);
    expect((await member.get('/api/me')).status).toBe(401);
    expect((await owner.delete(`/api/admin/members/${id}`)).status).toBe(404);
    const remaining = await owner.get('/api/admin/members');
    expect(remaining.body.members.some((member: { id: string }) => member.id === id)).toBe(false);
  });
});
