import { type Kysely, sql } from 'kysely';

/**
 * Budgets: priced ledger rows attributed to a budget period, one budget row per member and one for
 * the server (the rows a reservation locks, carrying the period's running totals), outstanding
 * reservations with their owner and lease, and the alerts shown once per threshold and period.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite takes one column per ALTER TABLE.
  const ledgerColumns: Array<[string, 'integer' | 'bigint' | 'text', boolean]> = [
    ['cache_write_1h_tokens', 'integer', true],
    ['price_fallback', 'integer', true],
    ['reserved_micros', 'bigint', false],
    ['budget_month', 'text', false],
    ['budget_day', 'text', false],
  ];
  for (const [name, type, zeroDefault] of ledgerColumns) {
    await db.schema
      .alterTable('ledger_entries')
      .addColumn(name, type, (column) => (zeroDefault ? column.notNull().defaultTo(0) : column))
      .execute();
  }
  // Rows written before budgets existed: their UTC dates are the best period we know.
  await sql`update ledger_entries set budget_month = substr(created_at, 1, 7), budget_day = substr(created_at, 1, 10) where budget_month is null`.execute(
    db,
  );
  await db.schema
    .createIndex('ledger_month_user_idx')
    .on('ledger_entries')
    .columns(['budget_month', 'user_id'])
    .execute();

  await db.schema
    .createTable('member_budgets')
    .addColumn('user_id', 'text', (column) => column.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('monthly_cap_micros', 'bigint')
    .addColumn('daily_cap_micros', 'bigint')
    .addColumn('month_key', 'text', (column) => column.notNull())
    .addColumn('month_spent_micros', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('day_key', 'text', (column) => column.notNull())
    .addColumn('day_spent_micros', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('reserved_micros', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('server_budget')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('monthly_cap_micros', 'bigint')
    .addColumn('policy', 'text')
    .addColumn('member_defaults_set', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('default_member_monthly_cap_micros', 'bigint')
    .addColumn('default_member_daily_cap_micros', 'bigint')
    .addColumn('month_key', 'text', (column) => column.notNull())
    .addColumn('month_spent_micros', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('day_key', 'text', (column) => column.notNull())
    .addColumn('day_spent_micros', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('reserved_micros', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  // The one server row exists from the start, so a reservation only ever locks it, never creates it.
  await sql`insert into server_budget (id, month_key, day_key, updated_at) values ('server', '', '', ${new Date().toISOString()})`.execute(
    db,
  );

  await db.schema
    .createTable('budget_reservations')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.references('users.id').onDelete('set null'))
    .addColumn('owner_id', 'text', (column) => column.notNull())
    .addColumn('conversation_id', 'text')
    .addColumn('purpose', 'text', (column) => column.notNull())
    .addColumn('provider', 'text', (column) => column.notNull())
    .addColumn('model', 'text', (column) => column.notNull())
    .addColumn('price_fallback', 'integer', (column) => column.notNull())
    .addColumn('reserved_micros', 'bigint', (column) => column.notNull())
    .addColumn('month_key', 'text', (column) => column.notNull())
    .addColumn('day_key', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('budget_reservations_expiry_idx')
    .on('budget_reservations')
    .column('expires_at')
    .execute();

  await db.schema
    .createTable('budget_alerts')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('scope', 'text', (column) => column.notNull())
    .addColumn('period_key', 'text', (column) => column.notNull())
    .addColumn('threshold', 'integer', (column) => column.notNull())
    .addColumn('spent_micros', 'bigint', (column) => column.notNull())
    .addColumn('cap_micros', 'bigint', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('seen_at', 'text')
    .addUniqueConstraint('budget_alerts_once', ['user_id', 'scope', 'period_key', 'threshold'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['budget_alerts', 'budget_reservations', 'server_budget', 'member_budgets']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('ledger_month_user_idx').execute();
  for (const column of [
    'budget_day',
    'budget_month',
    'reserved_micros',
    'price_fallback',
    'cache_write_1h_tokens',
  ]) {
    await db.schema.alterTable('ledger_entries').dropColumn(column).execute();
  }
}
