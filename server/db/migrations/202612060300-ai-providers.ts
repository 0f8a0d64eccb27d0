import { type Kysely, sql } from 'kysely';

/**
 * AI providers set up in the app (issue 11): the providers themselves (keys encrypted, never the
 * key itself), the chains per role and language, the admin's price overrides, and the version
 * counters behind the change notification that tells every process to reload them. Also renames
 * the ledger purpose `summary` to `memory-summary`, the name in the contracts' closed list.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('llm_providers')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('base_url', 'text')
    // AES-256-GCM: iv ‖ tag ‖ ciphertext, base64; the provider id is the associated data.
    .addColumn('api_key_ciphertext', 'text')
    // Which encryption key sealed it, so a changed CHARLA_SECRET is told apart from a broken row.
    .addColumn('api_key_fingerprint', 'text')
    .addColumn('api_key_last4', 'text')
    .addColumn('parallel', 'integer', (column) => column.notNull().defaultTo(1))
    .addColumn('model_file', 'text')
    .addColumn('position', 'integer', (column) => column.notNull().defaultTo(0))
    // The last check, shared by every process: the live model list (JSON) and how it went.
    .addColumn('models_json', 'text')
    .addColumn('check_status', 'text')
    .addColumn('checked_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('llm_chains')
    .addColumn('role', 'text', (column) => column.notNull())
    // '' for the chain of every language; a language code for that language's own chain.
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('links_json', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('llm_chains_pk', ['role', 'language'])
    .execute();

  await db.schema
    .createTable('price_overrides')
    .addColumn('provider', 'text', (column) => column.notNull())
    .addColumn('model', 'text', (column) => column.notNull())
    // USD per million tokens as entered (the same shape as PRICE_OVERRIDES' values).
    .addColumn('rates_json', 'text', (column) => column.notNull())
    // The name, not a reference: the record of who changed a price outlives the member.
    .addColumn('updated_by', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('price_overrides_pk', ['provider', 'model'])
    .execute();

  await db.schema
    .createTable('change_versions')
    .addColumn('topic', 'text', (column) => column.primaryKey())
    .addColumn('version', 'integer', (column) => column.notNull())
    .execute();

  await sql`update ledger_entries set purpose = 'memory-summary' where purpose = 'summary'`.execute(db);
  await sql`update budget_reservations set purpose = 'memory-summary' where purpose = 'summary'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update ledger_entries set purpose = 'summary' where purpose = 'memory-summary'`.execute(db);
  await sql`update budget_reservations set purpose = 'summary' where purpose = 'memory-summary'`.execute(db);
  for (const table of ['change_versions', 'price_overrides', 'llm_chains', 'llm_providers'])
    await db.schema.dropTable(table).execute();
}
