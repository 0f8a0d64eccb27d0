import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportVersion } from '../../contracts/export.ts';
import { postgresUnavailable } from '../../tests/harness/test-database.ts';
import {
  createMember,
  defaultPassword,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';

describe.skipIf(postgresUnavailable())('account', () => {
  let testApp: TestApp;
  let owner: TestClient;
  beforeAll(async () => {
    testApp = await startTestApp();
    owner = await signUpOwner(testApp);
  });
  afterAll(() => testApp.close());

  it('onboards a learner and edits the profile', async () => {
    const { client } = await createMember(testApp, owner, { username: 'marta' });
    const early = await client.patch('/api/me/profile', { completeOnboarding: true });
    expect(early.status).toBe(400);
    expect(early.body.error.details.issues.map((issue: { path: string }) => issue.path)).toEqual([
      'nativeLanguage',
      'targetLanguages',
    ]);

    const onboarding = await client.patch('/api/me/profile', {
      nativeLanguage: 'en',
      targetLanguages: [{ language: 'es', level: 'A2' }],
      dailyGoalMinutes: 20,
      completeOnboarding: true,
    });
    expect(onboarding.status).toBe(200);
    expect(onboarding.body.user.profile).toMatchObject({
      nativeLanguage: 'en',
      targetLanguages: [{ language: 'es', level: 'A2' }],
      dailyGoalMinutes: 20,
      onboarded: true,
    });

    const update = await client.patch('/api/me/profile', {
      targetLanguages: [
        { language: 'fr', level: 'B1' },
        { language: 'es', level: 'A2' },
      ],
      correctionPolicy: 'all',
      explanationLanguage: 'target',
      voice: { rate: 0.8 },
    });
    expect(update.status).toBe(200);
    const me = await client.get('/api/me');
    expect(me.body.user.profile).toMatchObject({
      targetLanguages: [
        { language: 'fr', level: 'B1' },
        { language: 'es', level: 'A2' },
      ],
      correctionPolicy: 'all',
      explanationLanguage: 'target',
      voice: { rate: 0.8, voiceNames: {}, autoSpeak: false },
      onboarded: true,
    });
    expect(me.body.csrfToken).toBe(client.csrfToken);
  });

  it('refuses invalid profiles and changes nothing', async () => {
    const { client } = await createMember(testApp, owner, { username: 'pedro' });
    const before = (await client.get('/api/me')).body.user.profile;
    const cases = [
      { targetLanguages: [{ language: 'xx', level: 'A1' }] },
      { targetLanguages: [{ language: 'es', level: 'D9' }] },
      {
        targetLanguages: [
          { language: 'es', level: 'A1' },
          { language: 'es', level: 'B1' },
        ],
      },
      { dailyGoalMinutes: 100000 },
      { dailyGoalMinutes: '15' },
      { correctionPolicy: 'sometimes' },
      { nativeLanguage: 'es', targetLanguages: [{ language: 'es', level: 'A1' }] },
      { isOwner: true },
      { voice: { rate: 9 } },
    ];
    for (const body of cases) {
      const response = await client.patch('/api/me/profile', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
      expect(response.body.error.message.length).toBeGreaterThan(10);
    }
    expect((await client.get('/api/me')).body.user.profile).toEqual(before);
  });

  it('keeps speech preferences: the rate, a voice per language (merged, null forgets one) and auto-speak', async () => {
    const { client, id } = await createMember(testApp, owner, { username: 'voces' });
    const first = await client.patch('/api/me/profile', {
      voice: { rate: 0.7, voiceNames: { es: 'Mónica', fr: 'Thomas' } },
    });
    expect(first.status).toBe(200);
    expect(first.body.user.profile.voice).toEqual({
      rate: 0.7,
      voiceNames: { es: 'Mónica', fr: 'Thomas' },
      autoSpeak: false,
      // Server speech: the browser where it works, no server voice chosen, recordings not kept.
      engine: 'auto',
      serverVoices: {},
      storeAudio: false,
    });

    // Only what is sent changes: French is forgotten, Spanish kept, German added, the rate untouched.
    const second = await client.patch('/api/me/profile', {
      voice: { voiceNames: { fr: null, de: 'Google Deutsch' }, autoSpeak: true },
    });
    expect(second.status).toBe(200);
    expect((await client.get('/api/me')).body.user.profile.voice).toEqual({
      rate: 0.7,
      voiceNames: { es: 'Mónica', de: 'Google Deutsch' },
      autoSpeak: true,
      engine: 'auto',
      serverVoices: {},
      storeAudio: false,
    });

    // Server speech settings merge the same way: a server voice per language, null forgets one.
    const third = await client.patch('/api/me/profile', {
      voice: { engine: 'server', serverVoices: { es: 'nova', fr: 'alloy' }, storeAudio: true },
    });
    expect(third.status).toBe(200);
    await client.patch('/api/me/profile', { voice: { serverVoices: { fr: null } } });
    expect((await client.get('/api/me')).body.user.profile.voice).toMatchObject({
      engine: 'server',
      serverVoices: { es: 'nova' },
      storeAudio: true,
      voiceNames: { es: 'Mónica', de: 'Google Deutsch' },
    });

    // A row written before voices were chosen per language (one `voiceName`) still reads, as defaults.
    await testApp.database.db
      .updateTable('profiles')
      .set({ voice_json: JSON.stringify({ rate: 0.9, voiceName: 'Old', autoSpeak: 'yes' }) })
      .where('user_id', '=', id)
      .execute();
    expect((await client.get('/api/me')).body.user.profile.voice).toEqual({
      rate: 0.9,
      voiceNames: {},
      autoSpeak: false,
      engine: 'auto',
      serverVoices: {},
      storeAudio: false,
    });
  });

  it('refuses invalid speech preferences and changes nothing', async () => {
    const { client } = await createMember(testApp, owner, { username: 'mudo' });
    await client.patch('/api/me/profile', { voice: { rate: 0.8, voiceNames: { it: 'Alice' } } });
    const before = (await client.get('/api/me')).body.user.profile;
    const cases = [
      { voice: { rate: 0.2 } },
      { voice: { rate: '1' } },
      { voice: { voiceNames: { xx: 'Somebody' } } },
      { voice: { voiceNames: { es: '' } } },
      { voice: { voiceNames: { es: 'x'.repeat(201) } } },
      { voice: { voiceNames: ['Mónica'] } },
      { voice: { voiceName: 'Mónica' } },
      { voice: { autoSpeak: 1 } },
      { voice: { engine: 'cloud' } },
      { voice: { storeAudio: 'yes' } },
      { voice: { serverVoices: { es: 'two words' } } },
      { voice: { serverVoices: { xx: 'nova' } } },
      // One bad field refuses the whole update: the valid rate beside it is not applied either.
      { voice: { rate: 1.2, voiceNames: { es: null, zz: 'A' } } },
    ];
    for (const body of cases) {
      const response = await client.patch('/api/me/profile', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
    expect((await client.get('/api/me')).body.user.profile).toEqual(before);
    expect(before.voice).toEqual({
      rate: 0.8,
      voiceNames: { it: 'Alice' },
      autoSpeak: false,
      engine: 'auto',
      serverVoices: {},
      storeAudio: false,
    });
  });

  it('changes the password, keeping this session and ending the others', async () => {
    const { client } = await createMember(testApp, owner, { username: 'rosa' });
    const other = testApp.client();
    await other.post('/api/auth/login', { username: 'rosa', password: defaultPassword });
    const wrong = await client.post('/api/me/password', {
      currentPassword: 'not my password',
      newPassword: 'another long password',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.issues[0].path).toBe('currentPassword');
    const tooShort = await client.post('/api/me/password', {
      currentPassword: defaultPassword,
      newPassword: 'short',
    });
    expect(tooShort.status).toBe(400);
    const changed = await client.post('/api/me/password', {
      currentPassword: defaultPassword,
      newPassword: 'another long password',
    });
    expect(changed.status).toBe(204);
    expect((await client.get('/api/me')).status).toBe(200);
    expect((await other.get('/api/me')).status).toBe(401);
    const fresh = testApp.client();
    expect(
      (await fresh.post('/api/auth/login', { username: 'rosa', password: 'another long password' })).status,
    ).toBe(200);
  });

  it('exports all of the learner’s data and nobody else’s', async () => {
    const { client } = await createMember(testApp, owner, { username: 'exporter' });
    await client.patch('/api/me/profile', {
      nativeLanguage: 'de',
      targetLanguages: [{ language: 'it', level: 'B2' }],
    });
    const exported = await client.get('/api/me/export');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(
      /attachment; filename="charla-exporter-2026-11-24\.json"/,
    );
    expect(exported.body).toMatchObject({
      format: 'charla-export',
      version: exportVersion,
      user: { username: 'exporter', role: 'learner', isChild: false },
      tables: {
        profiles: [expect.objectContaining({ native_language: 'de' })],
        user_languages: [expect.objectContaining({ language: 'it', level: 'B2' })],
      },
    });
    // Sessions, budget totals and alerts belong to the server and never travel.
    expect(Object.keys(exported.body.tables)).not.toEqual(
      expect.arrayContaining(['sessions', 'member_budgets', 'budget_alerts', 'budget_reservations']),
    );
    expect(exported.text).not.toMatch(/scrypt|marta|csrf|password/i);
  });

  it('deletes the account only with the right password', async () => {
    const { client, id } = await createMember(testApp, owner, { username: 'leaving' });
    const wrong = await client.delete('/api/me', { password: 'not my password' });
    expect(wrong.status).toBe(400);
    expect((await client.get('/api/me')).status).toBe(200);
    const missing = await client.delete('/api/me', {});
    expect(missing.status).toBe(400);
    expect((await client.delete('/api/me', { password: defaultPassword })).status).toBe(204);
    expect((await client.get('/api/me')).status).toBe(401);
    const members = await owner.get('/api/admin/members');
    expect(members.body.members.some((member: { id: string }) => member.id === id)).toBe(false);
    const relogin = await testApp
      .client()
      .post('/api/auth/login', { username: 'leaving', password: defaultPassword });
    expect(relogin.status).toBe(401);
  });
});
