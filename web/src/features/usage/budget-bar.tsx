import { formatUsd } from '../../../../contracts/money.ts';
import { ProgressBar } from '../../components/progress-bar.tsx';

const precise = { precise: true };

/** How much of a cap is used, as a bar with the numbers spelled out beside it. */
export function BudgetBar({
  label,
  spentMicros,
  capMicros,
}: {
  label: string;
  spentMicros: number;
  capMicros: number | null;
}) {
  if (capMicros === null) {
    return (
      <p className="budget-bar-text">
        {label}: {formatUsd(spentMicros, precise)} spent, no cap.
      </p>
    );
  }
  const percent = capMicros === 0 ? 100 : Math.min(100, Math.round((spentMicros / capMicros) * 100));
  const level = percent >= 90 ? 'high' : percent >= 75 ? 'medium' : 'low';
  return (
    <div className="budget-bar">
      <div className="budget-bar-text">
        <span>{label}</span>
        <span>
          {formatUsd(spentMicros, precise)} of {formatUsd(capMicros, precise)} ({percent}%)
        </span>
      </div>
      <ProgressBar
        label={label}
        percent={percent}
        text={`${formatUsd(spentMicros, precise)} of ${formatUsd(capMicros, precise)}`}
        trackClassName="budget-bar-track"
        fillClassName={`budget-bar-fill budget-bar-${level}`}
      />
    </div>
  );
}
