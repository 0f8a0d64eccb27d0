import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  postgresUnavailable,
  type TestDatabase,
} from '../../tests/harness/test-database.ts';
import {
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '../../tests/helpers/server-process.ts';
import { onboard, TestClient } from '../../tests/helpers/test-app.ts';
import { eventually, startConversation } from '../../tests/helpers/turns.ts';
import { type FakeLlm, startFakeLlm } from '../../tools/fake-llm/fake-llm.ts';
import { connectDatabase, type DatabaseHandle } from '../db/connect.ts';

/**
 * A real server process killed with SIGKILL in the middle of a reply, then started again: the
 * learner's message is there, the text that reached the learner is kept (`partial`, reason
 * `interrupted`), the restarted process recognises its own earlier boot and settles its
 * reservations at once — priced from what was sent and saved, not at the reserved maximum.
 */
describe.skipIf(postgresUnavailable())('a server killed mid-reply', () => {
  let fake: FakeLlm;
  let place: TestDatabase;
  let workDir: string;
  let env: Record<string, string>;
  let database: DatabaseHandle;
  let server: ServerProcess | undefined;
  const reply = Array.from({ length: 80 }, (_, index) => `palabra${index}`).join(' ');

  beforeAll(async () => {
    fake = await startFakeLlm();
    place = await createTestDatabase();
    workDir = await mkdtemp(join(tmpdir(), 'charla-crash-'));
    env = {
      ...(place.kind === 'postgres'
        ? { DATABASE_URL: place.databaseUrl, DATA_DIR: workDir }
        : { DATA_DIR: place.dataDir }),
      ANTHROPIC_API_KEY: 'test-key',
      ANTHROPIC_BASE_URL: fake.anthropicBaseURL,
      CHARLA_INSTANCE_ID: 'crash-test-instance',
      REPLY_SAVE_INTERVAL_MS: '100',
      LLM_MAX_RETRIES: '0',
    };
    server = await startServerProcess(env, workDir);
    database = connectDatabase(
      place.kind === 'postgres'
        ? { databaseUrl: place.databaseUrl, dataDir: workDir, poolSize: 2 }
        : { dataDir: place.dataDir },
    );
  });
  afterAll(async () => {
    await stopServerProcess(server);
    await database?.close();
    await fake?.close();
    await place?.cleanup();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('keeps the learner’s message and the text they saw, and settles the call at once after a restart', async () => {
    const first = server as ServerProcess;
    const owner = new TestClient(first.url);
    expect(
      (await owner.post('/api/auth/signup', { username: 'owner', password: 'a long password 1' })).status,
    ).toBe(201);
    await onboard(owner, 'es', 'A2');
    const conversationId = await startConversation(owner, { language: 'es' });
    // Slow enough that the kill lands in the middle; the analysis beside it may be cut too.
    fake.script({ provider: 'anthropic', structured: false, text: reply, tokenDelayMs: 40 });

    const response = await fetch(`${first.url}/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: [...owner.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        'x-csrf-token': owner.csrfToken ?? '',
      },
      body: JSON.stringify({ text: 'Cuéntame una historia larga, por favor.' }),
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let seen = '';
    const decoder = new TextDecoder();
    while ((seen.match(/event: reply-delta/g) ?? []).length < 20) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended early: ${seen}`);
      seen += decoder.decode(value, { stream: true });
    }
    // At least one save of the growing text has happened (every 100 ms here).
    await eventually(async () => {
      const row = await database.db
        .selectFrom('messages')
        .select('text')
        .where('role', '=', 'tutor')
        .where('status', '=', 'streaming')
        .executeTakeFirst();
      return (row?.text.length ?? 0) > 0;
    });

    const killed = new Promise((resolve) => first.child.once('exit', resolve));
    process.kill(first.child.pid as number, 'SIGKILL');
    await killed;
    await reader.cancel().catch(() => {});

    // What the kill left: the learner's words, a reply still marked streaming with its saved text,
    // and the budget it held.
    const [learnerMessage, tutorMessage] = await database.db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .orderBy('created_at')
      .orderBy('role')
      .execute();
    expect(learnerMessage).toMatchObject({ role: 'learner', status: 'complete' });
    expect(tutorMessage).toMatchObject({ role: 'tutor', status: 'streaming' });
    const savedText = tutorMessage?.text ?? '';
    expect(savedText.length).toBeGreaterThan(0);
    expect(reply.startsWith(savedText)).toBe(true);
    const held = await database.db.selectFrom('budget_reservations').selectAll().execute();
    const replyHold = held.find((row) => row.purpose === 'reply');
    expect(replyHold).toMatchObject({ message_id: tutorMessage?.id });
    expect(replyHold?.owner_id).toMatch(/^crash-test-instance\//);

    // The same instance starts again: it ends its earlier boot's work at once, not after a lease.
    server = await startServerProcess(env, workDir);
    const after = await database.db
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', tutorMessage?.id as string)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: 'partial', failure_reason: 'interrupted', text: savedText });
    expect(await database.db.selectFrom('budget_reservations').selectAll().execute()).toEqual([]);
    const ledger = await database.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('message_id', '=', tutorMessage?.id as string)
      .execute();
    expect(ledger).toHaveLength(1);
    const row = ledger[0];
    expect(row).toMatchObject({
      outcome: 'interrupted',
      error_code: 'process_restarted',
      usage_estimated: 1,
    });
    expect(row?.output_tokens).toBe(Math.ceil(Buffer.byteLength(savedText) / 4));
    expect(row?.input_tokens).toBeGreaterThan(0);
    // Priced from the estimate, well under what was held for the reply's maximum.
    expect(Number(row?.cost_micros)).toBeGreaterThan(0);
    expect(Number(row?.cost_micros)).toBeLessThan(Number(replyHold?.reserved_micros) / 2);
    // The budget rows hold nothing any more and count exactly what the ledger says.
    const member = await database.db.selectFrom('member_budgets').selectAll().executeTakeFirstOrThrow();
    const spent = await database.db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.sum<number>('cost_micros').as('total'))
      .executeTakeFirstOrThrow();
    expect(Number(member.reserved_micros)).toBe(0);
    expect(Number(member.month_spent_micros)).toBe(Number(spent.total));

    // The page shows the kept text as an interrupted reply the learner can retry.
    const again = new TestClient((server as ServerProcess).url);
    await again.post('/api/auth/login', { username: 'owner', password: 'a long password 1' });
    const page = await again.get(`/api/conversations/${conversationId}`);
    expect(page.body.messages.at(-1)).toMatchObject({
      status: 'partial',
      failureReason: 'interrupted',
      text: savedText,
    });
  });
});
