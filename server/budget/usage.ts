import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type {
  AdminUsage,
  BudgetAlert,
  DowngradeChain,
  MemberBudget,
  MemberBudgetUpdate,
  MyUsage,
  ServerBudget,
  ServerBudgetUpdate,
} from '../../contracts/budget.ts';
import { memberBudgetUpdateSchema } from '../../contracts/budget.ts';
import type { ChainLinkView } from '../../contracts/chain-link.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { dayKeyOf, dayKeysOfMonth, monthKeyOf, monthPeriodOfKey } from '../lib/periods.ts';
import {
  type AlertReader,
  type BudgetSettings,
  describeAlert,
  downgradesAtCap,
  memberCaps,
  serverSettings,
} from './caps.ts';
import type { PriceTable } from './prices.ts';

export type UsageDeps = {
  db: Kysely<Database>;
  config: Config;
  clock: Clock;
  prices: PriceTable;
  /** The cheaper chain at a cap: the app's, else the environment's (`readDowngradeChain`). */
  downgradeChain(): DowngradeChain;
};

/** The admin's budget settings also set the cheaper chain, stored with the model chains. */
export type ServerBudgetDeps = UsageDeps & { setDowngradeChain(links: ChainLinkView[]): Promise<void> };

type LedgerFilter = { month: string; userId?: string };

const totals = (eb: ExpressionBuilder<Database, 'ledger_entries'>) =>
  [
    eb.fn.countAll<number>().as('calls'),
    eb.fn.coalesce(eb.fn.sum<number>('input_tokens'), sql<number>`0`).as('inputTokens'),
    eb.fn.coalesce(eb.fn.sum<number>('output_tokens'), sql<number>`0`).as('outputTokens'),
    eb.fn.coalesce(eb.fn.sum<number>('cache_read_tokens'), sql<number>`0`).as('cacheReadTokens'),
    eb.fn.coalesce(eb.fn.sum<number>('cache_write_tokens'), sql<number>`0`).as('cacheWriteTokens'),
    eb.fn.coalesce(eb.fn.sum<number>('cost_micros'), sql<number>`0`).as('costMicros'),
  ] as const;

/** Sums arrive as strings or bigints from some drivers; the contract says numbers. */
function numbers<T extends Record<string, unknown>>(row: T, keys: readonly string[]): T {
  const copy: Record<string, unknown> = { ...row };
  for (const key of keys) copy[key] = Number(copy[key] ?? 0);
  return copy as T;
}
const totalKeys = [
  'calls',
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'costMicros',
];

function ledgerOf(db: Kysely<Database>, filter: LedgerFilter) {
  // Rows imported from another server are the learner's history, not this server's spending.
  let query = db
    .selectFrom('ledger_entries')
    .where('budget_month', '=', filter.month)
    .where(sql.ref('ledger_entries.import_id'), 'is', null);
  if (filter.userId) query = query.where('user_id', '=', filter.userId);
  return query;
}

async function breakdowns(db: Kysely<Database>, filter: LedgerFilter) {
  const [byPurpose, byModel, byProvider, byDay] = await Promise.all([
    ledgerOf(db, filter)
      .select((eb) => ['purpose', ...totals(eb)])
      .groupBy('purpose')
      .orderBy('purpose')
      .execute(),
    ledgerOf(db, filter)
      .select((eb) => ['provider', 'model', eb.fn.max('price_fallback').as('priceFallback'), ...totals(eb)])
      .groupBy(['provider', 'model'])
      .orderBy('provider')
      .orderBy('model')
      .execute(),
    ledgerOf(db, filter)
      .select((eb) => ['provider', ...totals(eb)])
      .groupBy('provider')
      .orderBy('provider')
      .execute(),
    ledgerOf(db, filter)
      .select((eb) => [
        'budget_day',
        eb.fn.countAll<number>().as('calls'),
        eb.fn.coalesce(eb.fn.sum<number>('cost_micros'), sql<number>`0`).as('costMicros'),
      ])
      .groupBy('budget_day')
      .execute(),
  ]);
  const perDay = new Map(byDay.map((row) => [row.budget_day, row]));
  const byModelRows = byModel.map((row) => ({
    ...numbers(row, totalKeys),
    priceFallback: Number(row.priceFallback) === 1,
  }));
  return {
    byPurpose: byPurpose.map((row) => numbers(row, totalKeys)),
    byModel: byModelRows,
    byProvider: byProvider.map((row) => numbers(row, totalKeys)),
    // Every day of the month, zeros included, so a chart needs no gap handling.
    daily: dayKeysOfMonth(filter.month).map((date) => ({
      date,
      calls: Number(perDay.get(date)?.calls ?? 0),
      costMicros: Number(perDay.get(date)?.costMicros ?? 0),
    })),
  };
}

