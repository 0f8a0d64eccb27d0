import { type Kysely, type RawBuilder, sql } from 'kysely';
import { preparedMarker } from '../db/postgres-prepared.ts';
import { postgresRowsInsert } from '../db/postgres-rows.ts';
import type { Database } from '../db/schema.ts';

/*
 * The budget's writes on PostgreSQL as single self-committing statements (decision 025). Every call
 * of every process touches the server's budget row; a transaction that held its lock across client
 * round trips (the cap check in the application, then COMMIT) made that row a queue. Here the lock
 * lives inside one statement: the member's row is locked first (FOR UPDATE in the first CTE), the
 * server's row is then updated only if every cap still holds — checked by PostgreSQL against the
 * row's latest committed totals, re-read after any wait for its lock — and the member's row and the
 * reservation are written only when that update happened. The statement commits on its own, so
 * the locks are gone by the time the client reads the answer. The same for settling: the
 * reservation's delete, the ledger row and both totals in one statement, member before server.
 */

/** Rolls a budget row's totals to the current period: a new month or day starts from zero. */
const monthSpent = (monthKey: string, table?: string) =>
  sql`case when ${sql.ref(table ? `${table}.month_key` : 'month_key')} = ${monthKey} then ${sql.ref(table ? `${table}.month_spent_micros` : 'month_spent_micros')} else 0 end`;
const daySpent = (dayKey: string, table?: string) =>
  sql`case when ${sql.ref(table ? `${table}.day_key` : 'day_key')} = ${dayKey} then ${sql.ref(table ? `${table}.day_spent_micros` : 'day_spent_micros')} else 0 end`;

/** Data-modifying statements as CTEs of a larger statement (each followed by a comma). */
function alsoWrite(statements: RawBuilder<unknown>[]) {
  return sql.join(
    statements.map((statement, index) => sql`${sql.raw(`also_${index}`)} as (${statement}),`),
    sql``,
  );
}

export type HoldTotals = {
  /** The member's row existed (it is created on a member's first reservation). */
  member_found: boolean;
  /** Every cap held and the hold was written. */
  held: boolean;
  /** The reservation's row was found (a resize); false when another process settled it meanwhile. */
  previous_found: boolean;
  delta: number;
  member_monthly_cap: number | null;
  member_daily_cap: number | null;
  member_month_spent: number;
  member_day_spent: number;
  member_reserved: number;
  server_month_key: string | null;
  server_month_spent: number;
  server_day_key: string | null;
  server_day_spent: number;
  server_reserved: number;
  server_monthly_cap: number | null;
  server_policy: string | null;
  server_member_defaults_set: number;
  server_default_member_monthly_cap: number | null;
  server_default_member_daily_cap: number | null;
};

/**
 * Moves a reservation to `to` micro-dollars in one statement (see above): a new reservation's row
 * is inserted from `insertRow`, an existing one (`reservationId` with `persisted`) is updated. The
 * caps in force are the rows' own, else the configuration's defaults passed in `defaults`.
 */
