import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';

export type GrammarResult = {
  userId: string;
  language: string;
  kind: 'conjugation' | 'article' | 'exercise';
  item: string;
  answer: string;
  expected: string;
  correct: boolean;
  durationMs?: number | undefined;
};

/** Stores one answer: every drill answer counts as practice for progress and streaks. */
export async function recordResult(db: Kysely<Database>, clock: Clock, result: GrammarResult): Promise<void> {
  const now = clock.now();
  await db
    .insertInto('grammar_results')
    .values({
      id: newId(now.getTime()),
      user_id: result.userId,
      language: result.language,
      kind: result.kind,
      item: result.item,
      answer: result.answer.slice(0, 1000),
      expected: result.expected.slice(0, 1000),
      correct: result.correct ? 1 : 0,
      duration_ms: result.durationMs ?? null,
      created_at: now.toISOString(),
    })
    .execute();
}

/** How much grammar the learner practised today (UTC) and in total, by kind of drill. */
export async function grammarStats(
  db: Kysely<Database>,
  clock: Clock,
  userId: string,
  language: string | undefined,
) {
  const dayStart = new Date(Math.floor(clock.now().getTime() / 86_400_000) * 86_400_000).toISOString();
  let query = db.selectFrom('grammar_results').where('user_id', '=', userId);
  if (language) query = query.where('language', '=', language);
  const rows = await query
    .select((eb) => [
      'kind',
      eb.fn.countAll<number>().as('answered'),
      sql<number>`sum(correct)`.as('correct'),
      sql<number>`sum(case when created_at >= ${dayStart} then 1 else 0 end)`.as('today'),
      sql<number>`sum(case when created_at >= ${dayStart} then correct else 0 end)`.as('today_correct'),
    ])
    .groupBy('kind')
    .orderBy('kind')
    .execute();
  const byKind = rows.map((row) => ({
    kind: row.kind,
    answered: Number(row.answered),
    correct: Number(row.correct ?? 0),
  }));
  return {
    today: {
      answered: rows.reduce((sum, row) => sum + Number(row.today ?? 0), 0),
      correct: rows.reduce((sum, row) => sum + Number(row.today_correct ?? 0), 0),
    },
    total: {
      answered: byKind.reduce((sum, row) => sum + row.answered, 0),
      correct: byKind.reduce((sum, row) => sum + row.correct, 0),
    },
    byKind,
  };
}
