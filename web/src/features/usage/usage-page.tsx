import { useState } from 'react';
import type { MyUsage } from '../../../../contracts/budget.ts';
import { formatUsd } from '../../../../contracts/money.ts';
import { InfoToggle } from '../../components/info-toggle.tsx';
import { LoadError, PageLoading, PageTitle } from '../../components/page-states.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { useCurrentUser } from '../../lib/auth-context.tsx';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { BreakdownTable, purposeLabels } from './breakdown-table.tsx';
import { BudgetBar } from './budget-bar.tsx';
import { DailyChart } from './daily-chart.tsx';
import { monthName, resetWords } from './month.ts';
import { MonthNav } from './month-nav.tsx';
import { plainUsd } from './plain-money.ts';
import './usage.css';

// Learners' budgets are often a few dollars: their cents matter.
const precise = { precise: true };

/**
 * The learner's own AI usage. It leads with one sentence (what was spent of what budget) and what is
 * left; the day-by-day chart and the breakdowns by purpose and model are one click away. A child
 * sees how much tutor time is left, in words, and nothing about tokens, models or fractions of cents.
 */
export function UsagePage() {
  const user = useCurrentUser();
  const [month, setMonth] = useState<string | null>(null);
  const query = useApiQuery<MyUsage>(month ? `/api/me/usage?month=${month}` : '/api/me/usage');
  const usage = query.data;
  const shown = usage?.period.month ?? month;

  if (user.isChild) {
    return (
      <section className="page usage-page">
        <PageTitle lead="How much time with the tutor is left this month.">Usage</PageTitle>
        {query.loading && !usage ? <PageLoading /> : null}
        {query.error ? <LoadError message={query.error.message} onRetry={query.reload} /> : null}
        {usage ? <ChildUsage usage={usage} /> : null}
      </section>
    );
  }

  return (
    <section className="page usage-page">
      <div className="page-title has-info">
        <title>Usage · Charla</title>
        <h1>Usage</h1>
        <InfoToggle label="About usage">
          <p>
            What your conversations, corrections and exercises cost in AI fees, and what is left of your
            budget.
          </p>
        </InfoToggle>
      </div>
      {query.loading && !usage ? <PageLoading /> : null}
      {query.error ? <LoadError message={query.error.message} onRetry={query.reload} /> : null}
      {usage && shown ? (
        <>
          <MonthNav month={shown} isCurrent={usage.period.current} onChange={setMonth} />

          <div className="card usage-summary">
            <p className="usage-headline">
              You used <strong data-testid="usage-spent">{plainUsd(usage.spentMicros)}</strong>
              {usage.period.current && usage.monthlyCapMicros !== null
                ? ` of your ${plainUsd(usage.monthlyCapMicros)}`
                : ''}{' '}
              {usage.period.current ? 'this month' : `in ${monthName(shown)}`}.
            </p>
            {usage.period.current ? (
              <>
                <BudgetBar
                  label="This month"
                  spentMicros={usage.spentMicros}
                  capMicros={usage.monthlyCapMicros}
                />
                <p>
                  <strong data-testid="usage-remaining">{plainUsd(usage.remainingMicros)}</strong> left
                  {usage.limitedBy === 'member' ? '' : ' of the budget the whole server shares'}, until{' '}
                  {resetWords(usage.resetsAt, usage.period.timeZone)}.
                </p>
                <p className="muted">
                  {usage.policy === 'block'
                    ? 'When it runs out, the tutor pauses until then. Vocabulary, grammar drills and your progress keep working.'
                    : 'When it runs out, the tutor switches to a cheaper model until then.'}
                </p>
              </>
            ) : null}
          </div>

          <details className="card usage-details">
            <summary>Details: per day, by purpose and by model</summary>
            {usage.period.current ? (
              <dl className="usage-figures">
                <div>
                  <dt>Today</dt>
                  <dd>{formatUsd(usage.todaySpentMicros, precise)}</dd>
                </div>
                <div>
                  <dt>This month, exactly</dt>
                  <dd>{formatUsd(usage.spentMicros, precise)}</dd>
                </div>
                {usage.reservedMicros > 0 ? (
                  <div>
                    <dt>Held by requests in progress</dt>
                    <dd>{formatUsd(usage.reservedMicros, precise)}</dd>
                  </div>
                ) : null}
              </dl>
            ) : null}
            {usage.period.current && usage.dailyCapMicros !== null ? (
              <BudgetBar
                label="Today"
                spentMicros={usage.todaySpentMicros}
                capMicros={usage.dailyCapMicros}
              />
            ) : null}
            <DailyChart
              days={usage.daily}
              title={`Spending per day, ${monthName(shown)}`}
              highlight={usage.period.current ? new Date().toISOString().slice(0, 10) : undefined}
            />
            <BreakdownTable
              caption="By purpose"
              empty="Nothing was spent this month."
              rows={usage.byPurpose.map((row) => ({
                ...row,
                key: row.purpose,
                label: purposeLabels[row.purpose] ?? row.purpose,
              }))}
            />
            <BreakdownTable
              caption="By model"
              empty="No model was used this month."
              rows={usage.byModel.map((row) => ({
                ...row,
                key: `${row.provider}:${row.model}`,
                label: `${row.model} (${row.provider})`,
              }))}
            />
          </details>
        </>
      ) : null}
    </section>
  );
}

/** A child's usage: the share of this month's tutor time left, in words, and when it fills up again. */
function ChildUsage({ usage }: { usage: MyUsage }) {
  const allowance = usage.spentMicros + usage.remainingMicros;
  const usedPercent = allowance <= 0 ? 100 : Math.min(100, Math.round((usage.spentMicros / allowance) * 100));
  const leftPercent = 100 - usedPercent;
  let words: string;
  if (usage.remainingMicros <= 0) words = 'All used up for this month.';
  else if (leftPercent >= 75) words = 'Plenty left. Have fun practising!';
  else if (leftPercent >= 40) words = 'About half left.';
  else if (leftPercent >= 10) words = 'Not much left. Use it well!';
  else words = 'Almost used up.';
  const refill = new Date(usage.resetsAt).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    timeZone: usage.period.timeZone,
  });
  return (
    <div className="card usage-summary">
      <h2 className="usage-summary-title">Tutor time this month</h2>
      <p className="big-number" data-testid="usage-left">
        {leftPercent}% <span className="big-number-unit">left</span>
      </p>
      <ProgressBar
        label="Tutor time used this month"
        percent={usedPercent}
        text={`${usedPercent}% used`}
        trackClassName="budget-bar-track"
        fillClassName={`budget-bar-fill budget-bar-${usedPercent >= 90 ? 'high' : usedPercent >= 75 ? 'medium' : 'low'}`}
      />
      <p>{words}</p>
      <p className="muted">
        It fills up again on {refill}.
        {usage.policy === 'block' && usage.remainingMicros <= 0
          ? ' Until then, you can still practise words and grammar.'
          : ''}
      </p>
    </div>
  );
}
