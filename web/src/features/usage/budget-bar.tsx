import { ProgressBar } from '../../components/progress-bar.tsx';
import { formatMoney } from '../../i18n/format-money.ts';
import { useT } from '../../i18n/i18n.ts';

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
  const t = useT('usage');
  if (capMicros === null) {
    return (
      <p className="budget-bar-text">{t('bar.noCap', { label, spent: formatMoney(spentMicros, precise) })}</p>
    );
  }
  const percent = capMicros === 0 ? 100 : Math.min(100, Math.round((spentMicros / capMicros) * 100));
  const level = percent >= 90 ? 'high' : percent >= 75 ? 'medium' : 'low';
  return (
    <div className="budget-bar">
      <div className="budget-bar-text">
        <span>{label}</span>
        <span>
          {t('bar.of', {
            spent: formatMoney(spentMicros, precise),
            cap: formatMoney(capMicros, precise),
            percent,
          })}
        </span>
      </div>
      <ProgressBar
        label={label}
        percent={percent}
        text={t('bar.ofShort', {
          spent: formatMoney(spentMicros, precise),
          cap: formatMoney(capMicros, precise),
        })}
        trackClassName="budget-bar-track"
        fillClassName={`budget-bar-fill budget-bar-${level}`}
      />
    </div>
  );
}
