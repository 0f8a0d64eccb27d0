import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable } from '../../tests/harness/test-database.ts';
import {
  createMember,
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
  type TestResponse,
} from '../../tests/helpers/test-app.ts';

/**
 * The messages the contracts write in their zod schemas ("Paste the API key.", "add at least one style
 * rule") reach the reader in their interface language, under the field they are about; an English
 * reader still reads the contract's own words.
 */
describe.skipIf(postgresUnavailable())('contract field messages in the interface language', () => {
  let testApp: TestApp;
  let owner: TestClient;
  let spanish: TestClient;
  let german: TestClient;
  let learnerId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    owner = await signUpOwner(testApp);
    spanish = (await createMember(testApp, owner, { username: 'sofia', role: 'admin' })).client;
    german = (await createMember(testApp, owner, { username: 'jonas', role: 'admin' })).client;
    learnerId = (await createMember(testApp, owner, { username: 'lucia' })).id;
    for (const client of [owner, spanish, german]) await onboard(client, 'fr', 'A2');
    expect((await spanish.patch('/api/me/profile', { interfaceLanguage: 'es' })).status).toBe(200);
    expect((await german.patch('/api/me/profile', { interfaceLanguage: 'de' })).status).toBe(200);
  });
  afterAll(async () => {
    await testApp.close();
  });

  const refusal = async (response: TestResponse) => {
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    return response.body.error as {
      message: string;
      details: { issues: { path: string; message: string }[] };
    };
  };

  it('refuses an AI provider’s form fields in Spanish and German, in English for English readers', async () => {
    const addProvider = (client: TestClient, body: Record<string, unknown>) =>
      client.post('/api/admin/providers', body);

    const noKeyEs = await refusal(await addProvider(spanish, { kind: 'anthropic', name: 'Claude' }));
    expect(noKeyEs.details.issues).toEqual([{ path: 'apiKey', message: 'Pega la clave de API.' }]);
    expect(noKeyEs.message).toContain('apiKey: Pega la clave de API.');

    const noKeyEn = await refusal(await addProvider(owner, { kind: 'anthropic', name: 'Claude' }));
    expect(noKeyEn.details.issues).toEqual([{ path: 'apiKey', message: 'Paste the API key.' }]);

    const shortKeyDe = await refusal(
      await addProvider(german, { kind: 'anthropic', name: 'Claude', apiKey: 'abc' }),
    );
    expect(shortKeyDe.details.issues).toEqual([
      { path: 'apiKey', message: 'Dieser Schlüssel ist zu kurz für einen API-Schlüssel.' },
    ]);

    const noNameDe = await refusal(await addProvider(german, { kind: 'openai-compatible', name: '  ' }));
    expect(noNameDe.details.issues).toContainEqual({
      path: 'name',
      message: 'Gib dem Anbieter einen Namen.',
    });

    const localEs = await refusal(
      await addProvider(spanish, {
        kind: 'local',
        name: 'Local',
        modelFile: 'model.gguf',
        baseUrl: 'http://127.0.0.1:11434/v1',
      }),
    );
    expect(localEs.details.issues).toEqual([
      { path: 'baseUrl', message: 'Un modelo local no tiene dirección ni clave.' },
    ]);
  });

  it('refuses a persona’s style rules in Spanish and German', async () => {
    const persona = { name: 'Profe', description: 'Paciente y clara', previewLine: 'Hola' };
    const noRulesEs = await refusal(await spanish.post('/api/personas', { ...persona, styleRules: [] }));
    expect(noRulesEs.details.issues).toEqual([
      { path: 'styleRules', message: 'añade al menos una regla de estilo' },
    ]);

    const rules = Array.from({ length: 11 }, (_, index) => `Regel ${index + 1}`);
    const tooManyDe = await refusal(await german.post('/api/personas', { ...persona, styleRules: rules }));
    expect(tooManyDe.details.issues).toEqual([{ path: 'styleRules', message: 'höchstens 10 Stilregeln' }]);
  });

  it('refuses budget and usage fields in Spanish and German', async () => {
    const cap = { monthlyCapMicros: 2_000_000_000_000 };
    const capEs = await refusal(await spanish.put(`/api/admin/members/${learnerId}/budget`, cap));
    expect(capEs.details.issues).toEqual([
      { path: 'monthlyCapMicros', message: 'debe ser como mucho 1.000.000\u00a0US$' },
    ]);
    const capDe = await refusal(await german.put(`/api/admin/members/${learnerId}/budget`, cap));
    expect(capDe.details.issues).toEqual([
      { path: 'monthlyCapMicros', message: 'darf höchstens 1.000.000\u00a0$ sein' },
    ]);

    const monthEs = await refusal(await spanish.get('/api/me/usage?month=2026-13'));
    expect(monthEs.details.issues).toEqual([{ path: 'month', message: 'debe ser un mes como 2026-11' }]);
  });

  it('writes a number bound and the language codes’ sentence the reader’s way', async () => {
    const retentionDe = await refusal(
      await german.patch('/api/vocabulary/settings', { desiredRetention: 0.5 }),
    );
    expect(retentionDe.details.issues).toEqual([
      { path: 'desiredRetention', message: 'muss mindestens 0,70 sein' },
    ]);
    const retentionEn = await refusal(await owner.patch('/api/vocabulary/settings', { desiredRetention: 1 }));
    expect(retentionEn.details.issues).toEqual([
      { path: 'desiredRetention', message: 'must be at most 0.99' },
    ]);

    const deckEs = await refusal(
      await spanish.post('/api/vocabulary/decks', { language: 'xx', name: 'Mazo' }),
    );
    expect(deckEs.details.issues).toHaveLength(1);
    expect(deckEs.details.issues[0]?.path).toBe('language');
    expect(deckEs.details.issues[0]?.message).toMatch(
      /^debe ser uno de los códigos de idioma admitidos: .*\bes\b.*\bfr\b/,
    );
  });
});
