import { type Kysely, sql } from 'kysely';

/**
 * Vocabulary decks and cards with their FSRS state, the review log, and each learner's review
 * settings. Partial indexes keep the due queue an index range scan at 50,000 cards: queries must
 * repeat the literal `state <> 0` / `state = 0` for the planner to pick them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('vocabulary_settings')
    .addColumn('user_id', 'text', (column) => column.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('desired_retention', 'double precision', (column) => column.notNull())
    .addColumn('new_cards_per_day', 'integer', (column) => column.notNull())
    .addColumn('maximum_interval_days', 'integer', (column) => column.notNull())
    .addColumn('auto_add', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('vocabulary_decks')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('description', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('vocabulary_decks_user_name_idx')
    .on('vocabulary_decks')
    .columns(['user_id', 'language', 'name'])
    .unique()
    .execute();

  await db.schema
    .createTable('vocabulary_cards')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('deck_id', 'text', (column) =>
      column.notNull().references('vocabulary_decks.id').onDelete('cascade'),
    )
    // Denormalised from the deck so the learner's queue is one index range, whatever the deck.
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('term', 'text', (column) => column.notNull())
    // Lower-cased term: duplicate detection and search on both databases.
    .addColumn('term_key', 'text', (column) => column.notNull())
    .addColumn('translation', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('example_sentence', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('notes', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('part_of_speech', 'text')
    .addColumn('gender', 'text')
    .addColumn('source', 'text', (column) => column.notNull())
    // No foreign key: conversation messages live in another feature's tables and may be deleted.
    .addColumn('source_message_id', 'text')
    .addColumn('state', 'integer', (column) => column.notNull())
    .addColumn('due', 'text', (column) => column.notNull())
    .addColumn('stability', 'double precision', (column) => column.notNull())
    .addColumn('difficulty', 'double precision', (column) => column.notNull())
    .addColumn('elapsed_days', 'integer', (column) => column.notNull())
    .addColumn('scheduled_days', 'integer', (column) => column.notNull())
    .addColumn('learning_steps', 'integer', (column) => column.notNull())
    .addColumn('reps', 'integer', (column) => column.notNull())
    .addColumn('lapses', 'integer', (column) => column.notNull())
    .addColumn('last_review', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await sql`create index vocabulary_cards_user_due_idx on vocabulary_cards (user_id, due, id) where state <> 0`.execute(
    db,
  );
  await sql`create index vocabulary_cards_deck_due_idx on vocabulary_cards (deck_id, due, id) where state <> 0`.execute(
    db,
  );
  await sql`create index vocabulary_cards_user_new_idx on vocabulary_cards (user_id, created_at, id) where state = 0`.execute(
    db,
  );
  await sql`create index vocabulary_cards_deck_new_idx on vocabulary_cards (deck_id, created_at, id) where state = 0`.execute(
    db,
  );
  await db.schema
    .createIndex('vocabulary_cards_deck_term_idx')
    .on('vocabulary_cards')
    .columns(['deck_id', 'term_key'])
    .execute();
  await db.schema
    .createIndex('vocabulary_cards_user_id_idx')
    .on('vocabulary_cards')
    .columns(['user_id', 'id'])
    .execute();

  await db.schema
    .createTable('vocabulary_review_logs')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('card_id', 'text', (column) =>
      column.notNull().references('vocabulary_cards.id').onDelete('cascade'),
    )
    .addColumn('rating', 'integer', (column) => column.notNull())
    // The ts-fsrs ReviewLog fields: the card's state before the review and the schedule it got.
    .addColumn('state', 'integer', (column) => column.notNull())
    .addColumn('due', 'text', (column) => column.notNull())
    .addColumn('stability', 'double precision', (column) => column.notNull())
    .addColumn('difficulty', 'double precision', (column) => column.notNull())
    .addColumn('elapsed_days', 'integer', (column) => column.notNull())
    .addColumn('last_elapsed_days', 'integer', (column) => column.notNull())
    .addColumn('scheduled_days', 'integer', (column) => column.notNull())
    .addColumn('learning_steps', 'integer', (column) => column.notNull())
    .addColumn('reviewed_at', 'text', (column) => column.notNull())
    .addColumn('duration_ms', 'integer')
    // JSON: the whole card row before the review, so undo restores it exactly.
    .addColumn('previous_card_json', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('vocabulary_review_logs_user_idx')
    .on('vocabulary_review_logs')
    .columns(['user_id', 'reviewed_at', 'id'])
    .execute();
  await db.schema
    .createIndex('vocabulary_review_logs_card_idx')
    .on('vocabulary_review_logs')
    .columns(['card_id', 'reviewed_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'vocabulary_review_logs',
    'vocabulary_cards',
    'vocabulary_decks',
    'vocabulary_settings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
