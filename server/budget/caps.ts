import type { BudgetExceededDetails, BudgetPolicy, BudgetScope } from '../../contracts/budget.ts';
import type { MessageRef } from '../../contracts/messages/catalogues.ts';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import type { Config } from '../config.ts';
import type { MemberBudgetsTable, ServerBudgetTable } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { msg, render } from '../i18n/messages.ts';
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

/** When the period of a cap ends: the next local midnight (day) or first of the month (month). */
export function resetOf(period: 'month' | 'day', now: Date, timeZone: string): Date {
  return period === 'month' ? monthPeriod(now, timeZone).end : dayPeriod(now, timeZone).end;
}

/**
 * The sentence a learner reads when a request is refused: whose cap, how much, and when it resets, as
 * a catalogue message with the raw numbers (rendered in the reader's language, money and date included).
 */
export function refusalMessage(details: BudgetExceededDetails): MessageRef {
  const left = details.capMicros - details.spentMicros - details.reservedMicros;
  const values = {
    scope: details.scope,
    period: details.period,
    capMicros: details.capMicros,
    spentMicros: details.spentMicros,
    ...(details.reservedMicros > 0 ? { heldMicros: details.reservedMicros } : { held: 'none' }),
    resetsAt: details.resetsAt,
    timeZone: details.timeZone,
  };
  return left <= 0
    ? msg('budget.refusal.usedUp', values)
    : msg('budget.refusal.tooLittle', {
        ...values,
        leftMicros: left,
        requiredMicros: details.requiredMicros,
      });
}

/**
 * A refusal as a child reads it (the error handler swaps it in for a child's request): tutor time
 * used up or nearly, and when it fills up again — no money, caps, models or admins, as their alerts,
 * home and usage page say it. Undefined for any other message.
 */
export function childRefusal(ref: MessageRef): MessageRef | undefined {
  if (ref.key !== 'budget.refusal.usedUp' && ref.key !== 'budget.refusal.tooLittle') return undefined;
  const { scope = 'member', period = 'month', resetsAt = '', timeZone = 'UTC' } = ref.values ?? {};
  return msg('budget.refusal.child', {
    scope,
    period,
    resetsAt,
    timeZone,
    state: ref.key === 'budget.refusal.usedUp' ? 'usedUp' : 'tooLittle',
  });
}

/** The refusal in English (logs, tests). */
export function describeRefusal(details: BudgetExceededDetails): string {
  return render('en', refusalMessage(details));
}

/** 402 `budget_exceeded`: the one error for a refused reservation, with the numbers in `details`. */
export class BudgetExceededError extends AppError {
  readonly budget: BudgetExceededDetails;
  /** The admin's policy at the time: under `downgrade` the caller may try the cheaper chain. */
  readonly policy: BudgetPolicy;

  constructor(details: BudgetExceededDetails, policy: BudgetPolicy) {
    super('budget_exceeded', refusalMessage(details), { details });
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

type StoredAlert = { scope: string; threshold: number; spent_micros: number; cap_micros: number };

/** Who reads an alert: in which language, and whether a child. */
export type AlertReader = { language: InterfaceLanguage; child: boolean };

/**
 * A stored alert's sentence: its numbers are the row's, its words the reader's. `downgrades`: calls at
 * a cap go to the downgrade chain now (the policy, with a chain configured), so the tutor goes on with
 * the cheaper model rather than pausing. A child reads of tutor time used, as their home and usage page
 * say it: no money, no cap, no model (a child only ever gets their own budget's alerts).
 */
export function alertMessage(alert: StoredAlert, downgrades = false, child = false): MessageRef {
  if (child) {
    return alert.threshold >= 100
      ? msg('budget.alert.child.usedUp', { mode: downgrades ? 'downgrade' : 'pause' })
      : msg('budget.alert.child.threshold', { threshold: alert.threshold });
  }
  const values = {
    scope: alert.scope,
    capMicros: alert.cap_micros,
    spentMicros: alert.spent_micros,
    mode: downgrades ? 'downgrade' : 'pause',
  };
  if (alert.threshold >= 100) {
    // Announced when a request is refused: spending may stop short of the cap by less than one request.
    return msg(
      alert.spent_micros < alert.cap_micros ? 'budget.alert.usedUpShort' : 'budget.alert.usedUp',
      values,
    );
  }
  return msg('budget.alert.threshold', { ...values, threshold: alert.threshold });
}

export function describeAlert(
  alert: StoredAlert,
  downgrades: boolean,
  reader: AlertReader = { language: 'en', child: false },
): string {
  return render(reader.language, alertMessage(alert, downgrades, reader.child));
}
