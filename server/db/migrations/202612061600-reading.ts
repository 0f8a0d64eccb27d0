import type { Kysely } from 'kysely';

/**
 * The reading room (decision 020): texts a learner adds (plain text only, never a page's HTML), what
 * the model made of a text (glossary, rewrites per level, questions — cached with the text so a
 * second open costs nothing), the words a learner marked known, and the answers to the questions.
 * A conversation about a text links to it, so the tutor's prompt can quote it.
 * Marks are never cached: a text is marked from the cards as they are at each open, so the index on
 * cards by (user, term) added here is what keeps an open fast.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reading_texts')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    /** paste | file | url */
    .addColumn('source', 'text', (column) => column.notNull())
    .addColumn('source_url', 'text')
    .addColumn('source_name', 'text')
    .addColumn('body', 'text', (column) => column.notNull())
    .addColumn('word_count', 'integer', (column) => column.notNull())
    /** 1 when an admin shares the text with every member (read-only for them). */
    .addColumn('shared', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('import_id', 'text')
    .execute();
  await db.schema
    .createIndex('reading_texts_user_idx')
    .on('reading_texts')
    .columns(['user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('reading_texts_shared_idx')
    .on('reading_texts')
    .columns(['shared', 'created_at'])
    .where('shared', '=', 1)
    .execute();

  await db.schema
    .createTable('reading_generations')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('text_id', 'text', (column) =>
      column.notNull().references('reading_texts.id').onDelete('cascade'),
    )
    /** Who the call was made for (and metered to). */
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    /** glossary | rewrite | questions */
    .addColumn('kind', 'text', (column) => column.notNull())
    /** The CEFR level of a rewrite or questions; '' for the glossary. */
    .addColumn('level', 'text', (column) => column.notNull())
    .addColumn('content_json', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('import_id', 'text')
    .execute();
  await db.schema
    .createIndex('reading_generations_text_kind_idx')
    .on('reading_generations')
    .columns(['text_id', 'kind', 'level'])
    .unique()
    .execute();

  await db.schema
    .createTable('reading_known_words')
    // An id of its own, so the export can page through a learner's words like every other table.
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('word', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('import_id', 'text')
    .execute();
  await db.schema
    .createIndex('reading_known_words_word_idx')
    .on('reading_known_words')
    .columns(['user_id', 'language', 'word'])
    .unique()
    .execute();

  await db.schema
    .createTable('reading_answers')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('text_id', 'text', (column) =>
      column.notNull().references('reading_texts.id').onDelete('cascade'),
    )
    .addColumn('question', 'integer', (column) => column.notNull())
    .addColumn('answer', 'text', (column) => column.notNull())
    .addColumn('correct', 'integer', (column) => column.notNull())
    /** JSON: the judgement of an open answer (corrections, comment); null for multiple choice. */
    .addColumn('feedback_json', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('import_id', 'text')
    .execute();
  await db.schema
    .createIndex('reading_answers_user_text_idx')
    .on('reading_answers')
    .columns(['user_id', 'text_id', 'created_at'])
    .execute();

  // A conversation about a text: the tutor's prompt quotes the text (or its summary).
  await db.schema
    .createTable('reading_conversations')
    .addColumn('conversation_id', 'text', (column) =>
      column.primaryKey().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('text_id', 'text', (column) =>
      column.notNull().references('reading_texts.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('import_id', 'text')
    .execute();

  // Marking a text looks its distinct words up among the learner's cards, thousands per open: the
  // index covers what the lookup reads, so no probe touches the table (index-only on both databases).
  await db.schema
    .createIndex('vocabulary_cards_user_term_idx')
    .on('vocabulary_cards')
    .columns(['user_id', 'term_key', 'language', 'stability', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('vocabulary_cards_user_term_idx').execute();
  await db.schema.dropTable('reading_conversations').execute();
  await db.schema.dropTable('reading_answers').execute();
  await db.schema.dropTable('reading_known_words').execute();
  await db.schema.dropTable('reading_generations').execute();
  await db.schema.dropTable('reading_texts').execute();
}
