import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDatabase } from '../server/db/connect.ts';
import { copyDatabase } from '../server/db/copy.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { newId } from '../server/lib/ids.ts';
import { createBenchDatabase } from './lib-servers.ts';
import type { BenchRow } from './run.ts';

/**
 * `npm run db:copy` on a database of a realistic size: a year of one household — 5 members, each
 * with 2,000 messages (with their ledger rows) and 5,000 cards with a review each — copied from
 * SQLite into an empty PostgreSQL and back into a new SQLite directory, verification included.
 */

const members = 5;
const messagesPerMember = 2_000;
const cardsPerMember = 5_000;

async function seedHousehold(dataDir: string): Promise<number> {
  const handle = connectDatabase({ dataDir });
  const db = handle.db;
  await migrateToLatest(db);
  const start = Date.parse('2025-12-01T00:00:00.000Z');
  const at = (offset: number) => new Date(start + offset * 60_000).toISOString();
  let rows = 0;
  for (let member = 0; member < members; member++) {
    const userId = newId(start);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('users')
        .values({
          id: userId,
          username: `member${member}`,
          email: null,
          password_hash: 'scrypt$bench',
          role: member === 0 ? 'admin' : 'learner',
          is_child: member === 4 ? 1 : 0,
          is_owner: member === 0 ? 1 : 0,
          disabled: 0,
          created_at: at(0),
          updated_at: at(0),
        })
        .execute();
      const conversations = Array.from({ length: 100 }, (_, index) => ({
        id: newId(start + index),
        user_id: userId,
        title: `Conversation ${index}`,
        language: 'es',
        level: 'A2',
        persona_id: null,
        scenario_id: null,
        mode: 'free',
        summary: null,
        summary_through: null,
        message_count: messagesPerMember / 100,
        created_at: at(index * 5000),
        updated_at: at(index * 5000),
        last_message_at: at(index * 5000),
        subject: null,
        correction_policy: null,
        goals_met_json: '[]',
        ended_at: null,
        outcome_json: null,
      }));
      await trx.insertInto('conversations').values(conversations).execute();
      for (let batch = 0; batch < messagesPerMember; batch += 500) {
        const messages = Array.from({ length: 500 }, (_, index) => {
          const n = batch + index;
          const learner = n % 2 === 0;
          return {
            id: newId(start + n * 60_000),
            conversation_id: conversations[Math.floor(n / 20)]!.id,
            user_id: userId,
            role: learner ? ('learner' as const) : ('tutor' as const),
            text: learner
              ? `Ayer fui al mercado y compré ${n} manzanas.`
              : `¡Qué bien! ¿Y qué más compraste? (${n}) `.repeat(4),
            status: 'complete' as const,
            failure_reason: null,
            failure_message: null,
            reply_to: null,
            provider: learner ? null : 'anthropic',
            model: learner ? null : 'claude-haiku-4-5',
            input_tokens: learner ? null : 900,
            output_tokens: learner ? null : 80,
            cache_read_tokens: learner ? null : 600,
            cache_write_tokens: learner ? null : 0,
            usage_estimated: learner ? null : 0,
            latency_ms: learner ? null : 900,
            created_at: at(n),
            updated_at: at(n),
          };
        });
        await trx.insertInto('messages').values(messages).execute();
        await trx
          .insertInto('ledger_entries')
          .values(
            messages
              .filter((message) => message.role === 'tutor')
              .map((message) => ({
                id: newId(start),
                user_id: userId,
                conversation_id: message.conversation_id,
                message_id: message.id,
                purpose: 'reply',
                provider: 'anthropic',
                model: 'claude-haiku-4-5',
                input_tokens: 900,
                output_tokens: 80,
                cache_read_tokens: 600,
                cache_write_tokens: 0,
                usage_estimated: 0,
                cost_micros: 1360,
                latency_ms: 900,
                outcome: 'ok',
                error_code: null,
                created_at: message.created_at,
                cache_write_1h_tokens: 0,
                price_fallback: 0,
                reserved_micros: 4000,
                budget_month: message.created_at.slice(0, 7),
                budget_day: message.created_at.slice(0, 10),
              })),
          )
          .execute();
        rows += 750;
      }
      const deckId = newId(start);
      await trx
        .insertInto('vocabulary_decks')
        .values({
          id: deckId,
          user_id: userId,
          language: 'es',
          name: 'Spanish',
          description: '',
          created_at: at(0),
          updated_at: at(0),
        })
        .execute();
      for (let batch = 0; batch < cardsPerMember; batch += 500) {
        const cards = Array.from({ length: 500 }, (_, index) => {
          const n = batch + index;
          return {
            id: newId(start + n),
            deck_id: deckId,
            user_id: userId,
            language: 'es',
            term: `palabra ${n}`,
            term_key: `palabra ${n}`,
            translation: `word ${n}`,
            example_sentence: `Esta es la palabra ${n}.`,
            notes: '',
            part_of_speech: 'noun',
            gender: null,
            source: 'manual',
            source_message_id: null,
            state: 2,
            due: at(n * 30),
            stability: 12.5,
            difficulty: 5.1,
            elapsed_days: 3,
            scheduled_days: 12,
            learning_steps: 0,
            reps: 4,
            lapses: 0,
            last_review: at(n * 10),
            created_at: at(n),
            updated_at: at(n * 10),
          };
        });
        await trx.insertInto('vocabulary_cards').values(cards).execute();
        await trx
          .insertInto('vocabulary_review_logs')
          .values(
            cards.map((card) => ({
              id: newId(start),
              user_id: userId,
              card_id: card.id,
              rating: 3,
              state: 1,
              due: card.due,
              stability: 3.1,
              difficulty: 5,
              elapsed_days: 1,
              last_elapsed_days: 0,
              scheduled_days: 3,
              learning_steps: 0,
              reviewed_at: card.updated_at,
              duration_ms: 4000,
              previous_card_json: JSON.stringify({ id: card.id, state: 1 }),
            })),
          )
          .execute();
        rows += 1000;
      }
    });
  }
  await handle.close();
  return rows;
}

