import type { Kysely } from 'kysely';

/**
 * Which celebrations (a level, an achievement, a streak milestone, the daily goal; keys from
 * `GET /api/progress/news`) a learner has been shown, so each is shown once across reloads and
 * devices. One row per key: marking a key seen twice, or from two devices at once, inserts nothing
 * the second time. Rows go with the member.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('progress_news_seen')
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('key', 'text', (column) => column.notNull())
    .addColumn('seen_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('progress_news_seen_pk', ['user_id', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('progress_news_seen').execute();
}
