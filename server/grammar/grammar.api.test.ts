import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable } from '../../tests/harness/test-database.ts';
import {
  createMember,
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';
import { type FakeLlm, startFakeLlm } from '../../tools/fake-llm/fake-llm.ts';

describe.skipIf(postgresUnavailable())('grammar practice', () => {
  let fake: FakeLlm;
  let testApp: TestApp;
  let offlineApp: TestApp;
  let learner: TestClient;
  let other: TestClient;
  let owner: TestClient;

  beforeAll(async () => {
    fake = await startFakeLlm();
    testApp = await startTestApp({
      env: { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.anthropicBaseURL, LLM_MAX_RETRIES: '0' },
    });
    owner = await signUpOwner(testApp);
    learner = (await createMember(testApp, owner, { username: 'lucia' })).client;
    other = (await createMember(testApp, owner, { username: 'otto' })).client;
    await onboard(learner, 'es', 'B1');
    await onboard(other, 'de', 'A2');
    offlineApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
    await offlineApp.close();
    await fake.close();
  });

  it('has a topic catalogue of at least 12 topics from A1 to B2 for each of six languages', async () => {
    for (const language of ['es', 'fr', 'de', 'it', 'pt', 'en']) {
      const response = await learner.get(`/api/grammar/topics?language=${language}`);
      expect(response.status).toBe(200);
      const topics = response.body.topics as Array<{ id: string; level: string; drill?: any }>;
      expect(topics.length, language).toBeGreaterThanOrEqual(12);
      expect(new Set(topics.map((topic) => topic.level)), language).toEqual(
        new Set(['A1', 'A2', 'B1', 'B2']),
      );
      expect(new Set(topics.map((topic) => topic.id)).size).toBe(topics.length);
      // Every drill a topic links to exists.
      const catalogue =
        language === 'pt' ? null : (await learner.get(`/api/grammar/conjugation/${language}`)).body;
      for (const topic of topics) {
        if (topic.drill?.type !== 'conjugation') continue;
        for (const verb of topic.drill.verbs) {
          const entry = catalogue.verbs.find(
            (candidate: { infinitive: string }) => candidate.infinitive === verb,
          );
          expect(entry, `${language} ${topic.id} ${verb}`).toBeDefined();
          for (const tense of topic.drill.tenses)
            expect(entry.tenses, `${language} ${topic.id}`).toContain(tense);
        }
      }
    }
    expect((await learner.get('/api/grammar/topics?language=ja')).body.topics).toEqual([]);
    expect((await learner.get('/api/grammar/topics?language=xx')).status).toBe(400);
  });

  it('runs a conjugation drill with tense and person selection and instant, recorded checking', async () => {
    const catalogue = await learner.get('/api/grammar/conjugation/es');
    expect(catalogue.body.persons).toHaveLength(6);
    expect(catalogue.body.verbs.length).toBeGreaterThanOrEqual(20);

    const body = { verbs: ['tener', 'ir'], tenses: ['preterite'], persons: [0, 2], count: 6, seed: 42 };
    const drill = await learner.post('/api/grammar/conjugation/es/drill', body);
    expect(drill.status).toBe(200);
    expect(drill.body.questions).toHaveLength(6);
    for (const question of drill.body.questions) {
      expect(['tener', 'ir']).toContain(question.verb);
      expect(question.tense).toBe('preterite');
      expect([0, 2]).toContain(question.person);
      expect(question).not.toHaveProperty('answer');
    }
    expect((await learner.post('/api/grammar/conjugation/es/drill', body)).body).toEqual(drill.body);

    const right = await learner.post('/api/grammar/conjugation/es/check', {
      verb: 'tener',
      tense: 'preterite',
      person: 2,
      answer: ' Tuvo ',
    });
    expect(right.body).toEqual({ correct: true, accentsDiffer: false, expected: 'tuvo', accepted: ['tuvo'] });
    const accentless = await learner.post('/api/grammar/conjugation/es/check', {
      verb: 'hablar',
      tense: 'preterite',
      person: 0,
      answer: 'hable',
    });
    expect(accentless.body).toMatchObject({ correct: true, accentsDiffer: true, expected: 'hablé' });
    const strict = await learner.post('/api/grammar/conjugation/es/check', {
      verb: 'hablar',
      tense: 'preterite',
      person: 0,
      answer: 'hable',
      strict: true,
    });
    expect(strict.body).toMatchObject({ correct: false, accentsDiffer: true });
    const wrong = await learner.post('/api/grammar/conjugation/es/check', {
      verb: 'ir',
      tense: 'present',
      person: 0,
      answer: 'vo',
    });
    expect(wrong.body).toMatchObject({ correct: false, expected: 'voy' });
    const german = await learner.post('/api/grammar/conjugation/de/check', {
      verb: 'machen',
      tense: 'konjunktiv2',
      person: 0,
      answer: 'würde machen',
    });
    expect(german.body.correct).toBe(true);

    const stats = await learner.get('/api/grammar/stats?language=es');
    expect(stats.body).toMatchObject({
      today: { answered: 4, correct: 2 },
      total: { answered: 4, correct: 2 },
      byKind: [{ kind: 'conjugation', answered: 4, correct: 2 }],
    });

    const bad: Array<[string, unknown, number]> = [
      ['/api/grammar/conjugation/pt/drill', {}, 404],
      ['/api/grammar/conjugation/xx/drill', {}, 400],
      ['/api/grammar/conjugation/es/drill', { verbs: ['bailarr'] }, 400],
      ['/api/grammar/conjugation/es/drill', { tenses: ['pluperfect'] }, 400],
      ['/api/grammar/conjugation/es/drill', { persons: [6] }, 400],
      ['/api/grammar/conjugation/es/drill', { count: 500 }, 400],
      ['/api/grammar/conjugation/es/drill', { extra: true }, 400],
      [
        '/api/grammar/conjugation/es/check',
        { verb: 'tener', tense: 'preterite', person: 9, answer: 'x' },
        400,
      ],
      ['/api/grammar/conjugation/es/check', { verb: 'zzz', tense: 'preterite', person: 1, answer: 'x' }, 400],
      [
        '/api/grammar/conjugation/en/check',
        { verb: 'know', tense: 'present-progressive', person: 1, answer: 'x' },
        400,
      ],
    ];
    for (const [path, json, status] of bad) {
      const response = await learner.post(path, json);
      expect(response.status, `${path} ${JSON.stringify(json)}`).toBe(status);
      expect(response.body.error.message.length).toBeGreaterThan(10);
    }
    const portuguese = await learner.get('/api/grammar/conjugation/pt');
    expect(portuguese.status).toBe(404);
    expect(portuguese.body.error.message).toMatch(/Portuguese.*generated exercises/);
  });

  it('drills German articles with genders checked by hand', async () => {
    const drill = await other.get('/api/grammar/articles/drill?count=20&level=A1&seed=7');
    expect(drill.body.questions).toHaveLength(20);
    expect(new Set(drill.body.questions.map((question: { noun: string }) => question.noun)).size).toBe(20);
    for (const question of drill.body.questions) expect(question.level).toBe('A1');
    // Written by hand; Tag and Regen are wrong in the dictionary, Krankenhaus and Straßenbahn missing.
    const genders: Record<string, 'der' | 'die' | 'das'> = {
      Tisch: 'der',
      Lampe: 'die',
      Mädchen: 'das',
      Haus: 'das',
      Tag: 'der',
      Regen: 'der',
      Nacht: 'die',
      Käse: 'der',
      Butter: 'die',
      Messer: 'das',
      Gabel: 'die',
      Löffel: 'der',
      Krankenhaus: 'das',
      Straßenbahn: 'die',
      Museum: 'das',
      Universität: 'die',
      Gemüse: 'das',
      Name: 'der',
    };
    for (const [noun, article] of Object.entries(genders)) {
      const response = await other.post('/api/grammar/articles/check', { noun, answer: article });
      expect(response.body, noun).toMatchObject({ correct: true, article, noun });
    }
    const wrong = await other.post('/api/grammar/articles/check', { noun: 'Mädchen', answer: 'die' });
    expect(wrong.body).toEqual({ correct: false, article: 'das', gender: 'neuter', noun: 'Mädchen' });
    expect(
      (await other.post('/api/grammar/articles/check', { noun: 'Blumenkohlsuppe', answer: 'die' })).status,
    ).toBe(400);
    expect((await other.post('/api/grammar/articles/check', { noun: 'Haus', answer: 'den' })).status).toBe(
      400,
    );
    const stats = await other.get('/api/grammar/stats');
    expect(stats.body.byKind).toEqual([
      { kind: 'article', answered: Object.keys(genders).length + 1, correct: 18 },
    ]);
  });

  it('answers 503 no_provider pointing at AI providers when none is set up', async () => {
    const owner = await signUpOwner(offlineApp);
    const response = await owner.post('/api/grammar/exercises', { language: 'es' });
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('no_provider');
    expect(response.body.error.message).toMatch(/AI providers/);
    expect(await offlineApp.database.db.selectFrom('grammar_exercises').selectAll().execute()).toEqual([]);
    // The offline drills still work.
    expect((await owner.get('/api/grammar/conjugation/fr')).status).toBe(200);
  });

  it('shows only generated exercises that pass validation, aimed at the learner’s error categories', async () => {
    fake.script({
      structured: true,
      json: {
        exercises: [
          {
            kind: 'fill-gap',
            instruction: 'Complete with the preterite of "ir".',
            prompt: 'Ayer yo ___ al cine con mis amigos.',
            answer: 'fui',
            acceptableAnswers: [],
            errorSpan: null,
            explanation: '"Ir" is irregular in the preterite: fui, fuiste, fue…',
            errorCategory: 'verb tense',
          },
          {
            kind: 'fill-gap',
            instruction: 'Two gaps is one too many.',
            prompt: 'Yo ___ y tú ___.',
            answer: 'como',
            acceptableAnswers: [],
            errorSpan: null,
            explanation: 'Invalid on purpose.',
            errorCategory: null,
          },
          {
            kind: 'spot-error',
            instruction: 'Find and correct the mistake.',
            prompt: 'La problema es muy difícil.',
            answer: 'El problema',
            acceptableAnswers: [],
            errorSpan: 'La problema',
            explanation: '"Problema" is masculine despite ending in -a.',
            errorCategory: 'gender',
          },
          {
            kind: 'spot-error',
            instruction: 'The error is not in the sentence.',
            prompt: 'Tengo hambre.',
            answer: 'tengo',
            acceptableAnswers: [],
            errorSpan: 'tenemos',
            explanation: 'Invalid on purpose.',
            errorCategory: null,
          },
          {
            kind: 'transform',
            instruction: 'Put the sentence into the pretérito perfecto.',
            prompt: 'Como paella.',
            answer: 'He comido paella.',
            acceptableAnswers: ['Yo he comido paella.'],
            errorSpan: null,
            explanation: 'haber + participle.',
            errorCategory: 'verb tense',
          },
        ],
      },
    });
    const response = await learner.post('/api/grammar/exercises', {
      language: 'es',
      errorCategories: ['verb tense', 'gender'],
      count: 5,
    });
    expect(response.status, response.text).toBe(201);
    expect(response.body.discarded).toBe(2);
    expect(response.body.exercises.map((exercise: { kind: string }) => exercise.kind)).toEqual([
      'fill-gap',
      'spot-error',
      'transform',
    ]);
    expect(response.text).not.toMatch(/"answer"|He comido|El problema"/);
    expect(response.body.exercises[0]).toMatchObject({ level: 'B1', errorCategory: 'verb tense' });
    const request = fake.requests().at(-1)!;
    expect(JSON.stringify(request.body)).toMatch(/verb tense, gender/);

    const [fill, spot, transform] = response.body.exercises;
    const fillResult = await learner.post(`/api/grammar/exercises/${fill.id}/answer`, { answer: 'fui' });
    expect(fillResult.body).toMatchObject({
      correct: true,
      expected: 'fui',
      explanation: expect.stringMatching(/irregular/),
    });
    const spotResult = await learner.post(`/api/grammar/exercises/${spot.id}/answer`, {
      answer: 'la problema',
    });
    expect(spotResult.body).toMatchObject({ correct: false, expected: 'El problema' });
    const transformResult = await learner.post(`/api/grammar/exercises/${transform.id}/answer`, {
      answer: 'yo he comido paella.',
    });
    expect(transformResult.body.correct).toBe(true);
    // Another learner cannot answer (or see) this learner's exercise.
    expect((await other.post(`/api/grammar/exercises/${fill.id}/answer`, { answer: 'fui' })).status).toBe(
      404,
    );
    const stats = await learner.get('/api/grammar/stats?language=es');
    expect(stats.body.byKind).toContainEqual({ kind: 'exercise', answered: 3, correct: 2 });
  });

  it('refuses to show anything when every generated exercise is invalid', async () => {
    const before = (await testApp.database.db.selectFrom('grammar_exercises').select('id').execute()).length;
    fake.script({
      structured: true,
      json: {
        exercises: [
          {
            kind: 'fill-gap',
            instruction: 'No gap at all.',
            prompt: 'Yo como.',
            answer: 'como',
            acceptableAnswers: [],
            errorSpan: null,
            explanation: 'x',
            errorCategory: null,
          },
        ],
      },
    });
    const response = await learner.post('/api/grammar/exercises', {
      language: 'es',
      kind: 'fill-gap',
      count: 1,
    });
    expect(response.status).toBe(502);
    expect(response.body.error.code).toBe('provider_error');
    fake.script({ structured: true, text: 'not json at all' });
    const garbled = await learner.post('/api/grammar/exercises', { language: 'es', count: 1 });
    expect(garbled.status).toBe(502);
    const after = (await testApp.database.db.selectFrom('grammar_exercises').select('id').execute()).length;
    expect(after).toBe(before);
    expect((await learner.post('/api/grammar/exercises', { language: 'es', topicId: 'nope' })).status).toBe(
      400,
    );
  });

  it('documents the grammar API in the OpenAPI document', async () => {
    const openapi = await testApp.client().get('/api/openapi.json');
    for (const path of [
      '/api/grammar/topics',
      '/api/grammar/conjugation/{language}',
      '/api/grammar/conjugation/{language}/drill',
      '/api/grammar/conjugation/{language}/check',
      '/api/grammar/articles/drill',
      '/api/grammar/articles/check',
      '/api/grammar/exercises',
      '/api/grammar/exercises/{id}/answer',
      '/api/grammar/stats',
    ]) {
      expect(openapi.body.paths[path], path).toBeDefined();
    }
  });

  it('lists grammar practice in the account export', async () => {
    const exported = await learner.get('/api/me/export');
    expect(exported.body.tables.grammar_results.length).toBeGreaterThan(0);
    expect(exported.body.tables.grammar_exercises.length).toBeGreaterThan(0);
  });

  it('answers 402 with the cap’s message when the learner’s budget cannot cover the exercises', async () => {
    const { client: capped, id } = await createMember(testApp, owner, { username: 'capped' });
    expect(
      (await owner.put(`/api/admin/members/${id}/budget`, { monthlyCapMicros: 1, dailyCapMicros: null }))
        .status,
    ).toBe(200);
    // Worded in the member's interface language.
    expect((await capped.patch('/api/me/profile', { interfaceLanguage: 'es' })).status).toBe(200);
    const before = fake.requests().length;
    const response = await capped.post('/api/grammar/exercises', { language: 'es', count: 1 });
    expect(response.status).toBe(402);
    expect(response.body.error.code).toBe('budget_exceeded');
    expect(response.body.error.message).toMatch(/presupuesto de IA/);
    expect(fake.requests().length).toBe(before);
  });

  it('aims exercises at the learner’s own recurring mistakes', async () => {
    const { client, id } = await createMember(testApp, owner, { username: 'mistaken' });
    await onboard(client, 'es', 'A2');
    const none = await client.post('/api/grammar/exercises', {
      language: 'es',
      fromMistakes: true,
      count: 1,
    });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toMatch(/No mistakes in Spanish/);
    const now = testApp.clock.now().toISOString();
    const events = [
      ['gender', 3],
      ['verb-tense', 2],
      ['preposition', 1],
      ['spelling', 1],
    ] as const;
    let n = 0;
    for (const [category, count] of events) {
      for (let index = 0; index < count; index++) {
        n += 1;
        await testApp.database.db
          .insertInto('error_events')
          .values({
            id: `0190a3c4-0000-7000-8000-${String(n).padStart(12, '0')}`,
            user_id: id,
            language: 'es',
            category,
            severity: 'important',
            message_id: null,
            conversation_id: null,
            created_at: now,
          })
          .execute();
      }
    }
    fake.script({ structured: true, json: { exercises: [] } });
    await client.post('/api/grammar/exercises', { language: 'es', fromMistakes: true, count: 1 });
    const sent = JSON.stringify(fake.requests().at(-1)?.body);
    expect(sent).toContain('target them: gender, verb tense');
    expect(sent).not.toContain('spelling, ');
  });
});
