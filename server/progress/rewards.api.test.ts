import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Correct Spanish forms of tener, yo to ellos, for answers that are right. */
const tener = {
  preterite: ['tuve', 'tuviste', 'tuvo', 'tuvimos', 'tuvisteis', 'tuvieron'],
  present: ['tengo', 'tienes', 'tiene', 'tenemos', 'tenéis', 'tienen'],
} as const;

type Achievement = { id: string; progress: number; earnedOn: string | null };

/**
 * Streak freezes, the daily goal's XP and the rules that stop farming, driven through the API with a
 * manual clock. The server runs in Europe/Madrid; every action happens mid-morning, the same day in
 * UTC and in Madrid.
 */
describe.skipIf(postgresUnavailable())('XP, streak freezes and achievements', () => {
  let fake: FakeLlm;
  let testApp: TestApp;
  let owner: TestClient;
  let lena: TestClient;
  let lenaId: string;

  const at = (iso: string) => testApp.clock.set(iso);
  const progress = async () => {
    const response = await lena.get('/api/progress');
    expect(response.status, response.text).toBe(200);
    return response.body;
  };
  const achievement = (body: { achievements: Achievement[] }, id: string) => {
    const found = body.achievements.find((entry) => entry.id === id);
    if (!found) throw new Error(`no achievement ${id}`);
    return { progress: found.progress, earnedOn: found.earnedOn };
  };
  const xpOf = (body: { xp: { kinds: Array<{ kind: string; total: number }> } }, kind: string) =>
    body.xp.kinds.find((entry) => entry.kind === kind)?.total;

  async function answer(tense: keyof typeof tener, person: number, correct = true) {
    const response = await lena.post('/api/grammar/conjugation/es/check', {
      verb: 'tener',
      tense,
      person,
      answer: correct ? tener[tense][person] : 'tenido',
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.correct).toBe(correct);
  }

  beforeAll(async () => {
    ({ fake, testApp } = await startProgressTestApp());
    at('2026-10-31T10:00:00.000Z');
    owner = await signUpOwner(testApp);
    ({ client: lena, id: lenaId } = await createMember(testApp, owner, { username: 'lena' }));
    await onboard(lena, 'es', 'A2');
  }, 60_000);
  afterAll(async () => {
    await testApp?.close();
    await fake?.close();
  });

  it('earns a freeze on the 7th day in a row and spends it on a missed day, so the streak goes on', async () => {
    // A grammar answer, right or wrong, makes a day active; these are wrong, so they earn no XP.
    for (let day = 1; day <= 7; day += 1) {
      at(`2026-11-0${day}T10:00:00.000Z`);
      await answer('preterite', 2, false);
    }
    const week = await progress();
    expect(week.streak).toEqual({
      current: 7,
      longest: 7,
      activeToday: true,
      lastActiveDay: '2026-11-07',
      freezes: { held: 1, maxHeld: 2, earnEvery: 7, frozenDays: [], nextIn: 7 },
    });
    expect(achievement(week, 'streak-7')).toEqual({ progress: 7, earnedOn: '2026-11-07' });

    // Nothing on the 8th. On the 9th, before practising, the freeze already holds the streak.
    at('2026-11-09T08:00:00.000Z');
    expect((await progress()).streak).toMatchObject({
      current: 7,
      activeToday: false,
      freezes: { held: 0, frozenDays: ['2026-11-08'], nextIn: 7 },
    });
    at('2026-11-09T10:00:00.000Z');
    await answer('preterite', 2, false);
    const saved = await progress();
    expect(saved.streak).toEqual({
      current: 8,
      longest: 8,
      activeToday: true,
      lastActiveDay: '2026-11-09',
      freezes: { held: 0, maxHeld: 2, earnEvery: 7, frozenDays: ['2026-11-08'], nextIn: 6 },
    });
    // The admin's read-only view shows the same freezes.
    const read = await owner.get(`/api/admin/members/${lenaId}/progress`);
    expect(read.body.streak).toEqual(saved.streak);

    // Two missed days with no freeze held: the streak ends; the longest stays.
    at('2026-11-12T08:00:00.000Z');
    expect((await progress()).streak).toMatchObject({
      current: 0,
      longest: 8,
      freezes: { held: 0, frozenDays: ['2026-11-08'], nextIn: 7 },
    });
  });

  it('judges each day against the daily goal it had, so a later change does not re-score it', async () => {
    // The goal was 15 minutes so far: one answer a day (1 minute) never reached it.
    expect(xpOf(await progress(), 'daily-goal')).toBe(0);
    at('2026-11-12T09:00:00.000Z');
    expect((await lena.patch('/api/me/profile', { dailyGoalMinutes: 5 })).status).toBe(200);
    // Six answers a minute apart: a session from 09:59 to 10:05, 6 minutes.
    for (let minute = 0; minute <= 5; minute += 1) {
      at(`2026-11-12T10:0${minute}:00.000Z`);
      await answer('present', minute);
    }
    const reached = await progress();
    expect(reached.dailyGoal).toMatchObject({ goalMinutes: 5, minutesToday: 6 });
    expect(reached.xp.kinds.find((kind: { kind: string }) => kind.kind === 'daily-goal')).toEqual({
      kind: 'daily-goal',
      today: 50,
      total: 50,
    });

    // Raising the goal the next day leaves the 12th as it was; the 13th's one answer is short of 30.
    at('2026-11-13T09:00:00.000Z');
    expect((await lena.patch('/api/me/profile', { dailyGoalMinutes: 30 })).status).toBe(200);
    at('2026-11-13T10:00:00.000Z');
    await answer('present', 0, false);
    const raised = await progress();
    expect(raised.dailyGoal).toMatchObject({ goalMinutes: 30, minutesToday: 1 });
    expect(xpOf(raised, 'daily-goal')).toBe(50);
    expect(achievement(raised, 'daily-goal-10')).toEqual({ progress: 1, earnedOn: null });
  });

  it('counts ten correct grammar answers in a row, and a wrong answer ends a run', async () => {
    at('2026-11-14T10:00:00.000Z');
    // Four right, one wrong: the longest run so far is the 12th's six.
    for (const person of [0, 1, 2, 3]) await answer('preterite', person);
    await answer('preterite', 4, false);
    expect(achievement(await progress(), 'grammar-run-10')).toEqual({ progress: 6, earnedOn: null });
    at('2026-11-15T10:00:00.000Z');
    for (const person of [0, 1, 2, 3, 4, 5]) await answer('preterite', person);
    for (const person of [0, 1, 2, 3]) await answer('present', person);
    const run = await progress();
    expect(achievement(run, 'grammar-run-10')).toEqual({ progress: 10, earnedOn: '2026-11-15' });
    // 6 + 4 + 10 correct answers, 5 XP each; no day near the 200 cap.
    expect(xpOf(run, 'grammar')).toBe(100);
    expect(achievement(run, 'grammar-50')).toEqual({ progress: 20, earnedOn: null });
  });

  it('gives nothing for a turn under 10 characters or one sent before, word for word', async () => {
    at('2026-11-16T10:00:00.000Z');
    const chat = await startConversation(lena, { language: 'es' });
    const before = await progress();
    for (const text of ['Hola', 'Me gusta mucho la playa.', 'Me gusta mucho la playa.', '  Sí, claro.  ']) {
      fake.script({
        provider: 'anthropic',
        structured: true,
        contains: text.trim(),
        json: { corrections: [], rephrasing: null, newVocabulary: [], goalsMet: [] },
      });
      const result = await sendTurn(lena, chat, text);
      expect(result.status).toBe(200);
      expect(result.events.at(-1)?.type).toBe('done');
    }
    const after = await progress();
    // Four turns on the dashboard, two of them counted: "Hola" is too short, the repeat earns nothing,
    // and "Sí, claro." is 10 characters once trimmed.
    expect(after.turns.today).toBe(4);
    expect(xpOf(after, 'turns')).toBe(20);
    expect(after.xp.today).toBe(20);
    expect(achievement(after, 'first-turn')).toEqual({ progress: 1, earnedOn: '2026-11-16' });
    expect(after.xp.total - before.xp.total).toBe(20);
    // Every day since the 12th.
    expect(after.streak).toMatchObject({ current: 5, longest: 8 });
  });
});
