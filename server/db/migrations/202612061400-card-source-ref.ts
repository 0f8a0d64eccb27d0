import type { Kysely } from 'kysely';

/**
 * Which item of a learner message a card came from ("original → corrected" for a correction, the
 * word for a new word), so a conversation reopened later still shows "In your deck" on that item
 * even after the learner edited the card's front. Null for cards added by hand or imported.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('vocabulary_cards').addColumn('source_ref', 'text').execute();
  await db.schema
    .createIndex('vocabulary_cards_source_message_idx')
    .on('vocabulary_cards')
    .columns(['source_message_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('vocabulary_cards_source_message_idx').execute();
  await db.schema.alterTable('vocabulary_cards').dropColumn('source_ref').execute();
}
