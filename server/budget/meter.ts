import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { BudgetPolicy, BudgetScope } from '../../contracts/budget.ts';
import type { Config } from '../config.ts';
import { compiledOnce, insertRows, isPostgres } from '../db/compiled-once.ts';
import type { DatabaseKind } from '../db/connect.ts';
import type {
  BudgetReservationsTable,
  Database,
  MemberBudgetsTable,
  ServerBudgetTable,
} from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { dayKeyOf, monthKeyOf } from '../lib/periods.ts';
import { instanceOf } from '../lib/process-identity.ts';
import type { CallDetails, PricedLink, SettleOptions, WithinReservation } from '../llm/call-budget.ts';
import type { CallContext, TokenUsage } from '../llm/types.ts';
import {
  BudgetExceededError,
  findBrokenCap,
  memberCaps,
  reachedThresholds,
  resetOf,
  serverSettings,
  type Totals,
} from './caps.ts';
import { type LedgerEntry, ledgerRow } from './ledger.ts';
import { holdInOneStatement, settleInOneStatement } from './postgres-holds.ts';
import { costOfUsage, type PriceTable, type ResolvedPrice } from './prices.ts';

export type { PricedLink, WithinReservation } from '../llm/call-budget.ts';

const priceKey = (link: PricedLink) => ({
  provider: link.priceAs ?? link.provider,
  model: link.model,
  local: link.local,
});

/**
 * The maximum cost of one call, held against the member's and the server's caps from before the
 * call until it is settled. Free calls (local models) hold nothing and lock nothing.
 */
export type Reservation = {
  readonly id: string;
  readonly context: CallContext;
  readonly provider: string;
  readonly model: string;
  readonly price: ResolvedPrice;
  /** The period the call counts towards, fixed when it was reserved. */
  readonly monthKey: string;
  readonly dayKey: string;
  amountMicros: number;
  /** UTF-8 bytes of the prompt the hold covers; with the message's saved text, prices a crashed call. */
  promptBytes: number | undefined;
  /** The message the call produces, if any. */
  readonly messageId: string | undefined;
  /** The provider name prices are listed under, when not the provider's id. */
  readonly priceAs: string | undefined;
  /** A row exists in budget_reservations (amount > 0 at some point). */
  persisted: boolean;
  /** Settled or released: nothing more may happen to it. */
  closed: boolean;
};

export type BudgetMeter = {
  readonly prices: PriceTable;
  /** This process's id on its reservations. */
  readonly ownerId: string;
  priceOf(link: PricedLink): ResolvedPrice;
  /**
   * Holds `amountMicros` for a call in one transaction that locks the member's budget row, then the
   * server's, and checks every cap against spending plus outstanding reservations. Throws
   * BudgetExceededError (402) when a cap would be passed.
   */
  reserve(
    context: CallContext,
    link: PricedLink,
    amountMicros: number,
    within?: WithinReservation,
    call?: CallDetails,
  ): Promise<Reservation>;
  /** Changes the held amount (same locks; an increase is checked like a new reservation). */
  resize(reservation: Reservation, amountMicros: number, promptBytes?: number): Promise<void>;
  /**
   * Settles a call: writes its priced ledger row, adds the actual cost to the period's spending
   * and drops the reservation, in one transaction. Returns the cost in micro-dollars.
   * `costMicros` overrides the price computed from the usage (an unsettled call at its maximum).
   */
  settle(reservation: Reservation, entry: LedgerEntry, options?: SettleOptions): Promise<number>;
  /** Drops a reservation whose call never happened (nothing is charged). Idempotent. */
  release(reservation: Reservation): Promise<void>;
  /**
   * Settles reservations whose lease has expired — their process died before settling — at their
   * reserved maximum, flagged estimated. Live reservations of other processes are left alone.
   */
  settleExpired(): Promise<number>;
  /**
   * Settles at once the reservations of this instance's earlier boots (this server restarted after
   * dying mid-call), whatever their lease: no live process can still own them.
   */
  settleEarlierBoots(instanceId: string): Promise<number>;
};

