import type { Kysely } from 'kysely';

/**
 * Progress reads a learner's own messages by time (streaks, minutes practised, turns per day).
 * Messages were indexed only by conversation, so without this every progress read scanned all of
 * the server's messages; with it, it reads the learner's index entries only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('messages_user_role_time_idx')
    .on('messages')
    .columns(['user_id', 'role', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('messages_user_role_time_idx').execute();
}
