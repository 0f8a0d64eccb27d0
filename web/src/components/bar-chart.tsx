import type { ReactNode } from 'react';

export type Bar = { key: string; label: string; value: number };

/**
 * A small bar chart of counts (plain elements, no chart library) for a few weeks of days: the bars
 * are decoration for sighted users, and a visually hidden table carries the same numbers for screen
 * readers. `highlight` marks one bar (today); `target` draws a dashed line (a daily goal); `empty`
 * replaces a chart of zeros.
 */
export function BarChart({
  bars,
  caption,
  tableCaption,
  labelHeading,
  valueHeading,
  highlight,
  target,
  empty,
}: {
  bars: readonly Bar[];
  caption: ReactNode;
  tableCaption: string;
  /** The hidden table's first column ("Day"), in the interface language: the caller's words. */
  labelHeading: string;
  valueHeading: string;
  highlight?: string | undefined;
  target?: number | undefined;
  empty?: string | undefined;
}) {
  const max = Math.max(1, target ?? 0, ...bars.map((bar) => bar.value));
  const total = bars.reduce((sum, bar) => sum + bar.value, 0);
  const first = bars[0];
  const last = bars.at(-1);
  return (
    <figure className="bar-chart">
      <figcaption>{caption}</figcaption>
      {total === 0 ? (
        empty ? (
          <p className="muted">{empty}</p>
        ) : null
      ) : (
        <div aria-hidden="true">
          <div className="bar-chart-bars">
            {target ? (
              <span className="bar-chart-target" style={{ bottom: `${(target / max) * 100}%` }} />
            ) : null}
            {bars.map((bar) => (
              <span
                key={bar.key}
                className={bar.key === highlight ? 'bar-chart-bar bar-chart-highlight' : 'bar-chart-bar'}
                style={{ height: bar.value === 0 ? 0 : `${Math.max(2, (bar.value / max) * 100)}%` }}
                title={`${bar.label}: ${bar.value}`}
              />
            ))}
          </div>
          {first && last && first !== last ? (
            <div className="bar-chart-axis">
              <span>{first.label}</span>
              <span>{last.label}</span>
            </div>
          ) : null}
        </div>
      )}
      {/* Hidden through a wrapper: a table ignores width, so a hidden one still widened the page. */}
      <div className="visually-hidden">
        <table>
          <caption>{tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{labelHeading}</th>
              <th scope="col">{valueHeading}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.key}>
                <th scope="row">{bar.label}</th>
                <td>{bar.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
