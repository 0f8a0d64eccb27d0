import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable } from '../../tests/harness/test-database.ts';
import {
  createMember,
  fakeProviderEnv,
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';
import { replyText, sendTurn } from '../../tests/helpers/turns.ts';
import { type FakeLlm, startFakeLlm } from '../../tools/fake-llm/fake-llm.ts';

const unknownId = '0195f0a0-0000-7000-8000-0000000000ff';

describe.skipIf(postgresUnavailable())('child transcripts for admins', () => {
  let fake: FakeLlm;
  let testApp: TestApp;
  let owner: TestClient;
  let child: TestClient;
  let childId: string;
  let childConversationId: string;
  let adult: TestClient;
  let adultId: string;
  let adultConversationId: string;
  let otherChildConversationId: string;
  /** Every row these reads could touch, to prove they write nothing. */
  let snapshot: () => Promise<unknown>;

  beforeAll(async () => {
    fake = await startFakeLlm();
    testApp = await startTestApp({
      env: {
        ...fakeProviderEnv(fake),
        LLM_CHAIN_CONVERSATION_ES: 'anthropic',
        LLM_CHAIN_FEEDBACK_ES: 'anthropic',
      },
    });
    owner = await signUpOwner(testApp);
    ({ client: child, id: childId } = await createMember(testApp, owner, {
      username: 'leo',
      isChild: true,
    }));
    ({ client: adult, id: adultId } = await createMember(testApp, owner, { username: 'ana' }));
    const { client: otherChild } = await createMember(testApp, owner, { username: 'mia', isChild: true });
    for (const client of [child, adult, otherChild]) await onboard(client, 'es', 'A1');

    const start = async (client: TestClient, title: string) => {
      const created = await client.post('/api/conversations', { language: 'es', title });
      expect(created.status).toBe(201);
      return created.body.conversation.id as string;
    };
    childConversationId = await start(child, 'En el parque');
    adultConversationId = await start(adult, 'Private chat');
    otherChildConversationId = await start(otherChild, 'Mia talks');

    fake.script({ provider: 'anthropic', contains: 'perro', text: '¡Qué **bonito**! ¿Cómo se llama?' });
    fake.script({
      provider: 'anthropic',
      structured: true,
      json: {
        corrections: [
          {
            original: 'un perro grande y bonita',
            corrected: 'un perro grande y bonito',
            category: 'agreement',
            explanation: '"Perro" is masculine, so the adjective is too.',
            severity: 'moderate',
          },
        ],
        rephrasing: null,
        newVocabulary: [],
        goalsMet: [],
      },
    });
    const turn = await sendTurn(child, childConversationId, 'Tengo un perro grande y bonita');
    expect(replyText(turn.events)).toBe('¡Qué **bonito**! ¿Cómo se llama?');
    expect(turn.events.at(-1)?.type).toBe('done');
    await sendTurn(child, childConversationId, 'Se llama Toby');

    snapshot = async () => {
      const db = testApp.database.db;
      return {
        conversations: await db.selectFrom('conversations').selectAll().orderBy('id').execute(),
        messages: await db.selectFrom('messages').selectAll().orderBy('id').execute(),
        feedback: await db.selectFrom('message_feedback').selectAll().orderBy('message_id').execute(),
        users: await db.selectFrom('users').selectAll().orderBy('id').execute(),
      };
    };
  });
  afterAll(async () => {
    await testApp.close();
    await fake.close();
  });

  it("lists a child's conversations for an admin, as the child sees them", async () => {
    const before = await snapshot();
    const list = await owner.get(`/api/admin/members/${childId}/conversations`);
    expect(list.status).toBe(200);
    expect(list.body.member).toEqual({ id: childId, username: 'leo' });
    const own = await child.get('/api/conversations');
    expect(list.body.conversations).toEqual(own.body.conversations);
    expect(list.body.conversations).toHaveLength(1);
    expect(list.body.conversations[0]).toMatchObject({
      id: childConversationId,
      title: 'En el parque',
      language: 'es',
      messageCount: 4,
    });
    // The learner's list query works the same: a search and a limit.
    const searched = await owner.get(`/api/admin/members/${childId}/conversations?q=toby&limit=5`);
    expect(searched.body.conversations.map((item: { id: string }) => item.id)).toEqual([childConversationId]);
    const missed = await owner.get(`/api/admin/members/${childId}/conversations?q=nothing-like-this`);
    expect(missed.body.conversations).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it("reads a child's messages, feedback included, paged exactly like the child's own view", async () => {
    const before = await snapshot();
    const path = `/api/admin/members/${childId}/conversations/${childConversationId}`;
    const page = await owner.get(path);
    expect(page.status).toBe(200);
    expect(page.body).toEqual((await child.get(`/api/conversations/${childConversationId}`)).body);
    expect(page.body.hasMore).toBe(false);
    expect(page.body.messages.map((message: { role: string; text: string }) => message.role)).toEqual([
      'learner',
      'tutor',
      'learner',
      'tutor',
    ]);
    const [learnerMessage, tutorMessage] = page.body.messages;
    expect(learnerMessage).toMatchObject({ text: 'Tengo un perro grande y bonita', status: 'complete' });
    expect(learnerMessage.feedback.corrections).toEqual([
      expect.objectContaining({ corrected: 'un perro grande y bonito', category: 'agreement' }),
    ]);
    expect(tutorMessage).toMatchObject({
      text: '¡Qué **bonito**! ¿Cómo se llama?',
      status: 'complete',
      provider: 'anthropic',
    });

    // Scrolling back: the newest message first, then the ones before it.
    const newest = await owner.get(`${path}?limit=1`);
    expect(newest.body).toEqual((await child.get(`/api/conversations/${childConversationId}?limit=1`)).body);
    expect(newest.body.hasMore).toBe(true);
    expect(newest.body.messages.map((message: { id: string }) => message.id)).toEqual([
      page.body.messages[3].id,
    ]);
    const older = await owner.get(`${path}?limit=2&before=${newest.body.messages[0].id}`);
    expect(older.body.messages.map((message: { id: string }) => message.id)).toEqual([
      page.body.messages[1].id,
      page.body.messages[2].id,
    ]);
    expect(older.body.hasMore).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses the transcripts of an adult member with 403', async () => {
    const before = await snapshot();
    for (const path of [
      `/api/admin/members/${adultId}/conversations`,
      `/api/admin/members/${adultId}/conversations/${adultConversationId}`,
    ]) {
      const response = await owner.get(path);
      expect(response.status).toBe(403);
      expect(response.body.error).toEqual({
        code: 'forbidden',
        message: 'Transcripts are only visible for child accounts.',
      });
    }
    // The owner is an admin, not a child: the same rule.
    const ownerId = (await owner.get('/api/me')).body.user.id;
    expect((await owner.get(`/api/admin/members/${ownerId}/conversations`)).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 404 for an unknown member and for a conversation that is not the child’s', async () => {
    const before = await snapshot();
    const cases = [
      `/api/admin/members/${unknownId}/conversations`,
      `/api/admin/members/${unknownId}/conversations/${childConversationId}`,
      `/api/admin/members/${childId}/conversations/${otherChildConversationId}`,
      `/api/admin/members/${childId}/conversations/${adultConversationId}`,
      `/api/admin/members/${childId}/conversations/${unknownId}`,
    ];
    for (const path of cases) {
      const response = await owner.get(path);
      expect(response.status, path).toBe(404);
      expect(response.body.error.code).toBe('not_found');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('gives learners 403 on these routes, the child included', async () => {
    const paths = [
      `/api/admin/members/${childId}/conversations`,
      `/api/admin/members/${childId}/conversations/${childConversationId}`,
      '/api/admin/members/not-a-uuid/conversations',
    ];
    for (const client of [child, adult]) {
      for (const path of paths) {
        const response = await client.get(path);
        expect(response.status, path).toBe(403);
        expect(response.body.error.code).toBe('forbidden');
      }
    }
    const anonymous = await testApp.client().get(`/api/admin/members/${childId}/conversations`);
    expect(anonymous.status).toBe(401);
  });

  it('answers malformed ids and queries with 400, never 5xx', async () => {
    const before = await snapshot();
    const conversations = `/api/admin/members/${childId}/conversations`;
    const cases: Array<[string, RegExp]> = [
      ['/api/admin/members/not-a-uuid/conversations', /id: must be a member id/],
      // Fastify's own limit answers first, in the same error shape.
      [`/api/admin/members/${'a'.repeat(5000)}/conversations`, /max param length/],
      [`${conversations}/not-a-uuid`, /conversationId: must be a conversation id/],
      [`/api/admin/members/1/conversations/2`, /must be a member id/],
      [`${conversations}?limit=0`, /limit/],
      [`${conversations}?limit=abc`, /limit/],
      [`${conversations}?q=${'x'.repeat(201)}`, /q/],
      [`${conversations}?sort=oldest`, /sort/],
      [`${conversations}/${childConversationId}?limit=201`, /limit/],
      [`${conversations}/${childConversationId}?before=yesterday`, /before/],
      [`${conversations}/${childConversationId}?page=2`, /page/],
    ];
    for (const [path, pattern] of cases) {
      const response = await owner.get(path);
      const label = path.slice(0, 120);
      expect(response.status, label).toBe(400);
      expect(response.body.error.code, label).toBe('validation_failed');
      expect(response.body.error.message, label).toMatch(pattern);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('appear in the OpenAPI document with their schemas', async () => {
    const document = await owner.get('/api/openapi.json');
    expect(document.status).toBe(200);
    const paths = document.body.paths as Record<string, { get?: { parameters?: unknown[] } }>;
    expect(paths['/api/admin/members/{id}/conversations']?.get).toBeDefined();
    expect(
      paths['/api/admin/members/{id}/conversations/{conversationId}']?.get?.parameters?.length,
    ).toBeGreaterThanOrEqual(4);
  });
});
