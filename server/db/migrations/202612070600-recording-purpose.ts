import type { Kysely } from 'kysely';

/**
 * What a kept recording was made for (`message`: said to the tutor; `pronunciation`: a
 * pronunciation attempt), as the transcription request said. Rows kept before this say `message`,
 * the only purpose the app had until then.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('speech_recordings')
    .addColumn('purpose', 'text', (column) => column.notNull().defaultTo('message'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('speech_recordings').dropColumn('purpose').execute();
}
