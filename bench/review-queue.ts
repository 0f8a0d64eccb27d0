import { sql } from 'kysely';
import { connectDatabase } from '../server/db/connect.ts';
import { newId } from '../server/lib/ids.ts';
import { api, createBenchDatabase, percentile, signUp, startServerProcess } from './lib-servers.ts';
import type { BenchRow } from './run.ts';

/**
 * Review queue at scale: one learner with 50,000 cards (5,000 new, 45,000 studied with due dates
 * from 20 days ago to 400 days ahead, so ~2,000 are due), the real server in its own process,
 * requests over HTTP one at a time. Measures `GET /api/vocabulary/due?limit=20` and
 * `POST /api/vocabulary/cards/:id/review`. Goal (architecture.md): p95 ≤ 10 ms on both databases.
 */

const goalMs = 10;
const dayMs = 86_400_000;

export type ReviewQueueOptions = {
  databases: Array<'sqlite' | 'postgres'>;
  cards?: number;
  samples?: number;
  warmup?: number;
};

/** Deterministic pseudo-random numbers, so every run seeds the same collection. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function seedCards(env: Record<string, string>, userId: string, deckId: string, count: number) {
  const database = connectDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR ?? '',
    poolSize: 2,
  });
  const random = seeded(7);
  const now = Date.now();
  try {
    const rows = Array.from({ length: count }, (_, index) => {
      const isNew = index < count / 10;
      const created = new Date(now - 400 * dayMs + index * 1000).toISOString();
      const due = isNew ? created : new Date(now + (random() * 420 - 20) * dayMs).toISOString();
      const scheduled = Math.max(1, Math.round(random() * 90));
      return {
        id: newId(now - 400 * dayMs + index),
        deck_id: deckId,
        user_id: userId,
        language: 'es',
        term: `palabra ${index}`,
        term_key: `palabra ${index}`,
        translation: `word ${index}`,
        example_sentence: `Esta es la palabra número ${index}.`,
        notes: '',
        part_of_speech: 'noun',
        gender: null,
        source: 'import',
        source_message_id: null,
        state: isNew ? 0 : 2,
        due,
        stability: isNew ? 0 : 1 + random() * 120,
        difficulty: isNew ? 0 : 3 + random() * 5,
        elapsed_days: 0,
        scheduled_days: isNew ? 0 : scheduled,
        learning_steps: 0,
        reps: isNew ? 0 : 3,
        lapses: 0,
        last_review: isNew ? null : new Date(Date.parse(due) - scheduled * dayMs).toISOString(),
        created_at: created,
        updated_at: created,
      };
    });
    await database.db.transaction().execute(async (trx) => {
      // The throwaway cluster runs with synchronous_commit off for test speed; a server's default is
      // on. Until an asynchronous commit reaches the WAL, VACUUM cannot mark the pages all-visible,
      // and every count would then read the heap as it never would on a real installation.
      if (database.kind === 'postgres') await sql`set local synchronous_commit = on`.execute(trx);
      for (let index = 0; index < rows.length; index += 500) {
        await trx
          .insertInto('vocabulary_cards')
          .values(rows.slice(index, index + 500))
          .execute();
      }
    });
    // Planner statistics and (PostgreSQL) a visibility map, as autovacuum gives a long-running server.
    await sql`${sql.raw(database.kind === 'postgres' ? 'vacuum analyze' : 'analyze')}`.execute(database.db);
  } finally {
    await database.close();
  }
}

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function summarise(name: string, db: string, samples: number[]): BenchRow {
  const sorted = [...samples].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  return {
    name,
    db,
    p50: percentile(sorted, 50),
    p95,
    p99: percentile(sorted, 99),
    n: sorted.length,
    goal: `p95 ≤ ${goalMs} ms`,
    pass: p95 <= goalMs,
  };
}

/** Measures one database; a small exported function so other benchmarks or tests can reuse it. */
export async function benchReviewQueue(options: ReviewQueueOptions): Promise<BenchRow[]> {
  const cards = options.cards ?? 50_000;
  const samples = options.samples ?? 400;
  const warmup = options.warmup ?? 50;
  const rows: BenchRow[] = [];
  for (const kind of options.databases) {
    const database = await createBenchDatabase(kind);
    let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
    try {
      server = await startServerProcess(database.env);
      const session = await signUp(server.url, 'reviewer', 'benchmark password');
      const me = (await api(server.url, session, 'GET', '/api/me')) as { user: { id: string } };
      const deck = (await api(server.url, session, 'POST', '/api/vocabulary/decks', {
        language: 'es',
        name: 'Benchmark',
      })) as { deck: { id: string } };
      const seedStarted = performance.now();
      await seedCards(database.env, me.user.id, deck.deck.id, cards);
      console.log(`  ${kind}: seeded ${cards} cards in ${Math.round(performance.now() - seedStarted)} ms`);

      const fetchQueue = () =>
        api(server!.url, session, 'GET', '/api/vocabulary/due?limit=20') as Promise<{
          cards: Array<{ id: string }>;
          dueCount: number;
        }>;
      const first = await fetchQueue();
      console.log(`  ${kind}: ${first.dueCount} cards due`);
      for (let index = 0; index < warmup; index += 1) await fetchQueue();
      const queueTimes: number[] = [];
      for (let index = 0; index < samples; index += 1) queueTimes.push(await timed(fetchQueue));
      rows.push(summarise('due queue (page of 20)', kind, queueTimes));

      // Each review takes a card off the front of the queue; the next page supplies more.
      const reviewTimes: number[] = [];
      let queue = first.cards.map((card) => card.id);
      let ratings = 0;
      while (reviewTimes.length < samples + warmup) {
        if (queue.length === 0) queue = (await fetchQueue()).cards.map((card) => card.id);
        const id = queue.shift();
        if (!id) break;
        const rating = [3, 3, 3, 2, 4, 1][ratings++ % 6];
        const elapsed = await timed(() =>
          api(server!.url, session, 'POST', `/api/vocabulary/cards/${id}/review`, {
            rating,
            durationMs: 2000,
          }),
        );
        reviewTimes.push(elapsed);
      }
      rows.push(summarise('review submit', kind, reviewTimes.slice(warmup)));
    } finally {
      await server?.stop();
      await database.cleanup();
    }
  }
  return rows;
}

export default function reviewQueueBenchmark(options: { databases: Array<'sqlite' | 'postgres'> }) {
  return benchReviewQueue({
    databases: options.databases,
    ...(process.env.BENCH_REVIEW_CARDS ? { cards: Number(process.env.BENCH_REVIEW_CARDS) } : {}),
  });
}