function periodOf(deps: UsageDeps, month: string | undefined) {
  const now = deps.clock.now();
  const current = monthKeyOf(now, deps.config.TIME_ZONE);
  const key = month ?? current;
  const period = monthPeriodOfKey(key, deps.config.TIME_ZONE);
  return {
    now,
    key,
    view: {
      month: key,
      start: period.start.toISOString(),
      end: period.end.toISOString(),
      timeZone: deps.config.TIME_ZONE,
      current: key === current,
    },
    resetsAt: monthPeriodOfKey(current, deps.config.TIME_ZONE).end.toISOString(),
  };
}

async function loadSettings(deps: Pick<UsageDeps, 'db' | 'config'>) {
  const server = await deps.db
    .selectFrom('server_budget')
    .selectAll()
    .where('id', '=', 'server')
    .executeTakeFirstOrThrow();
  return { server, settings: serverSettings(deps.config, server) };
}

/** Running totals of a budget row for the current period (zero once the period has moved on). */
function currentTotals(
  row:
    | {
        month_key: string;
        month_spent_micros: number;
        day_key: string;
        day_spent_micros: number;
        reserved_micros: number;
      }
    | undefined,
  monthKey: string,
  dayKey: string,
) {
  return {
    monthSpent: row && row.month_key === monthKey ? Number(row.month_spent_micros) : 0,
    daySpent: row && row.day_key === dayKey ? Number(row.day_spent_micros) : 0,
    reserved: row ? Number(row.reserved_micros) : 0,
  };
}

/** The member's budget alerts not yet marked seen, oldest first. */
export async function unseenAlerts(
  deps: Pick<UsageDeps, 'db' | 'config' | 'downgradeChain'>,
  userId: string,
  reader: AlertReader,
): Promise<BudgetAlert[]> {
  const { db } = deps;
  const downgrades = downgradesAtCap((await loadSettings(deps)).settings, hasDowngradeChain(deps));
  const rows = await db
    .selectFrom('budget_alerts')
    .selectAll()
    .where('user_id', '=', userId)
    .where('seen_at', 'is', null)
    .orderBy('created_at')
    .orderBy('threshold')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    scope: row.scope as BudgetAlert['scope'],
    periodKey: row.period_key,
    threshold: Number(row.threshold),
    message: describeAlert(
      {
        scope: row.scope,
        threshold: Number(row.threshold),
        spent_micros: Number(row.spent_micros),
        cap_micros: Number(row.cap_micros),
      },
      downgrades,
      reader,
    ),
    createdAt: row.created_at,
  }));
}

/**
 * A member's own usage for a month (the current one by default): spending, what remains under the
 * tighter of their cap and the server's, breakdowns by purpose and model, a daily series, and the
 * budget alerts they have not seen yet.
 */
