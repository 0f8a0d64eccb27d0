import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { streamLearnerExport } from '../server/account/export.ts';
import { connectDatabase } from '../server/db/connect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { systemClock } from '../server/lib/clock.ts';
import { newId } from '../server/lib/ids.ts';
import { createBenchDatabase } from './lib-servers.ts';
import type { BenchRow } from './run.ts';

/**
 * The learner export in bounded memory: one learner with 20,000 messages and 50,000 cards (each
 * reviewed once) is exported through the streaming exporter; the heap is sampled at every chunk.
 * The figure that matters is the heap the export keeps alive (sampled after full collections, every
 * 200 chunks) compared with the size of the document; the time includes the collections.
 */
const messages = 20_000;
const cards = 50_000;

async function seed(env: Record<string, string>): Promise<string> {
  const handle = connectDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR ?? '', poolSize: 2 });
  await migrateToLatest(handle.db);
  const db = handle.db;
  const at = (n: number) => new Date(Date.parse('2026-01-01T00:00:00.000Z') + n * 60_000).toISOString();
  const userId = newId();
  await db
    .insertInto('users')
    .values({
      id: userId,
      username: 'big',
      email: null,
      password_hash: 'x',
      role: 'learner',
      is_child: 0,
      is_owner: 0,
      disabled: 0,
      created_at: at(0),
      updated_at: at(0),
    })
    .execute();
  const conversationId = newId();
  await db
    .insertInto('conversations')
    .values({
      id: conversationId,
      user_id: userId,
      title: 'Long',
      language: 'es',
      level: 'B1',
      persona_id: null,
      scenario_id: null,
      mode: 'free',
      summary: null,
      summary_through: null,
      message_count: messages,
      created_at: at(0),
      updated_at: at(0),
      last_message_at: at(0),
      subject: null,
      correction_policy: null,
      goals_met_json: '[]',
      ended_at: null,
      outcome_json: null,
    })
    .execute();
  for (let start = 0; start < messages; start += 1000) {
    await db
      .insertInto('messages')
      .values(
        Array.from({ length: 1000 }, (_, index) => ({
          id: newId(),
          conversation_id: conversationId,
          user_id: userId,
          role: index % 2 === 0 ? ('learner' as const) : ('tutor' as const),
          text: `Mensaje número ${start + index}: ayer fuimos al mercado y compramos fruta fresca para toda la semana.`,
          status: 'complete' as const,
          failure_reason: null,
          failure_message: null,
          reply_to: null,
          provider: null,
          model: null,
          input_tokens: null,
          output_tokens: null,
          cache_read_tokens: null,
          cache_write_tokens: null,
          usage_estimated: null,
          latency_ms: null,
          created_at: at(start + index),
          updated_at: at(start + index),
        })),
      )
      .execute();
  }
  const deckId = newId();
  await db
    .insertInto('vocabulary_decks')
    .values({
      id: deckId,
      user_id: userId,
      language: 'es',
      name: 'Big',
      description: '',
      created_at: at(0),
      updated_at: at(0),
    })
    .execute();
  for (let start = 0; start < cards; start += 1000) {
    const rows = Array.from({ length: 1000 }, (_, index) => ({
      id: newId(),
      deck_id: deckId,
      user_id: userId,
      language: 'es',
      term: `palabra ${start + index}`,
      term_key: `palabra ${start + index}`,
      translation: `word ${start + index}`,
      example_sentence: 'Una frase de ejemplo bastante corta.',
      notes: '',
      part_of_speech: null,
      gender: null,
      source: 'manual',
      source_message_id: null,
      state: 2,
      due: at(start + index),
      stability: 10,
      difficulty: 5,
      elapsed_days: 3,
      scheduled_days: 10,
      learning_steps: 0,
      reps: 3,
      lapses: 0,
      last_review: at(0),
      created_at: at(0),
      updated_at: at(0),
    }));
    await db.insertInto('vocabulary_cards').values(rows).execute();
    await db
      .insertInto('vocabulary_review_logs')
      .values(
        rows.map((card) => ({
          id: newId(),
          user_id: userId,
          card_id: card.id,
          rating: 3,
          state: 1,
          due: card.due,
          stability: 3,
          difficulty: 5,
          elapsed_days: 1,
          last_elapsed_days: 0,
          scheduled_days: 3,
          learning_steps: 0,
          reviewed_at: at(1),
          duration_ms: 3000,
          previous_card_json: JSON.stringify(card),
        })),
      )
      .execute();
  }
  await handle.close();
  return userId;
}

export default async function exportBench(options: {
  databases: Array<'sqlite' | 'postgres'>;
}): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const kind of options.databases) {
    const database = await createBenchDatabase(kind);
    try {
      const userId = await seed(database.env);
      const handle = connectDatabase({
        databaseUrl: database.env.DATABASE_URL,
        dataDir: database.env.DATA_DIR ?? '',
        poolSize: 2,
      });
      // What the export keeps alive, not garbage waiting for the collector: sampled after a full GC.
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as () => void;
      gc();
      const baseline = process.memoryUsage().heapUsed;
      let peak = baseline;
      let bytes = 0;
      let chunks = 0;
      const started = performance.now();
      const { stream } = await streamLearnerExport(handle.db, systemClock, userId);
      for await (const chunk of stream) {
        bytes += Buffer.byteLength(chunk as string);
        if (++chunks % 200 === 0) {
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        }
      }
      const seconds = (performance.now() - started) / 1000;
      await handle.close();
      rows.push({
        benchmark: 'learner export',
        database: kind,
        learner: `${messages} messages, ${cards} cards + ${cards} reviews`,
        documentMB: Math.round((bytes / 1024 / 1024) * 10) / 10,
        retainedHeapGrowthMB: Math.round(((peak - baseline) / 1024 / 1024) * 10) / 10,
        seconds,
      });
    } finally {
      await database.cleanup();
    }
  }
  return rows;
}
