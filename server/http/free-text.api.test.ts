import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintTables } from '../../tests/helpers/fingerprint.ts';
import {
  createMember,
  defaultPassword,
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';
import { startConversation } from '../../tests/helpers/turns.ts';

const scenarioBody = {
  title: 'Borrowing a ladder',
  description: 'Ask the neighbour to lend you a ladder.',
  category: 'daily-life',
  level: 'A2',
  learnerRole: 'a neighbour',
  tutorRole: 'the neighbour next door',
  setting: 'A Saturday morning, at the neighbour’s door.',
  goals: ['Greet the neighbour', 'Ask to borrow the ladder'],
};

const personaBody = {
  name: 'Calm coach',
  description: 'Patient and slow.',
  styleRules: ['Speak slowly.'],
  previewLine: 'Take your time.',
};

// NUL (PostgreSQL cannot store it), BEL, ESC, DEL and a C1 control (NEL).
const controls = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085'];

describe('free text: control characters, newlines and the smaller holes', () => {
  let testApp: TestApp;
  let owner: TestClient;
  let learner: TestClient;
  let conversationId: string;
  let personaId: string;
  let scenarioId: string;
  let deckId: string;
  let cardId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    owner = await signUpOwner(testApp);
    learner = (await createMember(testApp, owner, { username: 'learner' })).client;
    await onboard(learner, 'es');
    conversationId = await startConversation(learner, { language: 'es' });
    personaId = (await learner.post('/api/personas', personaBody)).body.persona.id;
    scenarioId = (await learner.post('/api/scenarios', scenarioBody)).body.scenario.id;
    deckId = (await learner.post('/api/vocabulary/decks', { language: 'es', name: 'Basics' })).body.deck.id;
    cardId = (await learner.post('/api/vocabulary/cards', { deckId, term: 'hola' })).body.card.id;
  });
  afterAll(() => testApp.close());

  /** Every free-text field, with a function that puts `text` into it. */
  const fields = (): Array<{ label: string; field: string; send: (text: string) => Promise<any> }> => [
    {
      label: 'message',
      field: 'text',
      send: (text) => learner.post(`/api/conversations/${conversationId}/messages`, { text: `Hola ${text}` }),
    },
    {
      label: 'conversation title (create)',
      field: 'title',
      send: (text) => learner.post('/api/conversations', { language: 'es', title: `Café ${text}` }),
    },
    {
      label: 'conversation title (rename)',
      field: 'title',
      send: (text) => learner.patch(`/api/conversations/${conversationId}`, { title: `Café ${text}` }),
    },
    {
      label: 'conversation search',
      field: 'q',
      send: (text) => learner.get(`/api/conversations?q=${encodeURIComponent(`ca${text}fe`)}`),
    },
    {
      label: 'tutor subject (conversation)',
      field: 'subject',
      send: (text) =>
        learner.patch(`/api/conversations/${conversationId}/tutor`, { subject: `Fútbol ${text}` }),
    },
    {
      label: 'tutor subject (preferences)',
      field: 'subject',
      send: (text) => learner.patch('/api/me/tutor-preferences', { subject: `Fútbol ${text}` }),
    },
    {
      label: 'persona name (create)',
      field: 'name',
      send: (text) => learner.post('/api/personas', { ...personaBody, name: `Coach ${text}` }),
    },
    {
      label: 'persona style rule (update)',
      field: 'styleRules.0',
      send: (text) => learner.patch(`/api/personas/${personaId}`, { styleRules: [`Be kind ${text}`] }),
    },
    {
      label: 'scenario setting (create)',
      field: 'setting',
      send: (text) => learner.post('/api/scenarios', { ...scenarioBody, setting: `At home ${text}` }),
    },
    {
      label: 'scenario goal (update)',
      field: 'goals.0',
      send: (text) =>
        learner.put(`/api/scenarios/${scenarioId}`, { ...scenarioBody, goals: [`Say hello ${text}`] }),
    },
    {
      label: 'scenario search',
      field: 'q',
      send: (text) => learner.get(`/api/scenarios?q=${encodeURIComponent(`lad${text}der`)}`),
    },
    {
      label: 'deck name',
      field: 'name',
      send: (text) => learner.patch(`/api/vocabulary/decks/${deckId}`, { name: `Deck ${text}` }),
    },
    {
      label: 'card term',
      field: 'term',
      send: (text) => learner.patch(`/api/vocabulary/cards/${cardId}`, { term: `hola ${text}` }),
    },
    {
      label: 'card search',
      field: 'q',
      send: (text) => learner.get(`/api/vocabulary/cards?q=${encodeURIComponent(`ho${text}la`)}`),
    },
    {
      label: 'grammar answer',
      field: 'answer',
      send: (text) =>
        learner.post('/api/grammar/conjugation/es/check', {
          verb: 'hablar',
          tense: 'present',
          person: 0,
          answer: `hablo${text}`,
        }),
    },
    {
      label: 'login username',
      field: 'username',
      send: (text) =>
        testApp
          .client()
          .post('/api/auth/login', { username: `learner${text}`, password: 'whatever-password' }),
    },
  ];

  it('refuses every control character in every free-text field with a 400 naming the field, and stores nothing', async () => {
    const before = await fingerprintTables(testApp.database.db);
    for (const { label, field, send } of fields()) {
      for (const control of controls) {
        const response = await send(control);
        const name = `${label} with U+${control.codePointAt(0)!.toString(16).padStart(4, '0')}`;
        expect(response.status, name).toBe(400);
        expect(response.body.error.code, name).toBe('validation_failed');
        expect(response.body.error.message, name).toContain(`${field}: must not contain control characters`);
        expect(response.body.error.details.issues, name).toContainEqual({
          path: field,
          message: 'must not contain control characters',
        });
      }
    }
    expect(await fingerprintTables(testApp.database.db)).toEqual(before);
  });

  it('refuses an unpaired surrogate (half of an emoji) in every free-text field of a body with a 400 naming the field, and stores nothing', async () => {
    const before = await fingerprintTables(testApp.database.db);
    // A URL carries UTF-8, which has no surrogates: the search fields are tried with raw bytes below.
    const bodyFields = fields().filter(({ field }) => field !== 'q');
    for (const { label, field, send } of bodyFields) {
      for (const broken of ['\ud83d', '\ude00', 'x\ud800y']) {
        const response = await send(broken);
        const name = `${label} with ${JSON.stringify(broken)}`;
        expect(response.status, name).toBe(400);
        expect(response.body.error.code, name).toBe('validation_failed');
        expect(response.body.error.details.issues, name).toContainEqual({
          path: field,
          message: 'must not contain a broken character (half of an emoji or symbol)',
        });
      }
    }
    expect(await fingerprintTables(testApp.database.db)).toEqual(before);
    // Worded in the reader's language like every other field message.
    const german = await testApp.client().request('POST', '/api/auth/login', {
      json: { username: 'learner\ud83d', password: 'whatever-password' },
      headers: { 'accept-language': 'de' },
    });
    expect(german.status).toBe(400);
    expect(german.body.error.details.issues).toContainEqual({
      path: 'username',
      message: 'darf kein beschädigtes Zeichen enthalten (die Hälfte eines Emojis oder Symbols)',
    });
    // A whole emoji is text like any other.
    const emoji = await learner.patch(`/api/conversations/${conversationId}`, { title: 'Café 😀' });
    expect(emoji.status).toBe(200);
    expect(emoji.body.conversation.title).toBe('Café 😀');
  });

  it('refuses half of an emoji in a new password, and still checks a sign-in password as given', async () => {
    const broken = 'long enough \ud83d password';
    const before = await fingerprintTables(testApp.database.db);
    const attempts = [
      () => owner.post('/api/admin/members', { username: 'newcomer', password: broken }),
      () => learner.post('/api/me/password', { currentPassword: defaultPassword, newPassword: broken }),
    ];
    for (const attempt of attempts) {
      const response = await attempt();
      expect(response.status).toBe(400);
      expect(response.body.error.details.issues).toContainEqual({
        path: expect.stringMatching(/^(password|newPassword)$/),
        message: 'must not contain a broken character (half of an emoji or symbol)',
      });
    }
    expect(await fingerprintTables(testApp.database.db)).toEqual(before);
    // Signing in is not a place to refuse it: a wrong password is a 401 like any other.
    const signIn = await testApp.client().post('/api/auth/login', { username: 'learner', password: broken });
    expect(signIn.status).toBe(401);
  });

  it('answers a search whose query holds a surrogate as bytes with no match rather than an error', async () => {
    // What a hand-made URL can hold (%ED%A0%BD, the first half of 😀 as CESU-8): not UTF-8, so it
    // decodes to replacement characters, which match nothing.
    const lists = {
      '/api/conversations': 'conversations',
      '/api/scenarios': 'scenarios',
      '/api/vocabulary/cards': 'cards',
    };
    for (const [path, key] of Object.entries(lists)) {
      const response = await learner.get(`${path}?q=ca%ED%A0%BDfe`);
      expect(response.status, path).toBe(200);
      expect(response.body[key], path).toEqual([]);
    }
  });

  it('turns CR and CRLF into newlines where a field allows them, and refuses them in single-line fields', async () => {
    const notes = await learner.patch(`/api/vocabulary/cards/${cardId}`, {
      notes: 'one\r\ntwo\rthree\tfour',
    });
    expect(notes.status).toBe(200);
    expect(notes.body.card.notes).toBe('one\ntwo\nthree\tfour');
    const title = await learner.patch(`/api/conversations/${conversationId}`, { title: 'one\r\ntwo' });
    expect(title.status).toBe(400);
    expect(title.body.error.message).toContain('title: must be a single line');
    const tab = await learner.patch(`/api/conversations/${conversationId}`, { title: 'one\ttwo' });
    expect(tab.status).toBe(400);
    expect(tab.body.error.message).toContain('title: must not contain control characters');
  });

  it('answers an empty persona update with 400 like the other updates', async () => {
    const before = (await learner.get('/api/personas')).body;
    const empty = await learner.patch(`/api/personas/${personaId}`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/nothing to update/);
    expect((await learner.get('/api/personas')).body).toEqual(before);
  });

  it('refuses to leave a learner without a target language', async () => {
    const response = await learner.patch('/api/me/profile', { targetLanguages: [] });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('targetLanguages: choose at least one target language');
    expect((await learner.get('/api/me')).body.user.profile.targetLanguages).toEqual([
      { language: 'es', level: 'A2' },
    ]);
  });

  it('authenticates before it looks at a path: an anonymous 300-character id is a 401', async () => {
    const longId = 'a'.repeat(300);
    for (const path of [`/api/conversations/${longId}`, `/api/vocabulary/cards/${longId}`]) {
      const anonymous = await testApp.client().get(path);
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.body.error.code).toBe('unauthenticated');
      const signedIn = await learner.get(path);
      expect(signedIn.status, path).toBe(400);
      expect(signedIn.body.error.code).toBe('validation_failed');
    }
    const malformed = await testApp.client().get('/api/conversations/%E0%A4%A');
    expect(malformed.status).toBe(401);
  });
});
