import type { Kysely } from 'kysely';
import type { CefrLevel } from '../../contracts/languages.ts';
import type { TutorPreferences } from '../../contracts/tutor.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';

/** The learner's defaults for new conversations: subject and tutor level. */
export async function readTutorPreferences(db: Kysely<Database>, userId: string): Promise<TutorPreferences> {
  const row = await db
    .selectFrom('tutor_preferences')
    .select(['subject', 'learner_level'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return { subject: row?.subject ?? null, learnerLevel: (row?.learner_level as CefrLevel | null) ?? null };
}

/** Changes the learner's tutor defaults; fields left out keep their value. */
export async function updateTutorPreferences(
  db: Kysely<Database>,
  clock: Clock,
  userId: string,
  update: { subject?: string | null | undefined; learnerLevel?: CefrLevel | null | undefined },
): Promise<TutorPreferences> {
  const current = await readTutorPreferences(db, userId);
  const next = {
    subject: update.subject === undefined ? current.subject : update.subject,
    learner_level: update.learnerLevel === undefined ? current.learnerLevel : update.learnerLevel,
    updated_at: clock.now().toISOString(),
  };
  await db
    .insertInto('tutor_preferences')
    .values({ user_id: userId, ...next })
    .onConflict((conflict) => conflict.column('user_id').doUpdateSet(next))
    .execute();
  return readTutorPreferences(db, userId);
}
