import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import type { BudgetAlert } from '../../../../contracts/budget.ts';
import { useT } from '../../i18n/i18n.ts';
import { useCurrentUser } from '../../lib/auth-context.tsx';
import './budget-alerts.css';

/** A child's usage page is their tutor time: the link says so, in its words (loaded only for a child). */
function TutorTimeLink() {
  const t = useT('usage');
  return <Link to="/usage">{t('child.heading')}</Link>;
}

/**
 * The alert itself, loaded only when there is one to show: most pages never have one, and every page's
 * first load pays for what the shell imports. The sentence comes from the server in the reader's
 * language, worded for a child when the reader is one (tutor time, no money, caps or models).
 */
export function BudgetAlertCard({ alerts, onDismiss }: { alerts: BudgetAlert[]; onDismiss: () => void }) {
  const t = useT('common');
  const location = useLocation();
  const child = useCurrentUser().isChild;
  // Several thresholds at once (a big call, or a lowered cap): the highest says it all.
  const latest = [...alerts].sort((a, b) => b.threshold - a.threshold)[0];
  if (!latest) return null;
  const usagePage = latest.scope === 'server' ? '/admin/usage' : '/usage';
  let link: ReactNode = null;
  if (location.pathname !== usagePage)
    link = child ? <TutorTimeLink /> : <Link to={usagePage}>{t('budgetAlert.seeUsage')}</Link>;
  return (
    <div
      className={`alert budget-alert ${latest.threshold >= 100 ? 'alert-error' : 'alert-warning'}`}
      role="status"
    >
      <p>
        {latest.message} {link}
      </p>
      <button type="button" className="button button-secondary button-small" onClick={onDismiss}>
        {t('budgetAlert.dismiss')}
      </button>
    </div>
  );
}