export async function holdInOneStatement(
  db: Kysely<Database>,
  input: {
    userId: string;
    reservationId: string;
    persisted: boolean;
    to: number;
    promptBytes: number | null;
    monthKey: string;
    dayKey: string;
    at: string;
    insertRow: Record<string, unknown>;
    defaults: { serverMonthlyCap: number; memberMonthlyCap: number | null; memberDailyCap: number | null };
    /** More writes in the same statement (a turn's messages), each guarded by the condition given. */
    alsoWrite?: ((held: RawBuilder<boolean>) => RawBuilder<unknown>[]) | undefined;
  },
): Promise<HoldTotals> {
  const { monthKey, dayKey, defaults } = input;
  const insert = postgresRowsInsert('budget_reservations', [input.insertRow]);
  const bigint = (value: number | null) => sql`${value}::bigint`;
  const memberMonthlyCap = sql`coalesce(m.monthly_cap_micros, case when server_budget.member_defaults_set = 1 then server_budget.default_member_monthly_cap_micros else ${bigint(defaults.memberMonthlyCap)} end)`;
  const memberDailyCap = sql`coalesce(m.daily_cap_micros, case when server_budget.member_defaults_set = 1 then server_budget.default_member_daily_cap_micros else ${bigint(defaults.memberDailyCap)} end)`;
  const delta = sql`(select delta from d)`;
  const query: RawBuilder<HoldTotals> = sql`${sql.raw(preparedMarker)}
    with m as (
      select monthly_cap_micros, daily_cap_micros,
        ${monthSpent(monthKey)} as month_spent, ${daySpent(dayKey)} as day_spent,
        reserved_micros as reserved
      from member_budgets where user_id = ${input.userId} for update
    ),
    prev as (
      select reserved_micros from budget_reservations
      where ${input.persisted} and id = ${input.reservationId}
    ),
    d as (select ${bigint(input.to)} - coalesce((select reserved_micros from prev), 0) as delta),
    s as (
      update server_budget set
        month_key = ${monthKey},
        month_spent_micros = ${monthSpent(monthKey, 'server_budget')},
        day_key = ${dayKey},
        day_spent_micros = ${daySpent(dayKey, 'server_budget')},
        reserved_micros = server_budget.reserved_micros + ${delta},
        updated_at = ${input.at}
      from m
      where server_budget.id = 'server' and (${delta} <= 0 or (
        ${monthSpent(monthKey, 'server_budget')} + server_budget.reserved_micros + ${delta}
          <= coalesce(server_budget.monthly_cap_micros, ${bigint(defaults.serverMonthlyCap)})
        and (${memberMonthlyCap} is null or m.month_spent + m.reserved + ${delta} <= ${memberMonthlyCap})
        and (${memberDailyCap} is null or m.day_spent + m.reserved + ${delta} <= ${memberDailyCap})
      ))
      returning server_budget.id
    ),
    mu as (
      update member_budgets set
        month_key = ${monthKey},
        month_spent_micros = ${monthSpent(monthKey)},
        day_key = ${dayKey},
        day_spent_micros = ${daySpent(dayKey)},
        reserved_micros = reserved_micros + ${delta},
        updated_at = ${input.at}
      where user_id = ${input.userId} and exists (select 1 from s)
      returning user_id
    ),
    ins as (
      insert into budget_reservations (${insert.columns})
      ${insert.select}
      where exists (select 1 from mu) and not exists (select 1 from prev)
      returning id
    ),
    upd as (
      update budget_reservations set reserved_micros = ${bigint(input.to)}, prompt_bytes = ${bigint(input.promptBytes)}
      where id = ${input.reservationId} and exists (select 1 from prev) and exists (select 1 from mu)
      returning id
    ),
    ${alsoWrite(input.alsoWrite?.(sql<boolean>`(exists (select 1 from ins) or exists (select 1 from upd))`) ?? [])}
    server_now as (select * from server_budget where id = 'server')
    select
      exists (select 1 from m) as member_found,
      (exists (select 1 from ins) or exists (select 1 from upd)) as held,
      exists (select 1 from prev) as previous_found,
      (select delta from d) as delta,
      m.monthly_cap_micros as member_monthly_cap, m.daily_cap_micros as member_daily_cap,
      m.month_spent as member_month_spent, m.day_spent as member_day_spent, m.reserved as member_reserved,
      sn.month_key as server_month_key, sn.month_spent_micros as server_month_spent,
      sn.day_key as server_day_key, sn.day_spent_micros as server_day_spent,
      sn.reserved_micros as server_reserved, sn.monthly_cap_micros as server_monthly_cap,
      sn.policy as server_policy, sn.member_defaults_set as server_member_defaults_set,
      sn.default_member_monthly_cap_micros as server_default_member_monthly_cap,
      sn.default_member_daily_cap_micros as server_default_member_daily_cap
    from server_now sn left join m on true
  `;
  const { rows } = await query.execute(db);
  const row = rows[0];
  if (!row) throw new Error('the server budget row is missing');
  const number = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));
  const nullable = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return {
    ...row,
    delta: number(row.delta),
    member_monthly_cap: nullable(row.member_monthly_cap),
    member_daily_cap: nullable(row.member_daily_cap),
    member_month_spent: number(row.member_month_spent),
    member_day_spent: number(row.member_day_spent),
    member_reserved: number(row.member_reserved),
    server_month_spent: number(row.server_month_spent),
    server_day_spent: number(row.server_day_spent),
    server_reserved: number(row.server_reserved),
    server_monthly_cap: nullable(row.server_monthly_cap),
    server_member_defaults_set: number(row.server_member_defaults_set),
    server_default_member_monthly_cap: nullable(row.server_default_member_monthly_cap),
    server_default_member_daily_cap: nullable(row.server_default_member_daily_cap),
  };
}

