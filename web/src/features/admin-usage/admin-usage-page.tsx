import { useState } from 'react';
import type { AdminUsage } from '../../../../contracts/budget.ts';
import { LoadError, PageLoading, PageTitle } from '../../components/page-states.tsx';
import { formatList } from '../../i18n/format.ts';
import { formatMoney } from '../../i18n/format-money.ts';
import { useT } from '../../i18n/i18n.ts';
import { downloadFile } from '../../lib/api-client.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { BreakdownTable, purposeLabel } from '../usage/breakdown-table.tsx';
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
  const t = useT('admin-usage');
  // The shared usage parts' words (table headings, purposes).
  const tu = useT('usage');
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
      setDownloadError(t('downloadFailed'));
    }
  }

  return (
    <section className="page usage-page">
      <PageTitle lead={t('lead')}>{t('title')}</PageTitle>
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
              {t('download')}
            </button>
          </MonthNav>
          {downloadError ? (
            <div className="alert alert-error" role="alert">
              {downloadError}
            </div>
          ) : null}
          {usage.prices.stale ? (
            <div className="alert alert-warning" role="status">
              {t('stale', { date: usage.prices.effectiveDate, days: usage.prices.ageDays })}
            </div>
          ) : null}
          {usage.unknownModels.length > 0 ? (
            <div className="alert alert-warning" role="status">
              <p>
                {t('unknownModels', {
                  models: formatList(
                    usage.unknownModels.map((model) => `${model.model} (${model.provider})`),
                  ),
                })}
              </p>
            </div>
          ) : null}

          <div className="card usage-budgets">
            <h2>{t('server')}</h2>
            {usage.period.current ? (
              <BudgetBar
                label={t('thisMonth')}
                spentMicros={usage.server.spentMicros}
                capMicros={usage.server.monthlyCapMicros}
              />
            ) : (
              <p>
                {t('spentIn', { month: monthName(shown), amount: formatMoney(usage.server.spentMicros) })}
              </p>
            )}
            {usage.period.current ? (
              <p className="muted">
                {usage.server.reservedMicros > 0
                  ? t('leftHeld', {
                      amount: formatMoney(usage.server.remainingMicros),
                      held: formatMoney(usage.server.reservedMicros),
                    })
                  : t('left', { amount: formatMoney(usage.server.remainingMicros) })}{' '}
                {t('pricesAsOf', { date: usage.prices.effectiveDate })}
              </p>
            ) : null}
            {usage.formerMembersSpentMicros > 0 ? (
              <p className="muted">
                {t('formerMembers', { amount: formatMoney(usage.formerMembersSpentMicros) })}
              </p>
            ) : null}
          </div>

          <div className="card">
            <MemberBudgets members={usage.members} current={usage.period.current} onSaved={query.reload} />
          </div>

          <div className="card">
            <DailyChart days={usage.daily} title={t('dailyTitle', { month: monthName(shown) })} />
          </div>

          <div className="card">
            <BreakdownTable
              caption={t('byProvider')}
              heading={tu('table.provider')}
              empty={t('nothingSpent')}
              rows={usage.byProvider.map((row) => ({ ...row, key: row.provider, label: row.provider }))}
            />
            <BreakdownTable
              caption={t('byModel')}
              heading={tu('table.model')}
              empty={t('noModel')}
              rows={usage.byModel.map((row) => ({
                ...row,
                key: `${row.provider}:${row.model}`,
                label: `${row.model} (${row.provider})`,
                note: row.priceFallback ? t('notInPriceTable') : undefined,
              }))}
            />
            <BreakdownTable
              caption={t('byPurpose')}
              heading={tu('table.purpose')}
              empty={t('nothingSpent')}
              rows={usage.byPurpose.map((row) => ({
                ...row,
                key: row.purpose,
                label: purposeLabel(row.purpose),
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
