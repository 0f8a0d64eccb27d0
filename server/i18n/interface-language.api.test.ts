import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable } from '../../tests/harness/test-database.ts';
import {
  createMember,
  defaultPassword,
  fakeProviderEnv,
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';
import { sendTurn, startConversation } from '../../tests/helpers/turns.ts';
import { type FakeLlm, startFakeLlm } from '../../tools/fake-llm/fake-llm.ts';

/**
 * Issue 18: what the API says to a person follows their interface language (the signed-in profile's,
 * else Accept-Language), while error codes stay the same English identifiers.
 */
describe.skipIf(postgresUnavailable())('the API in the interface language', () => {
  let fake: FakeLlm;
  let testApp: TestApp;
  let owner: TestClient;

  beforeAll(async () => {
    fake = await startFakeLlm();
    testApp = await startTestApp({ env: { ...fakeProviderEnv(fake), LLM_MAX_RETRIES: '0' } });
    owner = await signUpOwner(testApp);
  });
  afterAll(async () => {
    await testApp.close();
    await fake.close();
  });

  async function member(username: string, interfaceLanguage: string) {
    const created = await createMember(testApp, owner, { username });
    const changed = await created.client.patch('/api/me/profile', { interfaceLanguage });
    expect(changed.status).toBe(200);
    expect(changed.body.user.profile.interfaceLanguage).toBe(interfaceLanguage);
    return created;
  }

  it('answers a visitor in the language of Accept-Language, with the same code', async () => {
    const login = (language: string) =>
      testApp.client().request('POST', '/api/auth/login', {
        json: { username: 'owner', password: 'not the password' },
        headers: { 'accept-language': language },
      });
    const spanish = await login('es-ES,es;q=0.9,en;q=0.5');
    const german = await login('de-CH, fr;q=0.8');
    const unknown = await login('ja-JP');
    for (const response of [spanish, german, unknown]) {
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('unauthenticated');
    }
    expect(spanish.body.error.message).toBe('Usuario o contraseña incorrectos.');
    expect(german.body.error.message).toBe('Falscher Benutzername oder falsches Passwort.');
    expect(unknown.body.error.message).toBe('Wrong username or password.');
  });

  it('answers a member in their profile’s language, whatever the browser sends, and field messages too', async () => {
    const { client } = await member('lucia', 'es');
    const refused = await client.request('PATCH', '/api/me/profile', {
      json: { dailyGoalMinutes: 1 },
      headers: { 'accept-language': 'de' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
    expect(refused.body.error.message).toBe(
      'Parte de lo enviado no es válido: dailyGoalMinutes: debe ser al menos 5',
    );
    expect(refused.body.error.details.issues).toEqual([
      { path: 'dailyGoalMinutes', message: 'debe ser al menos 5' },
    ]);

    // A use case's own field messages, written with the contracts' words, are translated too.
    const same = await client.patch('/api/me/profile', {
      nativeLanguage: 'es',
      targetLanguages: [{ language: 'es', level: 'A2' }],
    });
    expect(same.status).toBe(400);
    expect(same.body.error.message).toBe('Un idioma que aprendes no puede ser tu lengua materna.');
    expect(same.body.error.details.issues).toEqual([
      { path: 'targetLanguages', message: 'debe ser distinto de tu lengua materna' },
    ]);

    // Switched at any time: the next answer is in the new language.
    await client.patch('/api/me/profile', { interfaceLanguage: 'fr' });
    const gone = await client.get('/api/conversations/0195f0a0-0000-7000-8000-00000000dead');
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatchObject({
      code: 'not_found',
      message: 'Cette conversation est introuvable.',
    });
  });

  it('takes the interface language at sign-up: the one chosen, else the browser’s', async () => {
    await owner.patch('/api/admin/settings', { openSignup: true });
    const chosen = await testApp.client().request('POST', '/api/auth/signup', {
      json: { username: 'chosen', password: defaultPassword, interfaceLanguage: 'it' },
      headers: { 'accept-language': 'de' },
    });
    expect(chosen.status).toBe(201);
    expect(chosen.body.user.profile.interfaceLanguage).toBe('it');
    const browser = await testApp.client().request('POST', '/api/auth/signup', {
      json: { username: 'browser', password: defaultPassword },
      headers: { 'accept-language': 'pt-BR,pt;q=0.9' },
    });
    expect(browser.body.user.profile.interfaceLanguage).toBe('pt');
    const other = await testApp
      .client()
      .post('/api/auth/signup', { username: 'other', password: defaultPassword });
    expect(other.body.user.profile.interfaceLanguage).toBe('en');
    const bad = await testApp
      .client()
      .post('/api/auth/signup', { username: 'bad', password: defaultPassword, interfaceLanguage: 'xx' });
    expect(bad.status).toBe(400);
  });

  it('stores a failed reply’s reason as a key: each reader gets it in their own language, the stream too', async () => {
    const { client } = await member('karl', 'de');
    await onboard(client, 'es', 'A2', 'en');
    const conversationId = await startConversation(client, { language: 'es' });
    fake.script({ fault: { type: 'status', status: 401 }, times: 'always' });
    try {
      const failed = await sendTurn(client, conversationId, 'Hola, ¿qué tal?');
      expect(failed.events).toContainEqual(
        expect.objectContaining({
          type: 'error',
          code: 'provider_error',
          message: 'Die Antwort ist fehlgeschlagen: Der Anbieter hat den API-Schlüssel abgelehnt.',
        }),
      );
    } finally {
      fake.reset();
    }
    const stored = await testApp.database.db
      .selectFrom('messages')
      .select(['failure_ref', 'failure_message'])
      .where('conversation_id', '=', conversationId)
      .where('role', '=', 'tutor')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.failure_ref ?? 'null')).toEqual({ key: 'errors.model.keyRejected' });
    expect(stored.failure_message).toBeNull();

    const tutorMessage = async () =>
      (await client.get(`/api/conversations/${conversationId}`)).body.messages.find(
        (message: { role: string }) => message.role === 'tutor',
      );
    expect((await tutorMessage()).failureMessage).toBe(
      'Die Antwort ist fehlgeschlagen: Der Anbieter hat den API-Schlüssel abgelehnt.',
    );
    await client.patch('/api/me/profile', { interfaceLanguage: 'pt' });
    expect((await tutorMessage()).failureMessage).toBe(
      'A resposta falhou: o fornecedor rejeitou a chave de API.',
    );

    // The reason travels in the learner export (version 5) and reads in the importer's language.
    const exported = await client.get('/api/me/export');
    expect(exported.text).toContain('"failure_ref":"{\\"key\\":\\"errors.model.keyRejected\\"}"');
    const { client: copy } = await member('karla', 'es');
    const imported = await copy.request('POST', '/api/me/import', {
      body: Buffer.from(exported.text),
      headers: { 'content-type': 'application/json' },
    });
    expect(imported.status, imported.text).toBe(200);
    const [copied] = (await copy.get('/api/conversations?limit=10')).body.conversations;
    const copiedMessages = (await copy.get(`/api/conversations/${copied.id}`)).body.messages;
    expect(copiedMessages.find((message: { role: string }) => message.role === 'tutor').failureMessage).toBe(
      'La respuesta falló: el proveedor rechazó la clave de API.',
    );

    // An export written before issue 18 carries the English sentence: converted on import.
    const older = exported.text
      .replace('"version":5', '"version":4')
      .replace(
        '"failure_message":null,"failure_ref":"{\\"key\\":\\"errors.model.keyRejected\\"}"',
        '"failure_message":"The reply failed: the provider rejected the API key."',
      );
    expect(older).toContain('"failure_message":"The reply failed');
    const { client: older4 } = await member('kurt', 'de');
    const fromOlder = await older4.request('POST', '/api/me/import', {
      body: Buffer.from(older),
      headers: { 'content-type': 'application/json' },
    });
    expect(fromOlder.status, fromOlder.text).toBe(200);
    const [olderCopy] = (await older4.get('/api/conversations?limit=10')).body.conversations;
    const olderMessages = (await older4.get(`/api/conversations/${olderCopy.id}`)).body.messages;
    expect(olderMessages.find((message: { role: string }) => message.role === 'tutor').failureMessage).toBe(
      'Die Antwort ist fehlgeschlagen: Der Anbieter hat den API-Schlüssel abgelehnt.',
    );
  });

  it('refuses a turn over the budget in the member’s language, with the numbers in its notation', async () => {
    const refusal = async (username: string, language: string) => {
      const { client, id } = await member(username, language);
      await onboard(client, 'es', 'A2', 'en');
      await owner.put(`/api/admin/members/${id}/budget`, { monthlyCapMicros: 1_000 });
      const conversationId = await startConversation(client, { language: 'es' });
      const refused = await sendTurn(client, conversationId, 'Hola, ¿qué tal?');
      expect(refused.status).toBe(402);
      expect(refused.body.error.code).toBe('budget_exceeded');
      expect(refused.body.error.details).toMatchObject({ scope: 'member', capMicros: 1_000 });
      return refused.body.error.message as string;
    };
    const spanish = await refusal('ana', 'es');
    expect(spanish).toMatch(/^A tu presupuesto de IA mensual de 0,001\s?US\$ le quedan /);
    expect(spanish).toContain('Un administrador puede ampliarlo.');
    const german = await refusal('jonas', 'de');
    expect(german).toMatch(/^Von deinem monatlichen KI-Budget von 0,001\s?\$ sind noch /);
    expect(german).toContain('Ein Admin kann es erhöhen.');
    expect(fake.requests()).toHaveLength(0);
  });
});