export type SettledTotals = {
  /** What the reservation held; null when its row was gone (settled by another process). */
  held: number | null;
  member_month_key: string | null;
  member_month_spent: number | null;
  member_monthly_cap: number | null;
  member_daily_cap: number | null;
  server_month_key: string;
  server_month_spent: number;
  server_monthly_cap: number | null;
  server_policy: string | null;
  server_member_defaults_set: number;
  server_default_member_monthly_cap: number | null;
  server_default_member_daily_cap: number | null;
};

/**
 * Settles (with `ledgerRow`) or releases (without) a persisted reservation in one statement: its
 * row is deleted, and only if it was still there the ledger row is written and the hold moves to
 * spending on the member's row, then the server's.
 */
export async function settleInOneStatement(
  db: Kysely<Database>,
  input: {
    reservationId: string;
    userId: string;
    monthKey: string;
    dayKey: string;
    cost: number;
    at: string;
    ledgerRow?: Record<string, unknown> | undefined;
    /** More writes in the same statement (a reply's final text). */
    alsoWrite?: (() => RawBuilder<unknown>[]) | undefined;
  },
): Promise<SettledTotals> {
  const { monthKey, dayKey } = input;
  const cost = sql`${input.cost}::bigint`;
  const held = sql`(select reserved_micros from del)`;
  const ledger = input.ledgerRow ? postgresRowsInsert('ledger_entries', [input.ledgerRow]) : undefined;
  const totals = (table: 'member_budgets' | 'server_budget') => sql`
        reserved_micros = ${sql.ref(`${table}.reserved_micros`)} - ${held},
        month_spent_micros = case when ${sql.ref(`${table}.month_key`)} = ${monthKey} then ${sql.ref(`${table}.month_spent_micros`)} + ${cost} else ${sql.ref(`${table}.month_spent_micros`)} end,
        day_spent_micros = case when ${sql.ref(`${table}.day_key`)} = ${dayKey} then ${sql.ref(`${table}.day_spent_micros`)} + ${cost} else ${sql.ref(`${table}.day_spent_micros`)} end,
        updated_at = ${input.at}`;
  const query: RawBuilder<Record<string, unknown>> = sql`${sql.raw(preparedMarker)}
    with del as (
      delete from budget_reservations where id = ${input.reservationId} returning reserved_micros
    ),
    ${ledger ? sql`led as (insert into ledger_entries (${ledger.columns}) ${ledger.select} where exists (select 1 from del) returning id),` : sql``}
    ${alsoWrite(input.alsoWrite?.() ?? [])}
    mu as (
      update member_budgets set ${totals('member_budgets')}
      where user_id = ${input.userId} and exists (select 1 from del)
      returning month_key, month_spent_micros, monthly_cap_micros, daily_cap_micros
    ),
    su as (
      update server_budget set ${totals('server_budget')}
      where id = 'server' and exists (select 1 from del)
        and (exists (select 1 from mu) or not exists (select 1 from member_budgets where user_id = ${input.userId}))
      returning *
    )
    select
      ${held} as held,
      ${ledger ? sql`(select count(*) from led)` : sql`0`} as ledger_rows,
      (select month_key from mu) as member_month_key,
      (select month_spent_micros from mu) as member_month_spent,
      (select monthly_cap_micros from mu) as member_monthly_cap,
      (select daily_cap_micros from mu) as member_daily_cap,
      su.month_key as server_month_key, su.month_spent_micros as server_month_spent,
      su.monthly_cap_micros as server_monthly_cap, su.policy as server_policy,
      su.member_defaults_set as server_member_defaults_set,
      su.default_member_monthly_cap_micros as server_default_member_monthly_cap,
      su.default_member_daily_cap_micros as server_default_member_daily_cap
    from (select 1) one left join su on true
  `;
  const { rows } = await query.execute(db);
  const row = rows[0] ?? {};
  const nullable = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return {
    held: nullable(row.held),
    member_month_key: (row.member_month_key as string | null) ?? null,
    member_month_spent: nullable(row.member_month_spent),
    member_monthly_cap: nullable(row.member_monthly_cap),
    member_daily_cap: nullable(row.member_daily_cap),
    server_month_key: (row.server_month_key as string) ?? '',
    server_month_spent: Number(row.server_month_spent ?? 0),
    server_monthly_cap: nullable(row.server_monthly_cap),
    server_policy: (row.server_policy as string | null) ?? null,
    server_member_defaults_set: Number(row.server_member_defaults_set ?? 0),
    server_default_member_monthly_cap: nullable(row.server_default_member_monthly_cap),
    server_default_member_daily_cap: nullable(row.server_default_member_daily_cap),
  };
}
