import {
  type BudgetExceededDetails,
  type BudgetPolicy,
  type BudgetScope,
  formatUsd,
} from '../../contracts/budget.ts';
import type { Config } from '../config.ts';
import type { MemberBudgetsTable, ServerBudgetTable } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { dayPeriod, monthPeriod } from '../lib/periods.ts';

type MemberRow = Pick<MemberBudgetsTable, 'monthly_cap_micros' | 'daily_cap_micros'>;
type ServerRow = Pick<
  ServerBudgetTable,
  | 'monthly_cap_micros'
  | 'policy'
  | 'member_defaults_set'
  | 'default_member_monthly_cap_micros'
  | 'default_member_daily_cap_micros'
>;

export type BudgetSettings = {
  serverMonthlyCapMicros: number;
  policy: BudgetPolicy;
  defaultMemberMonthlyCapMicros: number | null;
  defaultMemberDailyCapMicros: number | null;
};

/**
 * Whether a call at a cap goes to the cheaper chain: the downgrade policy with a chain to go to
 * (the app's or the environment's, see server/budget/downgrade-chain.ts).
 */
export function downgradesAtCap(settings: BudgetSettings, hasDowngradeChain: boolean): boolean {
  return settings.policy === 'downgrade' && hasDowngradeChain;
}

/** Server settings in force: what an admin stored, else the configuration's defaults. */
export function serverSettings(config: Config, server: ServerRow): BudgetSettings {
  const defaultsSet = server.member_defaults_set === 1;
  return {
    serverMonthlyCapMicros: server.monthly_cap_micros ?? config.BUDGET_SERVER_MONTHLY_USD,
    policy: (server.policy as BudgetPolicy | null) ?? config.BUDGET_POLICY,
    defaultMemberMonthlyCapMicros: defaultsSet
      ? server.default_member_monthly_cap_micros
      : (config.BUDGET_MEMBER_MONTHLY_USD ?? null),
    defaultMemberDailyCapMicros: defaultsSet
      ? server.default_member_daily_cap_micros
      : (config.BUDGET_MEMBER_DAILY_USD ?? null),
  };
}

/** A member's caps in force: their own, else the server's default for members; null = none. */
export function memberCaps(settings: BudgetSettings, member: MemberRow | undefined) {
  return {
    monthly: member?.monthly_cap_micros ?? settings.defaultMemberMonthlyCapMicros,
    daily: member?.daily_cap_micros ?? settings.defaultMemberDailyCapMicros,
  };
}

/** Running totals of one budget row, already rolled to the current period. */
export type Totals = { monthSpent: number; daySpent: number; reserved: number };

/**
 * The first cap a new hold of `amount` would break, or undefined when it fits. Spending plus every
 * outstanding reservation plus the new one must stay within each cap. The member's monthly cap is
 * reported before the server's (it is the one the learner can ask about), and a daily cap last
 * (a monthly refusal lasts longer, so it is the one that explains the wait).
 */
export function findBrokenCap(input: {
  amount: number;
  member: Totals;
  server: Totals;
  memberCaps: { monthly: number | null; daily: number | null };
  serverCap: number;
}): { scope: BudgetScope; period: 'month' | 'day'; cap: number; totals: Totals } | undefined {
  const { amount, member, server } = input;
  const checks = [
    {
      scope: 'member',
      period: 'month',
      cap: input.memberCaps.monthly,
      spent: member.monthSpent,
      totals: member,
    },
    { scope: 'server', period: 'month', cap: input.serverCap, spent: server.monthSpent, totals: server },
    { scope: 'member', period: 'day', cap: input.memberCaps.daily, spent: member.daySpent, totals: member },
  ] as const;
  for (const check of checks) {
    if (check.cap !== null && check.spent + check.totals.reserved + amount > check.cap) {
      return { scope: check.scope, period: check.period, cap: check.cap, totals: check.totals };
    }
  }
  return undefined;
}

function formatWhen(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** When the period of a cap ends: the next local midnight (day) or first of the month (month). */
export function resetOf(period: 'month' | 'day', now: Date, timeZone: string): Date {
  return period === 'month' ? monthPeriod(now, timeZone).end : dayPeriod(now, timeZone).end;
}

/**
 * The sentence a learner reads when a request is refused: whose cap, how much, and when it resets.
 */
export function describeRefusal(details: BudgetExceededDetails): string {
  const usd = (micros: number) => formatUsd(micros, { precise: true });
  const whose = details.scope === 'member' ? 'Your' : "The server's";
  const kind = details.period === 'month' ? 'monthly' : 'daily';
  const held =
    details.reservedMicros > 0 ? `, ${usd(details.reservedMicros)} held by requests in progress` : '';
  const left = details.capMicros - details.spentMicros - details.reservedMicros;
  const state =
    left <= 0
      ? `is used up (${usd(details.spentMicros)} spent${held})`
      : `has ${usd(left)} left (${usd(details.spentMicros)} spent${held}), less than this request can cost (up to ${usd(details.requiredMicros)})`;
  const who =
    details.scope === 'member'
      ? ' An admin can raise it.'
      : ' It is shared by everyone on this server; an admin can raise it.';
  return `${whose} ${kind} AI budget of ${usd(details.capMicros)} ${state}. It resets on ${formatWhen(new Date(details.resetsAt), details.timeZone)} (${details.timeZone}).${who}`;
}

/** 402 `budget_exceeded`: the one error for a refused reservation, with the numbers in `details`. */
export class BudgetExceededError extends AppError {
  readonly budget: BudgetExceededDetails;
  /** The admin's policy at the time: under `downgrade` the caller may try the cheaper chain. */
  readonly policy: BudgetPolicy;

  constructor(details: BudgetExceededDetails, policy: BudgetPolicy) {
    super('budget_exceeded', describeRefusal(details), { details });
    this.name = 'BudgetExceededError';
    this.budget = details;
    this.policy = policy;
  }
}

export const alertThresholds = [50, 75, 90, 100] as const;

/** Thresholds (per cent of a cap) that spending has reached. */
export function reachedThresholds(spent: number, cap: number | null): number[] {
  if (cap === null || cap <= 0) return [];
  return alertThresholds.filter((threshold) => spent * 100 >= threshold * cap);
}

export function describeAlert(
  alert: {
    scope: string;
    threshold: number;
    spent_micros: number;
    cap_micros: number;
  },
  /** Whether calls at a cap go to the downgrade chain now (the policy, with a chain configured). */
  downgrades: boolean,
): string {
  const usd = (micros: number) => formatUsd(micros, { precise: true });
  const whose = alert.scope === 'member' ? 'Your' : "The server's";
  if (alert.threshold >= 100) {
    // Announced when a request is refused: spending may stop short of the cap by less than one request.
    const spent =
      alert.spent_micros < alert.cap_micros
        ? ` (${usd(alert.spent_micros)} spent; what is left does not cover another request${downgrades ? ' with the usual model' : ''})`
        : '';
    // Under the downgrade policy the tutor goes on with the cheaper model: "pauses" would be untrue.
    const then = downgrades
      ? 'The tutor switches to a cheaper model until it resets or an admin raises it.'
      : 'The tutor pauses until it resets or an admin raises it.';
    return `${whose} monthly AI budget of ${usd(alert.cap_micros)} is used up${spent}. ${then}`;
  }
  return `${whose} monthly AI budget is ${alert.threshold}% used (${usd(alert.spent_micros)} of ${usd(alert.cap_micros)}).`;
}
