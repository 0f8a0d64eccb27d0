import type { Kysely } from 'kysely';

/**
 * The tutor: custom personas and scenarios, per-message feedback, error events for patterns,
 * the learner's tutor defaults, and the tutor's fields on conversations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('personas')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('owner_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('visibility', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('description', 'text', (column) => column.notNull())
    .addColumn('style_rules_json', 'text', (column) => column.notNull())
    .addColumn('preview_line', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('personas_owner_idx')
    .on('personas')
    .columns(['owner_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('scenarios')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('author_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('shared', 'integer', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('category', 'text', (column) => column.notNull())
    .addColumn('level', 'text', (column) => column.notNull())
    .addColumn('definition_json', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('scenarios_author_idx')
    .on('scenarios')
    .columns(['author_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('scenarios_shared_idx')
    .on('scenarios')
    .columns(['shared', 'created_at'])
    .execute();

  await db.schema
    .createTable('message_feedback')
    .addColumn('message_id', 'text', (column) =>
      column.primaryKey().references('messages.id').onDelete('cascade'),
    )
    .addColumn('conversation_id', 'text', (column) =>
      column.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('policy', 'text', (column) => column.notNull())
    .addColumn('corrections_json', 'text', (column) => column.notNull())
    .addColumn('rephrasing', 'text')
    .addColumn('new_vocabulary_json', 'text', (column) => column.notNull())
    .addColumn('goals_met_json', 'text', (column) => column.notNull())
    .addColumn('spelling_json', 'text', (column) => column.notNull())
    .addColumn('language_notice_json', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('provider', 'text')
    .addColumn('model', 'text')
    .addColumn('revealed_at', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('message_feedback_conversation_idx')
    .on('message_feedback')
    .columns(['conversation_id', 'message_id'])
    .execute();

  await db.schema
    .createTable('error_events')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('category', 'text', (column) => column.notNull())
    .addColumn('severity', 'text', (column) => column.notNull())
    // No foreign keys: deleting a conversation keeps the learner's long-term error history.
    .addColumn('message_id', 'text')
    .addColumn('conversation_id', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('error_events_user_idx')
    .on('error_events')
    .columns(['user_id', 'language', 'created_at'])
    .execute();

  await db.schema
    .createTable('tutor_preferences')
    .addColumn('user_id', 'text', (column) => column.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('subject', 'text')
    .addColumn('learner_level', 'text')
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema.alterTable('conversations').addColumn('subject', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('correction_policy', 'text').execute();
  await db.schema
    .alterTable('conversations')
    .addColumn('goals_met_json', 'text', (column) => column.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('conversations').addColumn('ended_at', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('outcome_json', 'text').execute();

  // The profile always holds a policy; this tells an explicit choice from the untouched default,
  // because a mode's own default applies only while the learner has not chosen.
  await db.schema
    .alterTable('profiles')
    .addColumn('correction_policy_explicit', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('profiles').dropColumn('correction_policy_explicit').execute();
  for (const column of ['outcome_json', 'ended_at', 'goals_met_json', 'correction_policy', 'subject'])
    await db.schema.alterTable('conversations').dropColumn(column).execute();
  for (const table of ['tutor_preferences', 'error_events', 'message_feedback', 'scenarios', 'personas'])
    await db.schema.dropTable(table).execute();
}