export type MeterDeps = {
  db: Kysely<Database>;
  kind: DatabaseKind;
  config: Config;
  clock: Clock;
  prices: PriceTable;
  /** This process's owner id on its rows (instance/boot); a random one when absent. */
  ownerId?: string | undefined;
  log?: { warn(object: unknown, message: string): void };
};

/** Longer than any call can last (the total timeout bounds every attempt), with room to settle. */
export function leaseMs(config: Config): number {
  return config.LLM_TOTAL_TIMEOUT_MS + 120_000;
}

type MemberRow = Selectable<MemberBudgetsTable>;
type ServerRow = Selectable<ServerBudgetTable>;

/** A row's totals for the current period: a new month or day starts from zero (history stays in the ledger). */
function rolled(row: MemberRow | ServerRow, monthKey: string, dayKey: string): Totals {
  return {
    monthSpent: row.month_key === monthKey ? Number(row.month_spent_micros) : 0,
    daySpent: row.day_key === dayKey ? Number(row.day_spent_micros) : 0,
    reserved: Number(row.reserved_micros),
  };
}

/** Thrown inside a reservation's transaction to roll it back when a cap refuses it. */
const refused = new Error('budget refused');

type RefusalAlert = { scope: BudgetScope; spent: number; cap: number };
type Refusal = {
  details: BudgetExceededError['budget'];
  policy: BudgetPolicy;
  alert?: RefusalAlert | undefined;
};

// The budget's statements on every call, compiled once (compiled-once.ts): built and compiled
// through the query builder on every call, they cost more than running them on SQLite. A marker
// stands in for each value; numbers are bound like any other value.
const bound = (marker: string) => marker as unknown as number;

/** A member's budget row, locked on PostgreSQL (SQLite's transactions lock the whole database). */
const memberRowQuery = compiledOnce(['userId'], (db, values) =>
  db
    .selectFrom('member_budgets')
    .selectAll()
    .where('user_id', '=', values.userId)
    .$if(isPostgres(db), (query) => query.forUpdate()),
);

/** A member's row with its periods rolled and a hold moved (the totals computed by the caller). */
const holdOnMemberRow = compiledOnce(
  ['monthKey', 'monthSpent', 'dayKey', 'daySpent', 'reserved', 'at', 'userId'],
  (db, values) =>
    db
      .updateTable('member_budgets')
      .set({
        month_key: values.monthKey,
        month_spent_micros: bound(values.monthSpent),
        day_key: values.dayKey,
        day_spent_micros: bound(values.daySpent),
        reserved_micros: bound(values.reserved),
        updated_at: values.at,
      })
      .where('user_id', '=', values.userId),
);

/** The server's row, its periods rolled and `delta` added to what it holds, as it was before. */
const holdOnServerRow = compiledOnce(['monthKey', 'dayKey', 'delta', 'at'], (db, values) =>
  db
    .updateTable('server_budget')
    .set({
      month_key: values.monthKey,
      month_spent_micros: sql<number>`case when month_key = ${values.monthKey} then month_spent_micros else 0 end`,
      day_key: values.dayKey,
      day_spent_micros: sql<number>`case when day_key = ${values.dayKey} then day_spent_micros else 0 end`,
      reserved_micros: sql<number>`reserved_micros + ${values.delta}`,
      updated_at: values.at,
    })
    .where('id', '=', 'server')
    .returningAll(),
);

const dropReservationQuery = compiledOnce(['id'], (db, values) =>
  db.deleteFrom('budget_reservations').where('id', '=', values.id).returning('reserved_micros'),
);

/**
 * A settlement on a totals row: `held` released, `cost` added to the reservation's periods. The
 * member's and the server's rows have the same totals columns and settle the same way.
 */
const settledTotals = (values: Record<'held' | 'monthKey' | 'cost' | 'dayKey' | 'at', string>) => ({
  reserved_micros: sql<number>`reserved_micros - ${values.held}`,
  month_spent_micros: sql<number>`case when month_key = ${values.monthKey} then month_spent_micros + ${values.cost} else month_spent_micros end`,
  day_spent_micros: sql<number>`case when day_key = ${values.dayKey} then day_spent_micros + ${values.cost} else day_spent_micros end`,
  updated_at: values.at,
});

