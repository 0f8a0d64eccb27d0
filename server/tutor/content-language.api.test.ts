import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interfaceLanguages } from '../../contracts/messages/languages.ts';
import { postgresUnavailable } from '../../tests/harness/test-database.ts';
import {
  createMember,
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';
import { startConversation } from '../../tests/helpers/turns.ts';
import { builtInPersonas } from './personas.ts';
import { builtInScenarios, inLanguageOf } from './scenarios.ts';

/**
 * Issue 18: the built-in personas' and scenarios' names and short descriptions are shown in the
 * reader's interface language (what the tutor reads stays English), and the titles the server makes
 * for a new conversation are in its creator's language.
 */
describe.skipIf(postgresUnavailable())('built-in content in the reader’s language', () => {
  let testApp: TestApp;
  let owner: TestClient;
  let learner: TestClient;

  beforeAll(async () => {
    testApp = await startTestApp();
    owner = await signUpOwner(testApp);
    learner = (await createMember(testApp, owner, { username: 'sofia' })).client;
    await onboard(learner, 'es', 'A2', 'en');
  });
  afterAll(async () => {
    await testApp.close();
  });

  const speak = async (language: string) =>
    expect((await learner.patch('/api/me/profile', { interfaceLanguage: language })).status).toBe(200);

  it('has every built-in persona and scenario in all six interface languages', () => {
    for (const persona of builtInPersonas().list) {
      const translations = builtInPersonas().translations.get(persona.id) ?? {};
      expect(Object.keys(translations).sort(), persona.id).toEqual(
        interfaceLanguages.filter((language) => language !== 'en').sort(),
      );
    }
    for (const scenario of builtInScenarios()) {
      for (const language of interfaceLanguages) {
        expect(inLanguageOf(scenario, language).textLanguage, `${scenario.id} ${language}`).toBeUndefined();
      }
      expect(inLanguageOf(scenario, 'de').title).not.toBe(scenario.title);
    }
  });

  it('lists personas and scenarios in the reader’s language, and finds a scenario by its words', async () => {
    await speak('es');
    const personas = (await learner.get('/api/personas')).body.personas;
    expect(
      personas.find((persona: { id: string }) => persona.id === 'friendly-conversationalist'),
    ).toMatchObject({
      name: 'Conversador amable',
      description:
        'Conversación relajada y cercana que te anima a seguir hablando. Primero la fluidez, sin presión.',
      builtIn: true,
    });
    expect(personas.every((persona: { textLanguage?: string }) => persona.textLanguage === undefined)).toBe(
      true,
    );
    const found = (await learner.get('/api/scenarios?q=farmacia')).body.scenarios;
    expect(found.map((scenario: { id: string; title: string }) => [scenario.id, scenario.title])).toEqual([
      ['pharmacy', 'En la farmacia'],
    ]);
    // The English words still find it.
    expect((await learner.get('/api/scenarios?q=pharmacist')).body.scenarios[0]?.id).toBe('pharmacy');
    // Case and accents ignored: "CAFE" finds "Breakfast at a café" (and the Spanish reader's title).
    const ids = async (q: string) =>
      (await learner.get(`/api/scenarios?q=${encodeURIComponent(q)}`)).body.scenarios.map(
        (scenario: { id: string }) => scenario.id,
      );
    expect(await ids('CAFE')).toContain('cafe-breakfast');
    expect(await ids('ESCEPTICO')).toContain('board-proposal');

    await speak('de');
    const scenario = (await learner.get('/api/scenarios/cafe-breakfast')).body.scenario;
    expect(scenario).toMatchObject({
      title: 'Frühstück im Café',
      description: 'Bestell an der Theke eines Cafés einen Kaffee und etwas zu essen.',
      // The tutor's brief stays English.
      setting: expect.stringMatching(/^A lively café in the morning/),
    });
    expect(scenario.textLanguage).toBeUndefined();
  });

  it('titles a new conversation and a finished role-play in its creator’s language', async () => {
    await speak('de');
    const rolePlay = await learner.post('/api/conversations', {
      language: 'es',
      scenarioId: 'restaurant-dinner',
    });
    expect(rolePlay.status).toBe(201);
    expect(rolePlay.body.conversation.title).toBe('Abendessen im Restaurant (Spanisch)');
    const free = await learner.post('/api/conversations', { language: 'es' });
    expect(free.body.conversation.title).toBe('Gespräch auf Spanisch');
    // A persona the learner cannot use is refused in their language, summary included.
    const refused = await learner.post('/api/conversations', { language: 'es', personaId: 'nobody' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'validation_failed',
      message: 'Ein Teil der Angaben ist ungültig: personaId: ist keine Persona, die du verwenden kannst',
      details: { issues: [{ path: 'personaId', message: 'ist keine Persona, die du verwenden kannst' }] },
    });

    await speak('es');
    const explained = await learner.post('/api/conversations', { language: 'es', mode: 'explain' });
    expect(explained.status).toBe(201);
    expect(explained.body.conversation.title).toMatch(/\(español\)$/);
    expect(explained.body.conversation.title).not.toMatch(/Explain/);

    // Every goal met: the dashboard lists the role-play by the scenario's title in the reader's language.
    const goals = builtInScenarios()
      .find((candidate) => candidate.id === 'restaurant-dinner')
      ?.goals.map((goal) => goal.id);
    await testApp.database.db
      .updateTable('conversations')
      .set({ goals_met_json: JSON.stringify(goals) })
      .where('id', '=', rolePlay.body.conversation.id)
      .execute();
    const progress = (await learner.get('/api/progress')).body;
    expect(progress.scenarios.recent).toEqual([
      {
        conversationId: rolePlay.body.conversation.id,
        scenarioId: 'restaurant-dinner',
        title: 'Cena en un restaurante',
      },
    ]);

    await speak('en');
    expect(await startConversation(learner, { language: 'es' })).toBeTruthy();
    const latest = (await learner.get('/api/conversations?limit=1')).body.conversations[0];
    expect(latest.title).toBe('Spanish conversation');
  });
});
