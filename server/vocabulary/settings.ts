import type { Kysely } from 'kysely';
import type { VocabularySettings } from '../../contracts/vocabulary.ts';
import type { Database } from '../db/schema.ts';
import type { VocabularyDeps } from './deps.ts';

export const defaultVocabularySettings: VocabularySettings = {
  desiredRetention: 0.9,
  newCardsPerDay: 20,
  maximumIntervalDays: 36500,
  autoAddFromConversations: false,
};

/** The learner's review settings; defaults until they change one. */
export async function readVocabularySettings(
  db: Kysely<Database>,
  userId: string,
): Promise<VocabularySettings> {
  const row = await db
    .selectFrom('vocabulary_settings')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return { ...defaultVocabularySettings };
  return {
    desiredRetention: Number(row.desired_retention),
    newCardsPerDay: row.new_cards_per_day,
    maximumIntervalDays: row.maximum_interval_days,
    autoAddFromConversations: row.auto_add === 1,
  };
}

/** Changes some review settings; the rest keep their current (or default) values. */
export async function updateVocabularySettings(
  deps: VocabularyDeps,
  userId: string,
  changes: Partial<VocabularySettings>,
): Promise<VocabularySettings> {
  const next = { ...(await readVocabularySettings(deps.db, userId)), ...changes };
  const values = {
    desired_retention: next.desiredRetention,
    new_cards_per_day: next.newCardsPerDay,
    maximum_interval_days: next.maximumIntervalDays,
    auto_add: next.autoAddFromConversations ? 1 : 0,
    updated_at: deps.clock.now().toISOString(),
  };
  await deps.db
    .insertInto('vocabulary_settings')
    .values({ user_id: userId, ...values })
    .onConflict((conflict) => conflict.column('user_id').doUpdateSet(values))
    .execute();
  return next;
}
