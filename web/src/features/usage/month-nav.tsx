import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { monthName, shiftMonth } from './month.ts';

/**
 * Previous / next month around the month shown, for the learner's and the admin's usage pages.
 * `children` adds page-specific actions (the admin's CSV download) to the same bar.
 */
export function MonthNav({
  month,
  isCurrent,
  onChange,
  children,
}: {
  month: string;
  /** No "next" from the current month: the future has no usage. */
  isCurrent: boolean;
  onChange: (month: string) => void;
  children?: ReactNode;
}) {
  const t = useT('usage');
  return (
    <nav className="usage-months" aria-label={t('month.nav')}>
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => onChange(shiftMonth(month, -1))}
      >
        {t('month.previous')}
      </button>
      <h2>{monthName(month)}</h2>
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => onChange(shiftMonth(month, 1))}
        disabled={isCurrent}
      >
        {t('month.next')}
      </button>
      {children}
    </nav>
  );
}
