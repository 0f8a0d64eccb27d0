import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postgresUnavailable } from '../../tests/harness/test-database.ts';
import {
  fakeProviderEnv,
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';
import { eventually, sendTurn, startConversation } from '../../tests/helpers/turns.ts';
import { type FakeLlm, startFakeLlm } from '../../tools/fake-llm/fake-llm.ts';
import { cleanTitle } from './title.ts';

describe('cleanTitle', () => {
  it('keeps one line of at most 60 characters, without quotes, labels or a full stop', () => {
    expect(cleanTitle('"Planes para el fin de semana."')).toBe('Planes para el fin de semana');
    expect(cleanTitle('Título: «Música y conciertos»\nmore')).toBe('Música y conciertos');
    expect(cleanTitle('x'.repeat(80))).toHaveLength(58);
    expect(cleanTitle('  \n  ')).toBe('');
  });
});

/**
 * A conversation is named after what it is about, not after the learner's first sentence: the
 * scenario's or mode's name until the tutor has answered, then a few words from the summary role,
 * metered as `title`, in the background. A title the learner chose is never replaced.
 */
describe.skipIf(postgresUnavailable())('conversation titles', () => {
  let fake: FakeLlm;
  let testApp: TestApp;
  let learner: TestClient;

  beforeAll(async () => {
    fake = await startFakeLlm();
    testApp = await startTestApp({
      env: {
        ...fakeProviderEnv(fake),
        LLM_CHAIN_CONVERSATION: 'anthropic',
        LLM_CHAIN_FEEDBACK: 'mistral',
        LLM_CHAIN_SUMMARY: 'mistral',
        AUTO_TITLES: 'true',
      },
    });
    learner = await signUpOwner(testApp);
    await onboard(learner, 'es', 'A2');
  });
  afterAll(async () => {
    await testApp.close();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  const titleOf = async (id: string) =>
    (await learner.get(`/api/conversations/${id}`)).body.conversation.title;

  it('names a conversation from the summary role once the tutor has answered, metered as title', async () => {
    const conversationId = await startConversation(learner, { language: 'es' });
    expect(await titleOf(conversationId)).toBe('Spanish conversation');
    fake.script([
      { provider: 'anthropic', structured: false, text: '¡Qué bien! ¿Qué música te gusta?' },
      { provider: 'mistral', structured: false, system: 'Name this Spanish', text: '"Música y conciertos."' },
    ]);
    await sendTurn(learner, conversationId, 'Yo ir a un concierto ayer, me gusta mucho la musica.');
    await eventually(async () => (await titleOf(conversationId)) === 'Música y conciertos');
    const call = fake
      .requests({ provider: 'mistral' })
      .find((request) => JSON.stringify(request.body).includes('Name this'));
    // The first messages are the data; the learner's sentence is never the title.
    expect(JSON.stringify(call?.body)).toContain('Yo ir a un concierto');
    const [row] = await testApp.database.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('purpose', '=', 'title')
      .execute();
    expect(row).toMatchObject({ provider: 'mistral', outcome: 'ok' });

    // Named once: the next turn does not rename it.
    fake.script({ provider: 'anthropic', structured: false, text: 'Me encanta el jazz.' });
    await sendTurn(learner, conversationId, 'Me gusta el rock.');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await titleOf(conversationId)).toBe('Música y conciertos');
    const titles = await testApp.database.db
      .selectFrom('ledger_entries')
      .select('id')
      .where('conversation_id', '=', conversationId)
      .where('purpose', '=', 'title')
      .execute();
    expect(titles).toHaveLength(1);
  });

  it('never replaces a title the learner gave or chose', async () => {
    const named = await startConversation(learner, { language: 'es', title: 'Mis vacaciones' });
    const renamed = await startConversation(learner, { language: 'es' });
    expect((await learner.patch(`/api/conversations/${renamed}`, { title: 'Para el examen' })).status).toBe(
      200,
    );
    for (const id of [named, renamed]) {
      fake.script({ provider: 'anthropic', structured: false, text: 'Vale.' });
      await sendTurn(learner, id, 'Hola, ¿qué tal?');
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await titleOf(named)).toBe('Mis vacaciones');
    expect(await titleOf(renamed)).toBe('Para el examen');
    const calls = fake
      .requests({ provider: 'mistral' })
      .filter((request) => JSON.stringify(request.body).includes('Name this'));
    expect(calls).toEqual([]);
  });
});
