import { Link, useLocation } from 'react-router';
import type { BudgetAlert } from '../../../../contracts/budget.ts';
import { useT } from '../../i18n/i18n.ts';
import './budget-alerts.css';

/**
 * The alert itself, loaded only when there is one to show: most pages never have one, and every page's
 * first load pays for what the shell imports. The sentence comes from the server in the reader's
 * language.
 */
export function BudgetAlertCard({ alerts, onDismiss }: { alerts: BudgetAlert[]; onDismiss: () => void }) {
  const t = useT('common');
  const location = useLocation();
  // Several thresholds at once (a big call, or a lowered cap): the highest says it all.
  const latest = [...alerts].sort((a, b) => b.threshold - a.threshold)[0];
  if (!latest) return null;
  const usagePage = latest.scope === 'server' ? '/admin/usage' : '/usage';
  return (
    <div
      className={`alert budget-alert ${latest.threshold >= 100 ? 'alert-error' : 'alert-warning'}`}
      role="status"
    >
      <p>
        {latest.message}{' '}
        {location.pathname === usagePage ? null : <Link to={usagePage}>{t('budgetAlert.seeUsage')}</Link>}
      </p>
      <button type="button" className="button button-secondary button-small" onClick={onDismiss}>
        {t('budgetAlert.dismiss')}
      </button>
    </div>
  );
}