export async function readMyUsage(
  deps: UsageDeps,
  userId: string,
  reader: AlertReader,
  month?: string,
): Promise<MyUsage> {
  const { db, config } = deps;
  const period = periodOf(deps, month);
  const todayKey = dayKeyOf(period.now, config.TIME_ZONE);
  const currentMonth = monthKeyOf(period.now, config.TIME_ZONE);
  const [{ server, settings }, member, report, alerts] = await Promise.all([
    loadSettings(deps),
    db.selectFrom('member_budgets').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    breakdowns(db, { month: period.key, userId }),
    unseenAlerts(deps, userId, reader),
  ]);
  const caps = memberCaps(settings, member);
  const mine = currentTotals(member, currentMonth, todayKey);
  const everyone = currentTotals(server, currentMonth, todayKey);
  const spentMicros = report.byPurpose.reduce((sum, row) => sum + row.costMicros, 0);
  const memberRoom =
    caps.monthly === null ? Number.POSITIVE_INFINITY : caps.monthly - mine.monthSpent - mine.reserved;
  const dailyRoom =
    caps.daily === null ? Number.POSITIVE_INFINITY : caps.daily - mine.daySpent - mine.reserved;
  const serverRoom = settings.serverMonthlyCapMicros - everyone.monthSpent - everyone.reserved;
  const ownRoom = Math.min(memberRoom, dailyRoom);
  return {
    period: period.view,
    spentMicros,
    todaySpentMicros: mine.daySpent,
    reservedMicros: mine.reserved,
    monthlyCapMicros: caps.monthly,
    dailyCapMicros: caps.daily,
    remainingMicros: Math.max(0, Math.min(ownRoom, serverRoom)),
    limitedBy: ownRoom <= serverRoom ? 'member' : 'server',
    resetsAt: period.resetsAt,
    // What happens at a cap for this learner: "downgrade" with no chain to go to still blocks.
    policy: downgradesAtCap(settings, hasDowngradeChain(deps)) ? 'downgrade' : 'block',
    byPurpose: report.byPurpose,
    byModel: report.byModel,
    daily: report.daily,
    alerts,
  };
}

/** Marks alerts as seen: each is shown once. Only the member's own alerts are touched. */
export async function markAlertsSeen(deps: UsageDeps, userId: string, ids: string[]): Promise<void> {
  await deps.db
    .updateTable('budget_alerts')
    .set({ seen_at: deps.clock.now().toISOString() })
    .where('user_id', '=', userId)
    .where('id', 'in', ids)
    .where('seen_at', 'is', null)
    .execute();
}

/** Whether a call at a cap has a cheaper chain to go to (a provider of it is set up). */
const hasDowngradeChain = (deps: Pick<UsageDeps, 'downgradeChain'>) =>
  deps.downgradeChain().effective.length > 0;

function serverBudgetView(deps: UsageDeps, settings: BudgetSettings): ServerBudget {
  const { config } = deps;
  return {
    monthlyCapMicros: settings.serverMonthlyCapMicros,
    policy: settings.policy,
    downgradeChain: deps.downgradeChain(),
    defaultMemberMonthlyCapMicros: settings.defaultMemberMonthlyCapMicros,
    defaultMemberDailyCapMicros: settings.defaultMemberDailyCapMicros,
    timeZone: config.TIME_ZONE,
  };
}

function memberBudgetView(
  userId: string,
  settings: BudgetSettings,
  row: { monthly_cap_micros: number | null; daily_cap_micros: number | null } | undefined,
): MemberBudget {
  const caps = memberCaps(settings, row);
  return {
    userId,
    monthlyCapMicros:
      row?.monthly_cap_micros === null || row === undefined ? null : Number(row.monthly_cap_micros),
    dailyCapMicros: row?.daily_cap_micros === null || row === undefined ? null : Number(row.daily_cap_micros),
    effectiveMonthlyCapMicros: caps.monthly === null ? null : Number(caps.monthly),
    effectiveDailyCapMicros: caps.daily === null ? null : Number(caps.daily),
  };
}

/**
 * The server's usage for a month, for admins: every member with their caps and spending, the
 * server's cap and total, breakdowns by day, provider, model and purpose, and the models priced by
 * the fallback rule.
 */
