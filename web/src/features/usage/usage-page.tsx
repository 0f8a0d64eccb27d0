import { useState } from 'react';
import type { MyUsage } from '../../../../contracts/budget.ts';
import { InfoToggle } from '../../components/info-toggle.tsx';
import { LoadError, PageLoading, PageTitle } from '../../components/page-states.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { formatDate } from '../../i18n/format.ts';
import { formatMoney } from '../../i18n/format-money.ts';
import { useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { useCurrentUser } from '../../lib/auth-context.tsx';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { BreakdownTable, purposeLabel } from './breakdown-table.tsx';
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
  const t = useT('usage');
  const user = useCurrentUser();
  const [month, setMonth] = useState<string | null>(null);
  const query = useApiQuery<MyUsage>(month ? `/api/me/usage?month=${month}` : '/api/me/usage');
  const usage = query.data;
  const shown = usage?.period.month ?? month;

  if (user.isChild) {
    return (
      <section className="page usage-page">
        <PageTitle lead={t('childLead')}>{t('title')}</PageTitle>
        {query.loading && !usage ? <PageLoading /> : null}
        {query.error ? <LoadError message={query.error.message} onRetry={query.reload} /> : null}
        {usage ? <ChildUsage usage={usage} /> : null}
      </section>
    );
  }

  return (
    <section className="page usage-page">
      <div className="page-title has-info">
        <title>{`${t('title')} · Charla`}</title>
        <h1>{t('title')}</h1>
        <InfoToggle label={t('about')}>
          <p>{t('aboutText')}</p>
        </InfoToggle>
      </div>
      {query.loading && !usage ? <PageLoading /> : null}
      {query.error ? <LoadError message={query.error.message} onRetry={query.reload} /> : null}
      {usage && shown ? (
        <>
          <MonthNav month={shown} isCurrent={usage.period.current} onChange={setMonth} />

          <div className="card usage-summary">
            <p className="usage-headline">
              {rich(
                usage.period.current
                  ? usage.monthlyCapMicros !== null
                    ? t('headline.capped', { ...slots('spent'), cap: plainUsd(usage.monthlyCapMicros) })
                    : t('headline.current', slots('spent'))
                  : t('headline.past', { ...slots('spent'), month: monthName(shown) }),
                { spent: <strong data-testid="usage-spent">{plainUsd(usage.spentMicros)}</strong> },
              )}
            </p>
            {usage.period.current ? (
              <>
                <BudgetBar
                  label={t('thisMonth')}
                  spentMicros={usage.spentMicros}
                  capMicros={usage.monthlyCapMicros}
                />
                <p>
                  {rich(
                    t(usage.limitedBy === 'member' ? 'left.member' : 'left.server', {
                      ...slots('left'),
                      reset: resetWords(usage.resetsAt, usage.period.timeZone),
                    }),
                    {
                      left: <strong data-testid="usage-remaining">{plainUsd(usage.remainingMicros)}</strong>,
                    },
                  )}
                </p>
                <p className="muted">
                  {usage.policy === 'block' ? t('policy.block') : t('policy.downgrade')}
                </p>
              </>
            ) : null}
          </div>

          <details className="card usage-details">
            <summary>{t('details')}</summary>
            {usage.period.current ? (
              <dl className="usage-figures">
                <div>
                  <dt>{t('today')}</dt>
                  <dd>{formatMoney(usage.todaySpentMicros, precise)}</dd>
                </div>
                <div>
                  <dt>{t('monthExactly')}</dt>
                  <dd>{formatMoney(usage.spentMicros, precise)}</dd>
                </div>
                {usage.reservedMicros > 0 ? (
                  <div>
                    <dt>{t('held')}</dt>
                    <dd>{formatMoney(usage.reservedMicros, precise)}</dd>
                  </div>
                ) : null}
              </dl>
            ) : null}
            {usage.period.current && usage.dailyCapMicros !== null ? (
              <BudgetBar
                label={t('today')}
                spentMicros={usage.todaySpentMicros}
                capMicros={usage.dailyCapMicros}
              />
            ) : null}
            <DailyChart
              days={usage.daily}
              title={t('perDay', { month: monthName(shown) })}
              highlight={usage.period.current ? new Date().toISOString().slice(0, 10) : undefined}
            />
            <BreakdownTable
              caption={t('byPurpose')}
              heading={t('table.purpose')}
              empty={t('nothingSpent')}
              rows={usage.byPurpose.map((row) => ({
                ...row,
                key: row.purpose,
                label: purposeLabel(row.purpose),
              }))}
            />
            <BreakdownTable
              caption={t('byModel')}
              heading={t('table.model')}
              empty={t('noModel')}
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
  const t = useT('usage');
  const allowance = usage.spentMicros + usage.remainingMicros;
  const usedPercent = allowance <= 0 ? 100 : Math.min(100, Math.round((usage.spentMicros / allowance) * 100));
  const leftPercent = 100 - usedPercent;
  let words: string;
  if (usage.remainingMicros <= 0) words = t('child.usedUp');
  else if (leftPercent >= 75) words = t('child.plenty');
  else if (leftPercent >= 40) words = t('child.half');
  else if (leftPercent >= 10) words = t('child.little');
  else words = t('child.almost');
  const refill = formatDate(usage.resetsAt, {
    day: 'numeric',
    month: 'long',
    timeZone: usage.period.timeZone,
  });
  return (
    <div className="card usage-summary">
      <h2 className="usage-summary-title">{t('child.heading')}</h2>
      <p className="big-number" data-testid="usage-left">
        {leftPercent}% <span className="big-number-unit">{t('child.left')}</span>
      </p>
      <ProgressBar
        label={t('child.usedLabel')}
        percent={usedPercent}
        text={t('child.used', { percent: usedPercent })}
        trackClassName="budget-bar-track"
        fillClassName={`budget-bar-fill budget-bar-${usedPercent >= 90 ? 'high' : usedPercent >= 75 ? 'medium' : 'low'}`}
      />
      <p>{words}</p>
      <p className="muted">
        {t('child.refill', { date: refill })}
        {usage.policy === 'block' && usage.remainingMicros <= 0 ? ` ${t('child.still')}` : ''}
      </p>
    </div>
  );
}
