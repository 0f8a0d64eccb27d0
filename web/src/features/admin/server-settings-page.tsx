import { useState } from 'react';
import type { ServerSettings } from '../../../../contracts/admin.ts';
import { CheckboxField, FormAlert } from '../../components/form-field.tsx';
import { LoadError, PageLoading, PageTitle } from '../../components/page-states.tsx';
import { api } from '../../lib/api-client.ts';
import { formErrorsFrom } from '../../lib/form-errors.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';

export function ServerSettingsPage() {
  const query = useApiQuery<ServerSettings>('/api/admin/settings');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  // A single switch saves as soon as it changes: there is nothing else to submit with it. It flips at once
  // (the click is the user's intent) and flips back if the server refuses.
  async function setOpenSignup(openSignup: boolean) {
    setBusy(true);
    setError(null);
    setStatus(null);
    query.setData(() => ({ openSignup }));
    try {
      const result = await api.patch<ServerSettings>('/api/admin/settings', { openSignup });
      query.setData(() => result);
      setStatus(
        result.openSignup
          ? 'Open sign-up is on: anyone who can reach this server can create a learner account.'
          : 'Open sign-up is off: only admins can create accounts.',
      );
    } catch (caught) {
      query.setData(() => ({ openSignup: !openSignup }));
      setError(formErrorsFrom(caught, []).form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page">
      <PageTitle lead="Settings that apply to everyone on this server.">Server settings</PageTitle>
      {query.loading && !query.data ? <PageLoading /> : null}
      {query.error ? <LoadError message={query.error.message} onRetry={query.reload} /> : null}
      {query.data ? (
        <div className="card form" aria-busy={busy}>
          <h2>Accounts</h2>
          <FormAlert message={error} />
          <CheckboxField
            label="Open sign-up"
            name="openSignup"
            checked={query.data.openSignup}
            onChange={setOpenSignup}
            disabled={busy}
            hint="When on, anyone who can reach this server can create a learner account from the sign-up page. When off, only admins create accounts, on the Members page."
          />
          <div role="status" className={status ? 'alert alert-success' : 'visually-hidden'}>
            {status}
          </div>
        </div>
      ) : null}
    </section>
  );
}
