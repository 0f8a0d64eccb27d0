import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xpKinds } from '../../contracts/progress.ts';
import { postgresUnavailable } from '../../tests/harness/test-database.ts';
import { startProgressTestApp } from '../../tests/helpers/progress.ts';
import {
  createMember,
  onboard,
  signUpOwner,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';
import { sendTurn, startConversation } from '../../tests/helpers/turns.ts';
import type { FakeLlm } from '../../tools/fake-llm/fake-llm.ts';
import { daysEnding } from './practice-days.ts';

const unknownId = '0195f0a0-0000-7000-8000-0000000000ff';
/** The weeks of the mistakes chart on Tuesday 24 Nov 2026: Monday-based, the current one last. */
const lastEightMondays = [
  '2026-10-05',
  '2026-10-12',
  '2026-10-19',
  '2026-10-26',
  '2026-11-02',
  '2026-11-09',
  '2026-11-16',
  '2026-11-23',
];
const noFeedback = { corrections: [], rephrasing: null, newVocabulary: [], goalsMet: [] };

function correction(original: string, corrected: string, category: string) {
  return { original, corrected, category, explanation: 'Because.', severity: 'moderate' };
}

/** A 30-day series from sparse values: every other day is 0. */
function series<K extends string>(last: string, key: K, values: Record<string, number>) {
  return daysEnding(last, 30).map(
    (date) => ({ date, [key]: values[date] ?? 0 }) as { date: string } & Record<K, number>,
  );
}

/**
 * The server runs in Europe/Madrid (UTC+1 in November), so a turn at 23:30 UTC belongs to the next
 * local day: streaks, minutes and turns per day must follow the server's zone, not UTC.
 */
describe.skipIf(postgresUnavailable())('progress dashboard', () => {
  let fake: FakeLlm;
  let testApp: TestApp;
  let owner: TestClient;
  let nora: TestClient;
  let noraId: string;
  let ben: TestClient;
  let benId: string;
  let rolePlayId: string;
  let snapshot: () => Promise<unknown>;
  const cards: Record<string, string> = {};

  const at = (iso: string) => testApp.clock.set(iso);

  async function turn(conversationId: string, text: string, feedback: Record<string, unknown> = noFeedback) {
    fake.script({
      provider: 'anthropic',
      structured: true,
      contains: text,
      json: { ...noFeedback, ...feedback },
    });
    const result = await sendTurn(nora, conversationId, text);
    expect(result.status).toBe(200);
    expect(result.events.map((event) => event.type)).toContain('feedback');
    expect(result.events.at(-1)?.type).toBe('done');
  }

  async function review(term: string, rating: number) {
    const response = await nora.post(`/api/vocabulary/cards/${cards[term]}/review`, { rating });
    expect(response.status, response.text).toBe(200);
  }

  async function conjugate(answer: string) {
    const response = await nora.post('/api/grammar/conjugation/es/check', {
      verb: 'tener',
      tense: 'preterite',
      person: 2,
      answer,
    });
    expect(response.status, response.text).toBe(200);
  }

  beforeAll(async () => {
    ({ fake, testApp } = await startProgressTestApp());
    at('2026-11-19T19:00:00.000Z');
    owner = await signUpOwner(testApp);
    ({ client: nora, id: noraId } = await createMember(testApp, owner, { username: 'nora' }));
    ({ client: ben, id: benId } = await createMember(testApp, owner, { username: 'ben' }));
    await onboard(ben, 'de', 'A1');
    const profile = await nora.patch('/api/me/profile', {
      nativeLanguage: 'en',
      targetLanguages: [
        { language: 'es', level: 'A2' },
        { language: 'fr', level: 'B1' },
      ],
      dailyGoalMinutes: 20,
      completeOnboarding: true,
    });
    expect(profile.status).toBe(200);
    const deck = await nora.post('/api/vocabulary/decks', { language: 'es', name: 'Básico' });
    for (const term of ['la casa', 'el perro', 'la mesa']) {
      const card = await nora.post('/api/vocabulary/cards', {
        deckId: deck.body.deck.id,
        term,
        translation: term,
      });
      expect(card.status).toBe(201);
      cards[term] = card.body.card.id;
    }
    const chat = await startConversation(nora, { language: 'es' });
    const french = await startConversation(nora, { language: 'fr' });

    // Thursday 19 Nov (local 21:00): a grammar answer and, 5 minutes later, a turn with one mistake.
    at('2026-11-19T20:00:00.000Z');
    await conjugate('tuvo');
    at('2026-11-19T20:05:00.000Z');
    await turn(chat, 'Tengo una casa grande y bonito.', {
      corrections: [correction('bonito', 'bonita', 'agreement')],
    });
    // Friday 20 Nov: two reviews two minutes apart.
    at('2026-11-20T09:00:00.000Z');
    await review('la casa', 4);
    at('2026-11-20T09:02:00.000Z');
    await review('el perro', 3);
    // Saturday 21 Nov: two grammar answers three minutes apart, one of them wrong.
    at('2026-11-21T10:00:00.000Z');
    await conjugate('tuvo');
    at('2026-11-21T10:03:00.000Z');
    await conjugate('tenía');
    // Sunday 22 Nov (local) has nothing. At 23:30 UTC it is already Monday 00:30 in Madrid: a role-play
    // whose four goals are met over two turns.
    at('2026-11-22T23:30:00.000Z');
    rolePlayId = await startConversation(nora, { language: 'es', scenarioId: 'restaurant-dinner' });
    await turn(rolePlayId, 'Buenas noches, una mesa para dos, por favor.', {
      goalsMet: ['ask-table', 'order-food'],
    });
    at('2026-11-22T23:33:00.000Z');
    await turn(rolePlayId, 'Quiero agua y la cuenta, por favor.', { goalsMet: ['order-drink', 'ask-bill'] });
    // Monday 23 Nov, midday: a turn with two mistakes, and a second role-play started but not played.
    at('2026-11-23T12:00:00.000Z');
    await turn(chat, 'Ayer voy al mercado con mi amigos.', {
      corrections: [
        correction('voy', 'fui', 'verb-tense'),
        correction('mi amigos', 'mis amigos', 'agreement'),
      ],
    });
    at('2026-11-23T12:10:00.000Z');
    await startConversation(nora, { language: 'es', scenarioId: 'market-stall' });
    // Tuesday 24 Nov (today): a review, a French turn with a mistake, later a grammar answer.
    at('2026-11-24T08:00:00.000Z');
    await review('la casa', 4);
    at('2026-11-24T08:02:00.000Z');
    await turn(french, 'Je mange le pomme.', { corrections: [correction('le pomme', 'la pomme', 'gender')] });
    at('2026-11-24T09:55:00.000Z');
    await conjugate('tuvo');
    at('2026-11-24T10:00:00.000Z');

    snapshot = async () => {
      const db = testApp.database.db;
      const tables = [
        'users',
        'profiles',
        'user_languages',
        'conversations',
        'messages',
        'vocabulary_cards',
        'vocabulary_review_logs',
        'grammar_results',
        'error_events',
        'message_feedback',
        'daily_goal_changes',
      ] as const;
      const rows: Record<string, unknown> = {};
      for (const table of tables) rows[table] = await db.selectFrom(table).selectAll().execute();
      return rows;
    };
  }, 60_000);
  afterAll(async () => {
    await testApp?.close();
    await fake?.close();
  });

  it('computes streaks, minutes and turns per day in the server time zone from real events', async () => {
    const response = await nora.get('/api/progress');
    expect(response.status, response.text).toBe(200);
    const progress = response.body;
    expect(progress).toMatchObject({
      member: { id: noraId, username: 'nora' },
      language: 'es',
      languages: [
        { language: 'es', level: 'A2' },
        { language: 'fr', level: 'B1' },
      ],
      timeZone: 'Europe/Madrid',
      today: '2026-11-24',
      // Active local days: 19, 20, 21, 23, 24 (UTC days would make it six in a row). No 7-day streak
      // yet, so no freeze covered the 22nd: five more active days earn one.
      streak: {
        current: 2,
        longest: 3,
        activeToday: true,
        lastActiveDay: '2026-11-24',
        freezes: { held: 0, maxHeld: 2, earnEvery: 7, frozenDays: [], nextIn: 5 },
      },
      level: { level: 'A2', basis: 'self-assessed' },
    });
    // Sessions: 19th 19:59–20:05 = 6; 20th 08:59–09:02 = 3; 21st 09:59–10:03 = 4; 23rd (local) the
    // role-play 23:29–23:33 UTC = 4 plus the midday turn 1; today 07:59–08:02 = 3 plus the lone answer 1.
    expect(progress.dailyGoal).toEqual({
      goalMinutes: 20,
      minutesToday: 4,
      days: series('2026-11-24', 'minutes', {
        '2026-11-19': 6,
        '2026-11-20': 3,
        '2026-11-21': 4,
        '2026-11-23': 5,
        '2026-11-24': 4,
      }),
    });
    // Spanish turns only; the role-play's two turns count on Monday 23rd, Madrid time.
    expect(progress.turns).toEqual({
      today: 0,
      last7Days: 4,
      total: 4,
      days: series('2026-11-24', 'count', { '2026-11-19': 1, '2026-11-23': 3 }),
    });
  });

  it('reports words, the review forecast, mistakes per week and completed role-plays', async () => {
    const progress = (await nora.get('/api/progress?language=es')).body;
    const listed = (await nora.get('/api/vocabulary/cards?language=es')).body.cards as Array<{
      term: string;
      schedule: { state: string; scheduledDays: number; due: string };
    }>;
    const schedules = Object.fromEntries(listed.map((card) => [card.term, card.schedule]));
    // "la casa" was rated easy twice, four days apart: a 42-day interval. "el perro", rated good once,
    // is still in its 10-minute learning step (due since Friday); "la mesa" was never reviewed.
    expect(schedules['la casa']).toMatchObject({
      state: 'review',
      scheduledDays: 42,
      due: '2027-01-05T08:00:00.000Z',
    });
    expect(schedules['el perro']).toMatchObject({ state: 'learning', due: '2026-11-20T09:12:00.000Z' });
    expect(schedules['la mesa']).toMatchObject({ state: 'new' });
    expect(progress.words).toEqual({ learned: 2, mature: 1, total: 3 });

    // The dashboard's forecast is the review queue's own, for 14 days.
    const forecast = (await nora.get('/api/vocabulary/forecast?language=es&days=14')).body;
    expect(progress.reviews).toEqual({ dueNow: 1, newAvailable: 1, forecast: forecast.days });
    expect(progress.reviews.forecast).toEqual(
      daysEnding('2026-12-07', 14).map((date) => ({ date, due: date === '2026-11-24' ? 1 : 0 })),
    );

    expect(progress.mistakes).toEqual({
      weeks: lastEightMondays,
      categories: [
        { category: 'agreement', counts: [0, 0, 0, 0, 0, 0, 1, 1], total: 2 },
        { category: 'verb-tense', counts: [0, 0, 0, 0, 0, 0, 0, 1], total: 1 },
      ],
    });
    expect(progress.scenarios).toEqual({
      completed: 1,
      started: 2,
      recent: [
        { conversationId: rolePlayId, scenarioId: 'restaurant-dinner', title: 'Dinner at a restaurant' },
      ],
    });
  });

  it('switches the per-language sections and keeps streak and minutes across languages', async () => {
    const spanish = (await nora.get('/api/progress')).body;
    const french = (await nora.get('/api/progress?language=fr')).body;
    expect(french).toMatchObject({
      language: 'fr',
      streak: spanish.streak,
      dailyGoal: spanish.dailyGoal,
      turns: { today: 1, last7Days: 1, total: 1 },
      words: { learned: 0, mature: 0, total: 0 },
      scenarios: { completed: 0, started: 0, recent: [] },
      level: { level: 'B1', basis: 'self-assessed' },
    });
    expect(french.turns.days.at(-1)).toEqual({ date: '2026-11-24', count: 1 });
    expect(french.mistakes.categories).toEqual([
      { category: 'gender', counts: [0, 0, 0, 0, 0, 0, 0, 1], total: 1 },
    ]);
    expect(french.reviews.forecast.every((day: { due: number }) => day.due === 0)).toBe(true);
  });

  it('awards XP, a level and achievements from the same events, across languages', async () => {
    const progress = (await nora.get('/api/progress')).body;
    // Per local day: the 19th a turn (10) and a correct answer (5); the 20th two reviews (3 + 3); the
    // 21st one correct answer of two (5); the 23rd three turns (30), four role-play goals (4 × 15) and
    // the completed role-play (50); today a review (3), the French turn (10) and a correct answer (5).
    // No day reached the 20-minute goal.
    expect(progress.xp).toEqual({
      total: 184,
      today: 18,
      level: 2,
      levelStartXp: 100,
      nextLevelXp: 300,
      kinds: [
        { kind: 'turns', today: 10, total: 50 },
        { kind: 'reviews', today: 3, total: 9 },
        { kind: 'grammar', today: 5, total: 15 },
        { kind: 'goals', today: 0, total: 60 },
        { kind: 'role-plays', today: 0, total: 50 },
        { kind: 'daily-goal', today: 0, total: 0 },
      ],
    });
    // XP spans every language: the French dashboard shows the same.
    expect((await nora.get('/api/progress?language=fr')).body.xp).toEqual(progress.xp);

    const achievements = Object.fromEntries(
      progress.achievements.map((entry: { id: string; progress: number; earnedOn: string | null }) => [
        entry.id,
        [entry.progress, entry.earnedOn],
      ]),
    );
    expect(achievements).toEqual({
      'first-turn': [1, '2026-11-19'],
      'turns-50': [5, null],
      'turns-500': [5, null],
      'first-review': [1, '2026-11-20'],
      'reviews-100': [3, null],
      'reviews-1000': [3, null],
      // "la casa" got its 42-day interval this morning.
      'mature-10': [1, null],
      'mature-50': [1, null],
      'grammar-50': [3, null],
      // Right on the 19th and 21st, then wrong, then right today.
      'grammar-run-10': [2, null],
      // The role-play at 00:30 on Monday, Madrid time.
      'first-goal': [1, '2026-11-23'],
      'first-role-play': [1, '2026-11-23'],
      'role-plays-10': [1, null],
      'streak-7': [3, null],
      'streak-30': [3, null],
      'daily-goal-10': [0, null],
      'level-5': [184, null],
    });
    expect(progress.achievements[0]).toEqual({
      id: 'first-turn',
      title: 'First words',
      description: 'Send a first conversation turn of 10 characters or more.',
      goal: 1,
      progress: 1,
      earnedOn: '2026-11-19',
    });
  });

  it('keeps the streak through a day not yet practised, and ends it after a missed day', async () => {
    try {
      at('2026-11-25T12:00:00.000Z');
      const tomorrow = (await nora.get('/api/progress')).body;
      expect(tomorrow.today).toBe('2026-11-25');
      expect(tomorrow.streak).toMatchObject({
        current: 2,
        longest: 3,
        activeToday: false,
        lastActiveDay: '2026-11-24',
      });
      expect(tomorrow.dailyGoal.minutesToday).toBe(0);
      expect(tomorrow.dailyGoal.days.at(-2)).toEqual({ date: '2026-11-24', minutes: 4 });
      expect(tomorrow.turns.last7Days).toBe(4);

      at('2026-11-26T12:00:00.000Z');
      const later = (await nora.get('/api/progress')).body;
      expect(later.streak).toMatchObject({
        current: 0,
        longest: 3,
        activeToday: false,
        lastActiveDay: '2026-11-24',
        freezes: { held: 0, frozenDays: [], nextIn: 7 },
      });
      // The 19th has left the last 7 days (20th–26th).
      expect(later.turns.last7Days).toBe(3);

      expect(later.xp).toMatchObject({ total: 184, today: 0 });

      // A review today starts a new streak of one, and earns 3 XP.
      await review('la mesa', 3);
      const reviewed = (await nora.get('/api/progress')).body;
      expect(reviewed.streak).toMatchObject({
        current: 1,
        longest: 3,
        activeToday: true,
        lastActiveDay: '2026-11-26',
        freezes: { held: 0, nextIn: 6 },
      });
      expect(reviewed.xp).toMatchObject({ total: 187, today: 3 });
      expect(
        reviewed.achievements.find((entry: { id: string }) => entry.id === 'first-review').progress,
      ).toBe(1);
      // Undone, the review takes its day and its XP with it.
      expect((await nora.post('/api/vocabulary/undo')).status).toBe(200);
      const undone = (await nora.get('/api/progress')).body;
      expect(undone.streak.current).toBe(0);
      expect(undone.xp).toMatchObject({ total: 184, today: 0 });
      expect(undone.xp.kinds.find((kind: { kind: string }) => kind.kind === 'reviews').total).toBe(9);
    } finally {
      at('2026-11-24T10:00:00.000Z');
    }
  });

  it('gives a brand-new learner zeros and empty lists', async () => {
    const response = await ben.get('/api/progress');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      member: { id: benId, username: 'ben' },
      language: 'de',
      languages: [{ language: 'de', level: 'A1' }],
      timeZone: 'Europe/Madrid',
      today: '2026-11-24',
      streak: {
        current: 0,
        longest: 0,
        activeToday: false,
        lastActiveDay: null,
        freezes: { held: 0, maxHeld: 2, earnEvery: 7, frozenDays: [], nextIn: 7 },
      },
      dailyGoal: { goalMinutes: 15, minutesToday: 0, days: series('2026-11-24', 'minutes', {}) },
      turns: { today: 0, last7Days: 0, total: 0, days: series('2026-11-24', 'count', {}) },
      words: { learned: 0, mature: 0, total: 0 },
      reviews: {
        dueNow: 0,
        newAvailable: 0,
        forecast: daysEnding('2026-12-07', 14).map((date) => ({ date, due: 0 })),
      },
      mistakes: {
        weeks: lastEightMondays,
        categories: [],
      },
      scenarios: { completed: 0, started: 0, recent: [] },
      level: { level: 'A1', basis: 'self-assessed' },
      xp: {
        total: 0,
        today: 0,
        level: 1,
        levelStartXp: 0,
        nextLevelXp: 100,
        kinds: xpKinds.map((kind) => ({ kind, today: 0, total: 0 })),
      },
      achievements: response.body.achievements,
    });
    expect(response.body.achievements).toHaveLength(17);
    for (const achievement of response.body.achievements) {
      expect(achievement).toMatchObject({ progress: 0, earnedOn: null });
    }
    // The owner never chose a language: the sections then cover every language, with no level.
    const ownerProgress = (await owner.get('/api/progress')).body;
    expect(ownerProgress).toMatchObject({ language: null, languages: [], level: { level: null } });
    expect(ownerProgress.turns.total).toBe(0);
  });

  it('refuses a bad query with a clear 400 and changes nothing', async () => {
    const before = await snapshot();
    const unknown = await nora.get('/api/progress?language=it');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({
      code: 'validation_failed',
      message: "Italian (it) is not one of the learner's target languages (es, fr).",
      details: { issues: [{ path: 'language' }] },
    });
    const invalid = await nora.get('/api/progress?language=xx');
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/language/);
    for (const query of [`?userId=${benId}`, '?days=30', '?language=es&language=fr', '?language=']) {
      const response = await nora.get(`/api/progress${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
    expect((await ben.get('/api/progress?language=es')).body.error.message).toBe(
      "Spanish (es) is not one of the learner's target languages (de).",
    );
    expect((await testApp.client().get('/api/progress')).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it("lets admins read any member's progress, read-only, and no one else", async () => {
    const before = await snapshot();
    const own = (await nora.get('/api/progress')).body;
    const read = await owner.get(`/api/admin/members/${noraId}/progress`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(own);
    const french = await owner.get(`/api/admin/members/${noraId}/progress?language=fr`);
    expect(french.body).toEqual((await nora.get('/api/progress?language=fr')).body);
    expect((await owner.get(`/api/admin/members/${noraId}/progress?language=de`)).status).toBe(400);

    // A learner cannot use the admin route, not even for their own data.
    const foreign = await nora.get(`/api/admin/members/${benId}/progress`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('forbidden');
    expect((await nora.get(`/api/admin/members/${noraId}/progress`)).status).toBe(403);

    const missing = await owner.get(`/api/admin/members/${unknownId}/progress`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'not_found', message: 'That member was not found.' });
    expect((await owner.get('/api/admin/members/not-an-id/progress')).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('documents both routes in the OpenAPI document', async () => {
    const openapi = (await testApp.client().get('/api/openapi.json')).body;
    expect(openapi.paths['/api/progress'].get).toBeTruthy();
    expect(openapi.paths['/api/admin/members/{id}/progress'].get).toBeTruthy();
  });
});
