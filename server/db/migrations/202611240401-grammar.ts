import type { Kysely } from 'kysely';

/** Grammar practice: every drill answer and model-generated exercise a learner did. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('grammar_results')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('item', 'text', (column) => column.notNull())
    .addColumn('answer', 'text', (column) => column.notNull())
    .addColumn('expected', 'text', (column) => column.notNull())
    .addColumn('correct', 'integer', (column) => column.notNull())
    .addColumn('duration_ms', 'integer')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('grammar_results_user_idx')
    .on('grammar_results')
    .columns(['user_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('grammar_exercises')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('level', 'text', (column) => column.notNull())
    .addColumn('topic_id', 'text')
    .addColumn('error_category', 'text')
    .addColumn('exercise_json', 'text', (column) => column.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('grammar_exercises_user_idx')
    .on('grammar_exercises')
    .columns(['user_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('grammar_exercises').execute();
  await db.schema.dropTable('grammar_results').execute();
}
