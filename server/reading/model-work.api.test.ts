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

const text =
  'Ayer fui al mercado con mi hermana. Compramos pan y fruta. Después tomamos un café en la plaza.';

describe.skipIf(postgresUnavailable())('reading room: glossary, rewrite and questions', () => {
  let fake: FakeLlm;
  let testApp: TestApp;
  let owner: TestClient;
  let learner: TestClient;
  let textId: string;

  beforeAll(async () => {
    fake = await startFakeLlm();
    testApp = await startTestApp({
      env: { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.anthropicBaseURL, LLM_MAX_RETRIES: '0' },
    });
    owner = await signUpOwner(testApp);
    learner = (await createMember(testApp, owner, { username: 'lucia' })).client;
    await onboard(learner, 'es', 'A2');
    textId = (await learner.post('/api/reading/texts', { language: 'es', text })).body.text.id;
  });
  afterAll(async () => {
    await testApp.close();
    await fake.close();
  });

  const ledger = (purpose: string) =>
    testApp.database.db.selectFrom('ledger_entries').selectAll().where('purpose', '=', purpose).execute();
  const generations = () => testApp.database.db.selectFrom('reading_generations').selectAll().execute();

  it('explains the text’s words in one validated, metered call, then from the cache for free', async () => {
    fake.script({
      structured: true,
      system: 'reading glossary',
      json: {
        entries: [
          { word: 'fui', lemma: 'ir', meaning: 'I went', example: 'Fui a casa.' },
          { word: 'Mercado', lemma: 'el mercado', meaning: 'market', example: 'El mercado abre hoy.' },
          { word: 'dragón', lemma: 'el dragón', meaning: 'dragon', example: 'No está en el texto.' },
          { word: 'pan', lemma: 'el pan', meaning: '', example: 'Sin significado.' },
          { word: 'fui', lemma: 'ir', meaning: 'duplicate', example: 'Otra vez.' },
        ],
      },
    });
    const first = await learner.post(`/api/reading/texts/${textId}/glossary`, {});
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      cached: false,
      entries: [
        { word: 'fui', lemma: 'ir', meaning: 'I went', example: 'Fui a casa.' },
        { word: 'mercado', lemma: 'el mercado', meaning: 'market', example: 'El mercado abre hoy.' },
      ],
    });
    const request = fake.requests().at(-1);
    expect(JSON.stringify(request?.body)).toContain('Words: ayer, fui, al, mercado');
    expect(await ledger('reading-glossary')).toHaveLength(1);

    const calls = fake.requests().length;
    const second = await learner.post(`/api/reading/texts/${textId}/glossary`, {});
    expect(second.body).toEqual({ ...first.body, cached: true });
    expect(fake.requests().length).toBe(calls);
    expect(await ledger('reading-glossary')).toHaveLength(1);
  });

  it('rewrites the text at the learner’s level, cached per level, with both new-word shares', async () => {
    const deck = (await learner.post('/api/vocabulary/decks', { language: 'es', name: 'Lectura' })).body.deck
      .id;
    await learner.post('/api/vocabulary/cards', { deckId: deck, term: 'ir', translation: 'go' });
    fake.script({
      structured: true,
      system: 'rewrite',
      json: { text: 'Ayer fui al mercado.\n\nCompramos pan.' },
    });
    const rewrite = await learner.post(`/api/reading/texts/${textId}/rewrite`, {});
    expect(rewrite.status).toBe(200);
    expect(rewrite.body).toMatchObject({
      level: 'A2',
      text: 'Ayer fui al mercado.\n\nCompramos pan.',
      cached: false,
    });
    expect(rewrite.body.original).toMatchObject({ words: 18, learning: 1, new: 17 });
    expect(rewrite.body.rewritten).toMatchObject({ words: 6, learning: 1, new: 5 });
    expect(rewrite.body.rewritten.newShare).toBeCloseTo(5 / 6);
    const system = JSON.stringify(fake.requests().at(-1)?.body);
    expect(system).toContain('CEFR level A2');
    expect(await ledger('reading-rewrite')).toHaveLength(1);

    const calls = fake.requests().length;
    expect((await learner.post(`/api/reading/texts/${textId}/rewrite`, {})).body).toMatchObject({
      cached: true,
      text: rewrite.body.text,
    });
    expect(fake.requests().length).toBe(calls);
  });

  it('asks validated questions, scores choices exactly and open answers through the feedback role', async () => {
    fake.script({
      structured: true,
      system: 'comprehension questions',
      json: {
        questions: [
          {
            kind: 'choice',
            question: '¿Con quién fue al mercado?',
            options: ['Con su hermana', 'Con su madre', 'Solo'],
            answerIndex: 0,
            modelAnswer: 'Con su hermana',
          },
          {
            kind: 'choice',
            question: 'Sin opciones',
            options: ['a', 'a', 'b'],
            answerIndex: 0,
            modelAnswer: 'a',
          },
          {
            kind: 'choice',
            question: 'Índice malo',
            options: ['a', 'b', 'c'],
            answerIndex: 5,
            modelAnswer: 'a',
          },
          {
            kind: 'open',
            question: '¿Qué compraron?',
            options: [],
            answerIndex: null,
            modelAnswer: 'Pan y fruta.',
          },
        ],
      },
    });
    const questions = await learner.post(`/api/reading/texts/${textId}/questions`, {});
    expect(questions.status).toBe(200);
    expect(questions.body).toEqual({
      level: 'A2',
      cached: false,
      questions: [
        {
          index: 0,
          kind: 'choice',
          question: '¿Con quién fue al mercado?',
          options: ['Con su hermana', 'Con su madre', 'Solo'],
        },
        { index: 1, kind: 'open', question: '¿Qué compraron?', options: [] },
      ],
    });
    expect(JSON.stringify(questions.body)).not.toContain('answerIndex');
    expect(await ledger('reading-questions')).toHaveLength(1);
    const calls = fake.requests().length;
    expect((await learner.post(`/api/reading/texts/${textId}/questions`, {})).body.cached).toBe(true);
    expect(fake.requests().length).toBe(calls);

    const wrong = await learner.post(`/api/reading/texts/${textId}/answers`, { question: 0, answer: 'Solo' });
    expect(wrong.body).toEqual({
      correct: false,
      expected: 'Con su hermana',
      comment: null,
      corrections: [],
    });
    const right = await learner.post(`/api/reading/texts/${textId}/answers`, {
      question: 0,
      answer: ' Con su hermana ',
    });
    expect(right.body.correct).toBe(true);
    expect(fake.requests().length).toBe(calls);

    fake.script({
      structured: true,
      system: 'reading comprehension question',
      json: {
        correct: true,
        comment: 'Right: bread and fruit.',
        corrections: [
          {
            original: 'compraron',
            corrected: 'compramos',
            category: 'agreement',
            explanation: 'They were "we".',
            severity: 'moderate',
          },
          {
            original: 'not in the answer',
            corrected: 'x',
            category: 'other',
            explanation: 'Invented.',
            severity: 'minor',
          },
        ],
      },
    });
    const open = await learner.post(`/api/reading/texts/${textId}/answers`, {
      question: 1,
      answer: 'Ellos compraron pan y fruta.',
    });
    expect(open.status).toBe(200);
    expect(open.body).toEqual({
      correct: true,
      expected: 'Pan y fruta.',
      comment: 'Right: bread and fruit.',
      corrections: [
        {
          original: 'compraron',
          corrected: 'compramos',
          category: 'agreement',
          explanation: 'They were "we".',
          severity: 'moderate',
        },
      ],
    });
    const judged = fake.requests().at(-1);
    expect(JSON.stringify(judged?.body)).toContain('Learner answer');
    expect(await ledger('reading-questions')).toHaveLength(2);
    expect(
      (await learner.post(`/api/reading/texts/${textId}/answers`, { question: 7, answer: 'x' })).status,
    ).toBe(400);

    // Answers are practice: progress counts them, and correct ones earn XP.
    const answers = await testApp.database.db.selectFrom('reading_answers').selectAll().execute();
    expect(answers.map((answer) => answer.correct)).toEqual([0, 1, 1]);
    const progress = await learner.get('/api/progress?language=es');
    expect(progress.status).toBe(200);
    expect(JSON.stringify(progress.body)).toMatch(/"grammar"/);
    expect(progress.body.xp.total).toBeGreaterThanOrEqual(10);
  });

  it('refuses at a budget cap with 402, storing nothing and calling nothing', async () => {
    const { client, id } = await createMember(testApp, owner, { username: 'capped' });
    await onboard(client, 'es', 'A2');
    // The refusal is worded in the member's interface language.
    expect((await client.patch('/api/me/profile', { interfaceLanguage: 'de' })).status).toBe(200);
    await owner.put(`/api/admin/members/${id}/budget`, { monthlyCapMicros: 1, dailyCapMicros: null });
    const own = (await client.post('/api/reading/texts', { language: 'es', text })).body.text.id;
    const before = { calls: fake.requests().length, generations: (await generations()).length };
    for (const path of ['glossary', 'rewrite', 'questions']) {
      const response = await client.post(`/api/reading/texts/${own}/${path}`, {});
      expect(response.status, path).toBe(402);
      expect(response.body.error.code).toBe('budget_exceeded');
      expect(response.body.error.message, path).toMatch(/KI-Budget/);
    }
    expect(fake.requests().length).toBe(before.calls);
    expect((await generations()).length).toBe(before.generations);
  });

  it('writes for a child under the child-safety rules, apart from an adult’s cache of a shared text', async () => {
    const shared = (await owner.post('/api/reading/texts', { language: 'es', text })).body.text.id;
    expect((await owner.put(`/api/reading/texts/${shared}/sharing`, { shared: true })).status).toBe(200);
    const child = (await createMember(testApp, owner, { username: 'nino', isChild: true })).client;
    await onboard(child, 'es', 'A2');
    const systemOfLast = () => JSON.stringify(fake.requests().at(-1)?.body);

    fake.script({ structured: true, system: 'rewrite', json: { text: 'Ayer fui al mercado.' } });
    expect((await owner.post(`/api/reading/texts/${shared}/rewrite`, {})).body.cached).toBe(false);
    expect(systemOfLast()).not.toContain('is a child');

    // The adult's rewrite is not the child's: the child's is written under the rules and kept apart.
    fake.script({
      structured: true,
      system: 'rewrite',
      json: { text: 'Ayer fui al mercado con mi hermana.' },
    });
    const childRewrite = await child.post(`/api/reading/texts/${shared}/rewrite`, {});
    expect(childRewrite.body).toMatchObject({ cached: false, level: 'A2' });
    expect(systemOfLast()).toContain('The reader is a child');
    expect((await child.post(`/api/reading/texts/${shared}/rewrite`, {})).body).toMatchObject({
      cached: true,
      text: 'Ayer fui al mercado con mi hermana.',
    });
    expect((await owner.post(`/api/reading/texts/${shared}/rewrite`, {})).body).toMatchObject({
      cached: true,
      text: 'Ayer fui al mercado.',
    });

    fake.script({
      structured: true,
      system: 'reading glossary',
      json: { entries: [{ word: 'fui', lemma: 'ir', meaning: 'I went', example: 'Fui a casa.' }] },
    });
    expect((await child.post(`/api/reading/texts/${shared}/glossary`, {})).status).toBe(200);
    expect(systemOfLast()).toContain('The learner is a child');

    fake.script({
      structured: true,
      system: 'comprehension questions',
      json: {
        questions: [
          {
            kind: 'open',
            question: '¿Qué compraron?',
            options: [],
            answerIndex: null,
            modelAnswer: 'Pan y fruta.',
          },
        ],
      },
    });
    expect((await child.post(`/api/reading/texts/${shared}/questions`, {})).status).toBe(200);
    expect(systemOfLast()).toContain('The learner is a child');
    fake.script({
      structured: true,
      system: 'reading comprehension question',
      json: { correct: true, comment: '¡Muy bien!', corrections: [] },
    });
    const answer = await child.post(`/api/reading/texts/${shared}/answers`, {
      question: 0,
      answer: 'Pan y fruta',
    });
    expect(answer.status).toBe(200);
    expect(systemOfLast()).toContain('The learner is a child');
  });

  it('drops an unusable answer from the model and stores nothing', async () => {
    const other = (await learner.post('/api/reading/texts', { language: 'es', text: 'Otro texto corto.' }))
      .body.text.id;
    const before = (await generations()).length;
    fake.script({
      structured: true,
      system: 'reading glossary',
      json: { entries: [{ word: 'nada', lemma: 'x', meaning: 'y', example: 'z' }] },
    });
    expect((await learner.post(`/api/reading/texts/${other}/glossary`, {})).status).toBe(502);
    fake.script({ structured: true, system: 'rewrite', text: 'not json' });
    expect((await learner.post(`/api/reading/texts/${other}/rewrite`, {})).status).toBe(502);
    expect((await generations()).length).toBe(before);
  });
});