export async function readAdminUsage(deps: UsageDeps, month?: string): Promise<AdminUsage> {
  const { db, config } = deps;
  const period = periodOf(deps, month);
  const todayKey = dayKeyOf(period.now, config.TIME_ZONE);
  const currentMonth = monthKeyOf(period.now, config.TIME_ZONE);
  const [{ server, settings }, users, budgets, perUser, report] = await Promise.all([
    loadSettings(deps),
    db
      .selectFrom('users')
      .select(['id', 'username', 'role', 'is_child', 'disabled'])
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db.selectFrom('member_budgets').selectAll().execute(),
    ledgerOf(db, { month: period.key })
      .select((eb) => [
        'user_id',
        eb.fn.countAll<number>().as('calls'),
        eb.fn.coalesce(eb.fn.sum<number>('cost_micros'), sql<number>`0`).as('costMicros'),
      ])
      .groupBy('user_id')
      .execute(),
    breakdowns(db, { month: period.key }),
  ]);
  const budgetOf = new Map(budgets.map((row) => [row.user_id, row]));
  const spendOf = new Map(perUser.map((row) => [row.user_id, row]));
  const everyone = currentTotals(server, currentMonth, todayKey);
  const spentMicros = report.byProvider.reduce((sum, row) => sum + row.costMicros, 0);
  return {
    period: period.view,
    server: {
      ...serverBudgetView(deps, settings),
      spentMicros,
      reservedMicros: everyone.reserved,
      remainingMicros: Math.max(0, settings.serverMonthlyCapMicros - everyone.monthSpent - everyone.reserved),
    },
    members: users.map((user) => {
      const row = budgetOf.get(user.id);
      const mine = currentTotals(row, currentMonth, todayKey);
      return {
        id: user.id,
        username: user.username,
        role: user.role,
        isChild: user.is_child === 1,
        disabled: user.disabled === 1,
        budget: memberBudgetView(user.id, settings, row),
        spentMicros: Number(spendOf.get(user.id)?.costMicros ?? 0),
        todaySpentMicros: period.view.current ? mine.daySpent : 0,
        reservedMicros: mine.reserved,
        calls: Number(spendOf.get(user.id)?.calls ?? 0),
      };
    }),
    formerMembersSpentMicros: Number(spendOf.get(null)?.costMicros ?? 0),
    daily: report.daily,
    byProvider: report.byProvider,
    byModel: report.byModel,
    byPurpose: report.byPurpose,
    unknownModels: report.byModel.filter((row) => row.priceFallback),
    prices: (() => {
      const view = deps.prices.view(period.now);
      return { effectiveDate: view.effectiveDate, ageDays: view.ageDays, stale: view.stale };
    })(),
  };
}

