import type { Kysely } from 'kysely';

/**
 * Speech through the server (issue 16): the speech chains set in the app (one per function,
 * transcribe and speak), and the recordings a learner chose to keep. A recording's audio is a file
 * under DATA_DIR/recordings; the row says whose it is, what it is and what was heard in it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('speech_chains')
    .addColumn('function', 'text', (column) => column.primaryKey())
    // JSON: Array<{ provider, model, voice? }>
    .addColumn('links_json', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('speech_recordings')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    // Kept when the conversation goes: the recording is the learner's own voice, deleted on its own.
    .addColumn('conversation_id', 'text')
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('mime_type', 'text', (column) => column.notNull())
    .addColumn('bytes', 'integer', (column) => column.notNull())
    .addColumn('duration_ms', 'integer', (column) => column.notNull())
    .addColumn('transcript', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('import_id', 'text')
    .execute();
  await db.schema
    .createIndex('speech_recordings_user_idx')
    .on('speech_recordings')
    .columns(['user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('speech_recordings_import_idx')
    .on('speech_recordings')
    .column('import_id')
    .where('import_id', 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('speech_recordings').execute();
  await db.schema.dropTable('speech_chains').execute();
}
