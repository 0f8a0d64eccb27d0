import type { Kysely } from 'kysely';

/**
 * What a restarted process needs to recover a crashed turn at once and price it fairly: which
 * process (instance and boot) is writing a streaming reply, and on a reservation the prompt's size,
 * the message it produces and the name it is priced under, so a call that died mid-reply is settled
 * at an estimate from the text that reached the learner instead of its reserved maximum.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('owner_id', 'text').execute();
  await db.schema.alterTable('budget_reservations').addColumn('prompt_bytes', 'integer').execute();
  await db.schema.alterTable('budget_reservations').addColumn('message_id', 'text').execute();
  await db.schema.alterTable('budget_reservations').addColumn('price_as', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('budget_reservations').dropColumn('price_as').execute();
  await db.schema.alterTable('budget_reservations').dropColumn('message_id').execute();
  await db.schema.alterTable('budget_reservations').dropColumn('prompt_bytes').execute();
  await db.schema.alterTable('messages').dropColumn('owner_id').execute();
}
