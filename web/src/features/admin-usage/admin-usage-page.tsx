import { useState } from 'react';
import type { AdminUsage } from '../../../../contracts/budget.ts';
import { formatUsd } from '../../../../contracts/money.ts';
import { LoadError, PageLoading, PageTitle } from '../../components/page-states.tsx';
import { downloadFile } from '../../lib/api-client.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { BreakdownTable, purposeLabels } from '../usage/breakdown-table.tsx';
import { BudgetBar } from '../usage/budget-bar.tsx';
import { DailyChart } from '../usage/daily-chart.tsx';
import { monthName } from '../usage/month.ts';
import { MonthNav } from '../usage/month-nav.tsx';
import '../usage/usage.css';
import { MemberBudgets } from './member-budgets.tsx';
import { PriceTableCard } from './price-table.tsx';
import { ServerBudgetForm } from './server-budget-form.tsx';

/** Saves the CSV through a temporary link (the browser's own download). */
async function saveDownload(path: string, fallbackName: string) {
  const { blob, filename } = await downloadFile(path, fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Everyone's AI spending for admins: the server's budget, each member's caps, charts and a CSV export. */
export function AdminUsagePage() {
  const [month, setMonth] = useState<string | null>(null);
  const query = useApiQuery<AdminUsage>(month ? `/api/admin/usage?month=${month}` : '/api/admin/usage');
  const [downloadError, setDownloadError] = useState<string | null>(null);
  // The budget form is remounted with the saved values, so its "saved" confirmation is kept here.
  const [budgetSaved, setBudgetSaved] = useState(false);
  const usage = query.data;
  const shown = usage?.period.month ?? month;

  async function download() {
    if (!shown) return;
    setDownloadError(null);
    try {
      await saveDownload(`/api/admin/usage/export.csv?month=${shown}`, `charla-usage-${shown}.csv`);
    } catch {
      setDownloadError('The export could not be downloaded. Please try again.');
    }
  }

  return (
    <section className="page usage-page">
      <PageTitle lead="What every member’s AI use costs, against the server’s budget and their own caps.">
        Usage and budgets
      </PageTitle>
      {query.loading && !usage ? <PageLoading /> : null}
      {query.error ? <LoadError message={query.error.message} onRetry={query.reload} /> : null}
      {usage && shown ? (
        <>
          <MonthNav
            month={shown}
            isCurrent={usage.period.current}
            onChange={(next) => {
              setMonth(next);
              setBudgetSaved(false);
            }}
          >
            <button type="button" className="button button-secondary button-small" onClick={download}>
              Download CSV
            </button>
          </MonthNav>
          {downloadError ? (
            <div className="alert alert-error" role="alert">
              {downloadError}
            </div>
          ) : null}
          {usage.prices.stale ? (
            <div className="alert alert-warning" role="status">
              The price table is dated {usage.prices.effectiveDate}, {usage.prices.ageDays} days ago. Check
              the providers’ current prices and change them in the price table below where they changed.
            </div>
          ) : null}
          {usage.unknownModels.length > 0 ? (
            <div className="alert alert-warning" role="status">
              <p>
                These models are not in the price table and were priced by the fallback rule:{' '}
                {usage.unknownModels.map((model) => `${model.model} (${model.provider})`).join(', ')}. Add
                their prices in the price table below.
              </p>
            </div>
          ) : null}

          <div className="card usage-budgets">
            <h2>Server</h2>
            {usage.period.current ? (
              <BudgetBar
                label="This month"
                spentMicros={usage.server.spentMicros}
                capMicros={usage.server.monthlyCapMicros}
              />
            ) : (
              <p>
                Spent in {monthName(shown)}: {formatUsd(usage.server.spentMicros)}
              </p>
            )}
            {usage.period.current ? (
              <p className="muted">
                {formatUsd(usage.server.remainingMicros)} left
                {usage.server.reservedMicros > 0
                  ? `, ${formatUsd(usage.server.reservedMicros)} held by requests in progress`
                  : ''}
                . Prices as of {usage.prices.effectiveDate}.
              </p>
            ) : null}
            {usage.formerMembersSpentMicros > 0 ? (
              <p className="muted">
                Deleted members spent {formatUsd(usage.formerMembersSpentMicros)} of it.
              </p>
            ) : null}
          </div>

          <div className="card">
            <MemberBudgets members={usage.members} current={usage.period.current} onSaved={query.reload} />
          </div>

          <div className="card">
            <DailyChart days={usage.daily} title={`Everyone’s spending per day, ${monthName(shown)}`} />
          </div>

          <div className="card">
            <BreakdownTable
              caption="By provider"
              empty="Nothing was spent this month."
              rows={usage.byProvider.map((row) => ({ ...row, key: row.provider, label: row.provider }))}
            />
            <BreakdownTable
              caption="By model"
              empty="No model was used this month."
              rows={usage.byModel.map((row) => ({
                ...row,
                key: `${row.provider}:${row.model}`,
                label: `${row.model} (${row.provider})`,
                note: row.priceFallback ? 'not in price table' : undefined,
              }))}
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
          </div>

          <PriceTableCard />

          {usage.period.current ? (
            <ServerBudgetForm
              key={JSON.stringify(usage.server)}
              budget={usage.server}
              justSaved={budgetSaved}
              onSaved={() => {
                setBudgetSaved(true);
                query.reload();
              }}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}
