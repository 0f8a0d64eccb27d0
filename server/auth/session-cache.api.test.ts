import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable, testDbKind } from '../../tests/harness/test-database.ts';
import {
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '../../tests/helpers/server-process.ts';
import {
  createMember,
  defaultPassword,
  fakeProviderEnv,
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  TestClient,
} from '../../tests/helpers/test-app.ts';
import { sendTurn, startConversation } from '../../tests/helpers/turns.ts';
import { type FakeLlm, startFakeLlm } from '../../tools/fake-llm/fake-llm.ts';

/**
 * Sessions are cached in every process (decision 025). What ends one early must still hold on the
 * very next request: here in the process that made the change, on either database.
 */
describe('cached sessions in the process that ends them', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp?.close();
  });

  it('a logout everywhere, a disabled member and a demoted admin take effect on the next request', async () => {
    const owner = await signUpOwner(testApp);
    const learner = await createMember(testApp, owner, { username: 'lena' });
    const otherBrowser = testApp.client();
    await otherBrowser.post('/api/auth/login', { username: 'lena', password: defaultPassword });
    // Both sessions are now cached (each has been used).
    expect((await learner.client.get('/api/me')).status).toBe(200);
    expect((await otherBrowser.get('/api/me')).status).toBe(200);

    expect((await learner.client.post('/api/auth/logout-all', {})).status).toBe(204);
    expect((await otherBrowser.get('/api/me')).status).toBe(401);

    const again = testApp.client();
    await again.post('/api/auth/login', { username: 'lena', password: defaultPassword });
    expect((await again.get('/api/me')).status).toBe(200);
    expect((await owner.patch(`/api/admin/members/${learner.id}`, { disabled: true })).status).toBe(200);
    expect((await again.get('/api/me')).status).toBe(401);

    // Demoting an admin takes away admin routes on their next request too.
    const helper = await createMember(testApp, owner, { username: 'hugo', role: 'admin' });
    expect((await helper.client.get('/api/admin/members')).status).toBe(200);
    expect((await owner.patch(`/api/admin/members/${helper.id}`, { role: 'learner' })).status).toBe(200);
    expect((await helper.client.get('/api/admin/members')).status).toBe(403);
  });
});

/**
 * The same on a second, real server process sharing the PostgreSQL database: the change made in
 * the first reaches the second's cache through NOTIFY before the learner's next request there.
 */
describe.skipIf(testDbKind !== 'postgres' || postgresUnavailable())(
  'cached sessions across two processes on PostgreSQL',
  () => {
    let fake: FakeLlm;
    let testApp: TestApp;
    let second: ServerProcess | undefined;
    let workDir: string;

    beforeAll(async () => {
      fake = await startFakeLlm();
      const env = {
        ...fakeProviderEnv(fake),
        LLM_CHAIN_CONVERSATION: 'anthropic',
        LLM_CHAIN_FEEDBACK: 'anthropic',
      };
      testApp = await startTestApp({ env });
      workDir = await mkdtemp(join(tmpdir(), 'charla-sessions-'));
      second = await startServerProcess(
        { ...env, DATABASE_URL: testApp.config.DATABASE_URL as string, DATA_DIR: workDir },
        workDir,
      );
    });
    afterAll(async () => {
      await stopServerProcess(second);
      await testApp?.close();
      await fake?.close();
      if (workDir) await rm(workDir, { recursive: true, force: true });
    });

    const onSecond = async (username: string) => {
      const client = new TestClient((second as ServerProcess).url);
      const login = await client.post('/api/auth/login', { username, password: defaultPassword });
      expect(login.status).toBe(200);
      expect((await client.get('/api/me')).status).toBe(200);
      return client;
    };

    it('a logout everywhere in one process ends the session in the other on its next request', async () => {
      const owner = await signUpOwner(testApp);
      const learner = await createMember(testApp, owner, { username: 'lena' });
      const there = await onSecond('lena');
      // Used again: the second process answers from its cache.
      expect((await there.get('/api/me')).status).toBe(200);
      expect((await learner.client.post('/api/auth/logout-all', {})).status).toBe(204);
      expect((await there.get('/api/me')).status).toBe(401);
    });

    it('a member disabled in one process is refused in the other on their next request', async () => {
      const owner = new TestClient(testApp.url);
      await owner.post('/api/auth/login', { username: 'owner', password: defaultPassword });
      const member = await createMember(testApp, owner, { username: 'marta' });
      const there = await onSecond('marta');
      expect((await owner.patch(`/api/admin/members/${member.id}`, { disabled: true })).status).toBe(200);
      expect((await there.get('/api/me')).status).toBe(401);
    });

    it('a cap lowered in one process refuses the next turn in the other', async () => {
      const owner = new TestClient(testApp.url);
      await owner.post('/api/auth/login', { username: 'owner', password: defaultPassword });
      const member = await createMember(testApp, owner, { username: 'nina' });
      const there = await onSecond('nina');
      await onboard(there, 'es', 'A2');
      const conversationId = await startConversation(there, { language: 'es' });
      expect((await sendTurn(there, conversationId, 'Hola, ¿qué tal?')).status).toBe(200);
      const lowered = await owner.put(`/api/admin/members/${member.id}/budget`, {
        monthlyCapMicros: 1,
        dailyCapMicros: null,
      });
      expect(lowered.status).toBe(200);
      const refused = await sendTurn(there, conversationId, 'Otra vez, por favor.');
      expect(refused.status).toBe(402);
    });
  },
);
