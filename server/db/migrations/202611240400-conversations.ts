import type { Kysely } from 'kysely';

/** Conversations, their messages, and the ledger of model calls. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('level', 'text', (column) => column.notNull())
    .addColumn('persona_id', 'text')
    .addColumn('scenario_id', 'text')
    .addColumn('mode', 'text')
    .addColumn('summary', 'text')
    .addColumn('summary_through', 'text')
    .addColumn('message_count', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('last_message_at', 'text')
    .execute();
  await db.schema
    .createIndex('conversations_user_idx')
    .on('conversations')
    .columns(['user_id', 'updated_at'])
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('conversation_id', 'text', (column) =>
      column.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (column) => column.notNull())
    .addColumn('text', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('failure_reason', 'text')
    .addColumn('failure_message', 'text')
    .addColumn('reply_to', 'text')
    .addColumn('provider', 'text')
    .addColumn('model', 'text')
    .addColumn('input_tokens', 'integer')
    .addColumn('output_tokens', 'integer')
    .addColumn('cache_read_tokens', 'integer')
    .addColumn('cache_write_tokens', 'integer')
    .addColumn('usage_estimated', 'integer')
    .addColumn('latency_ms', 'integer')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('messages_conversation_idx')
    .on('messages')
    .columns(['conversation_id', 'id'])
    .execute();
  await db.schema
    .createIndex('messages_status_idx')
    .on('messages')
    .columns(['status', 'created_at'])
    .execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.references('users.id').onDelete('set null'))
    .addColumn('conversation_id', 'text', (column) =>
      column.references('conversations.id').onDelete('set null'),
    )
    .addColumn('message_id', 'text')
    .addColumn('purpose', 'text', (column) => column.notNull())
    .addColumn('provider', 'text', (column) => column.notNull())
    .addColumn('model', 'text', (column) => column.notNull())
    .addColumn('input_tokens', 'integer', (column) => column.notNull())
    .addColumn('output_tokens', 'integer', (column) => column.notNull())
    .addColumn('cache_read_tokens', 'integer', (column) => column.notNull())
    .addColumn('cache_write_tokens', 'integer', (column) => column.notNull())
    .addColumn('usage_estimated', 'integer', (column) => column.notNull())
    .addColumn('cost_micros', 'bigint')
    .addColumn('latency_ms', 'integer', (column) => column.notNull())
    .addColumn('outcome', 'text', (column) => column.notNull())
    .addColumn('error_code', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_user_time_idx')
    .on('ledger_entries')
    .columns(['user_id', 'created_at'])
    .execute();
  await db.schema.createIndex('ledger_time_idx').on('ledger_entries').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['ledger_entries', 'messages', 'conversations'])
    await db.schema.dropTable(table).execute();
}
