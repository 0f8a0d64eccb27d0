import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable } from '../../tests/harness/test-database.ts';
import { startProgressTestApp } from '../../tests/helpers/progress.ts';
import {
  createMember,
  defaultPassword,
  onboard,
  signUpOwner,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';
import { sendTurn, startConversation } from '../../tests/helpers/turns.ts';
import type { FakeLlm } from '../../tools/fake-llm/fake-llm.ts';

const tener = ['tuve', 'tuviste', 'tuvo', 'tuvimos', 'tuvisteis', 'tuvieron'] as const;

/**
 * Celebrations through the API: what was reached today and not yet shown, marked seen once for every
 * device. The server runs in Europe/Madrid with a manual clock; every action is mid-morning.
 */
describe.skipIf(postgresUnavailable())('progress news (celebrations)', () => {
  let fake: FakeLlm;
  let testApp: TestApp;
  let owner: TestClient;
  let lena: TestClient;

  const at = (iso: string) => testApp.clock.set(iso);
  const news = async (client: TestClient = lena) => {
    const response = await client.get('/api/progress/news');
    expect(response.status, response.text).toBe(200);
    return response.body.items as Array<{ kind: string; key: string; [field: string]: unknown }>;
  };
  const keysOf = (items: Array<{ key: string }>) => items.map((item) => item.key).sort();
  async function answerRight(person: number) {
    const response = await lena.post('/api/grammar/conjugation/es/check', {
      verb: 'tener',
      tense: 'preterite',
      person,
      answer: tener[person],
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.correct).toBe(true);
  }

  beforeAll(async () => {
    ({ fake, testApp } = await startProgressTestApp());
    at('2026-11-02T10:00:00.000Z');
    owner = await signUpOwner(testApp);
    ({ client: lena } = await createMember(testApp, owner, { username: 'lena' }));
    await onboard(lena, 'es', 'A2');
  }, 60_000);
  afterAll(async () => {
    await testApp?.close();
    await fake?.close();
  });

  it('lists a first achievement after a real turn until it is marked seen, then never again on any device', async () => {
    expect(await news()).toEqual([]);
    const conversationId = await startConversation(lena, { language: 'es' });
    const turn = await sendTurn(lena, conversationId, 'Ayer fui al mercado con mi hermana.');
    expect(turn.status).toBe(200);

    const items = await news();
    expect(items).toEqual([
      {
        kind: 'achievement',
        key: 'achievement:first-turn',
        id: 'first-turn',
        title: 'First words',
        description: 'Send a first conversation turn of 10 characters or more.',
      },
    ]);
    // Asking again changes nothing: only marking it seen does.
    expect(await news()).toEqual(items);
    const seen = await lena.post('/api/progress/news/seen', { keys: ['achievement:first-turn'] });
    expect(seen.status, seen.text).toBe(204);
    expect(await news()).toEqual([]);
    // Idempotent: marking it again is fine and changes nothing.
    expect((await lena.post('/api/progress/news/seen', { keys: ['achievement:first-turn'] })).status).toBe(
      204,
    );

    // Another device (a second sign-in) is not shown it either.
    const phone = testApp.client();
    const login = await phone.post('/api/auth/login', { username: 'lena', password: defaultPassword });
    expect(login.status, login.text).toBe(200);
    expect(await news(phone)).toEqual([]);
  });

  it('celebrates a level, a run of answers and the daily goal reached through drills', async () => {
    // 10 XP from the turn; 18 right answers a minute apart add 90 (level 2 at 100) and 19 minutes
    // of practice (goal 15), whose 50 XP keep it at level 2.
    for (let index = 0; index < 18; index += 1) {
      at(`2026-11-02T10:${String(index + 1).padStart(2, '0')}:00.000Z`);
      await answerRight(index % 6);
    }
    const items = await news();
    expect(keysOf(items)).toEqual(['achievement:grammar-run-10', 'daily-goal:2026-11-02', 'level:2']);
    expect(items).toContainEqual({ kind: 'level', key: 'level:2', level: 2 });
    expect(items).toContainEqual({ kind: 'daily-goal', key: 'daily-goal:2026-11-02', minutes: 15 });

    // Bad input gets a clear 400 and marks nothing.
    for (const body of [
      { keys: [] },
      { keys: ['nonsense'] },
      { keys: ['level:2'], extra: true },
      { keys: 'level:2' },
      {},
    ]) {
      const response = await lena.post('/api/progress/news/seen', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect(keysOf(await news())).toEqual(keysOf(items));

    // Another member marking the same keys does not touch Lena's news, nor see it.
    const { client: max } = await createMember(testApp, owner, { username: 'max' });
    await onboard(max, 'es', 'A1');
    expect(await news(max)).toEqual([]);
    expect((await max.post('/api/progress/news/seen', { keys: ['level:2'] })).status).toBe(204);
    expect(keysOf(await news())).toEqual(keysOf(items));

    // Seen in part: the rest stays.
    await lena.post('/api/progress/news/seen', { keys: ['level:2', 'daily-goal:2026-11-02'] });
    expect(keysOf(await news())).toEqual(['achievement:grammar-run-10']);
    await lena.post('/api/progress/news/seen', { keys: ['achievement:grammar-run-10'] });
    expect(await news()).toEqual([]);
  });

  it('only ever speaks of today, and celebrates a streak milestone on the day it is reached', async () => {
    // Nothing new the next morning before practising; yesterday's unseen items would not return either.
    at('2026-11-03T09:00:00.000Z');
    expect(await news()).toEqual([]);
    at('2026-11-03T10:00:00.000Z');
    await answerRight(0);
    expect(await news()).toEqual([]);
    at('2026-11-04T10:00:00.000Z');
    await answerRight(1);
    expect(await news()).toEqual([{ kind: 'streak', key: 'streak:3:2026-11-04', days: 3 }]);
    await lena.post('/api/progress/news/seen', { keys: ['streak:3:2026-11-04'] });
    expect(await news()).toEqual([]);
    at('2026-11-05T10:00:00.000Z');
    await answerRight(2);
    expect(await news()).toEqual([]);
  });
});
