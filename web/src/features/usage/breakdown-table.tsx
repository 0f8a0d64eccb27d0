import type { MessageKey } from '../../../../contracts/messages/catalogues.ts';
import { TableScroll } from '../../components/table-scroll.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { formatMoney } from '../../i18n/format-money.ts';
import { translate, useT } from '../../i18n/i18n.ts';

export type BreakdownRow = {
  key: string;
  label: string;
  note?: string | undefined;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costMicros: number;
};

/** Spending broken down by purpose, model or provider: calls, tokens of each kind, and cost. */
export function BreakdownTable({
  caption,
  heading,
  rows,
  empty,
}: {
  caption: string;
  /** The first column's heading ("Purpose", "Model", "Member"). */
  heading: string;
  rows: BreakdownRow[];
  empty: string;
}) {
  const t = useT('usage');
  if (rows.length === 0) {
    return (
      <div className="usage-breakdown">
        <h3>{caption}</h3>
        <p className="muted">{empty}</p>
      </div>
    );
  }
  return (
    <TableScroll className="usage-breakdown" label={caption}>
      <table className="usage-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col" className="numeric">
              {t('table.calls')}
            </th>
            <th scope="col" className="numeric">
              {t('table.input')}
            </th>
            <th scope="col" className="numeric">
              {t('table.cached')}
            </th>
            <th scope="col" className="numeric">
              {t('table.output')}
            </th>
            <th scope="col" className="numeric">
              {t('table.cost')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">
                {row.label}
                {row.note ? <span className="badge badge-warning">{row.note}</span> : null}
              </th>
              <td className="numeric">{formatNumber(row.calls)}</td>
              <td className="numeric">{formatNumber(row.inputTokens)}</td>
              <td className="numeric">
                {formatNumber(row.cacheReadTokens)} / {formatNumber(row.cacheWriteTokens)}
              </td>
              <td className="numeric">{formatNumber(row.outputTokens)}</td>
              <td className="numeric">{formatMoney(row.costMicros, { precise: true })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** A ledger purpose in words (the `usage` catalogue: the page calls `useT('usage')`). */
export function purposeLabel(purpose: string): string {
  const key = `usage.purpose.${purpose}`;
  const label = translate(key as MessageKey);
  return label === key ? purpose : label;
}
