import type { Kysely } from 'kysely';

/**
 * Every change of a learner's daily goal. XP for reaching the daily goal judges each day against the
 * goal in force that day; without this history, lowering the goal would re-score every past day.
 * Append-only: each profile update that changes the goal adds one row, so concurrent updates never
 * conflict. Rows go with the member.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('daily_goal_changes')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('from_minutes', 'integer', (column) => column.notNull())
    .addColumn('to_minutes', 'integer', (column) => column.notNull())
    .addColumn('changed_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('daily_goal_changes_user_idx')
    .on('daily_goal_changes')
    .columns(['user_id', 'changed_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('daily_goal_changes').execute();
}
