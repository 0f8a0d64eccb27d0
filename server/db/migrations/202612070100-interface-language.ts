import type { Kysely } from 'kysely';

/**
 * Issue 18: each member's interface language. Everyone who has an account today has been using the
 * English interface, so existing profiles start in English; new accounts take the language chosen at
 * sign-up (or the browser's).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('profiles')
    .addColumn('interface_language', 'text', (column) => column.notNull().defaultTo('en'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('profiles').dropColumn('interface_language').execute();
}