const csvColumns = [
  'created_at',
  'budget_day',
  'member',
  'purpose',
  'provider',
  'model',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'cache_write_1h_tokens',
  'cost_usd',
  'cost_micros',
  'usage_estimated',
  'price_fallback',
  'outcome',
  'error_code',
  'latency_ms',
  'conversation_id',
] as const;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote what CSV needs quoted; prefix what a spreadsheet would run as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Micro-dollars as an exact decimal string of dollars ("0.001234"), for spreadsheets. */
function microsToDecimal(micros: number): string {
  const whole = Math.floor(micros / 1_000_000);
  return `${whole}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

/** Every ledger row of a month as CSV (one call per line), for admins. */
export async function exportUsageCsv(
  deps: UsageDeps,
  month?: string,
): Promise<{ month: string; csv: string }> {
  const period = periodOf(deps, month);
  const rows = await deps.db
    .selectFrom('ledger_entries')
    .leftJoin('users', 'users.id', 'ledger_entries.user_id')
    .select([
      'ledger_entries.created_at',
      'ledger_entries.budget_day',
      'users.username',
      'ledger_entries.purpose',
      'ledger_entries.provider',
      'ledger_entries.model',
      'ledger_entries.input_tokens',
      'ledger_entries.output_tokens',
      'ledger_entries.cache_read_tokens',
      'ledger_entries.cache_write_tokens',
      'ledger_entries.cache_write_1h_tokens',
      'ledger_entries.cost_micros',
      'ledger_entries.usage_estimated',
      'ledger_entries.price_fallback',
      'ledger_entries.outcome',
      'ledger_entries.error_code',
      'ledger_entries.latency_ms',
      'ledger_entries.conversation_id',
    ])
    .where('ledger_entries.budget_month', '=', period.key)
    .where(sql.ref('ledger_entries.import_id'), 'is', null)
    .orderBy('ledger_entries.id')
    .execute();
  const lines = [csvColumns.join(',')];
  for (const row of rows) {
    const cost = Number(row.cost_micros ?? 0);
    lines.push(
      [
        row.created_at,
        row.budget_day,
        row.username ?? '(deleted member)',
        row.purpose,
        row.provider,
        row.model,
        row.input_tokens,
        row.output_tokens,
        row.cache_read_tokens,
        row.cache_write_tokens,
        row.cache_write_1h_tokens,
        microsToDecimal(cost),
        cost,
        row.usage_estimated,
        row.price_fallback,
        row.outcome,
        row.error_code,
        row.latency_ms,
        row.conversation_id,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return { month: period.key, csv: `${lines.join('\r\n')}\r\n` };
}

/** An admin sets a member's own caps (null = the server's default for members). */
export async function updateMemberBudget(
  deps: UsageDeps,
  userId: string,
  update: MemberBudgetUpdate,
): Promise<MemberBudget> {
  const { db, clock, config } = deps;
  const caps = memberBudgetUpdateSchema.parse(update);
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('member');
  const now = clock.now();
  await db
    .insertInto('member_budgets')
    .values({
      user_id: userId,
      monthly_cap_micros: caps.monthlyCapMicros,
      daily_cap_micros: caps.dailyCapMicros,
      month_key: monthKeyOf(now, config.TIME_ZONE),
      month_spent_micros: 0,
      day_key: dayKeyOf(now, config.TIME_ZONE),
      day_spent_micros: 0,
      reserved_micros: 0,
      updated_at: now.toISOString(),
    })
    .onConflict((conflict) =>
      conflict.column('user_id').doUpdateSet({
        monthly_cap_micros: caps.monthlyCapMicros,
        daily_cap_micros: caps.dailyCapMicros,
        updated_at: now.toISOString(),
      }),
    )
    .execute();
  const { settings } = await loadSettings(deps);
  const row = await db
    .selectFrom('member_budgets')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return memberBudgetView(userId, settings, row);
}

export async function readServerBudget(deps: UsageDeps): Promise<ServerBudget> {
  const { settings } = await loadSettings(deps);
  return serverBudgetView(deps, settings);
}

/**
 * An admin changes the server's cap, the policy at the cap, or the default caps for members. The
 * values are stored on the server's budget row, which every reservation reads under its lock, so
 * every process applies them from the next call on.
 */
export async function updateServerBudget(
  deps: ServerBudgetDeps,
  update: ServerBudgetUpdate,
): Promise<ServerBudget> {
  const { db, clock } = deps;
  const { settings } = await loadSettings(deps);
  // Checked (a provider that is not set up is refused) and saved first: a refusal changes nothing.
  if (update.downgradeChain !== undefined) await deps.setDowngradeChain(update.downgradeChain);
  const setsDefaults =
    update.defaultMemberMonthlyCapMicros !== undefined || update.defaultMemberDailyCapMicros !== undefined;
  await db
    .updateTable('server_budget')
    .set({
      ...(update.monthlyCapMicros !== undefined && { monthly_cap_micros: update.monthlyCapMicros }),
      ...(update.policy !== undefined && { policy: update.policy }),
      ...(setsDefaults && {
        member_defaults_set: 1,
        // The default not being changed keeps the value in force (which may come from configuration).
        default_member_monthly_cap_micros:
          update.defaultMemberMonthlyCapMicros !== undefined
            ? update.defaultMemberMonthlyCapMicros
            : settings.defaultMemberMonthlyCapMicros,
        default_member_daily_cap_micros:
          update.defaultMemberDailyCapMicros !== undefined
            ? update.defaultMemberDailyCapMicros
            : settings.defaultMemberDailyCapMicros,
      }),
      updated_at: clock.now().toISOString(),
    })
    .where('id', '=', 'server')
    .execute();
  return readServerBudget(deps);
}
