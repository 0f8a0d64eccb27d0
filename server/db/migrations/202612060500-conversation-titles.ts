import { type Kysely, sql } from 'kysely';

/**
 * Who gave a conversation its title: `default` (the scenario or mode's name, replaced by a short
 * summary once the tutor has something to summarise), `generated` (that summary) or `learner`
 * (renamed or named at creation: never replaced). Titles stored before this were the default or the
 * learner's first message; only a default-looking one stays replaceable.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('conversations')
    .addColumn('title_source', 'text', (column) => column.notNull().defaultTo('default'))
    .execute();
  await sql`update conversations set title_source = 'learner' where title not like '% conversation' and title not like '%)'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversations').dropColumn('title_source').execute();
}