export default async function dbCopy(): Promise<BenchRow[]> {
  const source = mkdtempSync(join(tmpdir(), 'charla-bench-copy-'));
  const back = mkdtempSync(join(tmpdir(), 'charla-bench-copy-back-'));
  const postgres = await createBenchDatabase('postgres');
  try {
    const seedStarted = performance.now();
    const seeded = await seedHousehold(source);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const url = postgres.env.DATABASE_URL;
    if (!url) throw new Error('no PostgreSQL for the bench');
    const there = await copyDatabase({ kind: 'sqlite', dataDir: source }, { kind: 'postgres', url });
    const backAgain = await copyDatabase(
      { kind: 'postgres', url },
      { kind: 'sqlite', dataDir: join(back, 'data') },
    );
    const shape = `${members} members × (${messagesPerMember} messages + ledger, ${cardsPerMember} cards + reviews)`;
    return [
      {
        benchmark: 'db:copy',
        direction: 'SQLite → PostgreSQL',
        household: shape,
        rows: there.rows,
        seededRows: seeded,
        seconds: there.seconds,
        rowsPerSecond: Math.round(there.rows / there.seconds),
        seedSeconds,
      },
      {
        benchmark: 'db:copy',
        direction: 'PostgreSQL → SQLite',
        household: shape,
        rows: backAgain.rows,
        seededRows: seeded,
        seconds: backAgain.seconds,
        rowsPerSecond: Math.round(backAgain.rows / backAgain.seconds),
        seedSeconds,
      },
    ];
  } finally {
    await postgres.cleanup();
    rmSync(source, { recursive: true, force: true });
    rmSync(back, { recursive: true, force: true });
  }
}
