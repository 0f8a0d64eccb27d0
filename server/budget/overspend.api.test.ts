import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  postgresUnavailable,
  type TestDatabase,
  testDbKind,
} from '../../tests/harness/test-database.ts';
import { replyHoldFor } from '../../tests/helpers/reply-hold.ts';
import {
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '../../tests/helpers/server-process.ts';
import {
  createMember,
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  TestClient,
} from '../../tests/helpers/test-app.ts';
import { eventually, sendTurn, type TurnResult } from '../../tests/helpers/turns.ts';
import { type FakeLlm, startFakeLlm } from '../../tools/fake-llm/fake-llm.ts';
import { loadConfig } from '../config.ts';
import { connectDatabase, type DatabaseHandle } from '../db/connect.ts';
import { systemClock } from '../lib/clock.ts';

/*
 * Zero overspend: 200 concurrent reply requests from one member whose remaining budget covers
 * about ten of them. Whatever interleaving the server sees, the ledger never passes the cap and
 * every request is either a complete turn or a clear 402 that stored nothing.
 */

const requestCount = 200;
const learnerText = 'Hola, ¿qué tal estás hoy?';

type Outcome = { accepted: number; refused: number; other: TurnResult[] };

function classify(results: TurnResult[]): Outcome {
  const outcome: Outcome = { accepted: 0, refused: 0, other: [] };
  for (const result of results) {
    const end = result.events.find((event) => event.type === 'reply-end');
    if (result.status === 200 && end && (end as { status: string }).status === 'complete')
      outcome.accepted += 1;
    else if (
      result.status === 402 &&
      result.body?.error?.code === 'budget_exceeded' &&
      /^Your monthly AI budget of \$\d+\.\d+ .*It resets on 1 /.test(result.body.error.message)
    )
      outcome.refused += 1;
    else outcome.other.push(result);
  }
  return outcome;
}

/** What the database says after the storm: the ledger, the running totals and what is still held. */
async function audit(db: DatabaseHandle['db'], userId: string) {
  const ledger = await db
    .selectFrom('ledger_entries')
    .select('cost_micros')
    .where('user_id', '=', userId)
    .execute();
  const budget = await db
    .selectFrom('member_budgets')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  const learnerMessages = await db
    .selectFrom('messages')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', 'learner')
    .execute();
  const open = await db.selectFrom('budget_reservations').select('id').execute();
  return {
    ledgerTotal: ledger.reduce((sum, row) => sum + Number(row.cost_micros), 0),
    monthSpent: Number(budget.month_spent_micros),
    reserved: Number(budget.reserved_micros),
    learnerMessages: learnerMessages.length,
    openReservations: open.length,
  };
}

describe.skipIf(postgresUnavailable())('zero overspend under concurrency', () => {
  let fake: FakeLlm;
  let testApp: TestApp;

  beforeAll(async () => {
    // Replies take ~150 ms, so many are in flight at once.
    fake = await startFakeLlm({ tokenDelayMs: 5 });
    testApp = await startTestApp({
      env: {
        ANTHROPIC_API_KEY: 'test-key',
        ANTHROPIC_BASE_URL: fake.anthropicBaseURL,
        LLM_MAX_RETRIES: '0',
      },
    });
  });
  afterAll(async () => {
    await testApp.close();
    await fake.close();
  });

  it(`keeps ${requestCount} concurrent replies from one member within the cap (${testDbKind})`, async () => {
    const owner = await signUpOwner(testApp);
    const { client, id } = await createMember(testApp, owner, { username: 'racer' });
    await onboard(client, 'es', 'A2');
    const conversation = await client.post('/api/conversations', { language: 'es' });
    // About ten replies' worth: each turn holds its exact prompt's maximum before it is accepted.
    const cap = (await replyHoldFor(testApp, id, conversation.body.conversation.id, learnerText)) * 10 + 1000;
    expect((await owner.put(`/api/admin/members/${id}/budget`, { monthlyCapMicros: cap })).status).toBe(200);

    const results = await Promise.all(
      Array.from({ length: requestCount }, () =>
        sendTurn(client, conversation.body.conversation.id, learnerText),
      ),
    );
    const outcome = classify(results);
    expect(outcome.other.map((result) => [result.status, result.body])).toEqual([]);
    expect(outcome.accepted + outcome.refused).toBe(requestCount);
    expect(outcome.accepted).toBeGreaterThanOrEqual(5);
    expect(outcome.refused).toBeGreaterThan(requestCount / 2);

    await eventually(async () => (await audit(testApp.database.db, id)).openReservations === 0, 10_000);
    const after = await audit(testApp.database.db, id);
    expect(after.ledgerTotal).toBeGreaterThan(0);
    expect(after.ledgerTotal).toBeLessThanOrEqual(cap);
    expect(after.monthSpent).toBe(after.ledgerTotal);
    expect(after.reserved).toBe(0);
    // Refused requests stored nothing: one learner message per accepted turn.
    expect(after.learnerMessages).toBe(outcome.accepted);
    console.log(
      `${testDbKind}, one process: ${outcome.accepted} accepted, ${outcome.refused} refused; spent ${after.ledgerTotal} of ${cap} µ$`,
    );
  });
});

/*
 * A tight cap, replies that cost exactly what was held: the cap fits three replies and not a cent
 * of a fourth, so any lock that lets two holds read the same remaining budget shows up as a fourth
 * accepted reply. Each request goes to its own fresh conversation (the same prompt, so the same
 * hold) with corrections off (no analysis call beside it).
 */
describe.skipIf(postgresUnavailable())('a cap of exactly three replies under concurrency', () => {
  let fake: FakeLlm;
  let testApp: TestApp;
  beforeAll(async () => {
    fake = await startFakeLlm({ tokenDelayMs: 5 });
    testApp = await startTestApp({
      env: { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.anthropicBaseURL, LLM_MAX_RETRIES: '0' },
    });
  });
  afterAll(async () => {
    await testApp.close();
    await fake.close();
  });

  it(`accepts exactly three of 20 concurrent replies costing their whole hold (${testDbKind})`, async () => {
    const owner = await signUpOwner(testApp);
    const { client, id } = await createMember(testApp, owner, { username: 'tight' });
    await onboard(client, 'es', 'A2');
    const conversations = await Promise.all(
      Array.from(
        { length: 20 },
        async () =>
          (await client.post('/api/conversations', { language: 'es', correctionPolicy: 'off' })).body
            .conversation.id as string,
      ),
    );
    const hold = await replyHoldFor(testApp, id, conversations[0] as string, learnerText);
    const cap = hold * 3 + Math.floor(hold / 2);
    expect((await owner.put(`/api/admin/members/${id}/budget`, { monthlyCapMicros: cap })).status).toBe(200);
    // Usage that prices at exactly the hold: every prompt byte as a 5-minute cache write, every
    // output token used (Haiku: $1.25 and $5 per million).
    const prompt = (hold - testApp.config.REPLY_MAX_OUTPUT_TOKENS * 5) / 1.25;
    fake.script({
      provider: 'anthropic',
      structured: false,
      text: 'Vale.',
      times: 'always',
      usage: {
        inputTokens: 0,
        outputTokens: testApp.config.REPLY_MAX_OUTPUT_TOKENS,
        cacheReadTokens: 0,
        cacheWriteTokens: Math.round(prompt),
      },
    });

    const results = await Promise.all(
      conversations.map((conversation) => sendTurn(client, conversation, learnerText)),
    );
    const outcome = classify(results);
    expect(outcome.other.map((result) => [result.status, result.body])).toEqual([]);
    expect(outcome).toMatchObject({ accepted: 3, refused: 17 });

    await eventually(async () => (await audit(testApp.database.db, id)).openReservations === 0, 10_000);
    const after = await audit(testApp.database.db, id);
    expect(after.ledgerTotal).toBeLessThanOrEqual(cap);
    expect(after.ledgerTotal).toBeGreaterThan(hold * 3 - 10);
    expect(after.monthSpent).toBe(after.ledgerTotal);
    expect(after.reserved).toBe(0);
    expect(after.learnerMessages).toBe(3);
  });
});

describe.skipIf(testDbKind !== 'postgres' || postgresUnavailable())(
  'zero overspend across two server processes on one PostgreSQL',
  () => {
    let fake: FakeLlm;
    let place: TestDatabase;
    let workDir: string;
    let database: DatabaseHandle;
    let first: ServerProcess | undefined;
    let second: ServerProcess | undefined;

    beforeAll(async () => {
      fake = await startFakeLlm({ tokenDelayMs: 5 });
      place = await createTestDatabase();
      if (place.kind !== 'postgres') throw new Error('PostgreSQL only');
      // An empty working directory: a developer's .env must not reach the servers.
      workDir = await mkdtemp(join(tmpdir(), 'charla-overspend-'));
      const env = {
        DATABASE_URL: place.databaseUrl,
        DATA_DIR: workDir,
        ANTHROPIC_API_KEY: 'test-key',
        ANTHROPIC_BASE_URL: fake.anthropicBaseURL,
        LLM_MAX_RETRIES: '0',
      };
      // One at a time: the first migrates the database, the second finds it ready.
      first = await startServerProcess(env, workDir);
      second = await startServerProcess(env, workDir);
      database = connectDatabase({ databaseUrl: place.databaseUrl, dataDir: workDir, poolSize: 2 });
    });
    afterAll(async () => {
      await stopServerProcess(first);
      await stopServerProcess(second);
      await database?.close();
      await fake?.close();
      await place?.cleanup();
      if (workDir) await rm(workDir, { recursive: true, force: true });
    });

    it(`keeps ${requestCount} concurrent replies split over two processes within the cap`, async () => {
      if (!first || !second) throw new Error('servers not started');
      expect(first.url).not.toBe(second.url);
      const owner = new TestClient(first.url);
      expect(
        (
          await owner.post('/api/auth/signup', {
            username: 'owner',
            password: 'correct horse battery staple',
          })
        ).status,
      ).toBe(201);
      const created = await owner.post('/api/admin/members', {
        username: 'racer',
        password: 'correct horse battery staple',
      });
      const id: string = created.body.member.id;
      const onFirst = new TestClient(first.url);
      await onFirst.post('/api/auth/login', { username: 'racer', password: 'correct horse battery staple' });
      await onboard(onFirst, 'es', 'A2');
      const conversation = await onFirst.post('/api/conversations', { language: 'es' });
      // The same session, sent to the other process.
      const onSecond = new TestClient(second.url);
      for (const [name, value] of onFirst.cookies) onSecond.cookies.set(name, value);
      const cap =
        (await replyHoldFor(
          { database, clock: systemClock, config: loadConfig({}) },
          id,
          conversation.body.conversation.id,
          learnerText,
        )) *
          10 +
        1000;
      expect((await owner.put(`/api/admin/members/${id}/budget`, { monthlyCapMicros: cap })).status).toBe(
        200,
      );

      // Each process has the session cached before the race, so neither starts it behind.
      for (const client of [onFirst, onSecond]) expect((await client.get('/api/me')).status).toBe(200);
      const results = await Promise.all(
        Array.from({ length: requestCount }, (_, index) =>
          sendTurn(index % 2 === 0 ? onFirst : onSecond, conversation.body.conversation.id, learnerText),
        ),
      );
      const outcome = classify(results);
      expect(outcome.other.map((result) => [result.status, result.body])).toEqual([]);
      expect(outcome.accepted + outcome.refused).toBe(requestCount);
      expect(outcome.accepted).toBeGreaterThanOrEqual(5);
      expect(outcome.refused).toBeGreaterThan(requestCount / 2);
      // Both processes answered their half, each reading the other's holds: whichever accepted the
      // turns, the audit below holds the sum of both to the one cap. (Which process wins the most
      // holds is a race — one of them can take them all — so it is not asserted.)
      const acceptedBy = [0, 1].map(
        (parity) => results.filter((result, index) => index % 2 === parity && result.status === 200).length,
      );
      for (const parity of [0, 1]) {
        const half = results.filter((_, index) => index % 2 === parity);
        expect(half.every((result) => result.status === 200 || result.status === 402)).toBe(true);
      }

      await eventually(async () => (await audit(database.db, id)).openReservations === 0, 10_000);
      const after = await audit(database.db, id);
      expect(after.ledgerTotal).toBeGreaterThan(0);
      expect(after.ledgerTotal).toBeLessThanOrEqual(cap);
      expect(after.monthSpent).toBe(after.ledgerTotal);
      expect(after.reserved).toBe(0);
      expect(after.learnerMessages).toBe(outcome.accepted);
      console.log(
        `postgres, two processes: ${outcome.accepted} accepted (${acceptedBy.join(' + ')}), ${outcome.refused} refused; spent ${after.ledgerTotal} of ${cap} µ$`,
      );
    });
  },
);
