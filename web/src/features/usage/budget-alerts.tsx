import { lazy, Suspense, useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import type { BudgetAlert } from '../../../../contracts/budget.ts';
import { api } from '../../lib/api-client.ts';

const BudgetAlertCard = lazy(async () => ({
  default: (await import('./budget-alert-card.tsx')).BudgetAlertCard,
}));

/** Marks alerts as seen: each threshold is shown once per period. */
export function dismissAlerts(ids: string[]): Promise<void> {
  return api.post<void>('/api/me/usage/alerts/seen', { ids });
}

/**
 * Budget alerts (50, 75, 90 and 100 % of a monthly cap) at the top of every page until the member
 * dismisses them. Checked again on each navigation, which is when a new one can have appeared.
 */
export function BudgetAlertBanner() {
  const location = useLocation();
  const [alerts, setAlerts] = useState<BudgetAlert[]>([]);

  useEffect(() => {
    // The pathname is read so that each navigation checks again.
    void location.pathname;
    const controller = new AbortController();
    api
      .get<{ alerts: BudgetAlert[] }>('/api/me/usage/alerts', { signal: controller.signal })
      .then((result) => {
        if (!controller.signal.aborted) setAlerts(result.alerts);
      })
      // An alert that cannot be fetched now is fetched on the next navigation; nothing to show.
      .catch(() => {});
    return () => controller.abort();
  }, [location.pathname]);

  if (alerts.length === 0) return null;

  async function dismiss() {
    const ids = alerts.map((alert) => alert.id);
    setAlerts([]);
    await dismissAlerts(ids).catch(() => {});
  }

  return (
    <Suspense fallback={null}>
      <BudgetAlertCard alerts={alerts} onDismiss={() => void dismiss()} />
    </Suspense>
  );
}
