import { formatCalendarDate } from '../../i18n/format.ts';
import { formatMoney } from '../../i18n/format-money.ts';
import { useT } from '../../i18n/i18n.ts';

export type UsageDay = { date: string; calls: number; costMicros: number };

const width = 640;
const height = 180;
const padding = { top: 12, right: 8, bottom: 24, left: 8 };

/**
 * Spending per day of a month as plain SVG bars (no chart library), with a table for screen
 * readers. `highlight` marks today.
 */
export function DailyChart({
  days,
  title,
  highlight,
}: {
  days: UsageDay[];
  title: string;
  highlight?: string;
}) {
  const t = useT('usage');
  const usd = (micros: number) => formatMoney(micros, { precise: true });
  const max = Math.max(1, ...days.map((day) => day.costMicros));
  const total = days.reduce((sum, day) => sum + day.costMicros, 0);
  const innerWidth = width - padding.left - padding.right;
  const innerHeight = height - padding.top - padding.bottom;
  const slot = innerWidth / Math.max(1, days.length);
  const barWidth = Math.max(2, slot * 0.7);
  const labelled = new Set([0, 7, 14, 21, days.length - 1]);
  return (
    <figure className="usage-chart">
      <figcaption>
        {title}: <strong>{usd(total)}</strong>
        {total > 0 ? (
          <span className="usage-chart-peak"> {t('chart.peak', { amount: usd(max) })}</span>
        ) : null}
      </figcaption>
      {total === 0 ? <p className="muted">{t('chart.none')}</p> : null}
      <svg
        display={total === 0 ? 'none' : undefined}
        viewBox={`0 0 ${width} ${height}`}
        role="presentation"
        aria-hidden="true"
        focusable="false"
      >
        <line
          x1={padding.left}
          x2={width - padding.right}
          y1={height - padding.bottom}
          y2={height - padding.bottom}
          className="usage-chart-axis"
        />
        {days.map((day, index) => {
          const barHeight = day.costMicros === 0 ? 0 : Math.max(2, (day.costMicros / max) * innerHeight);
          const x = padding.left + index * slot + (slot - barWidth) / 2;
          return (
            <g key={day.date}>
              <rect
                x={x}
                y={height - padding.bottom - barHeight}
                width={barWidth}
                height={barHeight}
                rx={1.5}
                className={day.date === highlight ? 'usage-chart-bar usage-chart-today' : 'usage-chart-bar'}
              >
                <title>
                  {t('chart.bar', {
                    day: formatCalendarDate(day.date),
                    amount: usd(day.costMicros),
                    calls: day.calls,
                  })}
                </title>
              </rect>
              {labelled.has(index) ? (
                <text x={x + barWidth / 2} y={height - 6} textAnchor="middle" className="usage-chart-label">
                  {formatCalendarDate(day.date)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      {/* Hidden through a wrapper: a table ignores width, so a hidden one still widened the page. */}
      <div className="visually-hidden">
        <table>
          <caption>{t('chart.caption', { title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('chart.day')}</th>
              <th scope="col">{t('chart.cost')}</th>
              <th scope="col">{t('chart.calls')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date}>
                <th scope="row">{formatCalendarDate(day.date)}</th>
                <td>{usd(day.costMicros)}</td>
                <td>{day.calls}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
