import type { Kysely } from 'kysely';

/** The tables whose rows an import inserts in batches; each row remembers the import that added it. */
const taggedTables = [
  'daily_goal_changes',
  'personas',
  'scenarios',
  'conversations',
  'messages',
  'message_feedback',
  'error_events',
  'vocabulary_decks',
  'vocabulary_cards',
  'vocabulary_review_logs',
  'grammar_exercises',
  'grammar_results',
  'ledger_entries',
];

/**
 * Imports of a learner export. An import inserts its rows in short batches tagged with its id, so
 * a failed import is rolled back by deleting what carries that id, without one long transaction
 * holding SQLite's single connection. Imported ledger rows stay history: usage reports and caps
 * count only rows without an import id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (column) => column.notNull())
    /** running | complete | failed */
    .addColumn('status', 'text', (column) => column.notNull())
    /** JSON: rows added per table, rows skipped, NUL characters removed. */
    .addColumn('result_json', 'text')
    .addColumn('error_message', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('imports_user_idx').on('imports').columns(['user_id', 'created_at']).execute();
  for (const table of taggedTables) {
    await db.schema.alterTable(table).addColumn('import_id', 'text').execute();
    await db.schema
      .createIndex(`${table}_import_idx`)
      .on(table)
      .column('import_id')
      .where('import_id', 'is not', null)
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of taggedTables) {
    await db.schema.dropIndex(`${table}_import_idx`).execute();
    await db.schema.alterTable(table).dropColumn('import_id').execute();
  }
  await db.schema.dropTable('imports').execute();
}