const settleOnMemberRow = compiledOnce(['held', 'monthKey', 'cost', 'dayKey', 'at', 'userId'], (db, values) =>
  db
    .updateTable('member_budgets')
    .set(settledTotals(values))
    .where('user_id', '=', values.userId)
    .returning(['month_key', 'month_spent_micros', 'monthly_cap_micros', 'daily_cap_micros']),
);

const settleOnServerRow = compiledOnce(['held', 'monthKey', 'cost', 'dayKey', 'at'], (db, values) =>
  db.updateTable('server_budget').set(settledTotals(values)).where('id', '=', 'server').returningAll(),
);

export function createBudgetMeter(deps: MeterDeps): BudgetMeter {
  const { db, config, clock, prices } = deps;
  const timeZone = config.TIME_ZONE;
  const ownerId = deps.ownerId ?? randomUUID();

  /**
   * Locks the member's row (created on first use). Every budget transaction locks it before the
   * server's row: the one lock order everywhere.
   */
  async function lockMemberRow(trx: Transaction<Database>, userId: string, now: Date) {
    const selectMember = async () => (await trx.executeQuery(memberRowQuery(trx, { userId }))).rows[0];
    const member = await selectMember();
    if (member) return member;
    // A member's first reservation. Two first reservations at once both insert; the second does nothing.
    await createMemberRow(trx, userId, now);
    const created = await selectMember();
    if (!created) throw new Error('the member has been deleted');
    return created;
  }

  async function recordAlerts(
    trx: Transaction<Database>,
    scope: BudgetScope,
    userId: string,
    periodKey: string,
    spent: number,
    cap: number | null,
    now: Date,
    thresholds: number[] = reachedThresholds(spent, cap),
  ) {
    if (thresholds.length === 0 || cap === null) return;
    const recipients =
      scope === 'member'
        ? [userId]
        : (
            await trx
              .selectFrom('users')
              .select('id')
              .where('role', '=', 'admin')
              .where('disabled', '=', 0)
              .execute()
          ).map((row) => row.id);
    for (const recipient of recipients) {
      for (const threshold of thresholds) {
        await trx
          .insertInto('budget_alerts')
          .values({
            id: newId(now.getTime()),
            user_id: recipient,
            scope,
            period_key: periodKey,
            threshold,
            spent_micros: spent,
            cap_micros: cap,
            created_at: now.toISOString(),
            seen_at: null,
          })
          .onConflict((conflict) =>
            conflict.columns(['user_id', 'scope', 'period_key', 'threshold']).doNothing(),
          )
          .execute();
      }
    }
  }

  /**
   * Moves a reservation from `from` to `to` micro-dollars under the budget locks. An increase is
   * checked against every cap; a refusal rolls everything back (`within` included), records the
   * 100 % alert on its own and throws.
   *
   * The server's row is one lock every call in every process takes, so it is taken last and held
   * for as few round trips as possible: `within`, the member's row and the reservation's row are
   * written first (a refusal rolls them back), then one update takes the server's row, and only the
   * commit follows. Held across more round trips, it became a queue every turn waited in (PostgreSQL
   * under load spent most of its time in row-lock waits on it).
   */
  async function adjust(reservation: Reservation, to: number, within?: WithinReservation): Promise<void> {
    if (deps.kind === 'postgres') return adjustInOneStatement(reservation, to, within);
    const userId = reservation.context.userId;
    const now = clock.now();
    const at = now.toISOString();
    const monthKey = monthKeyOf(now, timeZone);
    const dayKey = dayKeyOf(now, timeZone);
    let refusal: Refusal | undefined;
    try {
      await db.transaction().execute(async (trx) => {
        if (within) await within.run(trx);
        const member = await lockMemberRow(trx, userId, now);
        let from = 0;
        if (reservation.persisted) {
          const row = await trx
            .selectFrom('budget_reservations')
            .select('reserved_micros')
            .where('id', '=', reservation.id)
            .executeTakeFirst();
          // Gone: the lease expired and another process settled it at its maximum; hold afresh.
          from = row ? Number(row.reserved_micros) : 0;
          if (!row) reservation.persisted = false;
        }
        const delta = to - from;
        const memberTotals = rolled(member, monthKey, dayKey);
        await trx.executeQuery(
          holdOnMemberRow(trx, {
            monthKey,
            monthSpent: memberTotals.monthSpent,
            dayKey,
            daySpent: memberTotals.daySpent,
            reserved: memberTotals.reserved + delta,
            at,
            userId,
          }),
        );
        if (reservation.persisted) {
          await trx
            .updateTable('budget_reservations')
            .set({ reserved_micros: to, prompt_bytes: reservation.promptBytes ?? null })
            .where('id', '=', reservation.id)
            .execute();
        } else {
          await trx.executeQuery(
            insertRows(trx, 'budget_reservations', [reservationRow(reservation, to, now)]),
          );
        }
        // One statement takes the server's row, rolls its period and adds the hold; the caps are
        // checked against the totals it had before, and a refusal rolls the whole transaction back.
        const [server] = (await trx.executeQuery(holdOnServerRow(trx, { monthKey, dayKey, delta, at }))).rows;
        if (!server) throw new Error('the server budget row is missing');
        const after = rolled(server, monthKey, dayKey);
        const serverTotals = { ...after, reserved: after.reserved - delta };
        const settings = serverSettings(config, server);
        if (delta > 0) {
          const broken = findBrokenCap({
            amount: delta,
            member: memberTotals,
            server: serverTotals,
            memberCaps: memberCaps(settings, member),
            serverCap: settings.serverMonthlyCapMicros,
          });
          if (broken) {
            refusal = refusalOf(broken, to, delta, settings.policy, now);
            throw refused;
          }
        }
      });
    } catch (error) {
      if (error !== refused || !refusal) throw error;
      return refuse(userId, monthKey, now, refusal);
    }
    reservation.persisted = true;
    reservation.amountMicros = to;
  }

  /** What a refusal tells the caller, from the broken cap and the totals it was checked against. */
  /** A new hold's row, the same on both databases' paths. */
  function reservationRow(reservation: Reservation, to: number, now: Date) {
    return {
      id: reservation.id,
      user_id: reservation.context.userId,
      owner_id: ownerId,
      conversation_id: reservation.context.conversationId ?? null,
      purpose: reservation.context.purpose,
      provider: reservation.provider,
      model: reservation.model,
      price_fallback: reservation.price.fallback ? 1 : 0,
      reserved_micros: to,
      month_key: reservation.monthKey,
      day_key: reservation.dayKey,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + leaseMs(config)).toISOString(),
      prompt_bytes: reservation.promptBytes ?? null,
      message_id: reservation.messageId ?? null,
      price_as: reservation.priceAs ?? null,
    };
  }

  function refusalOf(
    broken: NonNullable<ReturnType<typeof findBrokenCap>>,
    to: number,
    delta: number,
    policy: BudgetPolicy,
    now: Date,
  ): Refusal {
    return {
      details: {
        scope: broken.scope,
        period: broken.period,
        capMicros: broken.cap,
        spentMicros: broken.period === 'month' ? broken.totals.monthSpent : broken.totals.daySpent,
        reservedMicros: broken.totals.reserved,
        requiredMicros: to,
        resetsAt: resetOf(broken.period, now, timeZone).toISOString(),
        timeZone,
      },
      policy,
      // "Used up" only when spending itself leaves no room for this call; a refusal that only
      // calls in flight cause (a reply's hold beside its analysis's) is no 100 % alert.
      ...(broken.period === 'month' &&
        broken.totals.monthSpent + delta > broken.cap && {
          alert: { scope: broken.scope, spent: broken.totals.monthSpent, cap: broken.cap },
        }),
    };
  }

  async function refuse(userId: string, monthKey: string, now: Date, refusal: Refusal): Promise<never> {
    const { alert } = refusal;
    if (alert) {
      // Announced on its own once the refused hold (and whatever came with it) is rolled back;
      // an alert row is unique per threshold and period, so a repeat refusal adds nothing.
      await db
        .transaction()
        .execute((trx) =>
          recordAlerts(trx, alert.scope, userId, monthKey, alert.spent, alert.cap, now, [100]),
        );
    }
    throw new BudgetExceededError(refusal.details, refusal.policy);
  }

  /** Members whose budget row this process has seen exist (it is created on first use, never removed but with the member). */
  const knownMembers = new Set<string>();

  /** A member's budget row as it starts (no caps of its own, nothing spent); kept if it exists. */
  async function createMemberRow(executor: Kysely<Database>, userId: string, now: Date) {
    await executor
      .insertInto('member_budgets')
      .values({
        user_id: userId,
        monthly_cap_micros: null,
        daily_cap_micros: null,
        month_key: monthKeyOf(now, timeZone),
        month_spent_micros: 0,
        day_key: dayKeyOf(now, timeZone),
        day_spent_micros: 0,
        reserved_micros: 0,
        updated_at: now.toISOString(),
      })
      .onConflict((conflict) => conflict.column('user_id').doNothing())
      .execute();
  }

  /**
   * PostgreSQL: the hold in one self-committing statement (postgres-holds.ts), so no lock on the
   * server's row outlives a statement. `within` (a turn's messages) is folded into that statement,
   * written only when the hold is: a refusal stores nothing, a failed insert holds nothing, and no
   * crash can leave one without the other.
   */
  async function adjustInOneStatement(
    reservation: Reservation,
    to: number,
    within?: WithinReservation,
  ): Promise<void> {
    const userId = reservation.context.userId;
    const now = clock.now();
    const at = now.toISOString();
    const monthKey = monthKeyOf(now, timeZone);
    const dayKey = dayKeyOf(now, timeZone);
    const hold = () =>
      holdInOneStatement(db, {
        userId,
        reservationId: reservation.id,
        persisted: reservation.persisted,
        to,
        promptBytes: reservation.promptBytes ?? null,
        monthKey,
        dayKey,
        at,
        insertRow: reservationRow(reservation, to, now),
        defaults: {
          serverMonthlyCap: config.BUDGET_SERVER_MONTHLY_USD,
          memberMonthlyCap: config.BUDGET_MEMBER_MONTHLY_USD ?? null,
          memberDailyCap: config.BUDGET_MEMBER_DAILY_USD ?? null,
        },
        alsoWrite: within?.statements,
      });
    if (!knownMembers.has(userId)) await createMemberRow(db, userId, now);
    let result = await hold();
    if (!result.member_found) {
      await createMemberRow(db, userId, now);
      result = await hold();
      if (!result.member_found) throw new Error('the member has been deleted');
    }
    knownMembers.add(userId);
    if (!result.held) {
      const settings = serverSettings(config, {
        monthly_cap_micros: result.server_monthly_cap,
        policy: result.server_policy,
        member_defaults_set: result.server_member_defaults_set,
        default_member_monthly_cap_micros: result.server_default_member_monthly_cap,
        default_member_daily_cap_micros: result.server_default_member_daily_cap,
      });
      const member = {
        monthSpent: result.member_month_spent,
        daySpent: result.member_day_spent,
        reserved: result.member_reserved,
      };
      const server = {
        monthSpent: result.server_month_key === monthKey ? result.server_month_spent : 0,
        daySpent: result.server_day_key === dayKey ? result.server_day_spent : 0,
        reserved: result.server_reserved,
      };
      // The statement checked the server's row as it was once locked; the totals read beside it may
      // be a moment older: when they show room, the refusal names the server's cap as it stands.
      const broken = findBrokenCap({
        amount: result.delta,
        member,
        server,
        memberCaps: memberCaps(settings, {
          monthly_cap_micros: result.member_monthly_cap,
          daily_cap_micros: result.member_daily_cap,
        }),
        serverCap: settings.serverMonthlyCapMicros,
      }) ?? {
        scope: 'server' as const,
        period: 'month' as const,
        cap: settings.serverMonthlyCapMicros,
        totals: server,
      };
      return refuse(userId, monthKey, now, refusalOf(broken, to, result.delta, settings.policy, now));
    }
    reservation.persisted = true;
    reservation.amountMicros = to;
  }

  /** Deletes a reservation row; undefined when it was already gone (settled by another process). */
  async function dropReservation(trx: Transaction<Database>, id: string): Promise<number | undefined> {
    const [deleted] = (await trx.executeQuery(dropReservationQuery(trx, { id }))).rows;
    return deleted ? Number(deleted.reserved_micros) : undefined;
  }

  /**
   * Releases `held` and adds `cost` to the spending of the reservation's period, on the member's
   * row first, then the server's (the lock order of every budget transaction). A row already in a
   * later period keeps its totals: the cost then lives only in the ledger, under its own period.
   * Announces the alert thresholds this cost crossed.
   */
  async function applyCost(
    trx: Transaction<Database>,
    target: { userId: string | null; monthKey: string; dayKey: string },
    held: number,
    cost: number,
    now: Date,
  ): Promise<void> {
    const settled = {
      held,
      monthKey: target.monthKey,
      cost,
      dayKey: target.dayKey,
      at: now.toISOString(),
    };
    const member = target.userId
      ? (await trx.executeQuery(settleOnMemberRow(trx, { ...settled, userId: target.userId }))).rows[0]
      : undefined;
    const [server] = (await trx.executeQuery(settleOnServerRow(trx, settled))).rows;
    if (!server) throw new Error('the server budget row is missing');
    if (cost <= 0) return;
    for (const alert of crossedAlerts(target, cost, member, server))
      await recordAlerts(
        trx,
        alert.scope,
        alert.userId,
        target.monthKey,
        alert.spent,
        alert.cap,
        now,
        alert.thresholds,
      );
  }

  /** The alert thresholds a settled cost crossed, per scope: each is announced once per period. */
  function crossedAlerts(
    target: { userId: string | null; monthKey: string },
    cost: number,
    member:
      | Pick<MemberRow, 'month_key' | 'month_spent_micros' | 'monthly_cap_micros' | 'daily_cap_micros'>
      | undefined,
    server: Parameters<typeof serverSettings>[1] & Pick<ServerRow, 'month_key' | 'month_spent_micros'>,
  ): Array<{ scope: BudgetScope; userId: string; spent: number; cap: number | null; thresholds: number[] }> {
    if (cost <= 0) return [];
    const crossed = (spent: number, cap: number | null) =>
      reachedThresholds(spent, cap).filter(
        (threshold) => !reachedThresholds(spent - cost, cap).includes(threshold),
      );
    const settings = serverSettings(config, server);
    const alerts = [];
    if (member && target.userId && member.month_key === target.monthKey) {
      const cap = memberCaps(settings, member).monthly;
      const spent = Number(member.month_spent_micros);
      alerts.push({
        scope: 'member' as const,
        userId: target.userId,
        spent,
        cap,
        thresholds: crossed(spent, cap),
      });
    }
    if (server.month_key === target.monthKey) {
      const cap = settings.serverMonthlyCapMicros;
      const spent = Number(server.month_spent_micros);
      alerts.push({
        scope: 'server' as const,
        userId: target.userId ?? '',
        spent,
        cap,
        thresholds: crossed(spent, cap),
      });
    }
    return alerts.filter((alert) => alert.thresholds.length > 0);
  }

  /**
   * PostgreSQL: settles (with a ledger row) or releases a persisted reservation in one statement;
   * the alerts its cost crossed are written after, with no budget row locked. Undefined when the
   * reservation's row was gone (settled at its maximum by another process after its lease).
   */
  async function settlePersistedInOneStatement(
    reservation: Reservation,
    cost: number,
    ledger: Record<string, unknown> | undefined,
    within?: WithinReservation,
  ): Promise<number | undefined> {
    const now = clock.now();
    const target = { userId: reservation.context.userId, monthKey: reservation.monthKey };
    const result = await settleInOneStatement(db, {
      // Unconditional: a reply's text is stored even when another process settled its reservation.
      alsoWrite: within ? () => within.statements(sql<boolean>`true`) : undefined,
      reservationId: reservation.id,
      userId: reservation.context.userId,
      monthKey: reservation.monthKey,
      dayKey: reservation.dayKey,
      cost,
      at: now.toISOString(),
      ledgerRow: ledger,
    });
    if (result.held === null) return undefined;
    const alerts = crossedAlerts(
      target,
      cost,
      result.member_month_key === null
        ? undefined
        : {
            month_key: result.member_month_key,
            month_spent_micros: result.member_month_spent ?? 0,
            monthly_cap_micros: result.member_monthly_cap,
            daily_cap_micros: result.member_daily_cap,
          },
      {
        month_key: result.server_month_key,
        month_spent_micros: result.server_month_spent,
        monthly_cap_micros: result.server_monthly_cap,
        policy: result.server_policy,
        member_defaults_set: result.server_member_defaults_set,
        default_member_monthly_cap_micros: result.server_default_member_monthly_cap,
        default_member_daily_cap_micros: result.server_default_member_daily_cap,
      },
    );
    if (alerts.length > 0)
      await db.transaction().execute(async (trx) => {
        for (const alert of alerts)
          await recordAlerts(
            trx,
            alert.scope,
            alert.userId,
            target.monthKey,
            alert.spent,
            alert.cap,
            now,
            alert.thresholds,
          );
      });
    return result.held;
  }

  /** Drops a persisted reservation's hold, charging nothing. */
  async function releasePersisted(reservation: Reservation): Promise<void> {
    if (deps.kind === 'postgres') {
      await settlePersistedInOneStatement(reservation, 0, undefined);
      return;
    }
    await db.transaction().execute(async (trx) => {
      const held = await dropReservation(trx, reservation.id);
      if (held === undefined) return;
      const target = {
        userId: reservation.context.userId,
        monthKey: reservation.monthKey,
        dayKey: reservation.dayKey,
      };
      await applyCost(trx, target, held, 0, clock.now());
    });
  }

  /**
   * Settles reservations whose process died. A call that was producing a message is priced at the
   * documented estimate — its prompt's bytes and the text saved so far, ceil(bytes / 4) each way,
   * flagged estimated, never above what was held — since the learner saw that text; one whose
   * prompt size is unknown (rows from before it was recorded) at its reserved maximum.
   */
  async function settleOrphans(rows: Array<Selectable<BudgetReservationsTable>>, errorCode: string) {
    const now = clock.now();
    let settled = 0;
    for (const row of rows) {
      const text = row.message_id
        ? ((
            await db.selectFrom('messages').select('text').where('id', '=', row.message_id).executeTakeFirst()
          )?.text ?? '')
        : '';
      const usage: TokenUsage = {
        inputTokens: Math.ceil((row.prompt_bytes ?? 0) / 4),
        outputTokens: Math.ceil(Buffer.byteLength(text) / 4),
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        estimated: true,
      };
      const rates = prices.resolve({ provider: row.price_as ?? row.provider, model: row.model }).rates;
      const done = await db.transaction().execute(async (trx) => {
        const held = await dropReservation(trx, row.id);
        if (held === undefined) return false;
        const cost = row.prompt_bytes === null ? held : Math.min(held, costOfUsage(rates, usage));
        const ledger = ledgerRow(
          {
            context: {
              userId: row.user_id ?? '',
              conversationId: row.conversation_id ?? undefined,
              purpose: row.purpose as CallContext['purpose'],
              role: 'conversation',
            },
            provider: row.provider,
            model: row.model,
            usage,
            latencyMs: 0,
            outcome: 'interrupted',
            errorCode,
            messageId: row.message_id ?? undefined,
          },
          {
            at: now,
            costMicros: cost,
            priceFallback: row.price_fallback === 1,
            reservedMicros: held,
            monthKey: row.month_key,
            dayKey: row.day_key,
          },
        );
        await trx
          .insertInto('ledger_entries')
          .values({ ...ledger, user_id: row.user_id })
          .execute();
        await applyCost(
          trx,
          { userId: row.user_id, monthKey: row.month_key, dayKey: row.day_key },
          held,
          cost,
          now,
        );
        return true;
      });
      if (done) settled += 1;
    }
    return settled;
  }

  return {
    prices,
    ownerId,
    priceOf: (link) => prices.resolve(priceKey(link)),

    async reserve(context, link, amountMicros, within, call) {
      const now = clock.now();
      const reservation: Reservation = {
        id: newId(now.getTime()),
        context,
        provider: link.provider,
        model: link.model,
        price: prices.resolve(priceKey(link)),
        monthKey: monthKeyOf(now, timeZone),
        dayKey: dayKeyOf(now, timeZone),
        amountMicros: 0,
        promptBytes: call?.promptBytes,
        messageId: call?.messageId,
        priceAs: link.priceAs,
        persisted: false,
        closed: false,
      };
      if (amountMicros > 0) await adjust(reservation, amountMicros, within);
      else if (within) await db.transaction().execute((trx) => within.run(trx));
      return reservation;
    },

    async resize(reservation, amountMicros, promptBytes) {
      if (reservation.closed) throw new Error('resize of a settled reservation');
      if (promptBytes !== undefined) reservation.promptBytes = promptBytes;
      if (amountMicros === reservation.amountMicros && (reservation.persisted || amountMicros === 0)) return;
      await adjust(reservation, amountMicros);
    },

    async settle(reservation, entry, options = {}) {
      if (reservation.closed) throw new Error('settle of a settled reservation');
      reservation.closed = true;
      const now = clock.now();
      const cost = options.costMicros ?? costOfUsage(reservation.price.rates, entry.usage);
      const row = ledgerRow(entry, {
        at: now,
        costMicros: cost,
        priceFallback: reservation.price.fallback,
        reservedMicros: reservation.amountMicros,
        monthKey: reservation.monthKey,
        dayKey: reservation.dayKey,
      });
      const { within } = options;
      if (!reservation.persisted && cost === 0) {
        // Nothing was held and nothing is owed (a local model): no lock, just the ledger row.
        if (!within) await db.executeQuery(insertRows(db, 'ledger_entries', [row]));
        else
          await db.transaction().execute(async (trx) => {
            await trx.executeQuery(insertRows(trx, 'ledger_entries', [row]));
            await within.run(trx);
          });
        return cost;
      }
      const target = {
        userId: reservation.context.userId,
        monthKey: reservation.monthKey,
        dayKey: reservation.dayKey,
      };
      if (deps.kind === 'postgres' && reservation.persisted) {
        const held = await settlePersistedInOneStatement(
          reservation,
          cost,
          row as Record<string, unknown>,
          within,
        );
        if (held === undefined)
          deps.log?.warn({ reservation: reservation.id }, 'reservation was settled after its lease expired');
        return cost;
      }
      await db.transaction().execute(async (trx) => {
        if (within) await within.run(trx);
        let held = 0;
        if (reservation.persisted) {
          const dropped = await dropReservation(trx, reservation.id);
          if (dropped === undefined) {
            // Settled at its maximum by another process after the lease expired: that row stands
            // (it over-counts, never under-counts); writing this one too would count the call twice.
            deps.log?.warn(
              { reservation: reservation.id },
              'reservation was settled after its lease expired',
            );
            return;
          }
          held = dropped;
        }
        // The ledger row goes in before applyCost takes the server's row: that lock is held only
        // for its update and the commit.
        await trx.executeQuery(insertRows(trx, 'ledger_entries', [row]));
        await applyCost(trx, target, held, cost, now);
      });
      return cost;
    },

    async release(reservation) {
      if (reservation.closed) return;
      reservation.closed = true;
      if (!reservation.persisted) return;
      await releasePersisted(reservation);
    },

    async settleExpired() {
      const now = clock.now();
      const expired = await db
        .selectFrom('budget_reservations')
        .selectAll()
        .where('expires_at', '<=', now.toISOString())
        .orderBy('expires_at')
        .limit(500)
        .execute();
      return settleOrphans(expired, 'lease_expired');
    },

    async settleEarlierBoots(instanceId) {
      const rows = await db
        .selectFrom('budget_reservations')
        .selectAll()
        .where('owner_id', '!=', ownerId)
        .execute();
      return settleOrphans(
        rows.filter((row) => instanceOf(row.owner_id) === instanceId),
        'process_restarted',
      );
    },
  };
}
