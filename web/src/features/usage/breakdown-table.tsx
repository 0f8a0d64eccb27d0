import { formatUsd } from '../../../../contracts/money.ts';
import { TableScroll } from '../../components/table-scroll.tsx';

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

const number = (value: number) => value.toLocaleString('en-US');

/** Spending broken down by purpose, model or provider: calls, tokens of each kind, and cost. */
export function BreakdownTable({
  caption,
  rows,
  empty,
}: {
  caption: string;
  rows: BreakdownRow[];
  empty: string;
}) {
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
            <th scope="col">{caption.replace(/^By /, '').replace(/^./, (first) => first.toUpperCase())}</th>
            <th scope="col" className="numeric">
              Calls
            </th>
            <th scope="col" className="numeric">
              Input tokens
            </th>
            <th scope="col" className="numeric">
              Cached (read / written)
            </th>
            <th scope="col" className="numeric">
              Output tokens
            </th>
            <th scope="col" className="numeric">
              Cost
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
              <td className="numeric">{number(row.calls)}</td>
              <td className="numeric">{number(row.inputTokens)}</td>
              <td className="numeric">
                {number(row.cacheReadTokens)} / {number(row.cacheWriteTokens)}
              </td>
              <td className="numeric">{number(row.outputTokens)}</td>
              <td className="numeric">{formatUsd(row.costMicros, { precise: true })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export const purposeLabels: Record<string, string> = {
  reply: 'Tutor replies',
  feedback: 'Corrections and feedback',
  'memory-summary': 'Conversation memory',
  'roleplay-report': 'Role-play reports',
  title: 'Conversation titles',
  exercise: 'Grammar exercises',
  'reading-glossary': 'Reading: word explanations',
  'reading-rewrite': 'Reading: rewrites',
  'reading-questions': 'Reading: questions',
  transcription: 'Speech to text',
  synthesis: 'Text to speech',
  'provider-test': 'Provider tests',
};
