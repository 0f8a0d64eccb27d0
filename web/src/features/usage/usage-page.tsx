import { useState } from 'react';
import type { MyUsage } from '../../../../contracts/budget.ts';
import { formatUsd } from '../../../../contracts/money.ts';
import { LoadError, PageLoading, PageTitle } from '../../components/page-states.tsx';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { BreakdownTable, purposeLabels } from './breakdown-table.tsx';
import { BudgetBar } from './budget-bar.tsx';
import { DailyChart } from './daily-chart.tsx';
import { monthName, resetWords } from './month.ts';
import { MonthNav } from './month-nav.tsx';
import './usage.css';

// Learners' budgets are often a few dollars: their cents matter.
const precise = { precise: true };

/** The learner's own AI usage: this month's spending against their budget, by day, purpose and model. */
export function UsagePage() {
  const [month, setMonth] = useState<string | null>(null);
  const query = useApiQuery<MyUsage>(month ? `/api/me/usage?month=${month}` : '/api/me/usage');
  const usage = query.data;
  const shown = usage?.period.month ?? month;

  return (
    <section className="page usage-page">
      <PageTitle lead="What your conversations, corrections and exercises have cost in AI fees, and what is left of your budget.">
        Usage
      </PageTitle>
      {query.loading && !usage ? <PageLoading /> : null}
      {query.error ? <LoadError message={query.error.message} onRetry={query.reload} /> : null}
      {usage && shown ? (
        <>
          <MonthNav month={shown} isCurrent={usage.period.current} onChange={setMonth} />

          <div className="card-grid usage-stats">
            <div className="card usage-stat">
              <p className="usage-stat-label">
                Spent {usage.period.current ? 'this month' : `in ${monthName(shown)}`}
              </p>
              <p className="usage-stat-value" data-testid="usage-spent">
                {formatUsd(usage.spentMicros, precise)}
              </p>
            </div>
            {usage.period.current ? (
              <>
                <div className="card usage-stat">
                  <p className="usage-stat-label">Left to spend</p>
                  <p className="usage-stat-value" data-testid="usage-remaining">
                    {formatUsd(usage.remainingMicros, precise)}
                  </p>
                  <p className="muted">
                    {usage.limitedBy === 'member'
                      ? 'Under your own budget.'
                      : 'Under the budget the whole server shares.'}{' '}
                    Resets {resetWords(usage.resetsAt, usage.period.timeZone)} ({usage.period.timeZone}).
                  </p>
                </div>
                <div className="card usage-stat">
                  <p className="usage-stat-label">Today</p>
                  <p className="usage-stat-value">{formatUsd(usage.todaySpentMicros, precise)}</p>
                  {usage.reservedMicros > 0 ? (
                    <p className="muted">
                      {formatUsd(usage.reservedMicros, precise)} held by requests in progress.
                    </p>
                  ) : null}
                </div>
              </>
            ) : null}
          </div>

          {usage.period.current ? (
            <div className="card usage-budgets">
              <h2>Your budget</h2>
              <BudgetBar
                label="This month"
                spentMicros={usage.spentMicros}
                capMicros={usage.monthlyCapMicros}
              />
              {usage.dailyCapMicros !== null ? (
                <BudgetBar
                  label="Today"
                  spentMicros={usage.todaySpentMicros}
                  capMicros={usage.dailyCapMicros}
                />
              ) : null}
              <p className="muted">
                {usage.policy === 'block'
                  ? 'When a budget runs out, the tutor pauses until it resets or an admin raises it. Vocabulary, grammar drills and your progress keep working.'
                  : 'When a budget runs out, the tutor switches to a cheaper model until it resets.'}
              </p>
            </div>
          ) : null}

          <div className="card">
            <DailyChart
              days={usage.daily}
              title={`Spending per day, ${monthName(shown)}`}
              highlight={usage.period.current ? new Date().toISOString().slice(0, 10) : undefined}
            />
          </div>

          <div className="card">
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
          </div>
        </>
      ) : null}
    </section>
  );
}
