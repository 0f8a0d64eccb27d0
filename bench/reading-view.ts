import { sql } from 'kysely';
import { connectDatabase } from '../server/db/connect.ts';
import { newId } from '../server/lib/ids.ts';
import { api, createBenchDatabase, percentile, signUp, startServerProcess } from './lib-servers.ts';
import type { BenchRow } from './run.ts';

/**
 * Opening a text in the reading room: one learner with 50,000 Spanish cards, a 5,000-word text
 * (about 2,000 distinct forms, conjugated verbs among them so the lemma path runs), the real server
 * in its own process, `GET /api/reading/texts/:id/view` over HTTP one at a time. Every open marks
 * every word from the cards as they are at that moment (nothing cached). Goal (issue 17): p95 ≤ 50 ms
 * on both databases.
 */

const goalMs = 50;
const dayMs = 86_400_000;

function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const syllables = [
  'ma',
  'te',
  'lo',
  'pi',
  'ra',
  'so',
  'nu',
  'ca',
  'de',
  'bri',
  'fa',
  'gu',
  'len',
  'tor',
  'quin',
  'zo',
];
/** A distinct made-up word per number (base-16 syllables), so terms never collide. */
function wordOf(index: number): string {
  let word = '';
  let rest = index + 16;
  while (rest > 0) {
    word += syllables[rest % 16];
    rest = Math.floor(rest / 16);
  }
  return word;
}

const realForms = [
  'fui',
  'fue',
  'tengo',
  'tiene',
  'hizo',
  'dijo',
  'puede',
  'vamos',
  'era',
  'estaba',
  'quiero',
  'sabe',
];
const realCards = [
  'ir',
  'ser',
  'tener',
  'hacer',
  'decir',
  'poder',
  'estar',
  'querer',
  'saber',
  'el perro',
  'la casa',
];

function buildText(words: number, distinct: number, random: () => number): string {
  const sentences: string[] = [];
  let written = 0;
  while (written < words) {
    const length = 8 + Math.floor(random() * 8);
    const sentence: string[] = [];
    for (let index = 0; index < length && written < words; index++, written++) {
      const pick = random();
      sentence.push(
        pick < 0.08
          ? (realForms[Math.floor(random() * realForms.length)] as string)
          : wordOf(Math.floor(random() * distinct)),
      );
    }
    const first = sentence[0] ?? '';
    sentence[0] = first.charAt(0).toUpperCase() + first.slice(1);
    sentences.push(`${sentence.join(' ')}.`);
  }
  const paragraphs: string[] = [];
  for (let index = 0; index < sentences.length; index += 6)
    paragraphs.push(sentences.slice(index, index + 6).join(' '));
  return paragraphs.join('\n\n');
}

async function seedCards(env: Record<string, string>, userId: string, deckId: string, count: number) {
  const database = connectDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR ?? '',
    poolSize: 2,
  });
  const random = seeded(11);
  const now = Date.now();
  try {
    // Cards for every other word of the text's vocabulary (0–2,999), the rest elsewhere in the lexicon.
    const terms = [
      ...realCards,
      ...Array.from({ length: count - realCards.length }, (_, index) => wordOf(index * 2)),
    ];
    const rows = terms.map((term, index) => {
      const isNew = random() < 0.1;
      const created = new Date(now - 400 * dayMs + index * 1000).toISOString();
      return {
        id: newId(now - 400 * dayMs + index),
        deck_id: deckId,
        user_id: userId,
        language: 'es',
        term,
        term_key: term,
        translation: `word ${index}`,
        example_sentence: '',
        notes: '',
        part_of_speech: null,
        gender: null,
        source: 'import',
        source_message_id: null,
        state: isNew ? 0 : 2,
        due: created,
        stability: isNew ? 0 : 1 + random() * 60,
        difficulty: isNew ? 0 : 5,
        elapsed_days: 0,
        scheduled_days: 0,
        learning_steps: 0,
        reps: isNew ? 0 : 3,
        lapses: 0,
        last_review: null,
        created_at: created,
        updated_at: created,
      };
    });
    await database.db.transaction().execute(async (trx) => {
      if (database.kind === 'postgres') await sql`set local synchronous_commit = on`.execute(trx);
      for (let index = 0; index < rows.length; index += 500)
        await trx
          .insertInto('vocabulary_cards')
          .values(rows.slice(index, index + 500))
          .execute();
    });
    await sql`${sql.raw(database.kind === 'postgres' ? 'vacuum analyze' : 'analyze')}`.execute(database.db);
  } finally {
    await database.close();
  }
}

export async function benchReadingView(options: {
  databases: Array<'sqlite' | 'postgres'>;
  cards?: number;
  words?: number;
  samples?: number;
  warmup?: number;
}): Promise<BenchRow[]> {
  const cards = options.cards ?? 50_000;
  const words = options.words ?? 5_000;
  const samples = options.samples ?? 200;
  const warmup = options.warmup ?? 20;
  const rows: BenchRow[] = [];
  for (const kind of options.databases) {
    const database = await createBenchDatabase(kind);
    let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
    try {
      server = await startServerProcess(database.env);
      const session = await signUp(server.url, 'reader', 'benchmark password');
      const me = (await api(server.url, session, 'GET', '/api/me')) as { user: { id: string } };
      const deck = (await api(server.url, session, 'POST', '/api/vocabulary/decks', {
        language: 'es',
        name: 'Benchmark',
      })) as { deck: { id: string } };
      await seedCards(database.env, me.user.id, deck.deck.id, cards);
      const text = (await api(server.url, session, 'POST', '/api/reading/texts', {
        language: 'es',
        title: 'Benchmark text',
        text: buildText(words, 3_000, seeded(5)),
      })) as { text: { id: string; wordCount: number } };
      const open = () =>
        api(server!.url, session, 'GET', `/api/reading/texts/${text.text.id}/view`) as Promise<{
          coverage: { words: number; known: number; learning: number; new: number };
          words: Record<string, unknown>;
        }>;
      const first = await open();
      console.log(
        `  ${kind}: ${first.coverage.words} words, ${Object.keys(first.words).length} distinct; known ${first.coverage.known}, learning ${first.coverage.learning}, new ${first.coverage.new}`,
      );
      for (let index = 0; index < warmup; index++) await open();
      const times: number[] = [];
      for (let index = 0; index < samples; index++) {
        const started = performance.now();
        await open();
        times.push(performance.now() - started);
      }
      const sorted = times.sort((a, b) => a - b);
      const p95 = percentile(sorted, 95);
      rows.push({
        name: `open a ${words}-word text, ${cards} cards`,
        db: kind,
        p50: percentile(sorted, 50),
        p95,
        p99: percentile(sorted, 99),
        n: sorted.length,
        goal: `p95 ≤ ${goalMs} ms`,
        pass: p95 <= goalMs,
      });
    } finally {
      await server?.stop();
      await database.cleanup();
    }
  }
  return rows;
}

export default function readingViewBenchmark(options: { databases: Array<'sqlite' | 'postgres'> }) {
  return benchReadingView({ databases: options.databases });
}
